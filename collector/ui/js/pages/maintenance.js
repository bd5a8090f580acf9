// Maintenance windows of a tenant: each with its schedule, scope, owner and
// next occurrences (the one in force marked), and a form to schedule one.
// Admins of either side schedule windows; the collector refuses what the
// guardrails forbid and names the field, shown here as it says it.
import { el, option, showError, time } from '../dom.js';
import { del, get, post } from '../api.js';
import { user } from '../session.js';
import { pickTenant } from '../tenant-picker.js';

const ADMINS = new Set(['provider-admin', 'internal-admin']);
const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);

function windowItem(w, onRemove) {
  const scope = [...w.scope.sites.map((s) => `site ${s}`), ...(w.scope.tags.length ? [`devices tagged ${w.scope.tags.join(' + ')}`] : []), ...w.scope.devices.map((d) => `device ${d}`)];
  const only = [...w.only.categories, ...w.only.rules];
  return el('li', { class: 'card maintenance-window', 'data-window-id': w.id, 'data-active': w.active ? 'true' : 'false' },
    el('h4', {}, w.reason, w.active ? el('span', { class: 'badge in-maintenance' }, ' in force now') : null),
    el('p', {}, `${w.rrule ? `repeats ${w.rrule}, from` : 'once, at'} ${w.start} (${w.timeZone}) for ${w.durationMinutes} min · owner ${w.owner} · `,
      `${scope.length ? scope.join(', ') : 'the whole tenant'}${only.length ? ` · only ${only.join(', ')}` : ''} · by ${w.createdBy}`),
    el('p', { class: 'muted' }, 'next: ', w.next.length ? w.next.map((o) => `${time(o.start, w.timeZone)} – ${time(o.end, w.timeZone)}`).join(' · ') : 'no more occurrences'),
    onRemove ? el('button', { type: 'button', class: 'remove-window', onclick: () => onRemove(w) }, 'Remove') : null);
}

export function renderMaintenance(view, tenantParam) {
  const error = el('p', { class: 'error', role: 'alert' });
  const root = el('section', { id: 'maintenance-view', 'aria-busy': 'true' }, el('h2', {}, 'Maintenance windows'), error);
  view.append(root);
  let stopped = false;

  async function load() {
    const { tenantId, picker } = await pickTenant(tenantParam, '#/maintenance');
    if (stopped || !tenantId) return;
    const admin = ADMINS.has(user()?.role);
    const side = user()?.role?.startsWith('provider') ? 'provider' : 'internal';
    const body = await get(`/api/v1/maintenance?tenantId=${encodeURIComponent(tenantId)}`);
    const remove = async (w) => {
      try {
        await del(`/api/v1/maintenance/${encodeURIComponent(w.id)}?tenantId=${encodeURIComponent(tenantId)}`);
        await load();
      } catch (err) { showError(error, err); }
    };
    const f = {
      reason: el('input', { id: 'mw-reason', required: true, maxlength: 500, placeholder: 'patch night' }),
      start: el('input', { id: 'mw-start', type: 'datetime-local', required: true }),
      duration: el('input', { id: 'mw-duration', type: 'number', min: 1, value: '120', required: true }),
      timeZone: el('input', { id: 'mw-zone', value: Intl.DateTimeFormat().resolvedOptions().timeZone, required: true }),
      rrule: el('input', { id: 'mw-rrule', placeholder: 'FREQ=WEEKLY;BYDAY=SA;COUNT=12 (empty: once)' }),
      sites: el('input', { id: 'mw-sites', placeholder: 'hq, branch' }),
      tags: el('input', { id: 'mw-tags', placeholder: 'servers' }),
      categories: el('input', { id: 'mw-categories', placeholder: 'patch, disk' }),
      owner: el('select', { id: 'mw-owner' }, option('internal', 'internal IT', side === 'internal'), option('provider', 'the provider', side === 'provider')),
    };
    const form = el('form', { id: 'maintenance-form', class: 'card' },
      el('h3', {}, 'Schedule a window'),
      ...[['Reason', f.reason], ['Starts (local time in the zone)', f.start], ['Minutes', f.duration], ['Time zone', f.timeZone], ['Repeats (RRULE)', f.rrule],
        ['Sites', f.sites], ['Device labels', f.tags], ['Only categories', f.categories], ['Owner', f.owner]].map(([label, input]) => el('label', {}, `${label} `, input)),
      el('button', { type: 'submit', class: 'primary', id: 'mw-save' }, 'Schedule'));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void (async () => {
        try {
          await post('/api/v1/maintenance', {
            tenantId, reason: f.reason.value, owner: f.owner.value, start: f.start.value.slice(0, 16), durationMinutes: Number(f.duration.value), timeZone: f.timeZone.value,
            rrule: f.rrule.value.trim() || null, scope: { sites: list(f.sites.value), tags: list(f.tags.value), devices: [] }, only: { categories: list(f.categories.value), rules: [] },
          });
          showError(error, null);
          await load();
        } catch (err) { showError(error, err); }
      })();
    });
    root.setAttribute('aria-busy', 'false');
    root.replaceChildren(el('h2', {}, 'Maintenance windows'), picker, error,
      el('p', { class: 'muted' }, 'During a window matching alerts open and are shown, but page nobody and their response clock waits; at its end the owner gets one summary.'),
      body.windows.length ? el('ul', { id: 'maintenance-list', class: 'plain' }, ...body.windows.map((w) => windowItem(w, admin ? remove : null)))
        : el('p', { id: 'maintenance-list', class: 'muted' }, 'No maintenance windows.'),
      ...(admin ? [form] : []));
  }
  void load().catch((err) => { if (!stopped) { root.setAttribute('aria-busy', 'false'); showError(error, err); } });
  return () => { stopped = true; };
}
