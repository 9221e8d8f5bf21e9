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
    return value && typeof value.url === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function remember(key, url, storage = globalThis.localStorage) {
  try {
    storage?.setItem(key, JSON.stringify({ url, at: new Date().toISOString() }));
  } catch {
    // storage full or disabled: the upload still works, it just cannot be continued after a reload
  }
}

export function forget(key, storage = globalThis.localStorage) {
  try { storage?.removeItem(key); } catch { /* as above */ }
}
