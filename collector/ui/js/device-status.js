// How a device's topics read at a glance: ok, unknown (with the agent's
// reason), not reported, and the volumes as bars. Shared by the list and the
// detail page.
import { el, formatBytes, setWidth } from './dom.js';

export const TOPICS = ['patch', 'disk', 'backup', 'security'];

/** One word and a class for a topic, from the latest snapshot and the device's open alerts. */
export function topicStatus(topic, openAlerts = []) {
  if (!topic) return { text: 'not reported', cls: 'muted' };
  if (topic.state !== 'ok') return { text: 'unknown', cls: 'state-unknown', title: topic.reason ?? '' };
  const worst = openAlerts.some((a) => a.severity === 'critical') ? 'critical' : openAlerts.some((a) => a.severity === 'warning') ? 'warning' : null;
  if (worst) return { text: `${openAlerts.length} alert${openAlerts.length > 1 ? 's' : ''}`, cls: `sev-${worst}`, title: openAlerts.map((a) => a.summary).join('\n') };
  return { text: 'ok', cls: 'state-ok' };
}

export function topicCell(topic, openAlerts, name) {
  const s = topicStatus(topic, openAlerts);
  return el('td', { class: `topic ${s.cls}`, 'data-topic': name, title: s.title }, s.text);
}

export function onlineCell(d) {
  return el('td', { class: `topic ${d.connected ? 'state-ok' : 'offline'}`, 'data-topic': 'online' }, d.connected ? 'online' : 'offline');
}

export function volumes(disk) {
  const out = [];
  if (!disk) return out;
  if (disk.state !== 'ok') out.push(el('div', { class: 'state-unknown' }, disk.reason ?? 'unknown'));
  for (const v of disk.volumes) {
    const pct = v.usedPercent ?? 0;
    out.push(el('div', { class: 'volume', 'data-mount': v.mount },
      el('code', {}, v.mount),
      el('div', { class: 'bar', role: 'meter', 'aria-valuenow': String(pct), 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-label': `${v.mount} used` },
        setWidth(el('span', { class: pct >= 95 ? 'crit' : pct >= 90 ? 'warn' : '' }), pct)),
      el('span', {}, `${pct.toFixed(1)} % of ${formatBytes(v.sizeBytes)} (${formatBytes(v.freeBytes)} free)`)));
  }
  return out;
}
