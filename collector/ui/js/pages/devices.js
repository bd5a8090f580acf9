// Devices: every device the caller may see, searched, filtered, sorted and
// paged on the server (a provider's fleet is too large to send whole). Each
// row's status per topic comes from the server's health, the same the detail
// page shows. The query lives in the URL (#/devices?q=…&status=critical), so
// a filtered view can be shared and survives a reload.
import { el, option, time, ago, showError } from '../dom.js';
import { get } from '../api.js';
import { subscribe } from '../stream.js';
import { tenantName, tenantList, loadDirectory } from '../directory.js';
import { TOPICS, onlineCell, statusBadge, topicCell, volumes } from '../device-status.js';

const PAGE_SIZES = [25, 50, 100, 200];
const STATUSES = [['', 'any status'], ['critical', 'critical'], ['warning', 'warning'], ['unknown', 'unknown'], ['info', 'info'], ['ok', 'ok'], ['not-reported', 'not reported'], ['offline', 'offline']];
const OSES = [['', 'any OS'], ['linux', 'Linux'], ['darwin', 'macOS'], ['win32', 'Windows']];
const COLUMNS = [['Device', 'hostname'], ['Tenant', 'tenant'], ['Site', 'site'], ['OS', 'os'], ['Last seen', 'lastSeen'], ['Status', 'status'], ['Online', null], ...TOPICS.map((t) => [t[0].toUpperCase() + t.slice(1), null]), ['Volumes', null]];
const DEFAULTS = { q: '', tenant: '', site: '', os: '', status: '', sort: 'hostname', order: 'asc', limit: '50', offset: '0' };

/** The query from the URL hash, with defaults for what it leaves out. */
function queryFromHash() {
  const i = location.hash.indexOf('?');
  const params = new URLSearchParams(i < 0 ? '' : location.hash.slice(i + 1));
  return Object.fromEntries(Object.entries(DEFAULTS).map(([k, v]) => [k, params.get(k) ?? v]));
}

function hashFor(query) {
  const params = new URLSearchParams(Object.entries(query).filter(([k, v]) => v !== '' && v !== DEFAULTS[k]));
  return params.size > 0 ? `#/devices?${params}` : '#/devices';
}

function apiPath(query) {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== ''));
  return `/api/v1/devices?${params}`;
}

function select(id, label, choices, value) {
  return el('label', { class: 'stack', for: id }, label, el('select', { id, name: id }, ...choices.map(([v, l]) => option(v, l, v === value))));
}

