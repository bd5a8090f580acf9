// Tuning for internal IT: keep an alert class, hand it off to the provider,
// mute it for a while, or change a threshold for a device group. Every change
// is previewed first ("these N open alerts would move from provider to
// internal"), then applied; the audit log below shows every change with a
// revert.
import { el, option, time, showError } from '../dom.js';
import { get, post } from '../api.js';
import { can } from '../session.js';
import { pickTenant } from '../tenant-picker.js';

const ACTIONS = {
  keep: 'Keep (internal IT handles it)',
  handoff: 'Hand off to the provider',
  mute: 'Mute for a while',
  threshold: 'Change a threshold',
};
const SEVERITIES = ['', 'critical', 'warning', 'info'];
const CATEGORIES = ['', 'patch', 'disk', 'backup', 'security', 'availability', 'agent'];
const ROLES = ['', 'server', 'workstation', 'laptop'];

let rulesCache = null;

function input(id, label, attrs = {}) {
  return el('label', { class: 'stack', for: id }, label, el('input', { id, name: id, ...attrs }));
}

function select(id, label, values, labels = {}) {
  return el('label', { class: 'stack', for: id }, label, el('select', { id, name: id }, ...values.map((v) => option(v, labels[v] ?? (v === '' ? 'any' : v)))));
}

/** The request body from the form, as the tuning routes take it. */
function requestFrom(form) {
  const v = (name) => form.elements[name]?.value.trim() ?? '';
  const match = {};
  for (const f of ['rule', 'category', 'severity', 'site', 'os', 'role']) if (v(`match-${f}`)) match[f] = v(`match-${f}`);
  if (v('match-tags')) match.tags = v('match-tags').split(',').map((t) => t.trim()).filter(Boolean);
  const body = { action: v('action'), match, reason: v('reason') };
  if (body.action === 'mute') {
    const hours = Number(v('mute-hours'));
    body.until = new Date(Date.now() + hours * 3_600_000).toISOString();
  }
  if (body.action === 'threshold') {
    // A threshold change is one rule on a device group: the rule goes in `rule`, the group in `match`.
    body.rule = v('match-rule');
    delete match.rule;
    body.params = {};
    for (const pair of v('params').split(',').map((p) => p.trim()).filter(Boolean)) {
      const [k, raw] = pair.split('=').map((s) => s.trim());
      const n = Number(raw);
      body.params[k] = raw === 'true' ? true : raw === 'false' ? false : Number.isNaN(n) ? raw : n;
    }
    if (v('for')) body.for = v('for');
  }
  return body;
}

function previewView(preview) {
  const summary = preview.summary ?? [];
  const moves = preview.moves ?? [];
  return el('div', { id: 'tuning-preview', class: 'card preview' },
    el('h3', {}, 'Preview'),
    preview.change ? el('p', { class: 'muted' }, `Change: ${preview.change}`) : null,
    el('ul', { class: 'moves' }, ...summary.map((s) => el('li', { class: 'preview-line' }, s))),
    ...moves.map((m) => el('details', {}, el('summary', {}, `${m.alertIds.length} from ${m.from} to ${m.to}`),
      el('ul', { class: 'compact' }, ...m.alertIds.map((id) => el('li', {}, el('a', { href: `#/alerts/${encodeURIComponent(id)}/routing` }, id)))))));
}

