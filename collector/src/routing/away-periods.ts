// Away periods: date ranges when nobody on a team can act (vacation, sick
// leave, an empty seat). Dates are local to the team's time zone and the end
// date is included, as people say "away until Friday". A time written
// without an offset (2026-12-24T08:00) is the team's wall-clock time too,
// never the collector process's zone.
import { localTime } from './business-hours.js';
import type { AwayPeriod, TeamConfig } from './ownership-config.js';

const isDate = (s: string) => s.length === 10;
const HAS_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

/** How far the zone's wall clock is ahead of UTC at `at`, in ms. */
function zoneOffset(at: number, timeZone: string): number {
  const t = localTime(at, timeZone);
  const seconds = new Date(at).getUTCSeconds() * 1000 + new Date(at).getUTCMilliseconds();
  const [y, m, d] = t.date.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!, 0, t.minute) + seconds - at;
}

/**
 * The instant an ISO time names: as written when it carries an offset,
 * otherwise read as wall-clock time in `timeZone`. A wall time that a
 * daylight-saving change skips is taken an hour later, as clocks show it.
 */
export function instantIn(text: string, timeZone: string): number {
  if (HAS_OFFSET.test(text)) return Date.parse(text);
  const asUtc = Date.parse(`${text}Z`);
  if (Number.isNaN(asUtc)) return Number.NaN;
  const first = asUtc - zoneOffset(asUtc, timeZone);
  const second = asUtc - zoneOffset(first, timeZone);
  return second;
}

/** `today`: the local date at `at`, when the caller has it already (imported calendars bring many periods). */
export function periodCovers(p: AwayPeriod, at: number, timeZone: string, localDate?: string): boolean {
  const today = isDate(p.from) || isDate(p.until) ? (localDate ?? localTime(at, timeZone).date) : '';
  const afterStart = isDate(p.from) ? today >= p.from : at >= instantIn(p.from, timeZone);
  const beforeEnd = isDate(p.until) ? today <= p.until : at < instantIn(p.until, timeZone);
  return afterStart && beforeEnd;
}

export const teamTimeZone = (team: TeamConfig): string => team.hours?.timeZone ?? 'UTC';

interface Bounded {
  p: AwayPeriod;
  /** ms; a date's bounds are widened by the largest zone offsets, the exact test follows. */
  lo: number;
  hi: number;
  /** The first moment after the period, for ordering overlapping ones. */
  end: number;
}

const DAY_SLACK_MS = 15 * 3_600_000;
const bounded = new WeakMap<AwayPeriod[], { tz: string; list: Bounded[] }>();

/** The team's periods with coarse bounds, computed once per config: imported calendars bring hundreds, and coverage checks ask thousands of times. */
function boundsOf(team: TeamConfig, tz: string): Bounded[] {
  const cached = bounded.get(team.away);
  if (cached && cached.tz === tz) return cached.list;
  const list = team.away.map((p) => ({
    p,
    lo: isDate(p.from) ? Date.parse(`${p.from}T00:00:00Z`) - DAY_SLACK_MS : instantIn(p.from, tz),
    hi: isDate(p.until) ? Date.parse(`${p.until}T23:59:59Z`) + DAY_SLACK_MS : instantIn(p.until, tz),
    end: endOf(p, tz),
  }));
  bounded.set(team.away, { tz, list });
  return list;
}

/** The away period in force at `at`, if any (the one ending last when several overlap). */
export function awayAt(team: TeamConfig, at: number): AwayPeriod | null {
  if (team.away.length === 0) return null;
  const tz = teamTimeZone(team);
  const near = boundsOf(team, tz).filter((b) => !(at < b.lo) && !(at > b.hi));
  if (near.length === 0) return null;
  const today = localTime(at, tz).date;
  const active = near.filter((b) => periodCovers(b.p, at, tz, today));
  if (active.length === 0) return null;
  return active.reduce((a, b) => (b.end > a.end ? b : a)).p;
}

/** The first moment after the period, for ordering overlapping periods. */
function endOf(p: AwayPeriod, tz: string): number {
  return instantIn(isDate(p.until) ? `${p.until}T23:59:59` : p.until, tz);
}
