// The app's event log: events are batched and posted to /api/client-logs; a batch that cannot be sent
// stays in localStorage (bounded) and goes out later, when the browser is online again or the page reopens.

const KEY = 'carryon.log';
const MAX_KEPT = 1000;
const BATCH = 200;

export class EventLog {
  constructor({ endpoint = '/api/client-logs', interval = 5000 } = {}) {
    this.endpoint = endpoint;
    this.queue = this.load();
    this.sending = false;
    setInterval(() => this.flush(), interval);
    addEventListener('online', () => this.flush());
    addEventListener('pagehide', () => this.save());
  }

  /** Records an event; `data` must be small and JSON-able. */
  log(type, data = {}, level = 'info') {
    this.queue.push({ type, level, time: new Date().toISOString(), data });
    if (this.queue.length > MAX_KEPT) this.queue.splice(0, this.queue.length - MAX_KEPT);
    this.save();
  }

  async flush() {
    if (this.sending || !this.queue.length || !navigator.onLine) return;
    this.sending = true;
    const batch = this.queue.slice(0, BATCH);
    try {
      const response = await fetch(this.endpoint, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ events: batch }),
      });
      // A 4xx batch will never be taken: drop it rather than send it for ever.
      if (response.ok || (response.status >= 400 && response.status < 500)) {
        this.queue.splice(0, batch.length);
        this.save();
      }
    } catch {
      // kept for the next try
    } finally {
      this.sending = false;
    }
  }

  load() {
    try { return JSON.parse(localStorage.getItem(KEY) ?? '[]'); } catch { return []; }
  }

  save() {
    try { localStorage.setItem(KEY, JSON.stringify(this.queue)); } catch { /* storage full: keep in memory */ }
  }
}

export const eventLog = new EventLog();
