// The ownership matrix of one tenant: for every rule, severity and device
// group, who owns it, in which hours, with what response time, and the
// coverage gaps (classes of alert that would reach nobody) highlighted.
import { el, time, showError } from '../dom.js';
import { get } from '../api.js';
import { pickTenant } from '../tenant-picker.js';

/** Rows whose class is named in a gap: "backup-failed (warning) on site=hq". */
function gapKeys(gaps) {
  const keys = new Set();
  for (const g of gaps) for (const c of g.classes ?? []) keys.add(c);
  return keys;
}

const rowKey = (r) => `${r.rule} (${r.severity}) on ${r.group}`;

function matrixTable(rows, gaps) {
  const gapped = gapKeys(gaps);
  return el('table', { id: 'matrix', class: 'matrix' },
    el('thead', {}, el('tr', {}, ...['Category', 'Rule', 'Severity', 'Device group', 'Owner', 'Line', 'Response time', 'Hours', 'Escalation'].map((h) => el('th', {}, h)))),
    el('tbody', {}, ...rows.map((r) => {
      const gap = gapped.has(rowKey(r));
      return el('tr', { 'data-rule': r.rule, 'data-severity': r.severity, 'data-group': r.group, class: gap ? 'has-gap' : '' },
        el('td', {}, r.category),
        el('td', {}, r.rule),
        el('td', {}, el('span', { class: `badge sev-${r.severity}` }, r.severity)),
        el('td', {}, r.group),
        el('td', { class: gap ? 'gap' : `cell-${r.owner}`, title: gap ? 'coverage gap: see below' : '' }, r.owner, r.muted ? ' (muted)' : '', gap ? ' ⚠' : ''),
        el('td', {}, r.line === null || r.line === undefined ? 'default' : `line ${r.line}`),
        el('td', {}, `${r.slaMinutes} min`),
        el('td', { class: 'muted' }, r.hours),
        el('td', { class: 'muted' }, r.escalation));
    })));
}

export function renderOwnership(view, tenantParam) {
  const error = el('p', { class: 'error', role: 'alert' });
  const root = el('section', { id: 'ownership-view' }, el('h2', {}, 'Ownership'), error);
  view.append(root);
  let stale = false;
  void (async () => {
    const { tenantId, picker } = await pickTenant(tenantParam, '#/ownership');
    if (stale) return;
    root.append(picker);
    if (!tenantId) return showError(error, new Error('No tenant to show.'));
    root.dataset.tenant = tenantId;
    const t = encodeURIComponent(tenantId);
    try {
      const [matrix, ownership, versions] = await Promise.all([
        get(`/api/v1/tenants/${t}/matrix`),
        get(`/api/v1/tenants/${t}/ownership`).catch(() => null),
        get(`/api/v1/tenants/${t}/ownership/versions`).catch(() => null),
      ]);
      if (stale) return;
      const { rows, gaps } = matrix;
      root.append(
        el('h3', {}, 'Coverage gaps'),
        gaps.length === 0
          ? el('p', { id: 'gaps', class: 'state-ok' }, 'None: every class of alert reaches someone who can act.')
          : el('ul', { id: 'gaps', class: 'gap-list' }, ...gaps.map((g) => el('li', { 'data-kind': g.kind }, g.message,
            g.classes.length ? el('div', { class: 'muted' }, `e.g. ${g.classes.join('; ')}`) : null))),
        el('h3', {}, 'Matrix'),
        matrixTable(rows, gaps));
      if (ownership) {
        root.append(el('h3', {}, ownership.source === 'default' ? 'Ownership config (the built-in default: no config stored)' : `Ownership config, version ${ownership.version}`),
          ownership.updatedBy ? el('p', { class: 'muted' }, `by ${ownership.updatedBy}, ${time(ownership.updatedAt)}`) : null,
          el('pre', { class: 'config', id: 'ownership-text' }, ownership.text));
      }
      const list = versions?.versions ?? [];
      if (list.length > 0) {
        root.append(el('h3', {}, 'Versions'), el('ul', { class: 'compact' }, ...list.map((v) => el('li', {}, `version ${v.version}${v.current ? ' (current)' : ''} — ${v.createdBy ?? ''}, ${time(v.createdAt)}`))));
      }
    } catch (err) {
      showError(error, err);
    }
  })();
  return () => { stale = true; };
}
