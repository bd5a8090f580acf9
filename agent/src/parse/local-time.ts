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
 * when the fields are not a real date. Around a DST change the earlier
 * instant is chosen.
 */
export function wallClockToIso(w: WallClock, timeZone: string): string | null {
  const { year, month, day, hour = 0, minute = 0, second = 0 } = w;
  if (![year, month, day, hour, minute, second].every(Number.isFinite)) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(naive);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  // Two passes settle the offset even when the guess lands across a DST change.
  let utc = naive - offsetMinutes(naive, timeZone) * 60000;
  utc = naive - offsetMinutes(utc, timeZone) * 60000;
  return new Date(utc).toISOString();
}
