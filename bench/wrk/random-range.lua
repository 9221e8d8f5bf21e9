-- wrk script: GET random 1 MiB ranges of a file of SIZE bytes (set through the SIZE environment variable).
local size = tonumber(os.getenv("SIZE"))
local span = 1048576
math.randomseed(os.time())
request = function()
  local first = math.random(0, size - span)
  return wrk.format("GET", nil, { ["Range"] = "bytes=" .. first .. "-" .. (first + span - 1) })
end
