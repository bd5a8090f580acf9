// When a team can act: its weekly hours in its own time zone, minus holidays.
// Wall-clock time comes from Intl, so daylight saving changes need no tables.
import type { BusinessHours, Weekday } from './ownership-config.js';
import { WEEKDAYS } from './ownership-config.js';

export interface LocalTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  weekday: Weekday;
  /** Minutes after local midnight. */
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function localTime(at: number, timeZone: string): LocalTime {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: parts.weekday!.toLowerCase().slice(0, 3) as Weekday,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const previousDay = (d: Weekday): Weekday => WEEKDAYS[(WEEKDAYS.indexOf(d) + 6) % 7]!;

function previousDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export type HoursVerdict = { open: true } | { open: false; why: 'holiday' | 'outside'; date: string };

/** Whether `at` falls inside the hours. A window past midnight belongs to the day it starts on. */
export function withinHours(hours: BusinessHours, at: number): HoursVerdict {
  const t = localTime(at, hours.timeZone);
  const overnight = hours.toMinute < hours.fromMinute;
  let day = t.weekday;
  let date = t.date;
  let inWindow: boolean;
  if (!overnight) {
    inWindow = t.minute >= hours.fromMinute && t.minute < hours.toMinute;
  } else if (t.minute >= hours.fromMinute) {
    inWindow = true;
  } else if (t.minute < hours.toMinute) {
    inWindow = true;
    day = previousDay(t.weekday);
    date = previousDate(t.date);
  } else {
    inWindow = false;
  }
  if (!inWindow || !hours.days.includes(day)) return { open: false, why: 'outside', date: t.date };
  if (hours.holidays.includes(date)) return { open: false, why: 'holiday', date };
  return { open: true };
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** "Mon-Fri 08:00-17:00 Europe/Berlin" */
export function describeHours(hours: BusinessHours | null): string {
  return hours ? `${describeWindow(hours)} ${hours.timeZone}` : '24/7';
}

const zoneNames = new Map<string, Intl.DateTimeFormat[]>();

/** "BST", "EDT", "CET"; "GMT+9" where no abbreviation is in common use. */
export function zoneAbbreviation(at: number, timeZone: string): string {
  let fs = zoneNames.get(timeZone);
  if (!fs) {
    // en-US knows the American abbreviations, en-GB the European ones; either falls back to GMT±h.
    fs = ['en-US', 'en-GB'].map((locale) => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }));
    zoneNames.set(timeZone, fs);
  }
  const names = fs.map((f) => f.formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value ?? timeZone);
  return names.find((n) => !/^GMT[+-]/.test(n)) ?? names[0]!;
}

/** "Wed 09:30 BST, Europe/London": the wall-clock time a decision used, in the team's zone. */
export function describeLocal(at: number, timeZone: string): string {
  const t = localTime(at, timeZone);
  const day = t.weekday[0]!.toUpperCase() + t.weekday.slice(1);
  return `${day} ${hhmm(t.minute)} ${zoneAbbreviation(at, timeZone)}, ${timeZone}`;
}

/** "Mon-Fri 08:00-17:00" */
export function describeWindow(hours: BusinessHours): string {
  const idx = hours.days.map((d) => WEEKDAYS.indexOf(d)).sort((a, b) => a - b);
  const cap = (d: Weekday) => d[0]!.toUpperCase() + d.slice(1);
  const contiguous = idx.length > 1 && idx.every((v, i) => i === 0 || v === idx[i - 1]! + 1);
  const days = idx.length === 0 ? 'no days'
    : contiguous ? `${cap(WEEKDAYS[idx[0]!]!)}-${cap(WEEKDAYS[idx[idx.length - 1]!]!)}` : idx.map((i) => cap(WEEKDAYS[i]!)).join(',');
  return `${days} ${hhmm(hours.fromMinute)}-${hhmm(hours.toMinute)}`;
}
