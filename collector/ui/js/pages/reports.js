// The SLA and hand-off report of one tenant for a month: figures per team,
// patch compliance and backup coverage, with CSV, PDF and printable HTML
// downloads; and the coverage forecast for the coming weeks.
import { el, showError, time } from '../dom.js';
import { get } from '../api.js';
import { pickTenant } from '../tenant-picker.js';
import { downloadFile, openFile } from '../download.js';

const TEAM_TEXT = { internal: 'Internal IT', provider: 'Provider' };

function lastMonth() {
  const d = new Date();
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  return m.toISOString().slice(0, 7);
}

const minutes = (v) => (v === null || v === undefined ? '–' : v < 120 ? `${v} min` : `${Math.round(v / 6) / 10} h`);
const share = (t) => (t.withinSlaShare === null ? '–' : `${Math.round(t.withinSlaShare * 1000) / 10}% (${t.withinSla} of ${t.withinSla + t.breachedSla})`);

const plural = (n, one) => `${n} ${one}${n === 1 ? '' : 's'}`;
// Same sentences as the report document (render-sla-report.ts): limits may differ by device group.
const limitsText = (limits, unit) => (limits.length === 1 ? plural(limits[0].limit, unit)
  : limits.map((l) => `${plural(l.limit, unit)} for ${plural(l.devices, 'device')}`).join(', '));

function patchSentence(p) {
  const unknown = p.devices - p.assessed;
  const main = p.assessed === 0 ? "No device's patch compliance could be assessed"
    : `${p.compliant} of ${p.assessed} devices within their patch compliance limit (${limitsText(p.limitsDays, 'day')} for pending security and critical updates)`;
  return `${main}${unknown > 0 ? `; ${unknown} of ${p.devices} devices could not be assessed` : ''}.`;
}

function backupSentence(b) {
  const main = b.assessed === 0 ? 'No device is held to a backup freshness limit'
    : `${b.covered} of ${b.assessed} devices have a backup that succeeded within their limit (${limitsText(b.limitsHours, 'hour')})`;
  return `${main}${b.notAssessed.length > 0 ? `; ${b.notAssessed.length} of ${b.devices} devices have no backup freshness limit in force` : ''}.`;
}

function figuresTable(r) {
  const head = ['Team', 'Alerts owned', 'Acknowledge median / p90', 'Resolve median / p90', 'Within SLA', 'Escalations out / in', 'Hand-offs out / in', 'Bounces', 'Excluded time'];
  return el('table', { id: 'sla-figures' },
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...r.teams.map((t) => el('tr', { 'data-team': t.team },
      el('td', {}, TEAM_TEXT[t.team] ?? t.team),
      el('td', { 'data-figure': 'owned' }, String(t.owned)),
      el('td', { 'data-figure': 'acknowledge' }, `${minutes(t.acknowledge.median)} / ${minutes(t.acknowledge.p90)}`),
      el('td', { 'data-figure': 'resolve' }, `${minutes(t.resolve.median)} / ${minutes(t.resolve.p90)}`),
      el('td', { 'data-figure': 'within-sla' }, share(t)),
      el('td', {}, `${t.escalationsOut} / ${t.escalationsIn}`),
      el('td', {}, `${t.handoffsOut} / ${t.handoffsIn}`),
      el('td', {}, String(t.bounces)),
      el('td', {}, minutes(t.excludedMinutes))))));
}

