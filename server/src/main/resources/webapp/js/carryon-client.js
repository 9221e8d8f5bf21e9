// Carryon's browser client: plain ES modules, no build step. Import from here.
export { FileUpload } from './client/file-upload.js';
export { StreamUpload } from './client/stream-upload.js';
export { ProgressFeed } from './client/progress-feed.js';
export { TusError, createUpload, headUpload, patchUpload, deleteUpload, editMetadata } from './client/tus.js';