export function renderDevices(view) {
  const query = queryFromHash();
  const error = el('p', { id: 'load-error', class: 'error', role: 'alert' });
  const count = el('p', { id: 'device-count', role: 'status' });
  const tbody = el('tbody');
  const siteSelect = el('select', { id: 'filter-site', name: 'site' }, option('', 'any site'));
  const tenantSelect = el('select', { id: 'filter-tenant', name: 'tenant' }, option('', 'any tenant'));
  const search = el('input', { id: 'filter-q', name: 'q', type: 'search', placeholder: 'hostname or id', value: query.q, autocomplete: 'off' });
  const form = el('form', { id: 'device-filters', class: 'filters', role: 'search' },
    el('label', { class: 'stack', for: 'filter-q' }, 'Search', search),
    el('label', { class: 'stack', for: 'filter-tenant', hidden: true }, 'Tenant', tenantSelect),
    el('label', { class: 'stack', for: 'filter-site' }, 'Site', siteSelect),
    select('filter-os', 'OS', OSES, query.os),
    select('filter-status', 'Status', STATUSES, query.status),
    select('filter-limit', 'Per page', PAGE_SIZES.map((n) => [String(n), String(n)]), query.limit),
    el('button', { type: 'submit' }, 'Search'),
    el('button', { type: 'button', id: 'filter-clear', onclick: () => go({ ...DEFAULTS }) }, 'Clear'));
  const prev = el('button', { type: 'button', id: 'page-prev' }, '← Previous');
  const next = el('button', { type: 'button', id: 'page-next' }, 'Next →');
  const headRow = el('tr');
  view.append(el('section', { id: 'devices-view' },
    el('h2', {}, 'Devices'),
    form, error, count,
    el('div', { class: 'table-scroll' }, el('table', { id: 'devices' }, el('thead', {}, headRow), tbody)),
    el('div', { class: 'row pager' }, prev, next)));

  /** Navigating changes the hash; the router renders the page again with the new query. */
  function go(q) {
    const target = hashFor(q);
    if (location.hash !== target) location.hash = target;
  }
  const formQuery = () => ({
    ...query, q: search.value.trim(), tenant: tenantSelect.value, site: siteSelect.value,
    os: form.elements['filter-os'].value, status: form.elements['filter-status'].value, limit: form.elements['filter-limit'].value, offset: '0',
  });
  form.addEventListener('submit', (e) => { e.preventDefault(); go(formQuery()); });
  form.addEventListener('change', (e) => { if (e.target !== search) go(formQuery()); });
  prev.addEventListener('click', () => go({ ...query, offset: String(Math.max(0, Number(query.offset) - Number(query.limit))) }));
  next.addEventListener('click', () => go({ ...query, offset: String(Number(query.offset) + Number(query.limit)) }));

  headRow.replaceChildren(...COLUMNS.map(([label, key]) => {
    if (!key) return el('th', { scope: 'col' }, label);
    const active = query.sort === key;
    return el('th', { scope: 'col', 'aria-sort': active ? (query.order === 'asc' ? 'ascending' : 'descending') : 'none' },
      el('button', { type: 'button', class: 'sort', 'data-sort': key, onclick: () => go({ ...query, sort: key, order: active && query.order === 'asc' ? 'desc' : 'asc', offset: '0' }) },
        label, active ? (query.order === 'asc' ? ' ▲' : ' ▼') : ''));
  }));

  const draw = (body) => {
    const offset = Number(query.offset);
    const shown = body.devices.length;
    count.textContent = body.total === 0 ? 'No devices match.' : `${body.total} device${body.total === 1 ? '' : 's'}; showing ${offset + 1}–${offset + shown}`;
    prev.disabled = offset === 0;
    next.disabled = offset + shown >= body.total;
    siteSelect.replaceChildren(option('', 'any site'), ...body.sites.map((s) => option(s, s, s === query.site)));
    if (query.site && !body.sites.includes(query.site)) siteSelect.append(option(query.site, query.site, true));
    tbody.replaceChildren(...body.devices.map((d) => {
      const inv = d.status?.inventory;
      return el('tr', { 'data-device-id': d.id, 'data-status': d.health?.status ?? 'not-reported' },
        el('td', {}, el('a', { href: `#/devices/${encodeURIComponent(d.id)}` }, el('strong', {}, d.hostname)), el('div', { class: 'muted' }, d.id)),
        el('td', {}, tenantName(d.tenantId)),
        el('td', {}, d.site ?? el('span', { class: 'muted' }, 'no site')),
        el('td', {}, inv ? `${inv.osName ?? inv.os ?? d.os ?? 'unknown'} ${inv.osVersion ?? ''}`.trim() : (d.os ?? 'unknown')),
        el('td', { class: d.connected ? '' : 'offline', title: d.lastSeenAt ? time(d.lastSeenAt) : '' }, ago(d.lastSeenAt)),
        el('td', {}, statusBadge(d.health)),
        onlineCell(d),
        ...TOPICS.map((t) => topicCell(d.health, t)),
        el('td', { class: 'volumes-compact' }, ...volumes(d.status?.disk, { compact: true })));
    }));
  };

  let stale = false;
  let loading = false;
  const load = async () => {
    if (loading) return;
    loading = true;
    try {
      const body = await get(apiPath(query));
      if (stale) return;
      showError(error, null);
      draw(body);
    } catch (err) {
      if (!stale) showError(error, err);
    } finally {
      loading = false;
    }
  };
  void loadDirectory().then(() => {
    if (stale) return;
    tenantSelect.replaceChildren(option('', 'any tenant'), ...tenantList().map((t) => option(t.id, t.name, t.id === query.tenant)));
    tenantSelect.closest('label').hidden = tenantList().length < 2;
  }, () => {});
  void load();
  const timer = setInterval(load, 5000);
  // A changed alert changes a device's health: ask the server again (at most once a second).
  let pending = null;
  const unsubscribe = subscribe((e) => {
    if (e.kind === 'status' || pending) return;
    pending = setTimeout(() => { pending = null; void load(); }, 1000);
  });
  return () => {
    stale = true;
    clearInterval(timer);
    clearTimeout(pending);
    unsubscribe();
  };
}
