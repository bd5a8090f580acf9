// The SLA and hand-off report: from one period's alert histories and routing
// decisions, each team's response figures, escalations and hand-offs, plus
// patch compliance and backup coverage of the tenant's devices. Pure: events
// in, figures out; the store reader (report-reader.ts) gathers the input.
// Patch compliance is not computed here: the reader hands over each device's
// standing as the compliance API computes it (patch-compliance-report.ts), so
// the report and GET /api/v1/compliance/patches always agree.
import { TEAMS, teamsOf } from '../routing/ownership-config.js';
import type { Owner, Team } from '../routing/ownership-config.js';
import type { Interval } from './excluded-intervals.js';
import { mergeIntervals, overlapMs } from './excluded-intervals.js';
import type { DeviceCompliance } from '../rules/patch-compliance-report.js';

export interface Period {
  /** ms, inclusive. */
  from: number;
  /** ms, exclusive. */
  until: number;
}

/** One alert episode that fired in the period, with what happened to it. */
export interface ReportAlert {
  id: string;
  deviceId: string;
  ruleId: string;
  category: string;
  severity: string;
  firedAt: number;
  /** State changes in order (`to`: firing, acknowledged, snoozed, resolved, …). */
  history: Array<{ at: number; to: string }>;
  /** Routing decisions in order: the first is the one made when the alert fired. */
  decisions: Array<{ at: number; reason: string; owner: string; slaMinutes: number }>;
  /** Occurrences of maintenance windows covering this alert after it fired: they do not count toward its response time. */
  maintenance?: Interval[];
}

/** A device's backup jobs, with the freshness limit the rule pack holds it to. */
export interface ReportDevice {
  id: string;
  hostname: string;
  /** Backup jobs' last success (ms, null: never); empty: no backup job reported. */
  backups: Array<{ name: string; lastSuccessAt: number | null }>;
  /** The backup-stale rule's warning threshold for this device's group, in hours; null when the rule is not in force for it. */
  backupFreshHours: number | null;
}

/** How many assessed devices are held to each limit, smallest limit first. */
export interface LimitInForce {
  /** Days (patch) or hours (backup). */
  limit: number;
  devices: number;
}

export interface Distribution {
  count: number;
  /** Minutes, nearest rank; null without samples. */
  median: number | null;
  p90: number | null;
}

export interface TeamFigures {
  team: Team;
  owned: number;
  acknowledge: Distribution;
  resolve: Distribution;
  /** Alerts answered within their response time; breached: answered late or still unanswered past it. */
  withinSla: number;
  breachedSla: number;
  /** withinSla / (withinSla + breachedSla); null when no alert has a verdict yet. */
  withinSlaShare: number | null;
  escalationsOut: number;
  escalationsIn: number;
  handoffsOut: number;
  handoffsIn: number;
  /** Alerts the team handed off and got back later. */
  bounces: number;
  /** Minutes of the period during which the team's clock stood still: its away periods, and maintenance windows (for the alerts they covered). */
  excludedMinutes: number;
  excluded: Array<{ from: number; until: number; reason: string }>;
}

export interface SlaReport {
  tenantId: string;
  period: Period;
  generatedAt: number;
  /** true when no alert fired in the period (the report still renders, saying so). */
  empty: boolean;
  alerts: number;
  teams: TeamFigures[];
  patch: PatchFigures;
  backup: BackupFigures;
  /** Set by the reader when the period held more alerts than one report reads. */
  truncated?: boolean;
}

export interface PatchFigures {
  devices: number;
  /** Devices whose compliance could be said (compliant true or false). */
  assessed: number;
  compliant: number;
  /** Out of compliance, longest past the limit first. */
  outOfCompliance: Array<{ hostname: string; limitDays: number; securityPending: number; oldestUpdate: string | null; outOfComplianceSince: string; daysOver: number }>;
  /** Devices whose compliance cannot be said, and why (patch status unknown, rule not in force). */
  unknown: Array<{ hostname: string; reason: string }>;
  /** The patch compliance limits (days) in force for the assessed devices. */
  limitsDays: LimitInForce[];
}

