// Uploads FILE with tus-js-client speaking the IETF resumable upload draft (PROTOCOL is 'ietf-draft-03', which
// sends interop version 5, or 'ietf-draft-05', which sends 6): the first chunk goes with the creation request,
// the upload is aborted midway and then resumed by a new Upload from its URL. Prints one line of JSON:
// {"url", "size", "headOffset", "resumedFrom", "versions", "interim", "finalStatus", "finalComplete", "finalBody"},
// where "interim" lists the 1xx responses Node.js received and "versions" the interop versions sent.
//   node ietf.cjs FILE ENDPOINT PROTOCOL
// Exits 1 (with the reason on stderr) if any step fails.
'use strict';
const fs = require('fs');
const tus = require('tus-js-client');

const [file, endpoint, protocol] = process.argv.slice(2);
const size = fs.statSync(file).size;
const chunkSize = 1024 * 1024;
const versions = new Set();
const interim = [];

// Node's default stack, recording the interim responses that arrive before each final one.
const defaultStack = new tus.DefaultHttpStack();
const httpStack = {
  getName: () => 'recording',
  createRequest(method, url) {
    const req = defaultStack.createRequest(method, url);
    const send = req.send.bind(req);
    req.send = (body) => {
      const sent = send(body);
      req.getUnderlyingObject().on('information', (info) => interim.push({
        method, status: info.statusCode, location: info.headers.location || null,
        offset: info.headers['upload-offset'] || null, version: info.headers['upload-draft-interop-version'] || null,
      }));
      return sent;
    };
    return req;
  },
};

function options(extra) {
  return {
    endpoint,
    protocol,
    httpStack,
    uploadSize: size,
    chunkSize,
    retryDelays: null,
    uploadDataDuringCreation: true,
    metadata: { filename: 'ietf.bin', filetype: 'application/octet-stream' },
    onBeforeRequest(req) {
      versions.add(req.getHeader('Upload-Draft-Interop-Version'));
    },
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

// Second attempt: a new Upload that asks the server where the first one left off.
function resume(url) {
  return new Promise((resolve, reject) => {
    const seen = { headOffset: null, resumedFrom: null };
    const upload = new tus.Upload(fs.createReadStream(file), options({
      uploadUrl: url,
      onAfterResponse(req, res) {
        if (req.getMethod() === 'HEAD') seen.headOffset = Number(res.getHeader('Upload-Offset'));
      },
      onBeforeRequest(req) {
        versions.add(req.getHeader('Upload-Draft-Interop-Version'));
        if (req.getMethod() === 'PATCH' && seen.resumedFrom === null) {
          seen.resumedFrom = Number(req.getHeader('Upload-Offset'));
        }
      },
      onError: reject,
      onSuccess: ({ lastResponse }) => resolve({
        url: upload.url,
        ...seen,
        finalStatus: lastResponse.getStatus(),
        finalComplete: lastResponse.getHeader('Upload-Complete'),
        finalBody: lastResponse.getBody(),
      }),
    }));
    upload.start();
  });
}

(async () => {
  const abortedUrl = await uploadUntilAbort();
  const result = await resume(abortedUrl);
  if (result.url !== abortedUrl) throw new Error(`resumed ${result.url}, not the aborted ${abortedUrl}`);
  console.log(JSON.stringify({ size, ...result, versions: [...versions], interim }));
})().catch((e) => {
  console.error(`ietf.cjs failed: ${e.stack || e}`);
  process.exit(1);
});
