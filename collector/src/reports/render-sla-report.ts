// The SLA report as a document (HTML, printable) and as CSV (one row per
// team and figure, for spreadsheets).
import { escapeHtml, htmlPage, htmlTable } from './html.js';
import type { Distribution, LimitInForce, SlaReport } from './sla-report.js';

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
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "14 days", or "14 days for 3 devices, 30 days for 2 devices" when device groups are held to different limits. */
export function limitsText(limits: LimitInForce[], unit: 'day' | 'hour'): string {
  if (limits.length === 1) return plural(limits[0]!.limit, unit);
  return limits.map((l) => `${plural(l.limit, unit)} for ${plural(l.devices, 'device')}`).join(', ');
}

export function patchSentence(p: SlaReport['patch']): string {
  const unknown = p.devices - p.assessed;
  const main = p.assessed === 0
    ? `No device's patch compliance could be assessed`
    : `${p.compliant} of ${p.assessed} devices within their patch compliance limit (${limitsText(p.limitsDays, 'day')} for pending security and critical updates)`;
  return `${main}${unknown > 0 ? `; ${unknown} of ${p.devices} devices could not be assessed` : ''}.`;
}

export function backupSentence(b: SlaReport['backup']): string {
  const main = b.assessed === 0
    ? 'No device is held to a backup freshness limit'
    : `${b.covered} of ${b.assessed} devices have a backup that succeeded within their limit (${limitsText(b.limitsHours, 'hour')})`;
  return `${main}${b.notAssessed.length > 0 ? `; ${b.notAssessed.length} of ${b.devices} devices have no backup freshness limit in force` : ''}.`;
}

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
    `<p>${escapeHtml(patchSentence(r.patch))}</p>`,
  );
  if (r.patch.outOfCompliance.length > 0) {
    parts.push(htmlTable(
      ['Device', 'Limit (days)', 'Out of compliance since', 'Days over', 'Security updates pending', 'Oldest'],
      r.patch.outOfCompliance.map((d) => [d.hostname, d.limitDays, time(Date.parse(d.outOfComplianceSince)), d.daysOver, d.securityPending, d.oldestUpdate ?? '–']),
      [1, 3, 4],
    ));
  }
  if (r.patch.unknown.length > 0) parts.push(htmlTable(['Device', 'Why compliance is unknown'], r.patch.unknown.map((d) => [d.hostname, d.reason])));
  parts.push('<h2>Backup coverage</h2>', `<p>${escapeHtml(backupSentence(r.backup))}</p>`);
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
  add('patch', '', 'devices', r.patch.devices);
  add('patch', '', 'devices_assessed', r.patch.assessed);
  add('patch', '', 'devices_compliant', r.patch.compliant);
  add('patch', '', 'devices_out_of_compliance', r.patch.outOfCompliance.length);
  add('patch', '', 'devices_unknown', r.patch.unknown.length);
  // One row per limit in force: device groups may be held to different limits.
  for (const l of r.patch.limitsDays) add('patch', '', `devices_with_limit_${l.limit}_days`, l.devices);
  add('backup', '', 'devices', r.backup.devices);
  add('backup', '', 'devices_assessed', r.backup.assessed);
  add('backup', '', 'devices_covered', r.backup.covered);
  for (const l of r.backup.limitsHours) add('backup', '', `devices_with_limit_${l.limit}_hours`, l.devices);
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