export interface BackupFigures {
  devices: number;
  /** Devices the backup-stale rule is in force for. */
  assessed: number;
  covered: number;
  uncovered: string[];
  /** Devices without a backup freshness limit in force. */
  notAssessed: string[];
  /** The backup freshness limits (hours) in force for the assessed devices. */
  limitsHours: LimitInForce[];
}

const MIN = 60_000;

/** Nearest-rank percentile: the smallest sample with at least q of the samples at or below it. */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

function distribution(samples: number[]): Distribution {
  const s = [...samples].sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return { count: s.length, median: round(percentile(s, 0.5)), p90: round(percentile(s, 0.9)) };
}

const teamSet = (owner: string): Set<Team> => new Set(owner === 'internal' || owner === 'provider' || owner === 'both' ? teamsOf(owner as Owner) : []);

/** Minutes from `from` to `to` on the team's clock: excluded time does not count. */
const clockMinutes = (from: number, to: number, excluded: Interval[]) => Math.max(0, (to - from - overlapMs(from, to, excluded)) / MIN);

interface TeamTally {
  owned: number; ack: number[]; resolve: number[]; within: number; breached: number;
  escOut: number; escIn: number; handOut: number; handIn: number; bounces: number;
}

export function computeSlaReport(input: {
  tenantId: string;
  period: Period;
  now: number;
  alerts: ReportAlert[];
  excluded: Record<Team, Interval[]>;
  devices: ReportDevice[];
  /** Each device's patch compliance, as patchComplianceReport computed it at `now`. */
  patch: DeviceCompliance[];
}): SlaReport {
  const { period, now } = input;
  const alerts = input.alerts.filter((a) => a.firedAt >= period.from && a.firedAt < period.until);
  const tally = Object.fromEntries(TEAMS.map((t) => [t, { owned: 0, ack: [], resolve: [], within: 0, breached: 0, escOut: 0, escIn: 0, handOut: 0, handIn: 0, bounces: 0 }])) as unknown as Record<Team, TeamTally>;

  const windowTime = Object.fromEntries(TEAMS.map((t) => [t, new Map<string, Interval>()])) as Record<Team, Map<string, Interval>>;
  for (const a of alerts) {
    const first = a.decisions[0];
    if (!first) continue;
    const owners = teamSet(first.owner);
    const ackAt = a.history.find((h) => h.to === 'acknowledged' && h.at >= a.firedAt)?.at ?? null;
    const resolvedAt = a.history.find((h) => h.to === 'resolved' && h.at >= a.firedAt)?.at ?? null;
    // A resolve before anyone acknowledged is the response too: the alert was dealt with.
    const respondedAt = ackAt ?? resolvedAt;
    for (const t of owners) {
      // A window stops the clock of the alerts it covers only; the team's away time stops all of them.
      const x = a.maintenance ? [...input.excluded[t], ...a.maintenance] : input.excluded[t];
      if (a.maintenance) for (const m of a.maintenance) windowTime[t].set(`${m.from}/${m.until}/${m.reason}`, { ...m, reason: `${m.reason}, for the alerts it covers` });
      const s = tally[t];
      s.owned++;
      if (ackAt !== null) s.ack.push(clockMinutes(a.firedAt, ackAt, x));
      if (resolvedAt !== null) s.resolve.push(clockMinutes(a.firedAt, resolvedAt, x));
      const sla = first.slaMinutes;
      if (respondedAt !== null) {
        if (clockMinutes(a.firedAt, respondedAt, x) <= sla) s.within++;
        else s.breached++;
      } else if (clockMinutes(a.firedAt, Math.min(now, period.until), x) > sla) {
        s.breached++;
      }
    }
    // Who held the alert after each decision: escalations add a team, reroutes move it.
    let holders = owners;
    const lost = new Set<Team>();
    const bounced = new Set<Team>();
    for (const d of a.decisions.slice(1)) {
      const next = teamSet(d.owner);
      if (next.size === 0 || d.reason === 'resolve' || d.reason === 'reminder') continue;
      const added = TEAMS.filter((t) => next.has(t) && !holders.has(t));
      const removed = TEAMS.filter((t) => holders.has(t) && !next.has(t));
      if (d.reason === 'escalation') {
        for (const t of added) tally[t].escIn++;
        if (added.length > 0) for (const t of holders) tally[t].escOut++;
      } else if (added.length > 0 || removed.length > 0) {
        for (const t of added) tally[t].handIn++;
        for (const t of removed) tally[t].handOut++;
      }
      for (const t of removed) lost.add(t);
      for (const t of added) if (lost.has(t)) bounced.add(t);
      holders = next;
    }
    for (const t of bounced) tally[t].bounces++;
  }

  const teams = TEAMS.map((t): TeamFigures => {
    const s = tally[t];
    const all = mergeIntervals(input.excluded[t]).concat([...windowTime[t].values()]).sort((p, q) => p.from - q.from);
    const excluded = all
      .map((i) => ({ from: Math.max(i.from, period.from), until: Math.min(i.until, period.until), reason: i.reason }))
      .filter((i) => i.until > i.from);
    const verdicts = s.within + s.breached;
    return {
      team: t, owned: s.owned, acknowledge: distribution(s.ack), resolve: distribution(s.resolve), withinSla: s.within, breachedSla: s.breached,
      withinSlaShare: verdicts === 0 ? null : s.within / verdicts,
      escalationsOut: s.escOut, escalationsIn: s.escIn, handoffsOut: s.handOut, handoffsIn: s.handIn, bounces: s.bounces,
      excludedMinutes: Math.round(overlapMs(period.from, period.until, all) / MIN), excluded,
    };
  });

  return { tenantId: input.tenantId, period, generatedAt: now, empty: alerts.length === 0, alerts: alerts.length, teams, patch: patchFigures(input.patch), backup: backupFigures(input.devices, now) };
}

