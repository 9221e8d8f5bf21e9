// One file sent to a tus endpoint in chunks, continued after any failure from the offset the server
// reports, and after a reload from the URL remembered for the file.

import { createUpload, deleteUpload, headUpload, patchUpload } from './tus.js';
import { backoff, isAbort, pause } from './retry.js';
import { fingerprint, forget, recall, remember } from './fingerprints.js';

/**
 * Events: `statechange`, `created` {url}, `resumed` {url, offset}, `progress` {sent, confirmed, total},
 * `retry` {attempt, delay, error}, `complete` {url}, `error` {error}. `sent` counts bytes that left the
 * browser, `confirmed` those the server acknowledged as stored; only confirmed bytes survive a failure.
 */
export class FileUpload extends EventTarget {
  constructor(file, { endpoint = '/files/', chunkSize = 16 * 1024 * 1024, metadata = {}, headers = {},
    maxAttempts = 12, storage = globalThis.localStorage } = {}) {
    super();
    this.file = file;
    this.endpoint = new URL(endpoint, document.baseURI).href;
    this.chunkSize = chunkSize;
    this.metadata = { filename: file.name, filetype: file.type || 'application/octet-stream', ...metadata };
    this.headers = headers;
    this.maxAttempts = maxAttempts;
    this.storage = storage;
    this.key = fingerprint(file, this.endpoint);
    this.state = 'idle';
    this.url = null;
    this.confirmed = 0;
    this.sent = 0;
    this.error = null;
    this.controller = null;
  }

  get total() { return this.file.size; }

  /** Starts or continues the upload; resolves when it completes, is paused or fails. */
  async start() {
    if (this.state === 'uploading' || this.state === 'complete') return;
    this.controller = new AbortController();
    const { signal } = this.controller;
    this.error = null;
    this.setState('uploading');
    let attempt = 0;
    while (this.state === 'uploading') {
      try {
        if (!this.url) await this.findOrCreate(signal);
        await this.sendChunks(signal);
        forget(this.key, this.storage);
        this.setState('complete');
        this.emit('complete', { url: this.url });
        return;
      } catch (e) {
        if (isAbort(e) || signal.aborted) return;
        if (e.gone) {
          // The server no longer has it (expired, deleted): start over with a new upload.
          forget(this.key, this.storage);
          this.url = null;
          this.confirmed = 0;
        } else if (!e.retryable || ++attempt >= this.maxAttempts) {
          this.error = e;
          this.setState('failed');
          this.emit('error', { error: e });
          return;
        }
        const delay = backoff(attempt);
        this.emit('retry', { attempt, delay, error: e });
        try { await pause(delay, signal); } catch { return; }
        // After a failure the server's offset is the truth: some bytes of the broken chunk may be stored.
        if (this.url) {
          try { this.confirmed = (await headUpload(this.url, { headers: this.headers, signal })).offset; } catch { /* retried */ }
        }
      }
    }
  }

  async findOrCreate(signal) {
    const previous = recall(this.key, this.storage);
    if (previous) {
      try {
        const { offset } = await headUpload(previous.url, { headers: this.headers, signal });
        this.url = previous.url;
        this.confirmed = offset;
        this.emit('resumed', { url: this.url, offset });
        return;
      } catch (e) {
        if (!e.gone) throw e;
        forget(this.key, this.storage);
      }
    }
    this.url = await createUpload(this.endpoint, { length: this.file.size, metadata: this.metadata,
      headers: this.headers, signal });
    this.confirmed = 0;
    remember(this.key, this.url, this.storage);
    this.emit('created', { url: this.url });
  }

  async sendChunks(signal) {
    this.progress(this.confirmed);
    while (this.confirmed < this.file.size || this.file.size === 0) {
      const start = this.confirmed;
      const chunk = this.file.slice(start, Math.min(start + this.chunkSize, this.file.size));
      this.confirmed = await patchUpload(this.url, start, chunk, {
        headers: this.headers, signal, onSent: (n) => this.progress(start + n),
      });
      this.progress(this.confirmed);
      if (this.file.size === 0) break;
    }
  }

  /** Stops sending; what the server confirmed is kept, and `start()` continues from there. */
  pause() {
    if (this.state !== 'uploading') return;
    this.controller?.abort();
    this.setState('paused');
  }

  /** Stops and deletes the upload on the server. */
  async cancel() {
    this.controller?.abort();
    this.setState('cancelled');
    forget(this.key, this.storage);
    if (this.url) await deleteUpload(this.url, { headers: this.headers }).catch(() => {});
  }

  progress(sent) {
    this.sent = Math.max(sent, this.confirmed);
    this.emit('progress', { sent: this.sent, confirmed: this.confirmed, total: this.file.size });
  }

  setState(state) {
    this.state = state;
    this.emit('statechange', { state });
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
