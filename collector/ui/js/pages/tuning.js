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
const OSES = ['', 'linux', 'darwin', 'win32'];
/** Device labels: what a threshold change can match (it applies to devices, not to alerts). */
const LABELS = ['site', 'tags', 'role', 'os'];

let rulesCache = null;

function input(id, label, attrs = {}) {
  return el('label', { class: 'stack', for: id }, label, el('input', { id, name: id, ...attrs }));
}

function select(id, label, values, labels = {}) {
  return el('label', { class: 'stack', for: id }, label, el('select', { id, name: id }, ...values.map((v) => option(v, labels[v] ?? (v === '' ? 'any' : v)))));
}

/**
 * A device label with a "not" box: "role = workstation" or "site ≠ hq". The
 * ownership match syntax writes a negation as "!value"; several values
 * (comma-separated) are alternatives, or all excluded when negated.
 */
const NOT_TEXT = { site: 'not at this site', tags: 'without these tags', role: 'not this role', os: 'not this OS' };

function labelField(name, control) {
  return el('div', { class: 'stack label-field', 'data-label': name },
    control,
    // A threshold applies to a plain device group: the API takes no negation there.
    el('label', { class: 'negate', for: `not-${name}`, 'data-not-for': 'threshold' }, el('input', { type: 'checkbox', id: `not-${name}`, name: `not-${name}` }), NOT_TEXT[name]));
}

/** The request body from the form, as the tuning routes take it. */
export function requestFrom(form) {
  const v = (name) => form.elements[name]?.value.trim() ?? '';
  const action = v('action');
  const match = {};
  const fields = action === 'threshold' ? LABELS : ['rule', 'category', 'severity', ...LABELS];
  for (const f of fields) {
    const values = v(`match-${f}`).split(',').map((t) => t.trim()).filter(Boolean);
    if (values.length === 0) continue;
    const negate = action !== 'threshold' && LABELS.includes(f) && form.elements[`not-${f}`]?.checked;
    const written = values.map((x) => (negate ? `!${x}` : x));
    match[f] = written.length === 1 && f !== 'tags' ? written[0] : written;
  }
  const body = { action, match, reason: v('reason') };
  if (action === 'mute') {
    const hours = Number(v('mute-hours'));
    body.until = new Date(Date.now() + hours * 3_600_000).toISOString();
  }
  if (action === 'threshold') {
    body.rule = v('threshold-rule');
    body.params = {};
    for (const node of form.querySelectorAll('[data-param]')) {
      const raw = node.value.trim();
      if (raw === '') continue;
      const n = Number(raw);
      body.params[node.dataset.param] = raw === 'true' ? true : raw === 'false' ? false : Number.isNaN(n) ? raw : n;
    }
    if (v('for')) body.for = v('for');
  }
  return body;
}

/** "role=workstation, site≠hq" for the preview, from the request's match. */
function matchText(match) {
  const parts = Object.entries(match).flatMap(([k, val]) => (Array.isArray(val) ? val : [val]).map((x) => (x.startsWith('!') ? `${k} ≠ ${x.slice(1)}` : `${k} = ${x}`)));
  return parts.length ? parts.join(' and ') : 'every alert';
}

function previewView(preview, request) {
  const summary = preview.summary ?? [];
  const moves = preview.moves ?? [];
  const moved = moves.reduce((n, m) => n + m.alertIds.length, 0);
  return el('div', { id: 'tuning-preview', class: 'card preview', role: 'status' },
    el('h3', {}, 'Preview: nothing is changed until you apply'),
    el('p', {}, el('strong', {}, 'Change: '), preview.change ?? ACTIONS[request.action]),
    el('p', {}, el('strong', {}, 'Applies to: '), matchText(request.match), request.rule ? ` (rule ${request.rule})` : ''),
    el('p', { class: moved > 0 ? 'preview-summary' : 'preview-summary preview-none', id: 'preview-moved' },
      moved > 0 ? `${moved} open alert${moved === 1 ? '' : 's'} would change owner.` : 'No open alert would change owner.'),
    el('ul', { class: 'moves' }, ...summary.map((s) => el('li', { class: 'preview-line' }, s))),
    ...moves.map((m) => el('details', {}, el('summary', {}, `${m.alertIds.length} from ${m.from} to ${m.to}`),
      el('ul', { class: 'compact' }, ...m.alertIds.map((id) => el('li', {}, el('a', { href: `#/alerts/${encodeURIComponent(id)}/routing` }, id)))))));
}