function forecastSection(f) {
  if (f.windows.length === 0 && f.noChannel.length === 0) return el('p', { id: 'forecast', class: 'state-ok' }, `Over the next ${f.weeks} week${f.weeks === 1 ? '' : 's'} every class of alert reaches someone who is working.`);
  return el('div', { id: 'forecast' },
    el('p', {}, `${f.uncoveredHours} hours in the next ${f.weeks} week${f.weeks === 1 ? '' : 's'} when some alerts would reach nobody who is working.`),
    f.noChannel.length > 0 ? el('p', { class: 'error' }, `${f.noChannel.length} alert classes reach no notification channel at all.`) : null,
    el('table', { class: 'forecast' },
      el('thead', {}, el('tr', {}, ...['From', 'Until', 'Hours', 'Why', 'Alert classes'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...f.windows.slice(0, 200).map((w) => el('tr', {},
        el('td', {}, time(w.from)), el('td', {}, time(w.until)), el('td', {}, String(w.hours)), el('td', { class: 'muted' }, w.why),
        el('td', {}, el('details', {}, el('summary', {}, String(w.classes.length)), el('ul', { class: 'compact' }, ...w.classes.map((c) => el('li', {}, c))))))))));
}

export function renderReports(view, tenantParam) {
  const error = el('p', { class: 'error', role: 'alert' });
  const root = el('section', { id: 'reports-view' }, el('h2', {}, 'Reports'), error);
  view.append(root);
  let stale = false;
  void (async () => {
    const { tenantId, picker } = await pickTenant(tenantParam, '#/reports');
    if (stale) return;
    if (!tenantId) return showError(error, new Error('No tenant to show.'));
    const t = encodeURIComponent(tenantId);
    const month = el('input', { type: 'month', id: 'report-month', value: lastMonth(), 'aria-label': 'month' });
    const out = el('div', { id: 'report-out' });
    const query = () => `/api/v1/reports/sla?tenant=${t}&from=${month.value}&to=${month.value}`;
    const guarded = (fn) => async () => {
      showError(error, null);
      try { await fn(); } catch (err) { showError(error, err); }
    };
    const show = guarded(async () => {
      const r = await get(query());
      if (stale) return;
      // replaceChildren prints a null child as the text "null": absent parts are filtered out.
      out.replaceChildren(...[
        el('p', { class: 'muted' }, `${r.tenantName}: ${r.period.from.slice(0, 10)} to ${new Date(Date.parse(r.period.until) - 1).toISOString().slice(0, 10)} (UTC)`),
        r.empty ? el('p', { id: 'report-empty', class: 'muted' }, 'No alerts fired in this period: there are no response times to report.') : null,
        figuresTable(r),
        el('h3', {}, 'Patch compliance'),
        el('p', { id: 'patch-compliance' }, patchSentence(r.patch)),
        el('h3', {}, 'Backup coverage'),
        el('p', { id: 'backup-coverage' }, backupSentence(r.backup)),
      ].filter(Boolean));
    });
    const weeks = el('select', { id: 'forecast-weeks', 'aria-label': 'weeks' }, ...[1, 2, 4, 8, 12].map((w) => el('option', { value: String(w), selected: w === 4 }, `${w} week${w === 1 ? '' : 's'}`)));
    const forecast = el('div', {});
    const showForecast = guarded(async () => {
      const f = await get(`/api/v1/tenants/${t}/coverage-forecast?weeks=${weeks.value}`);
      if (!stale) forecast.replaceChildren(forecastSection(f));
    });
    month.addEventListener('change', () => { void show(); });
    weeks.addEventListener('change', () => { void showForecast(); });
    root.append(picker,
      el('div', { class: 'toolbar' }, el('label', {}, 'Month ', month),
        el('button', { type: 'button', id: 'report-show', onclick: show }, 'Show'),
        el('button', { type: 'button', id: 'report-csv', onclick: guarded(() => downloadFile(`${query()}&format=csv`)) }, 'Download CSV'),
        el('button', { type: 'button', id: 'report-pdf', onclick: guarded(() => downloadFile(`${query()}&format=pdf`)) }, 'Download PDF'),
        el('button', { type: 'button', id: 'report-html', onclick: guarded(() => openFile(`${query()}&format=html`)) }, 'Printable page')),
      out,
      el('h3', {}, 'Coverage forecast'),
      el('div', { class: 'toolbar' }, el('label', {}, 'Next ', weeks)),
      forecast);
    await Promise.all([show(), showForecast()]);
  })();
  return () => { stale = true; };
}
