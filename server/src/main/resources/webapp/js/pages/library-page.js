// Library page: every upload (newest first) with its name, size, state and live stored progress; a
// player for video and audio; download and delete.

import { ProgressFeed } from '../client/progress-feed.js';
import { deleteUpload } from '../client/tus.js';
import { bytes, clock, el } from '../format.js';
import { Player } from '../player.js';
import { eventLog } from '../logger.js';

const PAGE = 100;

function playable(item) {
  return /^(video|audio)\//.test(item.type ?? '') || /\.(webm|mp4|m4v|mov|mkv|mp3|ogg|wav|m4a)$/i.test(item.filename ?? '');
}

export class LibraryPage {
  constructor(root) {
    this.items = [];
    this.rows = new Map();
    this.player = new Player({ onNext: () => this.next() });
    this.feed = new ProgressFeed((s) => this.progress(s));
    this.list = el('ul', { class: 'library', 'aria-label': 'Uploads' });
    this.more = el('button', { type: 'button', hidden: true, onclick: () => this.load(this.nextCursor) }, 'Load more');
    this.empty = el('p', { class: 'hint', hidden: true }, 'Nothing uploaded yet.');
    root.append(el('div', { class: 'title-row' }, el('h1', {}, 'Library'),
      el('button', { type: 'button', id: 'library-refresh', onclick: () => this.load() }, 'Refresh')),
    this.player.node, this.empty, this.list, this.more);
  }

  shown() { this.load(); }

  hidden() { this.feed.close(); this.player.video.pause(); }

  /** The first page (or the one after `cursor`). */
  async load(cursor = null) {
    const response = await fetch(`/api/uploads?limit=${PAGE}${cursor ? `&after=${cursor}` : ''}`, { cache: 'no-store' });
    if (!response.ok) return;
    const page = await response.json();
    this.items = cursor ? [...this.items, ...page.uploads] : page.uploads.filter((u) => u.concat !== 'partial');
    if (cursor) this.items = this.items.filter((u) => u.concat !== 'partial');
    this.nextCursor = page.next;
    this.more.hidden = !page.next;
    this.render();
  }

  render() {
    this.rows.clear();
    this.list.replaceChildren(...this.items.map((item) => this.row(item)));
    this.empty.hidden = this.items.length > 0;
    this.feed.watch(this.items.filter((i) => !i.complete).map((i) => i.id));
  }

  row(item) {
    const fill = el('div', { class: 'stored' });
    const detail = el('span', { class: 'detail' });
    const actions = el('span', { class: 'actions' },
      playable(item) ? el('button', { type: 'button', 'aria-label': `Play ${item.filename ?? item.id}`, onclick: () => this.play(item.id) }, 'Play') : null,
      el('a', { class: 'button', href: item.url, download: item.filename ?? '', 'aria-label': `Download ${item.filename ?? item.id}` }, 'Download'),
      el('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${item.filename ?? item.id}`, onclick: () => this.remove(item.id) }, 'Delete'));
    const node = el('li', { 'data-id': item.id },
      el('div', { class: 'line' }, el('span', { class: 'name', title: item.filename ?? '' }, item.filename ?? item.id), actions),
      el('div', { class: 'bar', role: 'progressbar', 'aria-label': 'Stored' }, fill), detail);
    const r = { node, fill, detail, item };
    this.rows.set(item.id, r);
    this.paint(r);
    return node;
  }

  paint(r) {
    const { item } = r;
    const pct = item.size ? (100 * item.offset) / item.size : item.complete ? 100 : 0;
    // A recording of unknown length shows a full striped bar: it moves, but there is no end to measure against.
    r.fill.style.width = `${item.complete || item.size === null ? 100 : pct}%`;
    r.fill.parentElement.classList.toggle('live', !item.complete && item.size === null);
    const state = item.complete ? 'complete' : item.size === null ? 'recording' : 'uploading';
    const duration = Number(item.metadata?.duration) > 0 ? ` · ${clock(Number(item.metadata.duration))}` : '';
    const size = item.complete ? bytes(item.size) : `${bytes(item.offset)} of ${item.size === null ? 'unknown' : bytes(item.size)} stored`;
    r.detail.textContent = `${state === 'complete' ? 'complete' : state === 'recording' ? 'recording — still uploading' : 'uploading'} · ${size}${duration} · ${new Date(item.created).toLocaleString()}`;
    r.node.dataset.state = state;
    r.node.dataset.offset = String(item.offset);
  }

  progress(state) {
    const r = this.rows.get(state.id);
    if (!r) return;
    if (state.terminated) { this.load(); return; }
    r.item = { ...r.item, offset: state.offset, size: state.length, complete: state.complete };
    this.items = this.items.map((i) => (i.id === state.id ? r.item : i));
    this.paint(r);
    this.player.update(r.item);
    // A finished recording now has its duration in the metadata: fetch the upload again.
    if (state.complete) fetch(`/api/uploads/${state.id}`, { cache: 'no-store' }).then((x) => (x.ok ? x.json() : null)).then((item) => {
      if (!item) return;
      r.item = item;
      this.items = this.items.map((i) => (i.id === item.id ? item : i));
      this.paint(r);
      this.player.update(item);
    });
  }

  play(id) {
    const item = this.items.find((i) => i.id === id);
    if (!item) return;
    this.player.load(item);
    this.rows.forEach((r) => r.node.classList.toggle('playing', r.item.id === id));
    eventLog.log('library.play', { complete: item.complete });
  }

  next() {
    const list = this.items.filter(playable);
    const at = list.findIndex((i) => i.id === this.player.item?.id);
    if (list.length) this.play(list[(at + 1) % list.length].id);
  }

  async remove(id) {
    const item = this.items.find((i) => i.id === id);
    if (!item || !confirm(`Delete ${item.filename ?? id}?`)) return;
    await deleteUpload(item.url).catch((e) => alert(`Could not delete: ${e.message}`));
    eventLog.log('library.delete', {});
    this.load();
  }
}
