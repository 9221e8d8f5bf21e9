// Backoff between attempts, and waiting for the network: a browser that is offline is not retried until
// it says it is online again, and then at once.

export const DEFAULT_DELAYS = [500, 1000, 2000, 4000, 8000, 15000, 30000];

/** The delay before attempt `n` (from 0), with ±25 % jitter so that many clients do not retry in step. */
export function backoff(n, delays = DEFAULT_DELAYS) {
  const base = delays[Math.min(n, delays.length - 1)];
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/** Resolves after `ms`, or at once when the browser comes back online, or rejects when `signal` aborts. */
export function pause(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) { reject(new DOMException('paused', 'AbortError')); return; }
    const done = () => { clearTimeout(timer); removeEventListener('online', done); signal?.removeEventListener('abort', stop); resolve(); };
    const stop = () => { clearTimeout(timer); removeEventListener('online', done); reject(new DOMException('paused', 'AbortError')); };
    const timer = setTimeout(done, navigator.onLine ? ms : 2 ** 31 - 1);
    addEventListener('online', done, { once: true });
    signal?.addEventListener('abort', stop, { once: true });
  });
}

export function isAbort(e) {
  return e?.name === 'AbortError';
}
