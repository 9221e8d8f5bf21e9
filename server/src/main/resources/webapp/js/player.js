// A video player with its own controls: play/pause, a seek bar that takes clicks, drags and arrow keys,
// elapsed and total time, and "next". The media is fetched by the browser with HTTP ranges, so seeking
// asks the server for just the bytes needed. A recording made by MediaRecorder carries no duration, so
// the total comes from the upload's `duration` metadata when the media does not know it.

import { clock, el } from './format.js';

export class Player {
  constructor({ onNext }) {
    this.video = el('video', { id: 'player-video', playsinline: true, preload: 'metadata' });
    this.playButton = el('button', { type: 'button', id: 'player-play', 'aria-label': 'Play', onclick: () => this.toggle() }, '▶');
    this.nextButton = el('button', { type: 'button', id: 'player-next', 'aria-label': 'Next in list', onclick: () => onNext() }, 'Next ›');
    this.fill = el('div', { class: 'fill' });
    this.buffered = el('div', { class: 'buffered' });
    this.seek = el('div', { class: 'seek', id: 'player-seek', role: 'slider', tabindex: '0', 'aria-label': 'Position',
      'aria-valuemin': '0' }, this.buffered, this.fill, el('div', { class: 'knob' }));
    this.time = el('span', { class: 'time', id: 'player-time', 'aria-live': 'off' }, '0:00 / --:--');
    this.title = el('div', { class: 'player-title' });
    this.node = el('div', { class: 'player', hidden: true }, this.title, this.video,
      el('div', { class: 'player-controls' }, this.playButton, this.seek, this.time, this.nextButton));
    this.video.addEventListener('click', () => this.toggle());
    for (const type of ['timeupdate', 'durationchange', 'progress', 'play', 'pause', 'loadedmetadata', 'seeked']) {
      this.video.addEventListener(type, () => this.render());
    }
    this.video.addEventListener('ended', () => this.ended());
    this.bindSeeking();
  }

  /** Plays `item` (an entry of /api/uploads) from the start. */
  load(item) {
    this.item = item;
    this.node.hidden = false;
    this.title.textContent = item.filename ?? item.id;
    this.video.src = item.url;
    this.video.play().catch(() => {});
    this.render();
  }

  /** New facts about the item playing (more bytes stored, now complete with its duration). */
  update(item) {
    if (this.item?.id === item.id) { this.item = item; this.render(); }
  }

  /** Seconds of media: what the media says if it knows, else the recorded duration, else what is buffered. */
  duration() {
    const d = this.video.duration;
    if (Number.isFinite(d) && d > 0) return d;
    const meta = Number(this.item?.metadata?.duration);
    if (meta > 0) return meta;
    const b = this.video.buffered;
    return b.length ? b.end(b.length - 1) : NaN;
  }

  toggle() {
    if (this.video.paused) this.video.play().catch(() => {}); else this.video.pause();
  }

  seekTo(seconds) {
    const total = this.duration();
    if (!Number.isFinite(total)) return;
    this.video.currentTime = Math.max(0, Math.min(seconds, total - 0.05));
    this.render();
  }

  bindSeeking() {
    const at = (e) => {
      const r = this.seek.getBoundingClientRect();
      return (Math.max(0, Math.min(e.clientX - r.left, r.width)) / r.width) * this.duration();
    };
    this.seek.addEventListener('pointerdown', (e) => {
      this.seek.setPointerCapture(e.pointerId);
      this.dragging = true;
      this.seekTo(at(e));
    });
    this.seek.addEventListener('pointermove', (e) => { if (this.dragging) this.seekTo(at(e)); });
    const stop = () => { this.dragging = false; };
    this.seek.addEventListener('pointerup', stop);
    this.seek.addEventListener('pointercancel', stop);
    this.seek.addEventListener('keydown', (e) => {
      const step = { ArrowRight: 5, ArrowLeft: -5, ArrowUp: 10, ArrowDown: -10 }[e.key];
      if (step) { e.preventDefault(); this.seekTo(this.video.currentTime + step); }
      if (e.key === 'Home') { e.preventDefault(); this.seekTo(0); }
      if (e.key === 'End') { e.preventDefault(); this.seekTo(this.duration()); }
      if (e.key === ' ' || e.key === 'Enter') { e.preventDefault(); this.toggle(); }
    });
  }

  /**
   * A recording still being uploaded ends where its stored bytes end; it is loaded again from where it
   * stopped, now with more bytes, until the upload is complete.
   */
  ended() {
    if (this.item && !this.item.complete) {
      const position = this.video.currentTime;
      setTimeout(() => {
        this.video.src = `${this.item.url}`;
        this.video.addEventListener('loadedmetadata', () => { this.video.currentTime = position; this.video.play().catch(() => {}); }, { once: true });
      }, 1000);
    }
    this.render();
  }

  render() {
    const total = this.duration();
    const now = this.video.currentTime;
    const live = this.item && !this.item.complete;
    const pct = Number.isFinite(total) && total > 0 ? Math.min(100, (100 * now) / total) : 0;
    this.fill.style.width = `${pct}%`;
    this.seek.style.setProperty('--pos', `${pct}%`);
    const b = this.video.buffered;
    this.buffered.style.width = b.length && total > 0 ? `${Math.min(100, (100 * b.end(b.length - 1)) / total)}%` : '0%';
    this.seek.setAttribute('aria-valuemax', String(Number.isFinite(total) ? Math.round(total) : 0));
    this.seek.setAttribute('aria-valuenow', String(Math.round(now)));
    this.seek.setAttribute('aria-valuetext', `${clock(now)} of ${clock(total)}`);
    this.time.textContent = `${clock(now)} / ${live ? 'live' : clock(total)}`;
    this.time.dataset.duration = Number.isFinite(total) ? String(total) : '';
    this.playButton.textContent = this.video.paused ? '▶' : '❚❚';
    this.playButton.setAttribute('aria-label', this.video.paused ? 'Play' : 'Pause');
  }
}
