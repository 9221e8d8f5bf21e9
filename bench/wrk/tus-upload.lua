-- wrk script: complete tus uploads one after another on every connection. An upload is a creation request
-- (POST to the path of the URL given to wrk) followed by PATCHes of TUS_CHUNK bytes, each at the offset the
-- server returned, until TUS_SIZE bytes are stored; then the next upload starts. wrk keeps a script's state
-- per thread, not per connection, so run it with one connection a thread (-t N -c N).
-- At the end it prints one line: "tus uploads=N bytes=B errors=E seconds=S" (bytes counts every byte a
-- server acknowledged, of finished and unfinished uploads alike).
--   TUS_SIZE=16777216 TUS_CHUNK=1048576 wrk -t8 -c8 -d10s -s bench/wrk/tus-upload.lua http://127.0.0.1:1080/files/
local size = tonumber(os.getenv("TUS_SIZE"))
local chunk = tonumber(os.getenv("TUS_CHUNK"))
local full = string.rep("\0", chunk)

-- This thread's upload in progress, and its counters (globals, so that done() can read them).
path, offset = nil, 0
uploads, bytes, errors = 0, 0, 0

local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
end

local function header(headers, name)
  for k, v in pairs(headers) do
    if string.lower(k) == name then return v end
  end
end

function request()
  if path == nil then
    return wrk.format("POST", nil, { ["Tus-Resumable"] = "1.0.0", ["Upload-Length"] = tostring(size) }, "")
  end
  local n = math.min(chunk, size - offset)
  return wrk.format("PATCH", path, {
    ["Tus-Resumable"] = "1.0.0",
    ["Upload-Offset"] = tostring(offset),
    ["Content-Type"] = "application/offset+octet-stream",
  }, n == chunk and full or string.sub(full, 1, n))
end

function response(status, headers)
  if path == nil then
    local location = header(headers, "location")
    if status == 201 and location then
      path, offset = string.gsub(location, "^%a+://[^/]+", ""), 0
    else
      errors = errors + 1
    end
    return
  end
  local stored = tonumber(header(headers, "upload-offset") or "")
  if status == 204 and stored then
    bytes = bytes + stored - offset
    offset = stored
    if offset >= size then
      uploads = uploads + 1
      path = nil
    end
  else
    errors = errors + 1
    path = nil -- give this upload up and start another
  end
end

function done(summary)
  local u, b, e = 0, 0, 0
  for _, t in ipairs(threads) do
    u = u + t:get("uploads")
    b = b + t:get("bytes")
    e = e + t:get("errors")
  end
  io.write(string.format("tus uploads=%d bytes=%d errors=%d seconds=%.3f\n", u, b, e, summary.duration / 1e6))
end
