// Small DOM and formatting helpers shared by every page. Elements are built
// with `el()` and text nodes only, never innerHTML, so alert summaries and
// names from agents can never inject markup.

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

/** el('tr', { class: 'x', 'data-id': 1, onclick: fn }, child, 'text', …) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'value') node.value = v;
    else if (v === true) node.setAttribute(k, '');
    else node.setAttribute(k, String(v));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function option(value, label = value, selected = false) {
  return el('option', { value, selected }, label);
}

export function formatBytes(n) {
  if (n === null || n === undefined) return '?';
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
  return `${n.toFixed(n < 10 && i > 0 ? 1 : 0)} ${units[i]}`;
}

export function ago(iso) {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

/** "12m 05s", "3h 20m", "2d 4h" for a duration in ms. */
export function duration(ms) {
  const s = Math.floor(Math.abs(ms) / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/**
 * A moment with its zone, so nobody has to guess whose clock it is:
 * "Wed 1 Dec, 14:05 CET". `timeZone` is an IANA zone (a team's), else the
 * browser's own.
 */
export function time(iso, timeZone) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone,
  }).format(new Date(iso));
}

/** Only the clock and zone, for deadlines close at hand: "14:05 CET". */
export function clock(iso, timeZone) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone }).format(new Date(iso));
}

/** Shows an error (or clears it) in a page's role=alert element. */
export function showError(node, err) {
  node.textContent = err ? (err.message ?? String(err)) : '';
}

/** Sets a width in percent through the CSSOM: the CSP forbids inline style attributes. */
export function setWidth(node, percent) {
  node.style.width = `${Math.max(0, Math.min(100, percent))}%`;
  return node;
}
