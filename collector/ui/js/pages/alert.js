// One alert: what it is and how long is left to respond (in the owning
// team's zone), the actions, the device facts that raised it, the routing
// trace, and its timeline — every state change, comment, assignment,
// escalation, re-route and each notification per channel (sent, failed,
// grouped or suppressed). Live: a change on the stream reloads it, and
// deliveries (which finish after the change) are picked up every 15 s.
import { el, ago, clock, time, showError } from '../dom.js';
import { get } from '../api.js';
import { can } from '../session.js';
import { subscribe } from '../stream.js';
import { hostname, loadDirectory, tenantName } from '../directory.js';
import { ACTIONS, actionAllowed, openAlertAction } from '../alert-actions.js';
import { volumes } from '../device-status.js';
import { ownerZone } from '../team-zones.js';
import { routingDetails } from './trace.js';
import { slaState } from './board.js';

const REFRESH_MS = 15_000;

function facts(pairs) {
  return el('dl', { class: 'facts' }, ...pairs.filter(([, v]) => v !== undefined && v !== null && v !== '').flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

const onOff = (v) => (v === null || v === undefined ? 'unknown' : v ? 'on' : 'off');

/** What the device reported on the alert's topic: the facts the rule looked at. */
function deviceFacts(alert, d, zone) {
  const s = d.status ?? {};
  const identity = facts([
    ['device', el('a', { href: `#/devices/${encodeURIComponent(d.id)}` }, d.hostname)],
    ['OS', s.inventory ? `${s.inventory.osName ?? s.inventory.os} ${s.inventory.osVersion ?? ''}`.trim() : d.os],
    ['site', d.site], ['tags', d.tags?.length ? d.tags.join(', ') : null],
    ['last seen', d.lastSeenAt ? `${ago(d.lastSeenAt)} (${time(d.lastSeenAt, zone)})` : 'never'],
    ['snapshot from', s.collectedAt ? time(s.collectedAt, zone) : null],
  ]);
  const topic = s[alert.category];
  const body = [];
  if (topic && topic.state !== 'ok') body.push(el('p', { class: 'state-unknown' }, `unknown: ${topic.reason ?? 'no reason given'}`));
  if (alert.category === 'disk' && topic) {
    body.push(...volumes({ ...topic, volumes: topic.volumes.filter((v) => !alert.instance || v.mount === alert.instance) }));
  } else if (alert.category === 'security' && topic) {
    body.push(facts([['firewall', onOff(topic.firewall?.enabled)]]), el('ul', { class: 'compact' },
      ...(topic.antivirus ?? []).map((a) => el('li', {}, `${a.product}: ${a.enabled ? 'enabled' : 'disabled'}, real-time ${onOff(a.realTime)}, signatures ${ago(a.signaturesUpdatedAt)}`)),
      ...(topic.encryption ?? []).map((e) => el('li', {}, `encryption ${e.mount}: ${e.state}${e.method ? ` (${e.method})` : ''}`))));
  } else if (alert.category === 'backup' && topic) {
    body.push(el('ul', { class: 'compact' }, ...(topic.jobs ?? []).filter((j) => !alert.instance || j.name === alert.instance || `${j.provider}/${j.name}` === alert.instance)
      .map((j) => el('li', {}, `${j.provider}/${j.name}: ${j.lastResult ?? 'no result'}, last success ${ago(j.lastSuccessAt)}${j.detail ? ` — ${j.detail}` : ''}`))));
  } else if (alert.category === 'patch' && topic) {
    body.push(facts([['pending', topic.pendingCount], ['security', topic.securityCount], ['reboot required', topic.rebootRequired ? 'yes' : 'no'], ['last installed', time(topic.lastInstalledAt, zone)]]));
    if (topic.updates?.length) body.push(el('ul', { class: 'compact' }, ...topic.updates.slice(0, 20).map((u) => el('li', {}, `${u.name} ${u.availableVersion ?? ''}${u.security ? ' (security)' : ''}`))));
  } else if (!topic && ['patch', 'disk', 'backup', 'security'].includes(alert.category)) {
    body.push(el('p', { class: 'muted' }, `the device has not reported ${alert.category} yet`));
  }
  return [identity, ...body];
}

const KIND_LABEL = {
  raised: 'raised', fired: 'fired', acknowledged: 'acknowledged', unacknowledged: 'un-acknowledged', snoozed: 'snoozed', resolved: 'resolved',
  comment: 'comment', assigned: 'assigned', changed: 'changed', routing: 'routing', notification: 'notification',
};

function timelineItem(e, zone) {
  const who = e.actor ? el('span', { class: 'who-did' }, ` by ${e.actor}`) : null;
  let what;
  if (e.kind === 'notification') {
    // "sent" needs no more words; a group, a failure or a suppression says what happened.
    what = [el('span', { class: `delivery delivery-${e.status}` }, e.status), ` ${e.reason ?? ''} notification${e.channel ? ` to ${e.team} · ${e.channel}` : ''}`,
      e.text !== 'sent' ? `: ${e.text}` : '', e.deadLetter ? el('span', { class: 'muted' }, ` (dead letter ${e.deadLetter})`) : null];
  } else if (e.kind === 'assigned') {
    what = `to ${e.assignee}`;
  } else {
    what = e.text === KIND_LABEL[e.kind] ? '' : e.text;
  }
  return el('li', { class: `tl tl-${e.kind}`, 'data-kind': e.kind, 'data-status': e.status ?? null },
    el('time', { datetime: e.at }, time(e.at, zone)), ' ',
    el('strong', { class: 'tl-kind' }, KIND_LABEL[e.kind] ?? e.kind), ' ',
    el('span', { class: 'tl-what' }, what), who,
    e.comment ? el('blockquote', { class: 'tl-comment' }, e.comment) : null);
}

/** Why the alert pages nobody right now: a maintenance window in force, or the alert that inhibits it. */
function heldLine(h) {
  return el('p', { id: 'alert-held', class: `held held-${h.by}`, 'data-held-by': h.by },
    el('span', { class: 'badge in-maintenance' }, h.by === 'maintenance' ? 'in maintenance' : 'inhibited'), ` ${h.reason}: nobody is paged and the response clock waits`);
}

/** Every notification attempt and every hold, from the collector's record. */
function recordSection(record, zone) {
  return el('section', { id: 'alert-record', 'aria-labelledby': 'record-title' }, el('h3', { id: 'record-title' }, 'Notification record'),
    record.records.length === 0 ? el('p', { class: 'muted' }, 'nothing notified or held yet')
      : el('ol', { class: 'timeline' }, ...record.records.map((r) => el('li', { class: 'record', 'data-outcome': r.outcome, 'data-suppressed-by': r.suppressedBy },
        el('time', { datetime: r.at }, time(r.at, zone)), ' ', el('span', { class: `delivery delivery-${r.outcome}` }, r.suppressedBy ? `${r.outcome} (${r.suppressedBy})` : r.outcome),
        ` ${r.kind}${r.channel ? ` → ${r.team} · ${r.channel}` : ''}${r.reason ? `: ${r.reason}` : ''}`))));
}

export function renderAlert(view, alertId) {
  const error = el('p', { class: 'error', role: 'alert' });
  const root = el('section', { id: 'alert-view', 'data-alert-id': alertId, 'aria-busy': 'true' },
    el('p', {}, el('a', { href: '#/board' }, '← board')), error, el('p', { id: 'alert-loading', class: 'muted', role: 'status' }, 'Loading the alert…'));
  view.append(root);
  let stopped = false;
  let alert = null;
  let zone;
  let loadingNow = null;
  let again = false;
  let lastKey = '';

  const actionBar = () => {
    const actor = can.actOnAlerts();
    const kinds = alert.state === 'acknowledged' ? ['unack', 'comment', 'assign', 'snooze', 'resolve'] : ['ack', 'comment', 'assign', 'snooze', 'resolve'];
    return el('div', { id: 'alert-actions', class: 'row start', role: 'toolbar', 'aria-label': 'actions' }, ...kinds.map((k) => {
      const allowed = actionAllowed(k, alert) && (k !== 'resolve' || alert.manualResolve !== false);
      return el('button', { type: 'button', id: `alert-${k}`, class: k === 'ack' ? 'primary' : k, disabled: !actor || !allowed,
        onclick: () => { void openAlertAction(k, alert, `${hostname(alert.deviceId)} · ${tenantName(alert.tenantId)}`).then((done) => { if (done) void load(); }); } }, ACTIONS[k].title);
    }));
  };

  const slaLine = (due) => {
    const s = slaState({ ...alert, slaDueAt: due });
    return el('p', { id: 'alert-sla', class: `sla ${s.cls}`, 'data-due': due ?? '' }, el('span', { class: 'sla-left' }, s.text),
      due && alert.state === 'firing' ? el('span', { class: 'sla-by' }, ` · respond by ${clock(due, zone)}`) : null);
  };

  async function load() {
    if (loadingNow) { again = true; return loadingNow; }
    loadingNow = (async () => {
      try {
        await loadDirectory().catch(() => {});
        const a = await get(`/api/v1/alerts/${encodeURIComponent(alertId)}`);
        const [timeline, routing, device, record] = await Promise.all([
          get(`/api/v1/alerts/${encodeURIComponent(alertId)}/timeline`),
          get(`/api/v1/alerts/${encodeURIComponent(alertId)}/routing`).catch(() => null),
          get(`/api/v1/devices/${encodeURIComponent(a.deviceId)}`).catch(() => null),
          get(`/api/v1/alerts/${encodeURIComponent(alertId)}/notifications`).catch(() => null),
        ]);
        if (stopped) return;
        // A periodic refresh that found nothing new leaves the page (and the reader's place) alone.
        const key = JSON.stringify([a, timeline, routing, record]);
        if (key === lastKey) return;
        lastKey = key;
        alert = a;
        zone = ownerZone(a.tenantId, timeline.owner ?? routing?.owner, timeline.teams ? { internal: timeline.teams.internal?.timeZone, provider: timeline.teams.provider?.timeZone } : undefined);
        const due = timeline.dueAt;
        showError(error, null);
        root.setAttribute('aria-busy', 'false');
        root.dataset.state = a.state;
        // replaceChildren prints a null child as the text "null": absent parts are left out.
        root.replaceChildren(...[
          el('p', {}, el('a', { href: '#/board' }, '← board')),
          error,
          el('h2', { id: 'alert-title' }, el('span', { class: `badge sev-${a.severity}` }, a.severity), ' ', a.summary),
          facts([
            ['state', el('span', { id: 'alert-state' }, a.state)],
            ['owner', el('span', { id: 'alert-owner', class: `owner-${timeline.owner ?? 'unknown'}` }, timeline.owner ?? 'not routed yet')],
            ['assigned to', a.assignee ? el('span', { id: 'alert-assignee' }, a.assignee.to) : 'nobody'],
            ['acknowledged', a.acknowledged ? `by ${a.acknowledged.by}, ${time(a.acknowledged.at, zone)}` : null],
            ['snoozed until', a.state === 'snoozed' ? time(a.snoozedUntil, zone) : null],
            ['tickets', timeline.tickets?.length ? el('span', { id: 'alert-tickets' }, timeline.tickets.map((t) => `${t.team}: ${t.system} ${t.ref} (${t.status})`).join(' · ')) : null],
            ['tenant', tenantName(a.tenantId)],
            ['rule', `${a.ruleId}${a.instance ? ` · ${a.instance}` : ''}`],
            ['fired', a.firedAt ? time(a.firedAt, zone) : 'not yet'],
            ['zone', zone ? `${zone} (the owning team's business hours)` : `this browser's (${Intl.DateTimeFormat().resolvedOptions().timeZone})`],
          ]),
          record?.heldBy ? heldLine(record.heldBy) : null,
          slaLine(due),
          actionBar(),
          el('div', { class: 'alert-columns' },
            el('section', { id: 'alert-facts', class: 'card', 'aria-labelledby': 'facts-title' }, el('h3', { id: 'facts-title' }, 'What the device reported'),
              ...(device ? deviceFacts(a, device, zone) : [el('p', { class: 'muted' }, 'device details are not available')])),
            el('section', { id: 'alert-routing', class: 'card', 'aria-labelledby': 'routing-title' }, el('h3', { id: 'routing-title' }, 'Why it is routed this way'),
              ...(routing ? routingDetails(routing, zone) : [el('p', { class: 'muted' }, 'no routing on this collector')]))),
          el('section', { id: 'alert-timeline', 'aria-labelledby': 'timeline-title' },
            el('h3', { id: 'timeline-title' }, 'Timeline'),
            timeline.truncated ? el('p', { class: 'muted' }, 'older entries are left out') : null,
            el('ol', { id: 'timeline', class: 'timeline' }, ...timeline.entries.map((e) => timelineItem(e, zone)))),
          record ? recordSection(record, zone) : null,
        ].filter(Boolean));
      } catch (err) {
        if (stopped) return;
        root.setAttribute('aria-busy', 'false');
        root.querySelector('#alert-loading')?.remove();
        showError(error, err.status === 404 ? new Error(`Alert ${alertId} was not found (or is not yours to see).`) : err);
      }
    })().finally(() => {
      loadingNow = null;
      if (again && !stopped) { again = false; void load(); }
    });
    return loadingNow;
  }

  let pending = 0;
  const unsubscribe = subscribe((e) => {
    if ((e.kind === 'alert' && e.alert.id === alertId) || (e.kind === 'remove' && e.id === alertId)) {
      clearTimeout(pending);
      pending = setTimeout(() => { void load(); }, 300);
    }
  });
  const tick = setInterval(() => {
    if (!alert) return;
    const line = root.querySelector('#alert-sla');
    if (!line) return;
    const s = slaState({ ...alert, slaDueAt: line.dataset.due || null });
    line.querySelector('.sla-left').textContent = s.text;
    line.className = `sla ${s.cls}`;
  }, 1000);
  const refresh = setInterval(() => { if (document.visibilityState === 'visible') void load(); }, REFRESH_MS);
  void load();
  return () => {
    stopped = true;
    unsubscribe();
    clearTimeout(pending);
    clearInterval(tick);
    clearInterval(refresh);
  };
}
