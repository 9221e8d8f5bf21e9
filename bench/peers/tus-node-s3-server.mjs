// @tus/server with @tus/s3-store, as a benchmark peer: tus in front, an S3-compatible bucket behind.
// Usage: S3_ENDPOINT=URL S3_BUCKET=B AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… node tus-node-s3-server.mjs PORT
import { Server } from '@tus/server';
import { S3Store } from '@tus/s3-store';

const port = Number(process.argv[2]);
const s3ClientConfig = {
  bucket: process.env.S3_BUCKET,
  endpoint: process.env.S3_ENDPOINT,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY },
  // The SDK's default checksums since 3.729 break S3-compatible servers, as they do for the Java SDK.
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
};
// 8 MiB parts, as Carryon and the aws CLI use.
const server = new Server({ path: '/files', datastore: new S3Store({ partSize: 8 * 1024 * 1024, s3ClientConfig }) });
server.listen({ host: '127.0.0.1', port }, () => console.log(`listening on ${port}`));
