// The REST API as the pages use it. Signed-in people carry a session cookie
// and send the CSRF token on writes; the API-token fallback sends a bearer
// token kept for this browser tab only (sessionStorage).

const TOKEN_KEY = 'tandem.apiToken';
/** @fastify/csrf-protection reads this header. */
const CSRF_HEADER = 'x-csrf-token';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const state = { token: sessionStorage.getItem(TOKEN_KEY), csrfToken: null };

export function apiToken() {
  return state.token;
}

export function useApiToken(token) {
  state.token = token;
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function useCsrfToken(token) {
  state.csrfToken = token ?? null;
}

/** Listeners told when the server says the credentials are gone (401). */
const unauthorizedListeners = new Set();
export function onUnauthorized(fn) {
  unauthorizedListeners.add(fn);
}

export async function api(method, path, body, { quiet401 = false } = {}) {
  const headers = {};
  if (state.token) headers.authorization = `Bearer ${state.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && !state.token && state.csrfToken) headers[CSRF_HEADER] = state.csrfToken;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const code = json?.error?.code ?? `HTTP_${res.status}`;
    const message = json?.error?.message ?? `${method} ${path}: HTTP ${res.status}`;
    if (res.status === 401 && !quiet401) for (const fn of unauthorizedListeners) fn();
    throw new ApiError(res.status, code, message);
  }
  return json;
}

export const get = (path, opts) => api('GET', path, undefined, opts);
export const post = (path, body = {}) => api('POST', path, body);
export const put = (path, body) => api('PUT', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);