export function renderTuning(view, tenantParam) {
  const error = el('p', { id: 'tuning-error', class: 'error', role: 'alert' });
  const done = el('p', { id: 'tuning-done', class: 'state-ok', role: 'status' });
  const root = el('section', { id: 'tuning-view' }, el('h2', {}, 'Tuning'));
  view.append(root);
  let stale = false;

  void (async () => {
    const { tenantId, picker } = await pickTenant(tenantParam, '#/tuning');
    if (stale) return;
    root.append(picker);
    if (!tenantId) return showError(error, new Error('No tenant to tune.'));
    root.dataset.tenant = tenantId;
    const base = `/api/v1/tenants/${encodeURIComponent(tenantId)}`;
    if (!rulesCache) rulesCache = await get('/api/v1/rules').then((b) => b.rules, () => []);
    const ruleIds = ['', ...rulesCache.map((r) => r.id)];

    const previewSlot = el('div');
    const applyButton = el('button', { type: 'button', id: 'tuning-apply', class: 'primary', disabled: true }, 'Apply');
    const form = el('form', { id: 'tuning-form', class: 'card stack' },
      select('action', 'Change', Object.keys(ACTIONS), ACTIONS),
      el('fieldset', {}, el('legend', {}, 'Which alerts'),
        el('div', { class: 'filters' },
          select('match-rule', 'Rule', ruleIds),
          select('match-category', 'Category', CATEGORIES),
          select('match-severity', 'Severity', SEVERITIES),
          input('match-site', 'Site', { type: 'text', placeholder: 'any' }),
          input('match-tags', 'Tags', { type: 'text', placeholder: 'any (comma-separated)' }),
          select('match-role', 'Device role', ROLES),
          input('match-os', 'OS', { type: 'text', placeholder: 'any' }))),
      el('div', { class: 'filters', 'data-for': 'mute', hidden: true }, input('mute-hours', 'Mute for (hours)', { type: 'number', min: '1', max: '2160', value: '24' })),
      el('div', { class: 'filters', 'data-for': 'threshold', hidden: true },
        input('params', 'New values', { type: 'text', placeholder: 'warnPercent=80, critPercent=90' }),
        input('for', 'For', { type: 'text', placeholder: 'e.g. 30m (optional)' })),
      input('reason', 'Reason (goes into the audit log)', { type: 'text', required: true, maxlength: '500' }),
      el('div', { class: 'row' }, el('button', { type: 'submit', id: 'tuning-preview-button' }, 'Preview'), applyButton),
      error, done);
    const showFor = () => {
      for (const node of form.querySelectorAll('[data-for]')) node.hidden = node.dataset.for !== form.elements.action.value;
    };
    // Any edit invalidates the preview: what is applied must be what was previewed.
    form.addEventListener('input', () => { applyButton.disabled = true; previewSlot.replaceChildren(); showFor(); });
    form.addEventListener('change', () => { applyButton.disabled = true; previewSlot.replaceChildren(); showFor(); });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      showError(error, null);
      done.textContent = '';
      try {
        const preview = await post(`${base}/tuning/preview`, requestFrom(form));
        previewSlot.replaceChildren(previewView(preview.preview ?? preview));
        applyButton.disabled = !can.tune();
      } catch (err) {
        showError(error, err);
      }
    });
    applyButton.addEventListener('click', async () => {
      showError(error, null);
      applyButton.disabled = true;
      try {
        const result = await post(`${base}/tuning`, requestFrom(form));
        done.textContent = `Applied: ${result.change}. ${(result.preview?.summary ?? []).join('; ')}.`;
        previewSlot.replaceChildren();
        await drawAudit();
      } catch (err) {
        showError(error, err);
      }
    });

    const audit = el('tbody');
    async function drawAudit() {
      const body = await get(`${base}/audit`).catch((err) => { showError(error, err); return { entries: [] }; });
      const entries = body.entries ?? body.audit ?? [];
      audit.replaceChildren(...entries.map((a) => el('tr', { 'data-audit-id': a.id, 'data-action': a.action },
        el('td', {}, time(typeof a.at === 'number' ? new Date(a.at).toISOString() : a.at)),
        el('td', {}, a.actor, el('div', { class: 'muted' }, `${a.side ?? ''} ${a.role ?? ''}`)),
        el('td', {}, a.action),
        el('td', {}, a.summary, a.revertedBy ? el('div', { class: 'muted' }, `reverted by ${a.revertedBy}`) : null),
        // Internal IT changes routing through tuning only; replacing the whole config (and undoing that) is the provider's.
        el('td', {}, a.revertedBy || a.action === 'revert' ? null : el('button', { type: 'button', class: 'revert', disabled: !can.revertTuning() || (a.action === 'ownership.replace' && !can.editOwnership()),
          onclick: async () => {
            showError(error, null);
            try {
              await post(`${base}/audit/${encodeURIComponent(a.id)}/revert`, {});
              done.textContent = `Reverted: ${a.summary}.`;
              await drawAudit();
            } catch (err) {
              showError(error, err);
            }
          } }, 'Revert')))));
    }

    if (!can.tune()) root.append(el('p', { class: 'muted' }, 'Your role can look at tuning but not change it.'));
    root.append(form, previewSlot,
      el('h3', {}, 'Audit log'),
      el('table', { id: 'audit' }, el('thead', {}, el('tr', {}, ...['When', 'Who', 'Change', 'What', ''].map((h) => el('th', {}, h)))), audit));
    for (const c of form.elements) if (!can.tune() && c.tagName !== 'FIELDSET') c.disabled = true;
    await drawAudit();
  })();
  return () => { stale = true; };
}
