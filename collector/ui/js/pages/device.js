// One device: identity, the latest snapshot topic by topic, and its alert
// history (open and resolved). The status row is the server's health, the
// same the device list shows. A fact the agent could not read says
// "unknown" with the reason, never "no".
import { el, ago, time, showError } from '../dom.js';
import { get } from '../api.js';
import { tenantName, loadDirectory } from '../directory.js';
import { TOPICS, known, onlineCell, statusBadge, topicCell, volumes } from '../device-status.js';

/** Updates listed before "show all": a long list would push everything else off the page. */
const UPDATES_SHOWN = 50;

function facts(pairs) {
  return el('dl', { class: 'facts' }, ...pairs.filter(([, v]) => v !== undefined && v !== null && v !== '').flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

const yesNo = (v) => (v ? 'yes' : 'no');

/** Why a sensor fact is unknown: its product's local tool does not give it (see agent/docs/endpoint-protection.md). */
const NOT_GIVEN = "this product's local tool does not say";

function updateList(updates) {
  const item = (u) => el('li', {}, `${u.name} ${u.availableVersion ?? ''}${u.security ? ' (security)' : ''}${u.kb ? ` ${u.kb}` : ''}`);
  const list = el('ul', { class: 'compact', id: 'patch-updates' }, ...updates.slice(0, UPDATES_SHOWN).map(item));
  if (updates.length <= UPDATES_SHOWN) return [el('p', { class: 'muted' }, `${updates.length} pending update${updates.length === 1 ? '' : 's'}`), list];
  const note = el('p', { class: 'muted', id: 'patch-updates-count' }, `Showing ${UPDATES_SHOWN} of ${updates.length} pending updates.`);
  const more = el('button', { type: 'button', id: 'patch-updates-all' }, `Show all ${updates.length}`);
  more.addEventListener('click', () => {
    list.replaceChildren(...updates.map(item));
    note.textContent = `All ${updates.length} pending updates.`;
    more.remove();
  });
  return [note, list, more];
}

function topicDetail(name, topic, zone) {
  const head = el('h3', {}, name);
  if (!topic) return el('section', { class: 'card topic-detail', 'data-topic': name }, head, el('p', { class: 'muted' }, 'not reported yet'));
  const body = [];
  const reason = topic.state !== 'ok' ? (topic.reason ?? 'the agent gave no reason') : null;
  if (reason) body.push(el('p', { class: 'state-unknown' }, `unknown: ${reason}`));
  if (name === 'patch') {
    body.push(facts([
      ['source', known(topic.source, String, reason)],
      ['pending', known(topic.pendingCount, String, reason)],
      ['security', known(topic.securityCount, String, reason)],
      ['reboot required', el('span', { id: 'reboot-required' }, known(topic.rebootRequired, yesNo, reason))],
      ['last installed', topic.lastInstalledAt ? time(topic.lastInstalledAt, zone) : known(null, String, reason ?? 'not reported by this source')],
    ]));
    if (topic.updates?.length) body.push(...updateList(topic.updates));
  } else if (name === 'disk') {
    body.push(...volumes(topic));
  } else if (name === 'backup') {
    body.push(el('ul', { class: 'compact' }, ...(topic.jobs ?? []).map((j) => el('li', {},
      `${j.provider}/${j.name}: ${j.lastResult ?? 'no result'}, last success `,
      j.lastSuccessAt ? el('span', { title: ago(j.lastSuccessAt) }, time(j.lastSuccessAt, zone)) : 'never',
      j.detail ? ` — ${j.detail}` : ''))));
  } else if (name === 'security') {
    body.push(facts([['firewall', known(topic.firewall?.enabled, (v) => (v ? 'on' : 'off'), reason)]]));
    body.push(el('ul', { class: 'compact' },
      ...(topic.antivirus ?? []).map((a) => el('li', {}, `${a.product}: `, known(a.enabled, (v) => (v ? 'enabled' : 'disabled')), ', real-time ', known(a.realTime, (v) => (v ? 'on' : 'off')),
        ', signatures ', a.signaturesUpdatedAt ? time(a.signaturesUpdatedAt, zone) : known(null))),
      ...(topic.encryption ?? []).map((e) => el('li', {}, `encryption ${e.mount}: ${e.state}${e.method ? ` (${e.method})` : ''}`)),
      // Endpoint protection sensors: each fact its tool does not give shows as unknown.
      ...(topic.endpointProtection ?? []).map((p) => el('li', { class: 'endpoint-protection' }, `${p.product}${p.version ? ` ${p.version}` : ''}: running `, known(p.running, yesNo, NOT_GIVEN),
        ', onboarded ', known(p.onboarded, yesNo, NOT_GIVEN), ', last contact ', p.lastContactAt ? time(p.lastContactAt, zone) : known(null, String, NOT_GIVEN),
        ', tamper protection ', known(p.tamperProtection, (v) => (v ? 'on' : 'off'), NOT_GIVEN),
        p.reducedFunctionality ? ', reduced functionality mode' : '', p.outdated ? ', out of date' : '', p.detail ? ` — ${p.detail}` : ''))));
  }
  return el('section', { class: 'card topic-detail', 'data-topic': name }, head, ...body);
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
      // Times in the viewer's own zone, named: the device's zone is not reported.
      const zone = undefined;
      // Node.append prints a null child as the text "null": leave absent parts out instead.
      root.append(...[
        el('h2', {}, d.hostname, ' ', statusBadge(d.health)),
        facts([['id', d.id], ['tenant', tenantName(d.tenantId)], ['OS', inv ? `${inv.osName ?? inv.os ?? d.os ?? 'unknown'} ${inv.osVersion ?? ''}`.trim() : d.os],
          ['model', inv ? `${inv.manufacturer ?? ''} ${inv.model ?? ''}`.trim() : null], ['role', inv?.chassis],
          ['site', d.site], ['tags', d.tags?.join(', ')], ['agent', d.agentVersion],
          ['last seen', d.lastSeenAt ? `${time(d.lastSeenAt, zone)} (${ago(d.lastSeenAt)})` : 'never'], ['snapshot from', d.status?.collectedAt ? time(d.status.collectedAt, zone) : null]]),
        el('table', { class: 'status-row', id: 'device-status' }, el('thead', {}, el('tr', {}, ...['Online', ...TOPICS].map((h) => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, el('tr', {}, onlineCell(d), ...TOPICS.map((t) => topicCell(d.health, t))))),
        el('div', { class: 'cards' }, ...TOPICS.map((t) => topicDetail(t, d.status?.[t], zone))),
        el('h3', {}, 'Alert history'),
        alerts.total > alerts.alerts.length ? el('p', { class: 'muted' }, `The newest ${alerts.alerts.length} of ${alerts.total} alerts.`) : null,
        alerts.alerts.length === 0 ? el('p', { class: 'muted' }, 'No alerts.') : el('table', { id: 'device-alerts', class: 'alerts' },
          el('thead', {}, el('tr', {}, ...['Severity', 'Alert', 'State', 'Fired', 'Resolved', 'Routing'].map((h) => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, ...alerts.alerts.map((a) => el('tr', { 'data-alert-id': a.id, 'data-rule': a.ruleId, 'data-state': a.state },
            el('td', {}, el('span', { class: `badge sev-${a.severity}` }, a.severity)),
            el('td', {}, a.summary),
            el('td', {}, a.state),
            el('td', {}, a.firedAt ? time(a.firedAt, zone) : 'not yet'),
            el('td', {}, a.resolvedAt ? time(a.resolvedAt, zone) : '—'),
            el('td', {}, el('a', { href: `#/alerts/${encodeURIComponent(a.id)}/routing`, 'aria-label': `routing of ${a.summary}` }, 'routing'))))))].filter(Boolean));
    } catch (err) {
      showError(error, err);
    }
  })();
  return () => { stale = true; };
}
