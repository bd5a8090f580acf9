// The live alert stream for the pages: one WebSocket, reconnected with
// backoff, holding the current open alerts keyed by id. Pages subscribe and
// re-render; a reconnect replaces the whole set with the new snapshot. While
// the connection is down the last known set stays, marked stale, so a wall
// screen left open for days says so instead of showing old data as current.
import { apiToken } from './api.js';

const listeners = new Set();
const alerts = new Map();
let socket = null;
let status = 'closed';
let principal = null;
let retry = 0;
let timer = null;
let wanted = false;
/** A snapshot arrived since the last (re)connect: the set is complete. */
let ready = false;
/** When the connection was last known good (ms), for "stale since". */
let liveUntil = null;

export function streamAlerts() {
  return alerts;
}

/** `ready`: the open alerts are known (not still loading); `staleSince`: ms when live updates stopped, or null. */
export function streamStatus() {
  return { status, principal, ready, staleSince: status === 'live' ? null : liveUntil };
}

/** fn({ kind: 'status' | 'snapshot' | 'alert' | 'remove' | 'hello', alert?, transition?, id? }) */
export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function emit(event) {
  for (const fn of listeners) fn(event);
}

function setStatus(s, detail = '') {
  status = s;
  emit({ kind: 'status', status: s, detail });
}

export function connectStream() {
  wanted = true;
  if (socket) return;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/stream`;
  const token = apiToken();
  // A browser cannot set headers on a WebSocket: a token travels as a second subprotocol.
  socket = token ? new WebSocket(url, ['tandem.v1', `tandem.bearer.${token}`]) : new WebSocket(url);
  setStatus('connecting');
  socket.addEventListener('open', () => { retry = 0; liveUntil = null; setStatus('live'); });
  socket.addEventListener('message', (e) => handle(JSON.parse(e.data)));
  socket.addEventListener('close', (e) => {
    socket = null;
    if (status === 'live') liveUntil = Date.now();
    if (!wanted) return setStatus('closed');
    // 4401: the credentials are gone; reconnecting would not help.
    if (e.code === 4401) return setStatus('signed-out', e.reason);
    const delay = Math.min(30_000, 500 * 2 ** Math.min(retry++, 6)) * (0.5 + Math.random() / 2);
    setStatus('reconnecting', e.reason || `connection closed (${e.code})`);
    timer = setTimeout(connectStream, delay);
  });
}

export function disconnectStream() {
  wanted = false;
  clearTimeout(timer);
  timer = null;
  socket?.close(1000, 'signed out');
  socket = null;
  alerts.clear();
  principal = null;
  ready = false;
  liveUntil = null;
}

function newer(a) {
  const have = alerts.get(a.id);
  return !have || a.version >= have.version;
}

function handle(msg) {
  switch (msg.type) {
    case 'hello':
      principal = msg.principal;
      emit({ kind: 'hello', principal });
      break;
    case 'snapshot':
      alerts.clear();
      for (const a of msg.alerts) alerts.set(a.id, a);
      ready = true;
      emit({ kind: 'snapshot' });
      break;
    case 'alert':
      if (!newer(msg.alert)) return;
      if (msg.alert.state === 'resolved') alerts.delete(msg.alert.id);
      else alerts.set(msg.alert.id, msg.alert);
      emit({ kind: 'alert', alert: msg.alert, transition: msg.transition });
      break;
    case 'remove':
      alerts.delete(msg.id);
      emit({ kind: 'remove', id: msg.id });
      break;
    default:
      break;
  }
}

/** After an action, show the server's answer at once; the stream confirms it. */
export function applyLocally(alert) {
  if (!alert?.id) return;
  const have = alerts.get(alert.id);
  if (!have) return;
  const merged = { ...have, ...alert, owner: have.owner, slaMinutes: have.slaMinutes, slaDueAt: have.slaDueAt, routing: have.routing, version: have.version };
  if (merged.state === 'resolved') alerts.delete(alert.id);
  else alerts.set(alert.id, merged);
  emit({ kind: 'alert', alert: merged, transition: null });
}
