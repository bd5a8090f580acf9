// Devices: every device the caller may see, with its status per topic and
// its volumes. Topic cells turn red or amber when the device has open alerts
// in that category (from the live stream).
import { el, ago, showError } from '../dom.js';
import { get } from '../api.js';
import { streamAlerts, subscribe } from '../stream.js';
import { tenantName, loadDirectory } from '../directory.js';
import { TOPICS, onlineCell, topicCell, volumes } from '../device-status.js';

export function renderDevices(view) {
  const error = el('p', { id: 'load-error', class: 'error', role: 'alert' });
  const count = el('span', { id: 'device-count' });
  const tbody = el('tbody');
  view.append(el('section', { id: 'devices-view' },
    el('h2', {}, 'Devices ', count),
    error,
    el('table', { id: 'devices' },
      el('thead', {}, el('tr', {}, ...['Device', 'Tenant', 'OS', 'Last seen', 'Online', 'Patch', 'Disk', 'Backup', 'Security', 'Volumes'].map((h) => el('th', {}, h)))),
      tbody)));

  let devices = [];
  const draw = () => {
    // Pending alerts have not fired yet: they do not colour a topic.
    const open = [...streamAlerts().values()].filter((a) => a.state !== 'pending');
    count.textContent = `(${devices.length})`;
    tbody.replaceChildren(...devices.map((d) => {
      const inv = d.status?.inventory;
      const mine = open.filter((a) => a.deviceId === d.id);
      return el('tr', { 'data-device-id': d.id },
        el('td', {}, el('a', { href: `#/devices/${encodeURIComponent(d.id)}` }, el('strong', {}, d.hostname)), el('div', { class: 'muted' }, d.id)),
        el('td', {}, tenantName(d.tenantId)),
        el('td', {}, inv ? `${inv.osName ?? inv.os ?? '?'} ${inv.osVersion ?? ''}` : (d.os ?? '?')),
        el('td', { class: d.connected ? '' : 'offline' }, ago(d.lastSeenAt)),
        onlineCell(d),
        ...TOPICS.map((t) => topicCell(d.status?.[t], mine.filter((a) => a.category === t), t)),
        el('td', {}, ...volumes(d.status?.disk)));
    }));
  };
  const load = async () => {
    try {
      devices = (await get('/api/v1/devices?limit=1000')).devices;
      showError(error, null);
      draw();
    } catch (err) {
      showError(error, err);
    }
  };
  void loadDirectory().then(draw, () => {});
  void load();
  const timer = setInterval(load, 5000);
  const unsubscribe = subscribe((e) => { if (e.kind !== 'status') draw(); });
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}
