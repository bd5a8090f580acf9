// The NOC board: every open alert the caller may see, live from the stream,
// grouped by tenant or severity, filtered, each with its owner, SLA
// countdown and actions. A health strip counts open alerts per tenant.
import { el, option, duration, ago } from '../dom.js';
import { get } from '../api.js';
import { can } from '../session.js';
import { streamAlerts, subscribe } from '../stream.js';
import { hostname, knowsDevice, loadDirectory, tenantList, tenantName } from '../directory.js';
import { openAlertAction } from '../alert-actions.js';

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 };
const SEVERITIES = ['critical', 'warning', 'info'];
const OWNERS = ['provider', 'internal', 'both'];
const CATEGORIES = ['patch', 'disk', 'backup', 'security', 'availability', 'agent'];
const STATES = ['firing', 'acknowledged', 'snoozed', 'pending'];

// Filters outlive a visit to another page.
const filters = { tenant: '', owner: '', severity: '', category: '', state: 'open', group: 'tenant' };
let manualResolveRules = null;

function matches(a) {
  if (filters.tenant && a.tenantId !== filters.tenant) return false;
  if (filters.owner && a.owner !== filters.owner && !(a.owner === 'both' && filters.owner !== 'both')) return false;
  if (filters.severity && a.severity !== filters.severity) return false;
  if (filters.category && a.category !== filters.category) return false;
  if (filters.state === 'open') return true;
  if (filters.state === 'active') return a.state !== 'pending';
  return a.state === filters.state;
}

