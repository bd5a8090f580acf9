// Away periods: date ranges when nobody on a team can act (vacation, sick
// leave, an empty seat). Dates are local to the team's time zone and the end
// date is included, as people say "away until Friday".
import { localTime } from './business-hours.js';
import type { AwayPeriod, TeamConfig } from './ownership-config.js';

const isDate = (s: string) => s.length === 10;

export function periodCovers(p: AwayPeriod, at: number, timeZone: string): boolean {
  const today = isDate(p.from) || isDate(p.until) ? localTime(at, timeZone).date : '';
  const afterStart = isDate(p.from) ? today >= p.from : at >= Date.parse(p.from);
  const beforeEnd = isDate(p.until) ? today <= p.until : at < Date.parse(p.until);
  return afterStart && beforeEnd;
}

export const teamTimeZone = (team: TeamConfig): string => team.hours?.timeZone ?? 'UTC';

/** The away period in force at `at`, if any (the one ending last when several overlap). */
export function awayAt(team: TeamConfig, at: number): AwayPeriod | null {
  const tz = teamTimeZone(team);
  const active = team.away.filter((p) => periodCovers(p, at, tz));
  if (active.length === 0) return null;
  return active.reduce((a, b) => (endOf(b, tz) > endOf(a, tz) ? b : a));
}

/** The first moment after the period, for ordering overlapping periods. */
function endOf(p: AwayPeriod, _tz: string): number {
  return isDate(p.until) ? Date.parse(`${p.until}T23:59:59Z`) : Date.parse(p.until);
}
