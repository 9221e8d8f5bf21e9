// Upload page: drop or pick files; each is a row with its progress (stored on the server, and sent),
// speed, time left, and pause / resume / cancel / retry. Three files go up at once, the rest wait.

import { FileUpload } from '../client/file-upload.js';
import { ProgressFeed } from '../client/progress-feed.js';
import { bytes, clock, el, RateMeter } from '../format.js';
import { eventLog } from '../logger.js';

const AT_ONCE = 3;

export class UploadPage {
  constructor(root) {
    this.rows = [];
    this.feed = new ProgressFeed((s) => this.stored(s));
    const input = el('input', { type: 'file', multiple: true, id: 'file-input', class: 'visually-hidden',
      onchange: () => { this.add([...input.files]); input.value = ''; } });
    const zone = el('label', { class: 'dropzone', for: 'file-input', tabindex: '0', role: 'button',
      'aria-describedby': 'drop-hint',
      onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } } },
    el('strong', {}, 'Drop files here or choose them'),
    el('span', { id: 'drop-hint' }, 'Any size. Interrupted uploads continue where they stopped — also after a reload, if you pick the same file again.'));
    for (const type of ['dragenter', 'dragover']) zone.addEventListener(type, (e) => { e.preventDefault(); zone.classList.add('over'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => { e.preventDefault(); zone.classList.remove('over'); this.add([...e.dataTransfer.files]); });
    this.list = el('ul', { class: 'uploads', 'aria-label': 'Uploads' });
    root.append(el('h1', {}, 'Upload'), zone, input, this.list);
    setInterval(() => this.rows.forEach((r) => r.render()), 500);
  }

  add(files) {
    for (const file of files) {
      const row = new UploadRow(file, () => this.schedule());
      this.rows.push(row);
      this.list.append(row.node);
      eventLog.log('upload.add', { size: file.size, type: file.type });
    }
    this.schedule();
  }

  /** Starts waiting uploads while fewer than AT_ONCE run; watches the running ones' stored bytes. */
  schedule() {
    let running = this.rows.filter((r) => r.upload.state === 'uploading').length;
    for (const row of this.rows) {
      if (running >= AT_ONCE) break;
      if (row.queued) { row.queued = false; row.run(); running++; }
    }
    this.feed.watch(this.rows.filter((r) => r.upload.url && r.upload.state === 'uploading').map((r) => r.id()));
  }

  stored(state) {
    this.rows.find((r) => r.id() === state.id)?.storedUpdate(state);
  }
}

class UploadRow {
  constructor(file, changed) {
    this.changed = changed;
    this.queued = true;
    this.storedBytes = 0;
    this.meter = new RateMeter();
    this.upload = new FileUpload(file, { parallel: 3 });
    for (const type of ['statechange', 'created', 'resumed', 'complete']) {
      this.upload.addEventListener(type, () => { this.render(); changed(); });
    }
    this.upload.addEventListener('progress', (e) => { this.meter.add(e.detail.sent); this.storedBytes = Math.max(this.storedBytes, e.detail.confirmed); });
    this.upload.addEventListener('resumed', (e) => eventLog.log('upload.resume', { offset: e.detail.offset }));
    this.upload.addEventListener('retry', (e) => { this.note = `retrying: ${e.detail.error.message}`; eventLog.log('upload.retry', { attempt: e.detail.attempt, error: e.detail.error.message }, 'warn'); });
    this.upload.addEventListener('complete', () => eventLog.log('upload.complete', { size: file.size }));
    this.upload.addEventListener('error', (e) => eventLog.log('upload.fail', { error: e.detail.error.message }, 'error'));
    this.name = el('span', { class: 'name', title: file.name }, file.name);
    this.bar = el('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-label': `Stored of ${file.name}` },
      this.sentFill = el('div', { class: 'sent' }), this.storedFill = el('div', { class: 'stored' }));
    this.text = el('span', { class: 'detail' });
    this.buttons = el('span', { class: 'actions' });
    this.node = el('li', { class: 'upload' }, el('div', { class: 'line' }, this.name, this.buttons), this.bar, this.text);
    this.render();
  }

  id() {
    return this.upload.url ? new URL(this.upload.url).pathname.split('/').pop() : null;
  }

  run() {
    this.note = '';
    this.upload.start().then(() => { this.render(); this.changed(); });
  }

  storedUpdate(state) {
    this.storedBytes = Math.max(this.storedBytes, state.offset);
    this.render();
  }

  render() {
    const u = this.upload;
    const total = u.total;
    const stored = u.state === 'complete' ? total : Math.max(this.storedBytes, u.confirmed);
    const pct = (n) => (total ? (100 * n) / total : 100);
    this.sentFill.style.width = `${pct(u.sent)}%`;
    this.storedFill.style.width = `${pct(stored)}%`;
    this.bar.setAttribute('aria-valuenow', String(Math.round(pct(stored))));
    const rate = u.state === 'uploading' ? this.meter.rate() : 0;
    const parts = [`${bytes(stored)} of ${bytes(total)} stored`];
    if (u.state === 'uploading') {
      parts.push(`${bytes(u.sent)} sent`, `${bytes(rate)}/s`, `${rate > 0 ? clock((total - u.sent) / rate) : '--:--'} left`);
    }
    const label = this.queued ? 'waiting' : { idle: 'waiting', uploading: navigator.onLine ? 'uploading' : 'offline — will continue',
      paused: 'paused', complete: 'done', failed: `failed: ${u.error?.message ?? ''}`, cancelled: 'cancelled' }[u.state];
    this.text.textContent = `${label} · ${parts.join(' · ')}${this.note && u.state === 'uploading' ? ` · ${this.note}` : ''}`;
    this.node.dataset.state = this.queued ? 'waiting' : u.state;
    if (u.url) this.node.dataset.url = u.url;
    this.renderButtons();
  }

  renderButtons() {
    const u = this.upload;
    const want = { uploading: ['Pause', 'Cancel'], paused: ['Resume', 'Cancel'], failed: ['Retry', 'Cancel'],
      idle: ['Cancel'] }[this.queued ? 'idle' : u.state] ?? [];
    if (this.buttons.dataset.set === want.join()) return;
    this.buttons.dataset.set = want.join();
    this.buttons.replaceChildren(...want.map((label) => el('button', { type: 'button',
      'aria-label': `${label} ${u.file.name}`, onclick: () => this.act(label) }, label)));
  }

  act(label) {
    if (label === 'Pause') this.upload.pause();
    if (label === 'Resume' || label === 'Retry') this.run();
    if (label === 'Cancel') { this.queued = false; this.upload.cancel().then(() => this.render()); }
    this.render();
    this.changed();
  }
}
