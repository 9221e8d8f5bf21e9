// Uploads FILE to ENDPOINT with tus-js-client, in chunks of CHUNK bytes, retrying after every failure (the
// connection goes through a fault-injecting proxy), and prints one line of JSON:
// {"url", "size", "attempts", "errors"}. Exits 1 (with the reason on stderr) if the upload fails for good.
'use strict';
const fs = require('fs');
const tus = require('tus-js-client');

const [file, endpoint, chunk] = process.argv.slice(2);
const size = fs.statSync(file).size;
let errors = 0;

const upload = new tus.Upload(fs.createReadStream(file), {
  endpoint,
  uploadSize: size,
  chunkSize: Number(chunk),
  // Many quick retries: every fault costs one, and the suite injects a fault every few megabytes.
  retryDelays: Array(60).fill(0).map((_, i) => Math.min(100 * (i + 1), 1000)),
  metadata: { filename: 'faults.bin', filetype: 'application/octet-stream' },
  onShouldRetry() {
    errors++;
    return true;
  },
  onError(e) {
    console.error(`faults.cjs failed after ${errors} errors: ${e.stack || e}`);
    process.exit(1);
  },
  onSuccess() {
    console.log(JSON.stringify({ url: upload.url, size, errors }));
  },
});
upload.start();
