// One file sent to a tus endpoint in chunks, continued after any failure from the offset the server
// reports, and after a reload from the URLs remembered for the file. A large file can go as several
// partial uploads sent at once and joined by the server (tus concatenation), when the server offers it.

import { createUpload, deleteUpload, headUpload, patchUpload, serverExtensions } from './tus.js';
import { backoff, isAbort, pause } from './retry.js';
import { fingerprint, forget, recall, remember } from './fingerprints.js';

const MIB = 1024 * 1024;

/**
 * Events: `statechange`, `created` {url | parts}, `resumed` {url | parts, offset}, `progress` {sent, confirmed,
 * total}, `retry` {attempt, delay, error}, `complete` {url}, `error` {error}. `sent` counts bytes that left the
 * browser, `confirmed` those the server acknowledged as stored; only confirmed bytes survive a failure.
 *
 * Options: `chunkSize` (most bytes per request), `parallel` (parts sent at once for a large file) and
 * `minPartSize` (no part is smaller: a file below twice this size goes in one piece).
 */
export class FileUpload extends EventTarget {
  constructor(file, { endpoint = '/files/', chunkSize = 16 * MIB, parallel = 1, minPartSize = 64 * MIB,
    metadata = {}, headers = {}, maxAttempts = 12, storage = globalThis.localStorage } = {}) {
    super();
    this.file = file;
    this.endpoint = new URL(endpoint, document.baseURI).href;
    this.chunkSize = chunkSize;
    this.parallel = parallel;
    this.minPartSize = minPartSize;
    this.metadata = { filename: file.name, filetype: file.type || 'application/octet-stream', ...metadata };
    this.headers = headers;
    this.maxAttempts = maxAttempts;
    this.storage = storage;
    this.key = fingerprint(file, this.endpoint);
    this.state = 'idle';
    this.url = null;
    /** While the file goes in parts: [{url, start, end, confirmed, sent}]; null when it goes in one piece. */
    this.parts = null;
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
        if (!this.url && !this.parts) await this.findOrCreate(signal);
        if (this.parts) {
          await this.sendParts(signal);
          await this.joinParts(signal);
        } else {
          await this.sendRange(this, 0, signal);
        }
        forget(this.key, this.storage);
        this.setState('complete');
        this.emit('complete', { url: this.url });
        return;
      } catch (e) {
        if (isAbort(e) || signal.aborted) return;
        if (e.gone) {
          // The server no longer has it, or one of its parts (expired, deleted): start over.
          await this.discard();
        } else if (!e.retryable || ++attempt >= this.maxAttempts) {
          this.error = e;
          this.setState('failed');
          this.emit('error', { error: e });
          return;
        }
        const delay = backoff(attempt);
        this.emit('retry', { attempt, delay, error: e });
        try { await pause(delay, signal); } catch { return; }
        // After a failure the server's offsets are the truth: some bytes of a broken chunk may be stored.
        try { await this.refreshOffsets(signal); } catch (again) { if (isAbort(again)) return; /* retried */ }
      }
    }
  }

  async findOrCreate(signal) {
    const previous = recall(this.key, this.storage);
    if (previous) {
      try {
        await this.resume(previous, signal);
        return;
      } catch (e) {
        if (!e.gone) throw e;
        await this.discard(previous.parts ?? []);
      }
    }
    const count = Math.min(this.parallel, Math.floor(this.file.size / this.minPartSize));
    if (count >= 2 && (await serverExtensions(this.endpoint, { headers: this.headers, signal })).includes('concatenation')) {
      await this.createParts(count, signal);
    } else {
      this.url = await createUpload(this.endpoint, { length: this.file.size, metadata: this.metadata,
        headers: this.headers, signal });
      this.confirmed = 0;
      remember(this.key, { url: this.url }, this.storage);
      this.emit('created', { url: this.url });
    }
  }

  async resume(previous, signal) {
    if (previous.parts) {
      this.parts = this.partRanges(previous.parts.length).map((range, i) => ({ ...range, url: previous.parts[i] }));
      await this.refreshOffsets(signal);
      this.emit('resumed', { parts: previous.parts, offset: this.confirmed });
    } else {
      this.url = previous.url;
      await this.refreshOffsets(signal);
      this.emit('resumed', { url: this.url, offset: this.confirmed });
    }
  }

  /** Equal ranges of the file, the last one taking what is left over. */
  partRanges(count) {
    const size = Math.floor(this.file.size / count);
    return Array.from({ length: count }, (_, i) => ({
      start: i * size, end: i === count - 1 ? this.file.size : (i + 1) * size, confirmed: 0, sent: 0,
    }));
  }

  async createParts(count, signal) {
    const parts = this.partRanges(count);
    for (const part of parts) {
      part.url = await createUpload(this.endpoint, { length: part.end - part.start, concat: 'partial',
        headers: this.headers, signal });
    }
    this.parts = parts;
    this.confirmed = 0;
    remember(this.key, { parts: parts.map((p) => p.url) }, this.storage);
    this.emit('created', { parts: parts.map((p) => p.url) });
  }

  /** Sends every part at once; the first failure stops the others, keeping what each has stored. */
  async sendParts(signal) {
    const together = new AbortController();
    const stop = () => together.abort();
    signal.addEventListener('abort', stop, { once: true });
    try {
      await Promise.all(this.parts.map((part) => this.sendRange(part, part.start, together.signal)
        .catch((e) => { together.abort(); throw e; })));
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

  async joinParts(signal) {
    this.url = await createUpload(this.endpoint, { concat: this.parts.map((p) => p.url), metadata: this.metadata,
      headers: this.headers, signal });
    this.emit('created', { url: this.url });
  }

  /**
   * Sends the bytes of `target` (the whole upload, or one part) from its confirmed offset to its end, in
   * chunks. `base` is where the target's bytes start in the file.
   */
  async sendRange(target, base, signal) {
    const length = target === this ? this.file.size : target.end - target.start;
    this.report();
    while (target.confirmed < length || length === 0) {
      const start = target.confirmed;
      const chunk = this.file.slice(base + start, base + Math.min(start + this.chunkSize, length));
      target.confirmed = await patchUpload(target.url, start, chunk, {
        headers: this.headers, signal, onSent: (n) => { target.sent = start + n; this.report(); },
      });
      target.sent = target.confirmed;
      this.report();
      if (length === 0) break;
    }
  }

  async refreshOffsets(signal) {
    if (this.url) {
      this.confirmed = (await headUpload(this.url, { headers: this.headers, signal })).offset;
      this.sent = this.confirmed;
    } else if (this.parts) {
      for (const part of this.parts) {
        part.confirmed = (await headUpload(part.url, { headers: this.headers, signal })).offset;
        part.sent = part.confirmed;
      }
    }
    this.report();
  }

  /** Forgets the upload and deletes what is left of it on the server, so that the next start begins anew. */
  async discard(urls = [this.url, ...(this.parts ?? []).map((p) => p.url)]) {
    forget(this.key, this.storage);
    await Promise.all(urls.filter(Boolean).map((url) => deleteUpload(url, { headers: this.headers }).catch(() => {})));
    this.url = null;
    this.parts = null;
    this.confirmed = 0;
    this.sent = 0;
  }

  /** Stops sending; what the server confirmed is kept, and `start()` continues from there. */
  pause() {
    if (this.state !== 'uploading') return;
    this.controller?.abort();
    this.setState('paused');
  }

  /** Stops and deletes the upload, with its parts, on the server. */
  async cancel() {
    this.controller?.abort();
    this.setState('cancelled');
    await this.discard();
  }

  /** Totals over the parts (or the one upload) for the `progress` event. */
  report() {
    if (this.parts && !this.url) {
      this.confirmed = this.parts.reduce((sum, p) => sum + p.confirmed, 0);
      this.sent = this.parts.reduce((sum, p) => sum + Math.max(p.sent, p.confirmed), 0);
    } else {
      this.sent = Math.max(this.sent, this.confirmed);
    }
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
