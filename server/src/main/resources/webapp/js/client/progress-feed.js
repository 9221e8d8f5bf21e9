// Durable progress pushed by the server (GET /api/events): one EventSource for all the uploads a page
// watches, since a browser allows only a few connections per server.

export class ProgressFeed {
  /** `onState({id, offset, length, complete, terminated})` hears every change. */
  constructor(onState, { base = '/api/events' } = {}) {
    this.onState = onState;
    this.base = base;
    this.ids = new Set();
    this.source = null;
  }

  /** Watches exactly these uploads (at most 200); reconnects only when the set changed. */
  watch(ids) {
    const next = new Set([...ids].slice(0, 200));
    if (next.size === this.ids.size && [...next].every((id) => this.ids.has(id))) return;
    this.ids = next;
    this.source?.close();
    this.source = null;
    if (!next.size) return;
    this.source = new EventSource(`${this.base}?ids=${[...next].join(',')}`);
    for (const type of ['progress', 'complete', 'terminated']) {
      this.source.addEventListener(type, (e) => {
        const state = JSON.parse(e.data);
        this.onState({ ...state, terminated: type === 'terminated' });
      });
    }
  }

  close() {
    this.watch([]);
  }
}
