// Record page: a camera or the screen is recorded with MediaRecorder, and each blob is uploaded as soon
// as it exists, into one upload whose length is declared when recording stops. The network may go away
// meanwhile: recording goes on, the blobs wait, and they are sent when it is back.

import { StreamUpload } from '../client/stream-upload.js';
import { bytes, clock, el } from '../format.js';
import { eventLog } from '../logger.js';

const SLICE_MS = 1000;

function mimeType() {
  const wanted = ['video/webm;codecs=vp9,opus', 'video/webm;codecs=vp8,opus', 'video/webm'];
  return wanted.find((t) => MediaRecorder.isTypeSupported(t)) ?? '';
}

function fileName(now = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `recording-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}.webm`;
}

export class RecordPage {
  constructor(root) {
    this.preview = el('video', { class: 'preview', muted: true, playsinline: true, 'aria-label': 'Live preview' });
    this.preview.muted = true;
    this.source = el('select', { id: 'rec-source', 'aria-label': 'What to record' },
      el('option', { value: 'camera' }, 'Camera and microphone'), el('option', { value: 'screen' }, 'Screen'));
    this.startButton = el('button', { type: 'button', id: 'rec-start', class: 'primary', onclick: () => this.start() }, 'Start recording');
    this.stopButton = el('button', { type: 'button', id: 'rec-stop', disabled: true, onclick: () => this.stop() }, 'Stop');
    this.status = el('p', { id: 'rec-status', role: 'status', 'aria-live': 'polite' }, 'Ready.');
    this.stats = el('dl', { class: 'stats' });
    root.append(el('h1', {}, 'Record'),
      el('p', { class: 'hint' }, 'The recording is uploaded while you record. If the network drops, recording goes on and the upload catches up.'),
      el('div', { class: 'controls' }, this.source, this.startButton, this.stopButton),
      this.preview, this.stats, this.status);
    this.recorded = 0;
    this.showStats();
  }

  async start() {
    try {
      this.stream = this.source.value === 'screen'
        ? await navigator.mediaDevices.getDisplayMedia({ video: true, audio: true })
        : await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    } catch (e) {
      this.say(`Could not start: ${e.message}`);
      eventLog.log('record.denied', { error: e.message }, 'warn');
      return;
    }
    this.preview.srcObject = this.stream;
    this.preview.play().catch(() => {});
    const type = mimeType();
    this.recorder = new MediaRecorder(this.stream, type ? { mimeType: type } : {});
    const name = fileName();
    this.upload = new StreamUpload({ metadata: { filename: name, filetype: 'video/webm', source: this.source.value } });
    this.upload.addEventListener('ready', (e) => { this.url = e.detail.url; this.say(`Recording ${name} — uploading as it is recorded.`); });
    this.upload.addEventListener('progress', () => this.showStats());
    this.upload.addEventListener('partfailed', (e) => {
      this.say(`Network trouble; recording goes on and ${bytes(e.detail.data.size)} wait to be sent.`);
      eventLog.log('record.partfailed', { index: e.detail.index, waiting: e.detail.data.size }, 'warn');
    });
    this.upload.addEventListener('partuploaded', () => { if (this.recorder?.state === 'recording') this.say('Recording — uploading as it is recorded.'); });
    this.recorded = 0;
    this.recorder.ondataavailable = (e) => {
      if (!e.data.size) return;
      this.recorded += e.data.size;
      this.upload.push(e.data);
      this.showStats();
    };
    this.recorder.onstop = () => this.finish();
    this.stream.getVideoTracks()[0]?.addEventListener('ended', () => this.stop());
    this.startedAt = performance.now();
    this.recorder.start(SLICE_MS);
    this.timer = setInterval(() => this.showStats(), 250);
    this.startButton.disabled = true;
    this.source.disabled = true;
    this.stopButton.disabled = false;
    this.stopButton.focus();
    this.setState('recording');
    eventLog.log('record.start', { source: this.source.value, type });
  }

  stop() {
    if (this.recorder?.state !== 'recording') return;
    this.duration = (performance.now() - this.startedAt) / 1000;
    this.recorder.stop(); // the last blob arrives before `onstop`
    this.stream.getTracks().forEach((t) => t.stop());
    this.stopButton.disabled = true;
    this.setState('finishing');
    this.say('Stopped; sending what is left…');
  }

  async finish() {
    try {
      await this.upload.end(Math.round(this.duration * 1000) / 1000);
      this.setState('complete');
      this.say(`Saved: ${bytes(this.recorded)}, ${clock(this.duration)}. It is in the Library.`);
      eventLog.log('record.complete', { bytes: this.recorded, duration: this.duration });
    } catch (e) {
      this.setState('failed');
      this.say(`The recording could not be completed: ${e.message}`);
      eventLog.log('record.completefailed', { error: e.message }, 'error');
    } finally {
      clearInterval(this.timer);
      this.showStats();
      this.startButton.disabled = false;
      this.source.disabled = false;
      this.preview.srcObject = null;
    }
  }

  setState(state) {
    this.status.dataset.state = state;
    if (this.url) this.status.dataset.url = this.url;
  }

  say(text) {
    this.status.textContent = text;
    if (this.url) this.status.dataset.url = this.url;
  }

  showStats() {
    const elapsed = this.recorder?.state === 'recording' ? (performance.now() - this.startedAt) / 1000 : this.duration ?? 0;
    const stored = this.upload?.confirmed ?? 0;
    const rows = [['Time', clock(elapsed)], ['Recorded', bytes(this.recorded)], ['Stored on the server', bytes(stored)],
      ['Waiting to be sent', bytes(Math.max(0, this.recorded - stored))]];
    this.stats.replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
    this.stats.dataset.recorded = String(this.recorded);
    this.stats.dataset.stored = String(stored);
  }
}