/** The rule's parameters as inputs, its current values as placeholders. */
function paramInputs(rule) {
  const params = Object.entries(rule?.params ?? {}).filter(([, v]) => typeof v !== 'object');
  if (params.length === 0) return [el('p', { class: 'muted' }, rule ? `${rule.id} has no thresholds to change.` : 'Pick a rule.')];
  return params.map(([k, v]) => el('label', { class: 'stack', for: `param-${k}` }, `${k} (now ${v})`,
    el('input', { id: `param-${k}`, name: `param-${k}`, 'data-param': k, type: 'text', placeholder: String(v), autocomplete: 'off' })));
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
    const tunable = rulesCache.filter((r) => Object.values(r.params ?? {}).some((v) => typeof v !== 'object'));

    const previewSlot = el('div');
    const applyButton = el('button', { type: 'button', id: 'tuning-apply', class: 'primary', disabled: true }, 'Apply');
    const paramSlot = el('div', { class: 'filters', id: 'threshold-params' }, ...paramInputs(null));
    const ruleSelect = el('select', { id: 'threshold-rule', name: 'threshold-rule' }, option('', 'choose a rule'), ...tunable.map((r) => option(r.id, `${r.id} — ${r.summary ?? r.category}`)));
    ruleSelect.addEventListener('change', () => paramSlot.replaceChildren(...paramInputs(tunable.find((r) => r.id === ruleSelect.value))));
    const form = el('form', { id: 'tuning-form', class: 'card stack' },
      select('action', 'Change', Object.keys(ACTIONS), ACTIONS),
      el('fieldset', { 'data-for': 'threshold', hidden: true }, el('legend', {}, 'Which rule and new values'),
        el('div', { class: 'filters' }, el('label', { class: 'stack', for: 'threshold-rule' }, 'Rule', ruleSelect),
          input('for', 'For', { type: 'text', placeholder: 'e.g. 30m (optional)' })),
        paramSlot),
      el('fieldset', { 'data-not-for': 'threshold' }, el('legend', {}, 'Which alerts'),
        el('div', { class: 'filters' },
          select('match-rule', 'Rule', ruleIds),
          select('match-category', 'Category', CATEGORIES),
          select('match-severity', 'Severity', SEVERITIES))),
      el('fieldset', {}, el('legend', {}, 'Which devices'),
        el('p', { class: 'muted' }, 'Every label you fill in must hold; tick "not" to exclude, e.g. role = workstation and not at site hq (a threshold takes plain values only). Several values: comma-separated.'),
        el('div', { class: 'filters' },
          labelField('site', input('match-site', 'Site', { type: 'text', placeholder: 'any' })),
          labelField('tags', input('match-tags', 'Tags', { type: 'text', placeholder: 'any (comma-separated)' })),
          labelField('role', select('match-role', 'Device role', ROLES)),
          labelField('os', select('match-os', 'OS', OSES)))),
      el('div', { class: 'filters', 'data-for': 'mute', hidden: true }, input('mute-hours', 'Mute for (hours)', { type: 'number', min: '1', max: '2160', value: '24' })),
      input('reason', 'Reason (goes into the audit log)', { type: 'text', required: true, maxlength: '500' }),
      el('div', { class: 'row' }, el('button', { type: 'submit', id: 'tuning-preview-button' }, 'Preview'), applyButton),
      error, done);
    const showFor = () => {
      for (const node of form.querySelectorAll('[data-for]')) node.hidden = node.dataset.for !== form.elements.action.value;
      for (const node of form.querySelectorAll('[data-not-for]')) node.hidden = node.dataset.notFor === form.elements.action.value;
    };
    // Any edit invalidates the preview: what is applied must be what was previewed.
    form.addEventListener('input', () => { applyButton.disabled = true; previewSlot.replaceChildren(); showFor(); });
    form.addEventListener('change', () => { applyButton.disabled = true; previewSlot.replaceChildren(); showFor(); });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      showError(error, null);
      done.textContent = '';
      try {
        const request = requestFrom(form);
        const preview = await post(`${base}/tuning/preview`, request);
        previewSlot.replaceChildren(previewView(preview.preview ?? preview, request));
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
        el('td', {}, a.actor, el('div', { class: 'muted' }, [a.side, a.role].filter(Boolean).join(' '))),
        el('td', {}, a.action),
        el('td', {}, a.summary, a.revertedBy ? el('div', { class: 'muted' }, `reverted by ${a.revertedBy}`) : null),
        // Internal IT changes routing through tuning only; replacing the whole config (and undoing that) is the provider's.
        el('td', {}, a.revertedBy || a.action === 'revert' ? null : el('button', { type: 'button', class: 'revert', 'aria-label': `Revert: ${a.summary}`, disabled: !can.revertTuning() || (a.action === 'ownership.replace' && !can.editOwnership()),
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
      el('table', { id: 'audit' }, el('thead', {}, el('tr', {}, ...['When', 'Who', 'Change', 'What', 'Undo'].map((h) => el('th', { scope: 'col' }, h)))), audit));
    for (const c of form.elements) if (!can.tune() && c.tagName !== 'FIELDSET') c.disabled = true;
    await drawAudit();
  })();
  return () => { stale = true; };
}
