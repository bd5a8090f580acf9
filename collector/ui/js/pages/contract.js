// On the ownership page: the ownership config as the contract's "who owns
// what" document (per version, with downloads) and a comparison of two
// versions in plain words.
import { el, showError } from '../dom.js';
import { get } from '../api.js';
import { downloadFile, openFile } from '../download.js';

function matrixTable(doc) {
  return el('table', { id: 'contract-matrix' },
    el('thead', {}, el('tr', {}, ...['Category', 'Severity', 'Devices', 'Owner', 'Response time', 'Escalation'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...doc.matrix.map((c) => el('tr', {}, el('td', {}, c.category), el('td', {}, c.severity), el('td', {}, c.group), el('td', {}, c.owner), el('td', {}, c.response), el('td', { class: 'muted' }, c.escalation)))));
}

/** Appends the "Contract document" and "Compare versions" sections; `versions` as the versions API lists them (newest first). */
export function appendContract(root, tenantId, versions) {
  const t = encodeURIComponent(tenantId);
  const error = el('p', { class: 'error', role: 'alert' });
  const pick = (id, label, selected) => el('select', { id, 'aria-label': label },
    el('option', { value: '' }, 'current'),
    ...versions.map((v) => el('option', { value: String(v.version), selected: v.version === selected }, `version ${v.version}`)));
  const docVersion = pick('contract-version', 'contract version', null);
  const docOut = el('div', { id: 'contract-out' });
  const path = (format) => `/api/v1/tenants/${t}/ownership/contract?format=${format}${docVersion.value ? `&version=${docVersion.value}` : ''}`;
  const guarded = (fn) => async () => {
    showError(error, null);
    try { await fn(); } catch (err) { showError(error, err); }
  };
  const showDoc = guarded(async () => {
    const doc = await get(path('json'));
    docOut.replaceChildren(
      el('p', { class: 'muted', id: 'contract-title' }, `Who owns what: ${doc.tenantName}, ${doc.version === null ? 'built-in default' : `version ${doc.version}`}`),
      matrixTable(doc),
      el('h4', {}, 'Guardrails'), el('ul', { class: 'compact' }, ...doc.guardrails.map((g) => el('li', {}, g))),
      el('h4', {}, 'What internal IT may change'), el('ul', { class: 'compact' }, ...doc.internalMayChange.map((g) => el('li', {}, g))));
  });
  docVersion.addEventListener('change', () => { void showDoc(); });

  const from = pick('compare-from', 'compare from', versions[1]?.version ?? null);
  const to = pick('compare-to', 'compare to', versions[0]?.version ?? null);
  const diffOut = el('ul', { id: 'compare-out', class: 'compact' });
  const compare = guarded(async () => {
    if (!from.value) throw new Error('Pick the older version to compare from.');
    const r = await get(`/api/v1/tenants/${t}/ownership/diff?from=${from.value}${to.value ? `&to=${to.value}` : ''}`);
    diffOut.replaceChildren(...(r.changes.length === 0 ? [el('li', { class: 'muted' }, 'No change to the contract between these versions.')] : r.changes.map((c) => el('li', {}, c))));
  });

  root.append(
    el('h3', {}, 'Contract document'), error,
    el('div', { class: 'toolbar' }, el('label', {}, 'Version ', docVersion),
      el('button', { type: 'button', id: 'contract-open', onclick: guarded(() => openFile(path('html'))) }, 'Printable page'),
      el('button', { type: 'button', id: 'contract-pdf', onclick: guarded(() => downloadFile(path('pdf'))) }, 'Download PDF'),
      el('button', { type: 'button', id: 'contract-md', onclick: guarded(() => downloadFile(path('md'))) }, 'Download Markdown')),
    docOut,
    el('h3', {}, 'Compare versions'),
    versions.length < 2
      ? el('p', { class: 'muted', id: 'compare-none' }, 'Only one version is stored; a comparison needs two.')
      : el('div', { class: 'toolbar' }, el('label', {}, 'From ', from), el('label', {}, 'to ', to), el('button', { type: 'button', id: 'compare-run', onclick: compare }, 'Compare')),
    diffOut);
  void showDoc();
}
