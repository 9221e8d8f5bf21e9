// The tus 1.0 requests the browser client makes, each a small function. PATCH goes through
// XMLHttpRequest because fetch cannot report how much of a request body has been sent.

const TUS = { 'Tus-Resumable': '1.0.0' };

/** A failed request; `retryable` says whether trying again later may succeed. */
export class TusError extends Error {
  constructor(message, { status = 0, retryable = false, gone = false, tokenFailed = false } = {}) {
    super(message);
    this.name = 'TusError';
    this.status = status;
    this.retryable = retryable;
    this.gone = gone;
    this.tokenFailed = tokenFailed;
  }
}

/** Retrying helps with no answer at all, a busy or failing server, and a clash with an older request. */
function errorFor(status, what) {
  const retryable = status === 0 || status >= 500 || [408, 409, 423, 429, 460].includes(status);
  const gone = status === 404 || status === 410;
  return new TusError(status === 0 ? `${what}: no answer from the server` : `${what}: HTTP ${status}`,
    { status, retryable, gone });
}

/** Upload-Metadata: keys as given, values Base64 of their UTF-8 bytes, so any file name survives. */
export function encodeMetadata(metadata) {
  return Object.entries(metadata)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => {
      const bytes = new TextEncoder().encode(String(value));
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return `${key} ${btoa(binary)}`;
    }).join(',');
}

async function send(url, init, what) {
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    if (init.signal?.aborted) throw e;
    throw errorFor(0, what);
  }
  if (!response.ok) throw errorFor(response.status, what);
  return response;
}

/**
 * Creates an upload; `length` null defers it. `concat` is 'partial' for a part of a larger upload, or the
 * list of part URLs for the final upload that joins them (its length is theirs together). Returns the
 * upload's absolute URL.
 */
export async function createUpload(endpoint, { length = null, metadata = {}, headers = {}, signal, concat } = {}) {
  const h = { ...TUS, ...headers, 'Upload-Metadata': encodeMetadata(metadata) };
  if (Array.isArray(concat)) h['Upload-Concat'] = `final;${concat.join(' ')}`;
  else if (length === null) h['Upload-Defer-Length'] = '1';
  else h['Upload-Length'] = String(length);
  if (concat === 'partial') h['Upload-Concat'] = 'partial';
  const response = await send(endpoint, { method: 'POST', headers: h, signal }, 'creating the upload');
  const location = response.headers.get('Location');
  if (!location) throw new TusError('the server created the upload but sent no Location');
  return new URL(location, new URL(endpoint, document.baseURI)).href;
}

/** The tus extensions the server offers, from OPTIONS; empty when it does not say. */
export async function serverExtensions(endpoint, { headers = {}, signal } = {}) {
  const response = await send(endpoint, { method: 'OPTIONS', headers: { ...TUS, ...headers }, signal },
    'asking what the server supports');
  return (response.headers.get('Tus-Extension') ?? '').split(',').map((e) => e.trim()).filter(Boolean);
}

/** The upload's durable offset and length (null while deferred). */
export async function headUpload(url, { headers = {}, signal } = {}) {
  const response = await send(url, { method: 'HEAD', headers: { ...TUS, ...headers }, cache: 'no-store', signal },
    'asking for the offset');
  const length = response.headers.get('Upload-Length');
  return { offset: Number(response.headers.get('Upload-Offset')), length: length === null ? null : Number(length) };
}

/**
 * Appends `body` at `offset`; resolves with the new offset. `onSent(n)` hears how many bytes of the body
 * have left the browser; `length` declares the upload's final length (for a deferred one).
 */
export function patchUpload(url, offset, body, { headers = {}, onSent, signal, length } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PATCH', url);
    for (const [name, value] of Object.entries({ ...TUS, ...headers })) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Upload-Offset', String(offset));
    xhr.setRequestHeader('Content-Type', 'application/offset+octet-stream');
    if (length !== undefined && length !== null) xhr.setRequestHeader('Upload-Length', String(length));
    if (onSent) xhr.upload.onprogress = (e) => onSent(e.loaded);
    const abort = () => xhr.abort();
    signal?.addEventListener('abort', abort, { once: true });
    xhr.onload = () => {
      signal?.removeEventListener('abort', abort);
      if (xhr.status === 204 || xhr.status === 200) {
        resolve(Number(xhr.getResponseHeader('Upload-Offset')));
      } else {
        reject(errorFor(xhr.status, 'sending bytes'));
      }
    };
    xhr.onerror = xhr.ontimeout = () => {
      signal?.removeEventListener('abort', abort);
      reject(errorFor(0, 'sending bytes'));
    };
    xhr.onabort = () => reject(new DOMException('paused', 'AbortError'));
    xhr.send(body ?? null);
  });
}

/** Deletes the upload and what the server stored of it. */
export async function deleteUpload(url, { headers = {} } = {}) {
  try {
    await send(url, { method: 'DELETE', headers: { ...TUS, ...headers } }, 'deleting the upload');
  } catch (e) {
    if (!e.gone) throw e;
  }
}

/** Sets (text) or removes (null) metadata keys through Carryon's API, e.g. a recording's duration. */
export async function editMetadata(url, changes, { headers = {} } = {}) {
  const id = new URL(url).pathname.split('/').pop();
  const api = new URL(`/api/uploads/${id}`, url);
  const response = await send(api, {
    method: 'PATCH', headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ metadata: changes }),
  }, 'changing metadata');
  return response.json();
}
