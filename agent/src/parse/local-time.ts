// Tools that print wall-clock times without an offset (tmutil, wbadmin, apt
// history) are read in a given IANA zone, so a technician can replay a
// customer's output with `--tz` and get the customer's instants.

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
}

function offsetMinutes(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/**
 * The UTC instant of a wall-clock time in `timeZone`, as ISO-8601, or null
 * when the fields are not a real date. A time repeated when clocks go back
 * reads as its earlier instant; a time skipped when they go forward reads
 * with the offset from before the change.
 */
export function wallClockToIso(w: WallClock, timeZone: string): string | null {
  const { year, month, day, hour = 0, minute = 0, second = 0 } = w;
  if (![year, month, day, hour, minute, second].every(Number.isFinite)) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(naive);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  // The zone's offset half a day either side covers any DST change near this
  // time; each gives a candidate instant, kept if it really shows this wall
  // clock in the zone. Two survivors: the repeated hour, take the earlier.
  // None: the skipped hour, read with the offset from before the change.
  const before = offsetMinutes(naive - 12 * 3_600_000, timeZone);
  const after = offsetMinutes(naive + 12 * 3_600_000, timeZone);
  const candidates = [...new Set([before, after])]
    .map((off) => naive - off * 60_000)
    .filter((utc) => utc + offsetMinutes(utc, timeZone) * 60_000 === naive);
  const utc = candidates.length > 0 ? Math.min(...candidates) : naive - before * 60_000;
  return new Date(utc).toISOString();
}
