// An upload of unknown length that grows while it is produced — a recording. Blobs are pushed as they
// arrive and sent in order; when the network fails they wait in memory (a Blob list, no copies) and go
// out once it is back. The length is declared by end(), with the duration stored in the metadata.

import { createUpload, deleteUpload, editMetadata, headUpload, patchUpload, TusError } from './tus.js';
import { backoff, isAbort, pause } from './retry.js';

/**
 * Verbs: push(blob), end(duration), abort(), generateCheckpoint(), resumeCheckpoint(checkpoint,
 * partDataProvider). Events: `ready` {url}, `partuploaded` {index, start, end}, `partfailed` {index, error,
 * data} (data: a Blob of every byte the server does not have yet), `complete` {url, length, duration},
 * `completefailed` {error}, `tokenfailed` {error}, `progress` {pushed, confirmed}.
 *
 * `getToken`, if given, is an async function returning {token, expiresAt}; the token is sent as a bearer
 * token and fetched again shortly before it expires.
 */
export class StreamUpload extends EventTarget {
  constructor({ endpoint = '/files/', metadata = {}, headers = {}, getToken = null, minPartSize = 0,
    maxPartSize = 8 * 1024 * 1024, extraData = null } = {}) {
    super();
    this.endpoint = new URL(endpoint, document.baseURI).href;
    this.metadata = metadata;
    this.baseHeaders = headers;
    this.getToken = getToken;
    this.token = null;
    this.minPartSize = minPartSize;
    this.maxPartSize = maxPartSize;
    this.extraData = extraData;
    this.url = null;
    this.buffer = new Blob([]); // bytes from `confirmed` up to `pushed`
    this.confirmed = 0;
    this.pushed = 0;
    this.partIndex = 0;
    this.duration = null;
    this.ending = false;
    this.state = 'open';
    this.controller = new AbortController();
    this.pumping = null;
    this.wake = null;
  }

  /** Adds recorded bytes; they are sent as soon as the previous ones are through. */
  push(blob) {
    if (this.state !== 'open' || this.ending) throw new Error('the stream has ended');
    if (!blob.size) return;
    this.buffer = new Blob([this.buffer, blob]);
    this.pushed += blob.size;
    this.emitProgress();
    this.kick();
  }

  /** Sends what is left, records the duration, declares the length; resolves when the upload is complete. */
  async end(duration = null) {
    this.duration = duration;
    this.ending = true;
    this.kick();
    await this.pump();
    if (this.state !== 'complete') throw new Error(`the upload did not complete (${this.state})`);
    return { url: this.url, length: this.pushed, duration };
  }

  /** Stops sending and deletes the upload. */
  async abort() {
    this.state = 'aborted';
    this.controller.abort();
    if (this.url) await deleteUpload(this.url, { headers: await this.headers() }).catch(() => {});
  }

  /** A small JSON-able record to continue from later (after a reload), given the bytes again. */
  generateCheckpoint() {
    return { url: this.url, offset: this.confirmed, pushed: this.pushed, metadata: this.metadata,
      extraData: this.extraData, duration: this.duration, partIndex: this.partIndex };
  }

  /**
   * Continues from a checkpoint: asks the server how much it has, then `partDataProvider(offset, end)` for
   * the bytes from there to `end` (what had been pushed); an upload that was never created is created.
   */
  async resumeCheckpoint(checkpoint, partDataProvider) {
    this.metadata = checkpoint.metadata ?? this.metadata;
    this.extraData = checkpoint.extraData ?? this.extraData;
    this.duration = checkpoint.duration ?? null;
    this.partIndex = checkpoint.partIndex ?? 0;
    this.url = checkpoint.url;
    let offset = 0;
    if (this.url) {
      try {
        offset = (await headUpload(this.url, { headers: await this.headers() })).offset;
      } catch (e) {
        if (!e.gone) throw e;
        this.url = null;
      }
    }
    this.confirmed = offset;
    this.pushed = checkpoint.pushed ?? offset;
    this.buffer = this.pushed > offset ? await partDataProvider(offset, this.pushed) : new Blob([]);
    if (this.url) this.emit('ready', { url: this.url });
    this.kick();
    return offset;
  }

  kick() {
    if (this.wake) { this.wake(); this.wake = null; }
    if (!this.pumping) this.pumping = this.run().finally(() => { this.pumping = null; });
  }

  pump() {
    return this.pumping ?? Promise.resolve();
  }

  async run() {
    const { signal } = this.controller;
    let attempt = 0;
    while (this.state === 'open') {
      const waiting = this.pushed - this.confirmed;
      const finishing = this.ending && waiting === 0;
      const mustCreate = !this.url && (this.pushed > 0 || this.ending);
      const canSend = waiting > 0 && (waiting >= this.minPartSize || this.ending);
      if (!finishing && !mustCreate && !canSend) {
        await new Promise((resolve) => { this.wake = resolve; });
        continue;
      }
      const index = this.partIndex;
      try {
        if (!this.url) await this.create(signal);
        if (finishing) {
          await this.finish(signal);
          return;
        }
        if (!canSend) continue;
        const part = this.buffer.slice(0, Math.min(this.maxPartSize, waiting));
        const start = this.confirmed;
        const offset = await patchUpload(this.url, start, part, { headers: await this.headers(), signal });
        this.advance(offset);
        this.partIndex++;
        attempt = 0;
        this.emit('partuploaded', { index, start, end: offset });
      } catch (e) {
        if (isAbort(e) || this.state !== 'open') return;
        if (e.tokenFailed) this.emit('tokenfailed', { error: e });
        else if (finishing) this.emit('completefailed', { error: e });
        else this.emit('partfailed', { index, error: e, data: this.buffer });
        if (e.gone) {
          this.state = 'failed';
          return;
        }
        try {
          await pause(backoff(attempt++), signal);
          if (this.url) this.advance((await headUpload(this.url, { headers: await this.headers(), signal })).offset);
        } catch (again) {
          if (isAbort(again)) return;
        }
      }
    }
  }

  async create(signal) {
    this.url = await createUpload(this.endpoint, { length: null, metadata: this.metadata,
      headers: await this.headers(), signal });
    this.emit('ready', { url: this.url });
  }

  /** The duration first, so that the upload is never complete without it; then the length. */
  async finish(signal) {
    const headers = await this.headers();
    if (this.duration !== null) await editMetadata(this.url, { duration: String(this.duration) }, { headers });
    await patchUpload(this.url, this.confirmed, null, { headers, signal, length: this.pushed });
    this.state = 'complete';
    this.emit('complete', { url: this.url, length: this.pushed, duration: this.duration });
  }

  /** The server stored bytes up to `offset`: drop them from the buffer. */
  advance(offset) {
    if (offset > this.confirmed) {
      this.buffer = this.buffer.slice(offset - this.confirmed);
      this.confirmed = offset;
      this.emitProgress();
    }
  }

  async headers() {
    if (!this.getToken) return this.baseHeaders;
    if (!this.token || this.token.expiresAt - Date.now() < 30_000) {
      try {
        this.token = await this.getToken();
      } catch (cause) {
        throw new TusError(`could not get a token: ${cause?.message ?? cause}`, { retryable: true, tokenFailed: true });
      }
    }
    return { ...this.baseHeaders, Authorization: `Bearer ${this.token.token}` };
  }

  emitProgress() {
    this.emit('progress', { pushed: this.pushed, confirmed: this.confirmed });
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
