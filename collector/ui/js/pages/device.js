// One device: identity, the latest snapshot topic by topic, and its alert
// history (open and resolved).
import { el, ago, time, showError } from '../dom.js';
import { get } from '../api.js';
import { tenantName, loadDirectory } from '../directory.js';
import { TOPICS, onlineCell, topicCell, volumes } from '../device-status.js';

function facts(pairs) {
  return el('dl', { class: 'facts' }, ...pairs.filter(([, v]) => v !== undefined && v !== null && v !== '').flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function topicDetail(name, topic) {
  if (!topic) return el('section', { class: 'card topic-detail', 'data-topic': name }, el('h3', {}, name), el('p', { class: 'muted' }, 'not reported yet'));
  const body = [];
  if (topic.state !== 'ok') body.push(el('p', { class: 'state-unknown' }, `unknown: ${topic.reason ?? ''}`));
  if (name === 'patch') {
    body.push(facts([['source', topic.source], ['pending', topic.pendingCount], ['security', topic.securityCount], ['reboot required', topic.rebootRequired ? 'yes' : 'no'], ['last installed', time(topic.lastInstalledAt)]]));
    if (topic.updates?.length) body.push(el('ul', { class: 'compact' }, ...topic.updates.slice(0, 50).map((u) => el('li', {}, `${u.name} ${u.availableVersion ?? ''}${u.security ? ' (security)' : ''}`))));
  } else if (name === 'disk') {
    body.push(...volumes(topic));
  } else if (name === 'backup') {
    body.push(el('ul', { class: 'compact' }, ...(topic.jobs ?? []).map((j) => el('li', {}, `${j.provider}/${j.name}: ${j.lastResult ?? 'no result'}, last success ${ago(j.lastSuccessAt)}${j.detail ? ` — ${j.detail}` : ''}`))));
  } else if (name === 'security') {
    body.push(facts([['firewall', topic.firewall?.enabled === null ? 'unknown' : topic.firewall?.enabled ? 'on' : 'off']]));
    body.push(el('ul', { class: 'compact' },
      ...(topic.antivirus ?? []).map((a) => el('li', {}, `${a.product}: ${a.enabled ? 'enabled' : 'disabled'}, real-time ${a.realTime ? 'on' : 'off'}, signatures ${ago(a.signaturesUpdatedAt)}`)),
      ...(topic.encryption ?? []).map((e) => el('li', {}, `encryption ${e.mount}: ${e.state}${e.method ? ` (${e.method})` : ''}`))));
  }
  return el('section', { class: 'card topic-detail', 'data-topic': name }, el('h3', {}, name), ...body);
}

export function renderDevice(view, id) {
  const error = el('p', { class: 'error', role: 'alert' });
  const root = el('section', { id: 'device-view', 'data-device-id': id }, el('p', {}, el('a', { href: '#/devices' }, '← all devices')), error);
  view.append(root);
  let stale = false;
  void (async () => {
    try {
      await loadDirectory().catch(() => {});
      const [d, alerts] = await Promise.all([
        get(`/api/v1/devices/${encodeURIComponent(id)}`),
        get(`/api/v1/alerts?device=${encodeURIComponent(id)}&state=all&limit=200`),
      ]);
      if (stale) return;
      const inv = d.status?.inventory;
      const openAlerts = alerts.alerts.filter((a) => a.state !== 'resolved');
      root.append(
        el('h2', {}, d.hostname),
        facts([['id', d.id], ['tenant', tenantName(d.tenantId)], ['OS', inv ? `${inv.osName ?? inv.os} ${inv.osVersion ?? ''}` : d.os], ['model', inv ? `${inv.manufacturer ?? ''} ${inv.model ?? ''}`.trim() : null],
          ['chassis', inv?.chassis], ['site', d.site], ['tags', d.tags?.join(', ')], ['agent', d.agentVersion], ['last seen', ago(d.lastSeenAt)], ['snapshot from', time(d.status?.collectedAt)]]),
        el('table', { class: 'status-row' }, el('thead', {}, el('tr', {}, ...['Online', ...TOPICS].map((h) => el('th', {}, h)))),
          el('tbody', {}, el('tr', {}, onlineCell(d), ...TOPICS.map((t) => topicCell(d.status?.[t], openAlerts.filter((a) => a.category === t), t))))),
        el('div', { class: 'cards' }, ...TOPICS.map((t) => topicDetail(t, d.status?.[t]))),
        el('h3', {}, 'Alert history'),
        alerts.alerts.length === 0 ? el('p', { class: 'muted' }, 'No alerts.') : el('table', { id: 'device-alerts', class: 'alerts' },
          el('thead', {}, el('tr', {}, ...['Severity', 'Alert', 'State', 'Fired', 'Resolved', ''].map((h) => el('th', {}, h)))),
          el('tbody', {}, ...alerts.alerts.map((a) => el('tr', { 'data-alert-id': a.id, 'data-rule': a.ruleId, 'data-state': a.state },
            el('td', {}, el('span', { class: `badge sev-${a.severity}` }, a.severity)),
            el('td', {}, a.summary),
            el('td', {}, a.state),
            el('td', {}, time(a.firedAt)),
            el('td', {}, time(a.resolvedAt)),
            el('td', {}, el('a', { href: `#/alerts/${encodeURIComponent(a.id)}/routing` }, 'routing')))))));
    } catch (err) {
      showError(error, err);
    }
  })();
  return () => { stale = true; };
}
