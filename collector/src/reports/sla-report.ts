// The SLA and hand-off report: from one period's alert histories and routing
// decisions, each team's response figures, escalations and hand-offs, plus
// patch compliance and backup coverage of the tenant's devices. Pure: events
// in, figures out; the store reader (report-reader.ts) gathers the input.
import { TEAMS, teamsOf } from '../routing/ownership-config.js';
import type { Owner, Team } from '../routing/ownership-config.js';
import type { Interval } from './excluded-intervals.js';
import { overlapMs } from './excluded-intervals.js';

export interface Period {
  /** ms, inclusive. */
  from: number;
  /** ms, exclusive. */
  until: number;
}

/** One alert episode that fired in the period, with what happened to it. */
export interface ReportAlert {
  id: string;
  ruleId: string;
  category: string;
  severity: string;
  firedAt: number;
  /** State changes in order (`to`: firing, acknowledged, snoozed, resolved, …). */
  history: Array<{ at: number; to: string }>;
  /** Routing decisions in order: the first is the one made when the alert fired. */
  decisions: Array<{ at: number; reason: string; owner: string; slaMinutes: number }>;
}

export interface ReportDevice {
  id: string;
  hostname: string;
  /** Security updates pending now, with when each was first seen (null: unknown). */
  securityUpdates: Array<{ name: string; firstSeenAt: number | null }>;
  /** false: the patch topic could not be read, so compliance is unknown. */
  patchKnown: boolean;
  /** Backup jobs' last success (ms, null: never); empty: no backup job reported. */
  backups: Array<{ name: string; lastSuccessAt: number | null }>;
}

export interface ReportOptions {
  /** A security update pending longer than this is out of compliance (the rule pack's warning threshold by default). */
  patchComplianceDays: number;
  /** A backup job counts when it last succeeded within this many hours. */
  backupFreshHours: number;
}

export const DEFAULT_REPORT_OPTIONS: ReportOptions = { patchComplianceDays: 7, backupFreshHours: 26 };

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
  /** Minutes of the period during which the team's clock stood still (away periods, maintenance windows). */
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
  patch: { devices: number; known: number; compliant: number; nonCompliant: Array<{ hostname: string; updates: string[]; oldestDays: number }>; thresholdDays: number };
  backup: { devices: number; covered: number; uncovered: string[]; freshHours: number };
  /** Set by the reader when the period held more alerts than one report reads. */
  truncated?: boolean;
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
  options?: Partial<ReportOptions>;
}): SlaReport {
  const options = { ...DEFAULT_REPORT_OPTIONS, ...input.options };
  const { period, now } = input;
  const alerts = input.alerts.filter((a) => a.firedAt >= period.from && a.firedAt < period.until);
  const tally = Object.fromEntries(TEAMS.map((t) => [t, { owned: 0, ack: [], resolve: [], within: 0, breached: 0, escOut: 0, escIn: 0, handOut: 0, handIn: 0, bounces: 0 }])) as unknown as Record<Team, TeamTally>;

  for (const a of alerts) {
    const first = a.decisions[0];
    if (!first) continue;
    const owners = teamSet(first.owner);
    const ackAt = a.history.find((h) => h.to === 'acknowledged' && h.at >= a.firedAt)?.at ?? null;
    const resolvedAt = a.history.find((h) => h.to === 'resolved' && h.at >= a.firedAt)?.at ?? null;
    // A resolve before anyone acknowledged is the response too: the alert was dealt with.
    const respondedAt = ackAt ?? resolvedAt;
    for (const t of owners) {
      const x = input.excluded[t];
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
    const excluded = input.excluded[t]
      .map((i) => ({ from: Math.max(i.from, period.from), until: Math.min(i.until, period.until), reason: i.reason }))
      .filter((i) => i.until > i.from);
    const verdicts = s.within + s.breached;
    return {
      team: t, owned: s.owned, acknowledge: distribution(s.ack), resolve: distribution(s.resolve), withinSla: s.within, breachedSla: s.breached,
      withinSlaShare: verdicts === 0 ? null : s.within / verdicts,
      escalationsOut: s.escOut, escalationsIn: s.escIn, handoffsOut: s.handOut, handoffsIn: s.handIn, bounces: s.bounces,
      excludedMinutes: Math.round(overlapMs(period.from, period.until, input.excluded[t]) / MIN), excluded,
    };
  });

  return { tenantId: input.tenantId, period, generatedAt: now, empty: alerts.length === 0, alerts: alerts.length, teams, ...deviceFigures(input.devices, now, options) };
}

function deviceFigures(devices: ReportDevice[], now: number, options: ReportOptions): Pick<SlaReport, 'patch' | 'backup'> {
  const limit = options.patchComplianceDays * 86_400_000;
  const known = devices.filter((d) => d.patchKnown);
  const nonCompliant = known.flatMap((d) => {
    const late = d.securityUpdates.filter((u) => u.firstSeenAt !== null && now - u.firstSeenAt > limit);
    if (late.length === 0) return [];
    const oldest = Math.min(...late.map((u) => u.firstSeenAt!));
    return [{ hostname: d.hostname, updates: late.map((u) => u.name).sort(), oldestDays: Math.floor((now - oldest) / 86_400_000) }];
  }).sort((a, b) => b.oldestDays - a.oldestDays || a.hostname.localeCompare(b.hostname));
  const fresh = options.backupFreshHours * 3_600_000;
  const uncovered = devices.filter((d) => !d.backups.some((b) => b.lastSuccessAt !== null && now - b.lastSuccessAt <= fresh)).map((d) => d.hostname).sort();
  return {
    patch: { devices: devices.length, known: known.length, compliant: known.length - nonCompliant.length, nonCompliant, thresholdDays: options.patchComplianceDays },
    backup: { devices: devices.length, covered: devices.length - uncovered.length, uncovered, freshHours: options.backupFreshHours },
  };
}
