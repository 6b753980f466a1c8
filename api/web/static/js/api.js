// api.js — the newsroom page's client for the /v1 JSON API.
//
// Every request carries the API key from localStorage as
// `Authorization: Bearer …` when one is set. Failures are thrown as ApiError
// with the server's {"error":{"code","message"}} kept as written.

const KEY_STORAGE = 'newsscribe.apiKey';

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 when the server could not be reached
   * @param {string} code the API's error code, or a local one (network, aborted)
   * @param {string} message the server's one-line message, as written
   */
  constructor(status, code, message, body = null) {
    super(message || code);
    /** body is the whole JSON error answer (a 409 on a transcript carries `current`). */
    this.body = body;
    this.status = status;
    this.code = code || '';
    /** serverMessage is the message as the server wrote it ('' for local errors). */
    this.serverMessage = message || '';
  }
}

/** ApiError of a failed job, from the job's {"error":{"code","message"}}. */
export function jobError(job) {
  return job.error ? new ApiError(0, job.error.code, job.error.message) : null;
}

function getKey() {
  try { return localStorage.getItem(KEY_STORAGE) || ''; } catch { return ''; }
}

function setKey(key) {
  try {
    if (key) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
  } catch { /* storage disabled: the key lives for this page only */ }
}

function authHeaders(extra = {}) {
  const h = { ...extra };
  const k = getKey();
  if (k) h.Authorization = `Bearer ${k}`;
  return h;
}

async function errorFrom(res) {
  let code = '', message = '', body = null;
  try {
    body = await res.json();
    code = body?.error?.code || '';
    message = body?.error?.message || '';
  } catch { /* not JSON: keep the status */ }
  return new ApiError(res.status, code, message || res.statusText, body);
}

/** request sends a JSON request and returns the parsed JSON (null for 204). */
async function request(method, path, body, headers = {}) {
  return (await exchange(method, path, body, headers)).data;
}

/** exchange is request, returning { data, headers } (the answer's headers). */
async function exchange(method, path, body, headers = {}) {
  const init = { method, headers: authHeaders({ Accept: 'application/json', ...headers }) };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'network', '');
  }
  if (!res.ok) throw await errorFrom(res);
  if (res.status === 204) return { data: null, headers: res.headers };
  const text = await res.text();
  return { data: text ? JSON.parse(text) : null, headers: res.headers };
}

/**
 * upload posts a multipart form with XMLHttpRequest so that the upload's
 * progress can be shown; onProgress receives (loadedBytes, totalBytes).
 * Returns { promise, abort }.
 */
function upload(path, form, onProgress, headers = {}) {
  const xhr = new XMLHttpRequest();
  const promise = new Promise((resolve, reject) => {
    xhr.open('POST', path);
    const h = authHeaders({ Accept: 'application/json', ...headers });
    for (const [k, v] of Object.entries(h)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress?.(e.loaded, e.total); };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(xhr.status, body?.error?.code || '', body?.error?.message || xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', ''));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', ''));
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

/**
 * mediaURL returns a URL an <audio> element or a download link can use for
 * path. Without an API key that is path itself (streamed, with Range
 * requests); with one, the browser cannot add the header to a plain URL, so
 * the file is fetched with it and handed over as a blob: URL.
 */
async function mediaURL(path) {
  if (!getKey()) return path;
  let res;
  try {
    res = await fetch(path, { headers: authHeaders() });
  } catch (e) {
    throw new ApiError(0, 'network', '');
  }
  if (!res.ok) throw await errorFrom(res);
  return URL.createObjectURL(await res.blob());
}

/**
 * stream opens a server-sent-events response at path, or returns null when
 * the server has no such endpoint (404, 405).
 */
async function stream(path, signal) {
  let res;
  try {
    res = await fetch(path, { headers: authHeaders({ Accept: 'text/event-stream' }), signal });
  } catch (e) {
    throw new ApiError(0, 'network', '');
  }
  if (res.status === 404 || res.status === 405) return null;
  if (!res.ok) throw await errorFrom(res);
  return res;
}

/**
 * client returns the page's API client for the server mounted at base:
 * paths given to it are under base + "/v1".
 */
export function client(base) {
  const v1 = `${base}/v1`;
  const id = (x) => encodeURIComponent(x);
  return {
    v1,
    id,
    get key() { return getKey(); },
    set key(k) { setKey(k); },
    request: (method, path, body, headers) => request(method, v1 + path, body, headers),
    exchange: (method, path, body, headers) => exchange(method, v1 + path, body, headers),
    upload: (path, form, onProgress, headers) => upload(v1 + path, form, onProgress, headers),
    mediaURL: (path) => mediaURL(v1 + path),
    stream: (path, signal) => stream(v1 + path, signal),
  };
}

/** newKey returns a fresh Idempotency-Key: one per thing the person submits. */
export function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
