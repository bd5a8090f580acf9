// The NOC board: every open alert the caller may see, live from the stream,
// most urgent first (firing and overdue, then by response time left), with
// search, filters and sort kept in the URL (#/board?q=disk&owner=provider),
// row selection for bulk actions, keyboard shortcuts, a cue for new alerts
// and a wall-screen mode (#/board?wall=1). A health strip counts open alerts
// per tenant.
import { el, option, duration, ago, clock } from '../dom.js';
import { get } from '../api.js';
import { can, user } from '../session.js';
import { streamAlerts, streamStatus, subscribe } from '../stream.js';
import { hostname, knowsDevice, loadDirectory, tenantList, tenantName } from '../directory.js';
import { actionAllowed, openAlertAction } from '../alert-actions.js';
import { loadZones, ownerZone } from '../team-zones.js';

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 };
const SEVERITIES = ['critical', 'warning', 'info'];
const OWNERS = ['provider', 'internal', 'both'];
const CATEGORIES = ['patch', 'disk', 'backup', 'security', 'availability', 'agent'];
const STATES = ['firing', 'acknowledged', 'snoozed', 'pending'];
/** A wall screen shows this many rows at most; the rest is counted, not drawn. */
const MAX_ROWS = 500;
/** How long a new alert stays marked as new. */
const FRESH_MS = 2 * 60_000;
const SOUND_KEY = 'tandem.sound';

const DEFAULTS = { q: '', tenant: '', owner: '', severity: '', category: '', state: 'open', assignee: '', group: 'none', sort: 'urgency', dir: 'asc', wall: '' };

const COLUMNS = [
  { key: 'severity', label: 'Severity', value: (a) => SEVERITY_ORDER[a.severity] },
  { key: 'alert', label: 'Alert', value: (a) => a.summary.toLowerCase() },
  { key: 'device', label: 'Device', value: (a) => hostname(a.deviceId).toLowerCase() },
  { key: 'tenant', label: 'Tenant', value: (a) => tenantName(a.tenantId).toLowerCase() },
  { key: 'owner', label: 'Owner', value: (a) => a.owner ?? '~' },
  { key: 'state', label: 'State', value: (a) => STATES.indexOf(a.state) },
  { key: 'sla', label: 'Response time', value: (a) => (a.slaDueAt ? Date.parse(a.slaDueAt) : Infinity) },
];

/** Filters, search and sort from the hash's query; unknown keys are ignored. */
export function readQuery(hash = location.hash) {
  const i = hash.indexOf('?');
  const params = new URLSearchParams(i < 0 ? '' : hash.slice(i + 1));
  const out = { ...DEFAULTS };
  for (const k of Object.keys(DEFAULTS)) if (params.has(k)) out[k] = params.get(k);
  return out;
}

function queryString(f) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== DEFAULTS[k]) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Text and class of the response-time countdown at `now`. */
export function slaState(a, now = Date.now()) {
  if (a.state === 'acknowledged') return { text: 'acknowledged', cls: 'sla-met' };
  if (a.state === 'pending') return { text: 'not firing yet', cls: 'muted' };
  // A snooze that ends fires the alert again with a fresh response time; until then nothing runs out.
  if (a.state === 'snoozed') return { text: 'snoozed', cls: 'sla-met' };
  if (!a.slaDueAt) return { text: a.slaMinutes === null || a.slaMinutes === undefined ? '—' : `${a.slaMinutes} min`, cls: 'muted' };
  const left = Date.parse(a.slaDueAt) - now;
  if (left < 0) return { text: `overdue ${duration(left)}`, cls: 'sla-overdue' };
  return { text: `${duration(left)} left`, cls: left < 5 * 60_000 ? 'sla-soon' : 'sla-ok' };
}

/**
 * Most urgent first: firing (unacknowledged) and overdue, then firing by
 * time left, then snoozed, acknowledged, pending; ties by severity, then
 * the oldest first.
 */