function byUrgency(a, b) {
  return (SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
    || Date.parse(a.firedAt ?? a.pendingSince) - Date.parse(b.firedAt ?? b.pendingSince);
}

/** Text and class of the response-time cell at `now`. */
export function slaState(a, now = Date.now()) {
  if (a.state === 'acknowledged') return { text: 'acknowledged', cls: 'sla-met' };
  if (a.state === 'pending') return { text: 'not firing yet', cls: 'muted' };
  if (!a.slaDueAt) return { text: a.slaMinutes === null || a.slaMinutes === undefined ? '—' : `${a.slaMinutes} min`, cls: 'muted' };
  const left = Date.parse(a.slaDueAt) - now;
  if (left < 0) return { text: `overdue ${duration(left)}`, cls: 'sla-overdue' };
  return { text: `${duration(left)} left`, cls: left < 5 * 60_000 ? 'sla-soon' : 'sla-ok' };
}

function filterSelect(name, label, values, labels = {}) {
  const select = el('select', { id: `filter-${name}`, name },
    ...values.map((v) => option(v, labels[v] ?? (v === '' ? 'all' : v), filters[name] === v)));
  return el('label', {}, label, ' ', select);
}

export function renderBoard(view) {
  const health = el('div', { id: 'health', class: 'health-strip', 'aria-label': 'open alerts per tenant' });
  const filterForm = el('form', { id: 'board-filters', class: 'filters' });
  const groups = el('div', { id: 'groups' });
  const empty = el('p', { id: 'board-empty', class: 'muted', hidden: true }, 'No open alerts match.');
  const count = el('span', { id: 'alert-count', class: 'muted' });
  view.append(el('section', { class: 'board' },
    el('h2', {}, 'NOC board ', count),
    health, filterForm, empty, groups));

  const drawFilters = () => {
    const tenants = tenantList();
    filterForm.replaceChildren(
      filterSelect('tenant', 'Tenant', ['', ...tenants.map((t) => t.id)], Object.fromEntries(tenants.map((t) => [t.id, t.name]))),
      filterSelect('owner', 'Owner', ['', ...OWNERS]),
      filterSelect('severity', 'Severity', ['', ...SEVERITIES]),
      filterSelect('category', 'Category', ['', ...CATEGORIES]),
      filterSelect('state', 'State', ['open', 'active', ...STATES], { open: 'open (all)', active: 'fired (not pending)' }),
      filterSelect('group', 'Group by', ['tenant', 'severity']));
  };
  filterForm.addEventListener('change', (e) => {
    filters[e.target.name] = e.target.value;
    schedule();
  });

  const row = (a) => {
    knowsDevice(a.deviceId);
    const sla = slaState(a);
    const actor = can.actOnAlerts();
    const resolvable = !manualResolveRules || manualResolveRules.has(a.ruleId);
    const act = (kind) => () => { void openAlertAction(kind, a, `${hostname(a.deviceId)} · ${tenantName(a.tenantId)}`); };
    return el('tr', { 'data-alert-id': a.id, 'data-rule': a.ruleId, 'data-state': a.state, 'data-owner': a.owner ?? '', 'data-tenant': a.tenantId, 'data-device': a.deviceId, class: `sev-${a.severity}` },
      el('td', {}, el('span', { class: `badge sev-${a.severity}` }, a.severity)),
      el('td', { class: 'summary' }, el('div', {}, a.summary), el('div', { class: 'muted' }, `${a.ruleId}${a.instance ? ` · ${a.instance}` : ''}`)),
      el('td', {}, el('a', { href: `#/devices/${encodeURIComponent(a.deviceId)}` }, hostname(a.deviceId))),
      el('td', {}, tenantName(a.tenantId)),
      el('td', { class: 'owner' }, el('span', { class: `owner-${a.owner ?? 'unknown'}` }, a.owner ?? 'not routed'), ' ',
        el('a', { class: 'why', href: `#/alerts/${encodeURIComponent(a.id)}/routing`, title: 'Why is this mine?' }, 'why?')),
      el('td', { class: 'state' }, a.state, a.acknowledged ? el('div', { class: 'muted', title: a.acknowledged.comment }, `by ${a.acknowledged.by}`) : null,
        a.assignee ? el('div', { class: 'muted assignee' }, `assigned to ${a.assignee.to}`) : null,
        a.firedAt ? el('div', { class: 'muted' }, `fired ${ago(a.firedAt)}`) : null),
      el('td', { class: `sla ${sla.cls}`, 'data-due': a.slaDueAt ?? '' }, sla.text),
      el('td', { class: 'actions' },
        el('button', { type: 'button', class: 'ack', disabled: !actor || !['firing', 'snoozed'].includes(a.state), onclick: act('ack') }, 'Ack'),
        el('button', { type: 'button', class: 'comment', disabled: !actor, onclick: act('comment') }, 'Comment'),
        el('button', { type: 'button', class: 'assign', disabled: !actor, onclick: act('assign') }, 'Assign'),
        el('button', { type: 'button', class: 'resolve', disabled: !actor || !resolvable, title: resolvable ? '' : 'this rule resolves by itself', onclick: act('resolve') }, 'Resolve')));
  };

  const draw = () => {
    const all = [...streamAlerts().values()];
    drawHealth(health, all);
    const shown = all.filter(matches).sort(byUrgency);
    count.textContent = `(${shown.length})`;
    empty.hidden = shown.length > 0;
    const key = filters.group === 'severity' ? (a) => a.severity : (a) => a.tenantId;
    const grouped = new Map();
    for (const a of shown) {
      if (!grouped.has(key(a))) grouped.set(key(a), []);
      grouped.get(key(a)).push(a);
    }
    const order = [...grouped.keys()].sort((x, y) => filters.group === 'severity' ? SEVERITY_ORDER[x] - SEVERITY_ORDER[y] : tenantName(x).localeCompare(tenantName(y)));
    groups.replaceChildren(...order.map((k) => el('section', { class: 'group', 'data-group': k },
      el('h3', {}, filters.group === 'severity' ? k : tenantName(k), el('span', { class: 'muted' }, ` ${grouped.get(k).length}`)),
      el('table', { class: 'alerts' },
        el('thead', {}, el('tr', {}, ...['Severity', 'Alert', 'Device', 'Tenant', 'Owner', 'State', 'Response time', ''].map((h) => el('th', {}, h)))),
        el('tbody', {}, ...grouped.get(k).map(row))))));
  };

  let frame = 0;
  function schedule() {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; draw(); });
  }

  // Health strip: open alerts per tenant by severity; a click filters the board.
  function drawHealth(node, all) {
    const counts = new Map(tenantList().map((t) => [t.id, { critical: 0, warning: 0, info: 0 }]));
    for (const a of all) {
      if (!counts.has(a.tenantId)) counts.set(a.tenantId, { critical: 0, warning: 0, info: 0 });
      counts.get(a.tenantId)[a.severity]++;
    }
    node.replaceChildren(...[...counts.entries()].sort(([x], [y]) => tenantName(x).localeCompare(tenantName(y))).map(([id, c]) => {
      const worst = c.critical ? 'critical' : c.warning ? 'warning' : c.info ? 'info' : 'ok';
      return el('button', { type: 'button', class: `tenant-health health-${worst}`, 'data-tenant': id, 'aria-pressed': String(filters.tenant === id),
        onclick: () => { filters.tenant = filters.tenant === id ? '' : id; drawFilters(); schedule(); } },
      el('strong', {}, tenantName(id)),
      ...SEVERITIES.map((s) => el('span', { class: `count sev-${s}`, 'data-severity': s, title: s }, String(c[s]))));
    }));
  }

  const tick = setInterval(() => {
    const now = Date.now();
    for (const cell of groups.querySelectorAll('td.sla[data-due]:not([data-due=""])')) {
      const tr = cell.closest('tr');
      const a = streamAlerts().get(tr.dataset.alertId);
      if (!a) continue;
      const s = slaState(a, now);
      cell.textContent = s.text;
      cell.className = `sla ${s.cls}`;
    }
  }, 1000);

  const unsubscribe = subscribe((e) => { if (e.kind !== 'status') schedule(); });
  drawFilters();
  draw();
  void loadDirectory().then(() => { drawFilters(); schedule(); }, () => {});
  if (!manualResolveRules) {
    void get('/api/v1/rules').then((b) => {
      manualResolveRules = new Set(b.rules.filter((r) => r.manualResolve).map((r) => r.id));
      schedule();
    }, () => {});
  }
  return () => {
    clearInterval(tick);
    cancelAnimationFrame(frame);
    unsubscribe();
  };
}

