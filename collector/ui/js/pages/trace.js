// "Why is this mine?": an alert's routing decision and the trace of how it
// was reached (which ownership line matched, hours, away periods, tuning).
// The alert page shows the same details through `routingDetails`.
import { el, time, showError } from '../dom.js';
import { get } from '../api.js';
import { hostname, loadDirectory, tenantName } from '../directory.js';

function field(label, value) {
  return value === undefined || value === null ? null : [el('dt', {}, label), el('dd', {}, value)];
}

/** The decision, its trace and the decisions so far; `zone` is the owning team's IANA zone (or undefined). */
export function routingDetails(routing, zone) {
  const d = routing;
  const trace = routing.trace;
  return [
    el('dl', { class: 'facts' },
      field('owner now', el('strong', { id: 'trace-owner', class: `owner-${d.owner}` }, d.owner)),
      field('owner by the config', d.lineOwner),
      field('response time', d.slaMinutes !== undefined && d.slaMinutes !== null ? `${d.slaMinutes} min` : null),
      field('escalates', d.escalation ? `after ${d.escalation.afterMinutes} min to ${d.escalation.to}` : null),
      field('muted', d.muted ? `${d.muted.reason}${d.muted.until ? ` until ${time(new Date(d.muted.until).toISOString(), zone)}` : ''}` : null),
      field('respond by', routing.dueAt ? time(routing.dueAt, zone) : routing.routed ? null : 'not fired yet: this is what routing would decide now'),
      field('escalated', routing.escalatedAt ? time(routing.escalatedAt, zone) : null),
      field('config version', routing.configVersion === null ? 'built-in default' : routing.configVersion)),
    el('h3', {}, 'Trace'),
    el('ol', { id: 'trace', class: 'trace' }, ...trace.map((s, i) => el('li', { class: i === trace.length - 1 ? 'decisive' : '' }, s))),
    routing.decisions?.length ? el('h3', {}, 'Decisions so far') : null,
    routing.decisions?.length ? el('table', { id: 'decisions' },
      el('thead', {}, el('tr', {}, ...['When', 'Why', 'Owner', 'Response time'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...routing.decisions.map((x) => el('tr', {}, el('td', {}, time(x.at, zone)), el('td', {}, x.reason), el('td', {}, x.owner), el('td', {}, `${x.slaMinutes} min`))))) : null,
  ];
}

export function renderTrace(view, alertId) {
  const error = el('p', { class: 'error', role: 'alert' });
  const root = el('section', { id: 'trace-view', 'data-alert-id': alertId },
    el('p', {}, el('a', { href: '#/board' }, '← board'), ' · ', el('a', { href: `#/alerts/${encodeURIComponent(alertId)}` }, 'alert page')),
    el('h2', {}, 'Why is this alert routed this way?'), error);
  view.append(root);
  let stale = false;
  void (async () => {
    await loadDirectory().catch(() => {});
    try {
      const [alert, routing] = await Promise.all([
        get(`/api/v1/alerts/${encodeURIComponent(alertId)}`),
        get(`/api/v1/alerts/${encodeURIComponent(alertId)}/routing`),
      ]);
      if (stale) return;
      root.append(
        el('p', {}, el('span', { class: `badge sev-${alert.severity}` }, alert.severity), ' ', alert.summary),
        el('dl', { class: 'facts' },
          field('device', el('a', { href: `#/devices/${encodeURIComponent(alert.deviceId)}` }, hostname(alert.deviceId))),
          field('tenant', tenantName(alert.tenantId)),
          field('rule', alert.ruleId),
          field('state', alert.state),
          field('fired', time(alert.firedAt))),
        ...routingDetails(routing),
        el('p', {}, el('a', { href: `#/ownership/${encodeURIComponent(alert.tenantId)}` }, 'ownership matrix for this tenant')));
    } catch (err) {
      showError(error, err.status === 404 && /no route/.test(err.message) ? new Error('Routing traces are not available on this collector.') : err);
    }
  })();
  return () => { stale = true; };
}
