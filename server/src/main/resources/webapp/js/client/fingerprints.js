// Which upload URL belongs to which local file, kept in localStorage so that picking the same file after
// a reload (or a crash) continues that upload instead of starting over.

const PREFIX = 'carryon.upload:';

/** Name, size, modification time and type: what a browser may know of a file without reading it. */
export function fingerprint(file, endpoint) {
  return `${PREFIX}${endpoint}|${file.name}|${file.size}|${file.lastModified}|${file.type}`;
}

export function recall(key, storage = globalThis.localStorage) {
  try {
    const value = JSON.parse(storage?.getItem(key) ?? 'null');
    const single = value && typeof value.url === 'string';
    const parts = value && Array.isArray(value.parts) && value.parts.every((u) => typeof u === 'string');
    return single || parts ? value : null;
  } catch {
    return null;
  }
}

/** Remembers `{ url }` for an upload in one piece, or `{ parts: [url…] }` for one sent as parallel parts. */
export function remember(key, record, storage = globalThis.localStorage) {
  try {
    storage?.setItem(key, JSON.stringify({ ...record, at: new Date().toISOString() }));
  } catch {
    // storage full or disabled: the upload still works, it just cannot be continued after a reload
  }
}

export function forget(key, storage = globalThis.localStorage) {
  try { storage?.removeItem(key); } catch { /* as above */ }
}