export function byUrgency(a, b, now = Date.now()) {
  const due = (x) => (x.slaDueAt ? Date.parse(x.slaDueAt) : Infinity);
  const bucket = (x) => (x.state === 'firing' ? (due(x) < now ? 0 : 1) : { snoozed: 2, acknowledged: 3, pending: 4 }[x.state] ?? 5);
  return (bucket(a) - bucket(b))
    || (bucket(a) <= 1 ? due(a) - due(b) || 0 : 0)
    || (SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
    || Date.parse(a.firedAt ?? a.pendingSince) - Date.parse(b.firedAt ?? b.pendingSince);
}

function me() {
  const u = user();
  return u?.email ?? u?.name ?? '';
}

function matches(a, f) {
  if (f.tenant && a.tenantId !== f.tenant) return false;
  if (f.owner && a.owner !== f.owner && !(a.owner === 'both' && f.owner !== 'both')) return false;
  if (f.severity && a.severity !== f.severity) return false;
  if (f.category && a.category !== f.category) return false;
  if (f.assignee === 'me' && a.assignee?.to !== me()) return false;
  if (f.assignee === 'nobody' && a.assignee) return false;
  if (f.assignee && !['me', 'nobody'].includes(f.assignee) && a.assignee?.to !== f.assignee) return false;
  if (f.state === 'active' && a.state === 'pending') return false;
  if (!['open', 'active'].includes(f.state) && a.state !== f.state) return false;
  if (f.q) {
    const hay = [a.summary, a.ruleId, a.instance, a.category, hostname(a.deviceId), tenantName(a.tenantId), a.owner, a.assignee?.to, a.state].join(' ').toLowerCase();
    if (!f.q.toLowerCase().split(/\s+/).filter(Boolean).every((w) => hay.includes(w))) return false;
  }
  return true;
}

/** A short beep for a new alert, only once someone switched sound on (browsers need that click anyway). */
let audio = null;
function beep() {
  if (!audio) return;
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  gain.gain.value = 0.08;
  osc.frequency.value = 880;
  osc.connect(gain).connect(audio.destination);
  osc.start();
  osc.stop(audio.currentTime + 0.15);
}

export function renderBoard(view) {
  const f = readQuery();
  const wall = f.wall === '1';
  document.body.classList.toggle('wall', wall);
  const selected = new Set();
  /** id → when it arrived live (bounded by FRESH_MS). */
  const fresh = new Map();
  let cursor = null;
  let unseen = 0;
  let manualResolveRules = null;

  const health = el('div', { id: 'health', class: 'health-strip', 'aria-label': 'open alerts per tenant' });
  const search = el('input', { id: 'board-search', type: 'search', name: 'q', value: f.q, placeholder: 'Search alerts, devices, tenants… ( / )', 'aria-label': 'search alerts', autocomplete: 'off' });
  const filterForm = el('form', { id: 'board-filters', class: 'filters', role: 'search' });
  const groups = el('div', { id: 'groups' });
  const loading = el('p', { id: 'board-loading', class: 'muted', role: 'status' }, 'Loading alerts…');
  const empty = el('p', { id: 'board-empty', class: 'muted', hidden: true }, 'No open alerts match.');
  const stale = el('p', { id: 'stale-banner', class: 'stale-banner', role: 'alert', hidden: true });
  const count = el('span', { id: 'alert-count', class: 'muted' });
  const more = el('p', { id: 'board-more', class: 'muted', hidden: true });
  const bulk = el('div', { id: 'bulk-bar', class: 'bulk-bar', hidden: true, role: 'region', 'aria-label': 'selected alerts' });
  const help = el('p', { id: 'board-help', class: 'muted help-line' },
    'Keys: j/k move · a acknowledge · c comment · s snooze · x select · o open · / search');
  const sound = el('input', { id: 'sound-toggle', type: 'checkbox', checked: localStorage.getItem(SOUND_KEY) === '1' });
  const wallLink = el('a', { id: 'wall-toggle', class: 'button', href: `#/board${queryString({ ...f, wall: wall ? '' : '1' })}` }, wall ? 'Normal view' : 'Wall screen');
  view.append(el('section', { class: 'board' },
    el('div', { class: 'board-head' }, el('h2', {}, 'NOC board ', count), el('span', { class: 'spacer' }),
      el('label', { class: 'sound' }, sound, ' sound for new alerts'), wallLink),
    stale, health, el('div', { class: 'filters' }, search), filterForm, bulk, loading, empty, groups, more, help));

  sound.addEventListener('change', () => {
    localStorage.setItem(SOUND_KEY, sound.checked ? '1' : '0');
    if (sound.checked && !audio) audio = new AudioContext();
  });
  if (sound.checked && !audio) {
    // Without a click on this page load the browser keeps it silent until the next one.
    try { audio = new AudioContext(); } catch { audio = null; }
  }

  const saveQuery = () => history.replaceState(null, '', `#/board${queryString(f)}`);
  const setFilter = (k, v) => { f[k] = v; saveQuery(); schedule(); };

  function filterSelect(name, label, values, labels = {}) {
    const select = el('select', { id: `filter-${name}`, name },
      ...values.map((v) => option(v, labels[v] ?? (v === '' ? 'all' : v), f[name] === v)));
    return el('label', {}, label, ' ', select);
  }

  const drawFilters = () => {
    const tenants = tenantList();
    const assignees = [...new Set([...streamAlerts().values()].map((a) => a.assignee?.to).filter(Boolean))].sort().slice(0, 100);
    if (f.assignee && !['me', 'nobody', ...assignees].includes(f.assignee)) assignees.push(f.assignee);
    filterForm.replaceChildren(
      filterSelect('tenant', 'Tenant', ['', ...tenants.map((t) => t.id)], Object.fromEntries(tenants.map((t) => [t.id, t.name]))),
      filterSelect('owner', 'Owner', ['', ...OWNERS]),
      filterSelect('severity', 'Severity', ['', ...SEVERITIES]),
      filterSelect('category', 'Category', ['', ...CATEGORIES]),
      filterSelect('state', 'State', ['open', 'active', ...STATES], { open: 'open (all)', active: 'fired (not pending)' }),
      filterSelect('assignee', 'Assignee', ['', 'me', 'nobody', ...assignees], { me: 'assigned to me', nobody: 'nobody' }),
      filterSelect('group', 'Group by', ['none', 'tenant', 'severity'], { none: 'nothing' }),
      el('button', { type: 'button', id: 'assigned-to-me', 'aria-pressed': String(f.assignee === 'me'), onclick: () => { setFilter('assignee', f.assignee === 'me' ? '' : 'me'); drawFilters(); } }, 'Assigned to me'));
  };
  filterForm.addEventListener('change', (e) => { if (e.target.name) setFilter(e.target.name, e.target.value); });
  filterForm.addEventListener('submit', (e) => e.preventDefault());
  search.addEventListener('input', () => setFilter('q', search.value.trim()));

  const subjectOf = (a) => `${hostname(a.deviceId)} · ${tenantName(a.tenantId)}`;
  const act = (kind, a) => {
    if (!can.actOnAlerts() || !actionAllowed(kind, a)) return;
    void openAlertAction(kind, a, subjectOf(a));
  };

  function slaCell(a) {
    const s = slaState(a);
    const by = a.slaDueAt && a.state === 'firing' ? `respond by ${clock(a.slaDueAt, ownerZone(a.tenantId, a.owner))}` : null;
    return el('td', { class: `sla ${s.cls}`, 'data-due': a.slaDueAt ?? '' },
      el('span', { class: 'sla-left' }, s.text), by ? el('span', { class: 'sla-by muted' }, by) : null);
  }

  function sortHeader(c) {
    const active = f.sort === c.key;
    const label = `${c.label}${active ? (f.dir === 'desc' ? ' ▼' : ' ▲') : ''}`;
    return el('th', { scope: 'col', 'aria-sort': active ? (f.dir === 'desc' ? 'descending' : 'ascending') : 'none' },
      el('button', { type: 'button', class: 'sort', 'data-sort': c.key, onclick: () => {
        if (f.sort === c.key && f.dir === 'desc') { f.sort = 'urgency'; f.dir = 'asc'; } else if (f.sort === c.key) f.dir = 'desc'; else { f.sort = c.key; f.dir = 'asc'; }
        saveQuery(); schedule();
      } }, label));
  }

  // Alerts held by a maintenance window or an inhibiting alert: open and shown, but nobody is paged.
  let held = new Map();
  const heldMark = (id) => {
    const h = held.get(id);
    return h ? el('span', { class: 'badge in-maintenance', 'data-held-by': h.by, title: h.reason }, h.by === 'maintenance' ? 'in maintenance' : 'inhibited') : null;
  };
  const loadHeld = () => get('/api/v1/notifications/held').then((b) => {
    const next = new Map(b.held.map((h) => [h.alertId, h]));
    if (JSON.stringify([...next]) !== JSON.stringify([...held])) { held = next; schedule(); }
  }, () => {});
  const heldTimer = setInterval(() => { if (document.visibilityState === 'visible') void loadHeld(); }, 10_000);

  const row = (a) => {
    knowsDevice(a.deviceId);
    const actor = can.actOnAlerts();
    const resolvable = !manualResolveRules || manualResolveRules.has(a.ruleId);
    const button = (kind, label, extra = {}) => el('button', { type: 'button', class: kind, disabled: !actor || !actionAllowed(kind, a), onclick: () => act(kind, a), ...extra }, label);
    const classes = [`sev-${a.severity}`, fresh.has(a.id) ? 'fresh' : '', cursor === a.id ? 'cursor' : '', selected.has(a.id) ? 'selected' : ''].filter(Boolean).join(' ');
    return el('tr', { 'data-alert-id': a.id, 'data-rule': a.ruleId, 'data-state': a.state, 'data-owner': a.owner ?? '', 'data-tenant': a.tenantId, 'data-device': a.deviceId, 'data-due': a.slaDueAt ?? '', class: classes, 'aria-current': cursor === a.id ? 'true' : null },
      el('td', { class: 'select' }, el('input', { type: 'checkbox', class: 'row-select', checked: selected.has(a.id), 'aria-label': `select ${a.summary} on ${hostname(a.deviceId)}`,
        onchange: (e) => { if (e.target.checked) selected.add(a.id); else selected.delete(a.id); schedule(); } })),
      el('td', {}, el('span', { class: `badge sev-${a.severity}` }, a.severity)),
      el('td', { class: 'summary' }, el('a', { class: 'alert-link', href: `#/alerts/${encodeURIComponent(a.id)}` }, a.summary),
        fresh.has(a.id) ? el('span', { class: 'new-badge' }, 'new') : null,
        heldMark(a.id),
        el('div', { class: 'muted detail' }, `${a.ruleId}${a.instance ? ` · ${a.instance}` : ''}`)),
      el('td', {}, el('a', { href: `#/devices/${encodeURIComponent(a.deviceId)}` }, hostname(a.deviceId))),
      el('td', {}, tenantName(a.tenantId)),
      el('td', { class: 'owner' }, el('span', { class: `owner-${a.owner ?? 'unknown'}` }, a.owner ?? 'not routed'), ' ',
        el('a', { class: 'why', href: `#/alerts/${encodeURIComponent(a.id)}/routing`, title: 'Why is this mine?' }, 'why?')),
      el('td', { class: 'state' }, a.state,
        a.acknowledged ? el('div', { class: 'muted detail', title: a.acknowledged.comment }, `by ${a.acknowledged.by}`) : null,
        a.state === 'snoozed' && a.snoozedUntil ? el('div', { class: 'muted detail' }, `until ${clock(a.snoozedUntil, ownerZone(a.tenantId, a.owner))}`) : null,
        a.assignee ? el('div', { class: 'muted assignee' }, `assigned to ${a.assignee.to}`) : null,
        a.firedAt ? el('div', { class: 'muted detail', title: clock(a.firedAt) }, `fired ${ago(a.firedAt)}`) : null),
      slaCell(a),
      el('td', { class: 'actions' },
        a.state === 'acknowledged' ? button('unack', 'Un-ack') : button('ack', 'Ack'),
        button('comment', 'Comment'),
        button('assign', 'Assign'),
        button('snooze', 'Snooze'),
        button('resolve', 'Resolve', { disabled: !actor || !resolvable, title: resolvable ? null : 'this rule resolves by itself' })));
  };

  let shownIds = [];

  const table = (list, withSort) => el('table', { class: 'alerts' },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', class: 'select' }, el('input', { type: 'checkbox', class: 'select-all', 'aria-label': 'select all shown alerts',
        checked: list.length > 0 && list.every((a) => selected.has(a.id)),
        onchange: (e) => { for (const a of list) { if (e.target.checked) selected.add(a.id); else selected.delete(a.id); } schedule(); } })),
      ...COLUMNS.map((c) => (withSort ? sortHeader(c) : el('th', { scope: 'col' }, c.label))),
      el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Actions')))),
    el('tbody', {}, ...list.map(row)));

  function sorted(list) {
    const now = Date.now();
    if (f.sort === 'urgency') return list.sort((a, b) => byUrgency(a, b, now));
    const col = COLUMNS.find((c) => c.key === f.sort);
    if (!col) return list.sort((a, b) => byUrgency(a, b, now));
    const sign = f.dir === 'desc' ? -1 : 1;
    return list.sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      return (x < y ? -sign : x > y ? sign : 0) || byUrgency(a, b, now);
    });
  }

  function drawStale() {
    const s = streamStatus();
    const down = s.status !== 'live';
    stale.hidden = !down || (!s.ready && s.status === 'connecting');
    if (!stale.hidden) {
      stale.textContent = s.staleSince
        ? `Live updates stopped at ${clock(new Date(s.staleSince).toISOString())} (${s.status}). What you see may be out of date.`
        : `No live connection (${s.status}). What you see may be out of date.`;
    }
    groups.classList.toggle('is-stale', down && s.ready);
  }

  function drawBulk(all) {
    for (const id of [...selected]) if (!all.has(id)) selected.delete(id);
    bulk.hidden = selected.size === 0;
    if (bulk.hidden) return bulk.replaceChildren();
    const chosen = [...selected].map((id) => all.get(id));
    const many = (kind, label) => el('button', { type: 'button', class: `bulk-${kind}`, disabled: !can.actOnAlerts() || !chosen.some((a) => actionAllowed(kind, a)),
      onclick: () => { void openAlertAction(kind, chosen.filter((a) => actionAllowed(kind, a)), `${selected.size} selected`).then((done) => { if (done) { selected.clear(); schedule(); } }); } }, label);
    bulk.replaceChildren(el('strong', {}, `${selected.size} selected`), many('ack', 'Acknowledge'), many('assign', 'Assign'), many('snooze', 'Snooze'),
      el('button', { type: 'button', class: 'bulk-clear', onclick: () => { selected.clear(); schedule(); } }, 'Clear selection'));
  }

  function drawTitle(all) {
    const firing = [...all.values()].filter((a) => a.state === 'firing').length;
    document.title = `${unseen > 0 ? `(${unseen} new) ` : ''}${firing} firing · NOC board · Tandem`;
  }

  /** Where keyboard focus is inside the alert list, so a live redraw can put it back. */
  function focusInList() {
    const f0 = document.activeElement;
    const tr = f0 instanceof HTMLElement && groups.contains(f0) ? f0.closest('tr[data-alert-id]') : null;
    return tr ? { id: tr.dataset.alertId, selector: `${f0.tagName.toLowerCase()}${f0.classList.length ? `.${[...f0.classList].join('.')}` : ''}` } : null;
  }
  function restoreFocus(where) {
    if (!where) return;
    const tr = [...groups.querySelectorAll('tr[data-alert-id]')].find((r) => r.dataset.alertId === where.id);
    tr?.querySelector(where.selector)?.focus({ preventScroll: true });
  }

  const draw = () => {
    const focused = focusInList();
    render();
    restoreFocus(focused);
  };

  const render = () => {
    const now = Date.now();
    for (const [id, at] of fresh) if (now - at > FRESH_MS) fresh.delete(id);
    const map = streamAlerts();
    const all = [...map.values()];
    const ready = streamStatus().ready;
    drawStale();
    // Zero counts before the first snapshot would read as "all green".
    health.hidden = !ready;
    drawHealth(health, all);
    drawTitle(map);
    drawBulk(map);
    const matching = sorted(all.filter((a) => matches(a, f)));
    const shown = matching.slice(0, MAX_ROWS);
    shownIds = shown.map((a) => a.id);
    if (cursor && !shownIds.includes(cursor)) cursor = null;
    count.textContent = ready ? `(${matching.length})` : '';
    loading.hidden = ready;
    empty.hidden = !ready || matching.length > 0;
    more.hidden = matching.length <= MAX_ROWS;
    more.textContent = `${matching.length - MAX_ROWS} more not shown: narrow the search or filters.`;
    loadZones([...new Set(shown.map((a) => a.tenantId))], schedule);
    if (f.group === 'none') {
      groups.replaceChildren(shown.length ? el('section', { class: 'group', 'data-group': 'all' }, table(shown, true)) : '');
      return;
    }
    const key = f.group === 'severity' ? (a) => a.severity : (a) => a.tenantId;
    const grouped = new Map();
    for (const a of shown) {
      if (!grouped.has(key(a))) grouped.set(key(a), []);
      grouped.get(key(a)).push(a);
    }
    const order = [...grouped.keys()].sort((x, y) => f.group === 'severity' ? SEVERITY_ORDER[x] - SEVERITY_ORDER[y] : tenantName(x).localeCompare(tenantName(y)));
    groups.replaceChildren(...order.map((k) => el('section', { class: 'group', 'data-group': k },
      el('h3', {}, f.group === 'severity' ? k : tenantName(k), el('span', { class: 'muted' }, ` ${grouped.get(k).length}`)),
      table(grouped.get(k), true))));
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
      return el('button', { type: 'button', class: `tenant-health health-${worst}`, 'data-tenant': id, 'aria-pressed': String(f.tenant === id),
        onclick: () => { setFilter('tenant', f.tenant === id ? '' : id); drawFilters(); } },
      el('strong', {}, tenantName(id)),
      ...SEVERITIES.map((s) => el('span', { class: `count sev-${s}`, 'data-severity': s, title: s, 'aria-label': `${c[s]} ${s}` }, String(c[s]))));
    }));
  }

  // ── keyboard ───────────────────────────────────────────────────────────
  function moveCursor(step) {
    if (shownIds.length === 0) return;
    const i = cursor ? shownIds.indexOf(cursor) : -1;
    cursor = shownIds[Math.max(0, Math.min(shownIds.length - 1, i < 0 ? 0 : i + step))];
    draw();
    groups.querySelector('tr.cursor')?.scrollIntoView({ block: 'nearest' });
  }
  const keys = {
    j: () => moveCursor(1),
    k: () => moveCursor(-1),
    a: (a) => act(a.state === 'acknowledged' ? 'unack' : 'ack', a),
    c: (a) => act('comment', a),
    s: (a) => act('snooze', a),
    x: (a) => { if (selected.has(a.id)) selected.delete(a.id); else selected.add(a.id); schedule(); },
    o: (a) => { location.hash = `#/alerts/${encodeURIComponent(a.id)}`; },
    Enter: (a) => { location.hash = `#/alerts/${encodeURIComponent(a.id)}`; },
  };
  const onKey = (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
    const t = e.target;
    if (t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) {
      if (e.key === 'Escape' && t === search) search.blur();
      return;
    }
    if (e.key === '/') {
      e.preventDefault();
      search.focus();
      return;
    }
    const fn = keys[e.key];
    if (!fn) return;
    if (e.key === 'Enter' && t instanceof HTMLElement && ['A', 'BUTTON'].includes(t.tagName)) return;
    const current = cursor ? streamAlerts().get(cursor) : null;
    if (e.key !== 'j' && e.key !== 'k' && !current) return;
    e.preventDefault();
    fn(current);
  };
  document.addEventListener('keydown', onKey);

  const onVisible = () => {
    if (document.visibilityState === 'visible') { unseen = 0; schedule(); }
  };
  document.addEventListener('visibilitychange', onVisible);

  const tick = setInterval(() => {
    const now = Date.now();
    for (const cell of groups.querySelectorAll('td.sla[data-due]:not([data-due=""])')) {
      const a = streamAlerts().get(cell.closest('tr').dataset.alertId);
      if (!a) continue;
      const s = slaState(a, now);
      cell.querySelector('.sla-left').textContent = s.text;
      cell.className = `sla ${s.cls}`;
    }
    // Drops the "new" marks and re-reads the stale banner's words.
    if ([...fresh.values()].some((at) => now - at > FRESH_MS) || streamStatus().status !== 'live') schedule();
  }, 1000);

  const unsubscribe = subscribe((e) => {
    if (e.kind === 'alert' && e.transition && e.transition.to === 'firing' && (e.transition.from === null || e.transition.from === 'pending')) {
      fresh.set(e.alert.id, Date.now());
      if (document.visibilityState !== 'visible') unseen++;
      if (sound.checked) beep();
    }
    if (e.kind === 'snapshot') drawFilters();
    schedule();
  });
  drawFilters();
  draw();
  void loadDirectory().then(() => { drawFilters(); schedule(); }, () => {});
  void loadHeld();
  void get('/api/v1/rules').then((b) => {
    manualResolveRules = new Set(b.rules.filter((r) => r.manualResolve).map((r) => r.id));
    schedule();
  }, () => {});
  return () => {
    clearInterval(heldTimer);
    clearInterval(tick);
    cancelAnimationFrame(frame);
    unsubscribe();
    document.removeEventListener('keydown', onKey);
    document.removeEventListener('visibilitychange', onVisible);
    document.body.classList.remove('wall');
    document.title = 'Tandem';
    void audio?.close();
    audio = null;
  };
}

