// The ownership matrix of one tenant: for every rule, severity and device
// group, who owns it, in which hours, with what response time, and the
// coverage gaps (classes of alert that would reach nobody) highlighted.
import { el, time, showError } from '../dom.js';
import { get } from '../api.js';
import { pickTenant } from '../tenant-picker.js';
import { appendTemplatePreview } from './template-preview.js';
import { appendImportedCalendars } from './imported-calendars.js';
import { appendContract } from './contract.js';

const rowKey = (r) => `${r.rule} (${r.severity}) on ${r.group}`;

/**
 * The classes of one gap, as listed by the API. Everything the page says
 * about a gap (which rows are flagged, how many) comes from this one list,
 * so the flagged rows and the count can never disagree.
 */
const gapClasses = (g) => g.classes ?? [];

const KIND_TEXT = { 'no-channel': 'reach no notification channel', 'nobody-available': 'reach nobody who can act' };

/** The gap's own message when it counts the same list the page flags; otherwise a sentence built from that list. */
function gapText(g) {
  const n = gapClasses(g).length;
  if (g.count === undefined || g.count === n) return g.message;
  const when = g.from ? ` from ${time(g.from)} until ${time(g.until)}` : '';
  return `${n} alert class${n === 1 ? '' : 'es'} would ${KIND_TEXT[g.kind] ?? 'go unanswered'}${when}.`;
}

function matrixTable(rows, gaps) {
  const gapped = new Set(gaps.flatMap(gapClasses));
  const text = (v, fallback = '—') => (v === null || v === undefined || v === '' ? fallback : String(v));
  return el('table', { id: 'matrix', class: 'matrix' },
    el('thead', {}, el('tr', {}, ...['Category', 'Rule', 'Severity', 'Device group', 'Owner', 'Line', 'Response time', 'Hours', 'Escalation'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map((r) => {
      const gap = gapped.has(rowKey(r));
      return el('tr', { 'data-rule': r.rule, 'data-severity': r.severity, 'data-group': r.group, class: gap ? 'has-gap' : '' },
        el('td', {}, text(r.category)),
        el('td', {}, text(r.rule)),
        el('td', {}, el('span', { class: `badge sev-${r.severity}` }, r.severity)),
        el('td', {}, text(r.group, 'any device')),
        el('td', { class: gap ? 'gap' : `cell-${r.owner}`, title: gap ? 'coverage gap: see above' : undefined }, text(r.owner), r.muted ? ' (muted)' : '', gap ? ' ⚠ gap' : ''),
        el('td', {}, r.line === null || r.line === undefined ? 'default' : `line ${r.line}`),
        el('td', {}, r.slaMinutes === null || r.slaMinutes === undefined ? 'none' : `${r.slaMinutes} min`),
        el('td', { class: 'muted' }, text(r.hours)),
        el('td', { class: 'muted' }, text(r.escalation)));
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
      const rows = matrix.rows ?? [];
      // A calendar that could not be refreshed is a warning about the data, not a class of alert left unanswered.
      const calendarWarnings = (matrix.gaps ?? []).filter((g) => g.kind === 'calendar-failed');
      const gaps = (matrix.gaps ?? []).filter((g) => g.kind !== 'calendar-failed');
      const flagged = new Set(gaps.flatMap(gapClasses));
      root.append(
        el('h3', {}, 'Coverage gaps'),
        gaps.length === 0
          ? el('p', { id: 'gaps', class: 'state-ok' }, 'None: every class of alert reaches someone who can act.')
          : el('div', {},
            el('p', { id: 'gap-total', class: 'gap-count' }, `${flagged.size} alert class${flagged.size === 1 ? '' : 'es'} on ${gaps.length} gap${gaps.length === 1 ? '' : 's'}, flagged ⚠ in the matrix below.`),
            el('ul', { id: 'gaps', class: 'gap-list' }, ...gaps.map((g) => el('li', { 'data-kind': g.kind, 'data-count': String(gapClasses(g).length) }, gapText(g),
              gapClasses(g).length ? el('details', {}, el('summary', {}, `${gapClasses(g).length} alert class${gapClasses(g).length === 1 ? '' : 'es'}`), el('ul', { class: 'compact' }, ...gapClasses(g).map((c) => el('li', {}, c)))) : null)))),
        ...(calendarWarnings.length > 0 ? [el('ul', { id: 'calendar-warnings', class: 'gap-list' }, ...calendarWarnings.map((g) => el('li', { 'data-kind': g.kind, class: 'error' }, g.message)))] : []),
        el('h3', {}, 'Matrix'),
        matrixTable(rows, gaps));
      if (ownership) {
        // Node.append prints a null child as the text "null": leave absent parts out instead.
        root.append(...[el('h3', {}, ownership.source === 'default' || ownership.version === null || ownership.version === undefined ? 'Ownership config (the built-in default: no config stored)' : `Ownership config, version ${ownership.version}`),
          ownership.updatedBy ? el('p', { class: 'muted' }, `by ${ownership.updatedBy}, ${time(ownership.updatedAt)}`) : null,
          ownership.text ? el('pre', { class: 'config', id: 'ownership-text', tabindex: '0', 'aria-label': 'ownership config' }, ownership.text) : el('p', { class: 'muted' }, 'No written config: the built-in default applies.')].filter(Boolean));
      }
      const list = versions?.versions ?? [];
      if (list.length > 0) {
        root.append(el('h3', {}, 'Versions'), el('ul', { class: 'compact' }, ...list.map((v) => el('li', {}, `version ${v.version}${v.current ? ' (current)' : ''} — ${v.createdBy ?? 'unknown author'}, ${time(v.createdAt)}`))));
      }
      if (!stale) appendContract(root, tenantId, list);
      if (!stale) await appendImportedCalendars(root, tenantId);
      if (!stale) await appendTemplatePreview(root, tenantId);
    } catch (err) {
      showError(error, err);
    }
  })();
  return () => { stale = true; };
}
