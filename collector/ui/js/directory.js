// Names for ids: tenants and device hostnames, read once and refreshed when
// an unknown id shows up (a device enrolled after the page loaded).
import { get } from './api.js';

const tenants = new Map();
const devices = new Map();
let loading = null;
let lastLoad = 0;

export function loadDirectory(force = false) {
  if (loading) return loading;
  if (!force && Date.now() - lastLoad < 5000 && lastLoad > 0) return Promise.resolve();
  loading = Promise.all([
    get('/api/v1/tenants').then((b) => { for (const t of b.tenants) tenants.set(t.id, t); }),
    get('/api/v1/devices?limit=1000').then((b) => { for (const d of b.devices) devices.set(d.id, d); }),
  ]).finally(() => { loading = null; lastLoad = Date.now(); });
  return loading;
}

export function tenantList() {
  return [...tenants.values()];
}

export function tenantName(id) {
  return tenants.get(id)?.name ?? id;
}

export function hostname(deviceId) {
  return devices.get(deviceId)?.hostname ?? deviceId;
}

/** Loads again (at most every 5 s) when an alert names a device the page has not seen. */
export function knowsDevice(deviceId) {
  if (devices.has(deviceId)) return true;
  void loadDirectory();
  return false;
}
