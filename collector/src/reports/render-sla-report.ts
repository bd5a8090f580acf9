// The SLA report as a document (HTML, printable) and as CSV (one row per
// team and figure, for spreadsheets).
import { escapeHtml, htmlPage, htmlTable } from './html.js';
import type { Distribution, SlaReport } from './sla-report.js';

const TEAM_NAMES = { internal: 'Internal IT', provider: 'Provider' } as const;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
/** The period's last day, as people write a range ("2026-11-01 to 2026-11-30"). */
export const periodText = (r: Pick<SlaReport, 'period'>) => `${day(r.period.from)} to ${day(r.period.until - 1)}`;

function minutes(v: number | null): string {
  if (v === null) return '–';
  if (v < 120) return `${v} min`;
  return `${Math.round((v / 60) * 10) / 10} h`;
}
const share = (v: number | null) => (v === null ? '–' : `${Math.round(v * 1000) / 10}%`);
const dist = (d: Distribution) => `${minutes(d.median)} / ${minutes(d.p90)}`;

export function slaReportHtml(r: SlaReport, tenantName: string): string {
  const title = `Service report ${tenantName} ${periodText(r)}`;
  const parts: string[] = [
    `<h1>Service report: ${escapeHtml(tenantName)}</h1>`,
    `<p class="meta">Tenant ${escapeHtml(r.tenantId)} · period ${periodText(r)} (UTC) · generated ${time(r.generatedAt)}</p>`,
    '<h2>Response times and hand-offs per team</h2>',
  ];
  if (r.truncated) parts.push(`<p class="empty">This period held more alerts than one report reads; the figures cover the first ${r.alerts} only.</p>`);
  if (r.empty) parts.push('<p class="empty">No alerts fired in this period: there are no response times to report.</p>');
  parts.push(htmlTable(
    ['Team', 'Alerts owned', 'Acknowledge median / p90', 'Resolve median / p90', 'Within SLA', 'Escalations out / in', 'Hand-offs out / in', 'Bounces', 'Excluded time'],
    r.teams.map((t) => [TEAM_NAMES[t.team], t.owned, dist(t.acknowledge), dist(t.resolve),
      t.withinSla + t.breachedSla === 0 ? '–' : `${share(t.withinSlaShare)} (${t.withinSla} of ${t.withinSla + t.breachedSla})`,
      `${t.escalationsOut} / ${t.escalationsIn}`, `${t.handoffsOut} / ${t.handoffsIn}`, t.bounces, minutes(t.excludedMinutes)]),
    [1, 7],
  ));
  const excluded = r.teams.flatMap((t) => t.excluded.map((e) => [TEAM_NAMES[t.team], time(e.from), time(e.until), e.reason]));
  if (excluded.length > 0) {
    parts.push('<h2>Time excluded from response clocks</h2>', htmlTable(['Team', 'From', 'Until', 'Why'], excluded));
  }
  parts.push(
    '<p class="meta">Response times run from when an alert fired to its first acknowledgement (or its resolution, when nobody acknowledged it first), '
    + 'minus the team\'s excluded time. Median and p90 are nearest-rank. An alert owned by both teams counts for each.</p>',
    '<h2>Patch compliance</h2>',
    `<p>${r.patch.compliant} of ${r.patch.known} devices have no security update pending longer than ${r.patch.thresholdDays} days`
      + `${r.patch.known < r.patch.devices ? ` (${r.patch.devices - r.patch.known} of ${r.patch.devices} devices could not report their updates)` : ''}.</p>`,
  );
  if (r.patch.nonCompliant.length > 0) parts.push(htmlTable(['Device', 'Pending for (days)', 'Security updates'], r.patch.nonCompliant.map((d) => [d.hostname, d.oldestDays, d.updates.join(', ')]), [1]));
  parts.push('<h2>Backup coverage</h2>', `<p>${r.backup.covered} of ${r.backup.devices} devices have a backup that succeeded within ${r.backup.freshHours} hours.</p>`);
  if (r.backup.uncovered.length > 0) parts.push(`<p>Without a recent backup: ${escapeHtml(r.backup.uncovered.join(', '))}</p>`);
  return htmlPage(title, parts.join('\n'));
}

function csvCell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  // A leading = + - @ would run as a formula in a spreadsheet; quote-prefix it.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function slaReportCsv(r: SlaReport): string {
  const rows: Array<Array<string | number | null>> = [['tenant', 'period_from', 'period_until', 'section', 'team', 'figure', 'value']];
  const add = (section: string, team: string, figure: string, value: string | number | null) => rows.push([r.tenantId, day(r.period.from), day(r.period.until - 1), section, team, figure, value]);
  for (const t of r.teams) {
    add('sla', t.team, 'alerts_owned', t.owned);
    add('sla', t.team, 'ack_median_minutes', t.acknowledge.median);
    add('sla', t.team, 'ack_p90_minutes', t.acknowledge.p90);
    add('sla', t.team, 'resolve_median_minutes', t.resolve.median);
    add('sla', t.team, 'resolve_p90_minutes', t.resolve.p90);
    add('sla', t.team, 'within_sla', t.withinSla);
    add('sla', t.team, 'breached_sla', t.breachedSla);
    add('sla', t.team, 'within_sla_share', t.withinSlaShare === null ? null : Math.round(t.withinSlaShare * 10_000) / 10_000);
    add('sla', t.team, 'escalations_out', t.escalationsOut);
    add('sla', t.team, 'escalations_in', t.escalationsIn);
    add('sla', t.team, 'handoffs_out', t.handoffsOut);
    add('sla', t.team, 'handoffs_in', t.handoffsIn);
    add('sla', t.team, 'bounces', t.bounces);
    add('sla', t.team, 'excluded_minutes', t.excludedMinutes);
  }
  add('patch', '', 'devices_reporting', r.patch.known);
  add('patch', '', 'devices_compliant', r.patch.compliant);
  add('patch', '', 'threshold_days', r.patch.thresholdDays);
  add('backup', '', 'devices', r.backup.devices);
  add('backup', '', 'devices_covered', r.backup.covered);
  add('backup', '', 'fresh_hours', r.backup.freshHours);
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
