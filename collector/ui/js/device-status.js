// How a device's topics read at a glance, shared by the list and the detail
// page. The server derives the status (GET /api/v1/devices → health), so the
// list, the detail and the API always agree; this module only draws it.
import { el, formatBytes, setWidth } from './dom.js';

export const TOPICS = ['patch', 'disk', 'backup', 'security'];

const WORDS = { ok: 'ok', unknown: 'unknown', 'not-reported': 'not reported' };
const CLASSES = { ok: 'state-ok', unknown: 'state-unknown', 'not-reported': 'muted', critical: 'sev-critical', warning: 'sev-warning', info: 'sev-info' };

/** One word, a class and a tooltip for a topic's health from the API. */
export function topicStatus(h) {
  if (!h) return { text: 'not reported', cls: 'muted', title: '' };
  if (h.alerts > 0) {
    return { text: `${h.alerts} alert${h.alerts > 1 ? 's' : ''}`, cls: CLASSES[h.status] ?? '', title: [...h.summaries, h.reason ? `unknown: ${h.reason}` : null].filter(Boolean).join('\n') };
  }
  return { text: WORDS[h.status] ?? h.status, cls: CLASSES[h.status] ?? '', title: h.reason ?? '' };
}

export function topicCell(health, name) {
  const s = topicStatus(health?.topics?.[name]);
  const reason = health?.topics?.[name]?.status === 'unknown' ? health.topics[name].reason : null;
  return el('td', { class: `topic ${s.cls}`, 'data-topic': name, 'data-status': health?.topics?.[name]?.status ?? 'not-reported', title: s.title || undefined },
    s.text, reason ? el('div', { class: 'muted reason' }, reason) : null);
}

/** The overall status badge of a device. */
export function statusBadge(health) {
  const status = health?.status ?? 'not-reported';
  return el('span', { class: `status-badge status-${status}`, 'data-status': status }, WORDS[status] ?? status);
}

export function onlineCell(d) {
  return el('td', { class: `topic ${d.connected ? 'state-ok' : 'offline'}`, 'data-topic': 'online' }, d.connected ? 'online' : 'offline');
}

/**
 * A fact that may be unknown: `null` reads "unknown", never "no". When the
 * whole topic is unknown its reason is shown once above the facts (and here
 * as a tooltip); otherwise the fact itself says that the agent did not tell.
 */
export function known(value, format = String, topicReason = null) {
  if (value === null || value === undefined) {
    return el('span', { class: 'state-unknown', title: topicReason ?? 'the agent reported this topic but could not tell this fact' }, topicReason ? 'unknown' : 'unknown (not reported by the agent)');
  }
  return format(value);
}

/** Volumes as bars; `compact` (the list) prints only the percentage beside each. */
export function volumes(disk, { compact = false } = {}) {
  const out = [];
  if (!disk) return out;
  if (disk.state !== 'ok') out.push(el('div', { class: 'state-unknown' }, `unknown: ${disk.reason ?? 'the agent gave no reason'}`));
  for (const v of disk.volumes ?? []) {
    const pct = v.usedPercent;
    out.push(el('div', { class: 'volume', 'data-mount': v.mount },
      el('code', {}, v.mount),
      el('div', { class: 'bar', role: 'meter', 'aria-valuenow': String(pct ?? 0), 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-label': `${v.mount} used` },
        setWidth(el('span', { class: pct >= 95 ? 'crit' : pct >= 90 ? 'warn' : '' }), pct ?? 0)),
      el('span', {}, pct === null || pct === undefined ? 'usage unknown' : compact ? `${Math.round(pct)} %` : `${pct.toFixed(1)} % of ${formatBytes(v.sizeBytes)} (${formatBytes(v.freeBytes)} free)`)));
  }
  return out;
}
