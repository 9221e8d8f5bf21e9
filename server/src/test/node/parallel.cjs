// Uploads FILE with tus-js-client in 3 parallel partial uploads that the server concatenates, and prints one
// line of JSON: {"url", "size", "partials", "finals"} (how many creation requests of each kind were sent).
//   node parallel.cjs FILE ENDPOINT
// Exits 1 (with the reason on stderr) if the upload fails.
'use strict';
const fs = require('fs');
const tus = require('tus-js-client');

const [file, endpoint] = process.argv.slice(2);
const size = fs.statSync(file).size;
const concat = { partials: 0, finals: 0 };

const upload = new tus.Upload(fs.createReadStream(file), {
  endpoint,
  parallelUploads: 3, // tus-js-client then takes the size from the file itself
  retryDelays: null,
  metadata: { filename: 'parallel.bin', filetype: 'application/octet-stream' },
  onBeforeRequest(req) {
    const kind = req.getMethod() === 'POST' ? req.getHeader('Upload-Concat') : null;
    if (kind === 'partial') concat.partials++;
    else if (kind && kind.startsWith('final;')) concat.finals++;
  },
  onError(e) {
    console.error(`parallel.cjs failed: ${e.stack || e}`);
    process.exit(1);
  },
  onSuccess() {
    console.log(JSON.stringify({ url: upload.url, size, ...concat }));
  },
});
upload.start();