function limitsInForce(limits: number[]): LimitInForce[] {
  const counts = new Map<number, number>();
  for (const l of limits) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0] - b[0]).map(([limit, devices]) => ({ limit, devices }));
}

function patchFigures(devices: DeviceCompliance[]): PatchFigures {
  const assessed = devices.filter((d) => d.compliant !== null);
  const outOfCompliance = devices.flatMap((d) => (d.compliant === false ? [{
    hostname: d.hostname, limitDays: d.maxAgeDays!, securityPending: d.securityPendingCount ?? 0, oldestUpdate: d.oldestUpdate,
    outOfComplianceSince: d.outOfComplianceSince!, daysOver: d.daysOver ?? 0,
  }] : [])).sort((a, b) => b.daysOver - a.daysOver || a.hostname.localeCompare(b.hostname));
  return {
    devices: devices.length, assessed: assessed.length, compliant: assessed.filter((d) => d.compliant === true).length, outOfCompliance,
    unknown: devices.flatMap((d) => (d.compliant === null ? [{ hostname: d.hostname, reason: d.reason ?? 'unknown' }] : [])).sort((a, b) => a.hostname.localeCompare(b.hostname)),
    limitsDays: limitsInForce(assessed.map((d) => d.maxAgeDays!)),
  };
}

function backupFigures(devices: ReportDevice[], now: number): BackupFigures {
  const assessed = devices.filter((d) => d.backupFreshHours !== null);
  const uncovered = assessed.filter((d) => !d.backups.some((b) => b.lastSuccessAt !== null && now - b.lastSuccessAt <= d.backupFreshHours! * 3_600_000));
  return {
    devices: devices.length, assessed: assessed.length, covered: assessed.length - uncovered.length,
    uncovered: uncovered.map((d) => d.hostname).sort(),
    notAssessed: devices.filter((d) => d.backupFreshHours === null).map((d) => d.hostname).sort(),
    limitsHours: limitsInForce(assessed.map((d) => d.backupFreshHours!)),
  };
}
