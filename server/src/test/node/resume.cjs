// Uploads FILE with tus-js-client, aborts the upload midway, then resumes it with a new Upload and prints one
// line of JSON: {"url", "size", "headOffset", "resumedFrom"}.
//   node resume.cjs FILE ENDPOINT previous STORAGE_FILE   resume through findPreviousUploads (URLs kept in a file)
//   node resume.cjs FILE ENDPOINT uploadUrl               resume through the uploadUrl option
// Exits 1 (with the reason on stderr) if any step fails.
'use strict';
const fs = require('fs');
const tus = require('tus-js-client');

const [file, endpoint, mode, storageFile] = process.argv.slice(2);
const size = fs.statSync(file).size;
// Chunks make the abort land early: at most the chunk in flight completes after it.
const chunkSize = 1024 * 1024;

function options(extra) {
  return {
    endpoint,
    uploadSize: size,
    chunkSize,
    retryDelays: null,
    ...(mode === 'previous' ? { urlStorage: new tus.FileUrlStorage(storageFile) } : {}),
    metadata: { filename: 'resume.bin', filetype: 'application/octet-stream' },
    ...extra,
  };
}

// First attempt: abort as soon as 40% of the file has been handed to the socket, mid-PATCH as a rule.
function uploadUntilAbort() {
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(fs.createReadStream(file), options({
      onProgress(sent) {
        if (sent >= size * 0.4 && !upload.aborting) {
          upload.aborting = true;
          upload.abort().then(() => resolve(upload.url), reject);
        }
      },
      onError: reject,
      onSuccess: () => reject(new Error('the upload finished before it could be aborted')),
    }));
    upload.start();
  });
}

// Second attempt: a new Upload that finds where the first one left off.
function resume(url) {
  return new Promise((resolve, reject) => {
    const seen = { headOffset: null, resumedFrom: null };
    const upload = new tus.Upload(fs.createReadStream(file), options({
      ...(mode === 'uploadUrl' ? { uploadUrl: url } : {}),
      onAfterResponse(req, res) {
        if (req.getMethod() === 'HEAD') seen.headOffset = Number(res.getHeader('Upload-Offset'));
      },
      onBeforeRequest(req) {
        if (req.getMethod() === 'PATCH' && seen.resumedFrom === null) {
          seen.resumedFrom = Number(req.getHeader('Upload-Offset'));
        }
      },
      onError: reject,
      onSuccess: () => resolve({ url: upload.url, ...seen }),
    }));
    if (mode === 'previous') {
      upload.findPreviousUploads().then((previous) => {
        if (previous.length !== 1) throw new Error(`expected 1 previous upload, found ${previous.length}`);
        upload.resumeFromPreviousUpload(previous[0]);
        upload.start();
      }).catch(reject);
    } else {
      upload.start();
    }
  });
}

(async () => {
  const abortedUrl = await uploadUntilAbort();
  const result = await resume(abortedUrl);
  if (result.url !== abortedUrl) throw new Error(`resumed ${result.url}, not the aborted ${abortedUrl}`);
  console.log(JSON.stringify({ size, ...result }));
})().catch((e) => {
  console.error(`resume.cjs failed: ${e.stack || e}`);
  process.exit(1);
});
