// Time that does not count against a team's response clock: its away
// periods (written in the ownership config or imported from its calendars).
// Maintenance windows stop the clock of the alerts they cover only, so they
// are handed to the report per alert (ReportAlert.maintenance, from
// MaintenanceService.coveredTimeOf), not per team.
import { instantIn, teamTimeZone } from '../routing/away-periods.js';
import type { OwnershipConfig, Team } from '../routing/ownership-config.js';
import type { Period } from './sla-report.js';

export interface Interval {
  from: number;
  until: number;
  /** "away: Christmas", "maintenance: patch night". */
  reason: string;
}

const isDate = (s: string) => s.length === 10;

function nextDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The team's away periods as instants: a date starts at local midnight, an end date is included to its end. */
export function awayIntervals(config: OwnershipConfig, team: Team, period: Period): Interval[] {
  const cfg = config.teams[team];
  const tz = teamTimeZone(cfg);
  return cfg.away.map((p) => ({
    from: instantIn(isDate(p.from) ? `${p.from}T00:00:00` : p.from, tz),
    until: instantIn(isDate(p.until) ? `${nextDate(p.until)}T00:00:00` : p.until, tz),
    reason: `away: ${p.reason}${p.source ? ` (${p.source})` : ''}`,
  })).filter((i) => i.until > period.from && i.from < period.until);
}

/** Overlapping intervals merged, so time covered twice is excluded once. */
export function mergeIntervals(list: Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) => a.from - b.from);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.from <= last.until) {
      if (i.until > last.until) last.until = i.until;
      if (!last.reason.includes(i.reason)) last.reason = `${last.reason}; ${i.reason}`;
    } else out.push({ ...i });
  }
  return out;
}

/** How much of [from, to) the intervals cover, in ms. */
export function overlapMs(from: number, to: number, intervals: Interval[]): number {
  let total = 0;
  for (const i of mergeIntervals(intervals)) total += Math.max(0, Math.min(to, i.until) - Math.max(from, i.from));
  return total;
}

/** excludedIntervals(tenant, team, period): the team's away time, merged. */
export function createExcludedIntervals(options: {
  ownership: (tenantId: string) => Promise<OwnershipConfig>;
}): (tenantId: string, team: Team, period: Period) => Promise<Interval[]> {
  return async (tenantId, team, period) => mergeIntervals(awayIntervals(await options.ownership(tenantId), team, period));
}
