// Uploads FILE to ENDPOINT with tus-js-client (installed by `npm ci --prefix bench/peers`) in requests of
// CHUNK bytes, and prints the upload URL. Usage: node tus-js-upload.cjs FILE ENDPOINT CHUNK
'use strict';
const path = require('path');
const fs = require('fs');
const tus = require('tus-js-client');

const [file, endpoint, chunk] = process.argv.slice(2);
const upload = new tus.Upload(fs.createReadStream(file, { highWaterMark: 1 << 20 }), {
  endpoint,
  uploadSize: fs.statSync(file).size,
  chunkSize: Number(chunk),
  retryDelays: null,
  metadata: { filename: path.basename(file) },
  onError(error) {
    console.error(error);
    process.exit(1);
  },
  onSuccess() {
    console.log(upload.url);
  },
});
upload.start();
