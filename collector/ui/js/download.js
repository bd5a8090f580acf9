// Files from the API (reports, the contract document) saved through the
// browser: fetched with the page's own credentials, so a bearer-token tab
// downloads as a signed-in one does.
import { ApiError, apiToken } from './api.js';

export async function fetchFile(path) {
  const headers = {};
  if (apiToken()) headers.authorization = `Bearer ${apiToken()}`;
  const res = await fetch(path, { headers, credentials: 'same-origin' });
  if (!res.ok) {
    const json = await res.json().catch(() => null);
    throw new ApiError(res.status, json?.error?.code ?? `HTTP_${res.status}`, json?.error?.message ?? `GET ${path}: HTTP ${res.status}`);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
  return { blob: await res.blob(), name };
}

export async function downloadFile(path) {
  const { blob, name } = await fetchFile(path);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Opens an HTML document (printable) in a new tab. */
export async function openFile(path) {
  const { blob } = await fetchFile(path);
  window.open(URL.createObjectURL(blob), '_blank', 'noopener');
}
