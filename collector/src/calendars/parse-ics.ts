// iCalendar feed → the periods it describes, expanded over a bounded window.
// ical.js does the RFC 5545 work (RRULE, EXDATE, RDATE, RECURRENCE-ID
// overrides, VTIMEZONE, all-day dates). Pure: text in, periods or one
// problem out; the caller decides what the periods mean (holidays or away).
import ICAL from 'ical.js';
import { instantIn } from '../routing/away-periods.js';

export interface ImportedEvent {
  /** All-day: local dates (YYYY-MM-DD, `until` inclusive), as the team's holidays and away dates are written. Timed: ISO instants, `until` exclusive. */
  from: string;
  until: string;
  allDay: boolean;
  summary: string;
  uid: string;
}

export type IcsParse = { ok: true; events: ImportedEvent[]; truncated: boolean } | { ok: false; problem: string };

export interface ParseOptions {
  /** Occurrences ending before this are left out (ms). */
  from: number;
  /** Occurrences starting after this are left out (ms): a rule that never ends is cut here. */
  until: number;
  /** For floating times (no zone) and a TZID without a VTIMEZONE that names an IANA zone. */
  timeZone: string;
  /** At most this many periods; the rest is dropped and `truncated` says so. */
  maxEvents: number;
}

/** How many occurrences of one rule are stepped through before giving up (a daily rule from 1990 is ~13 000). */
const MAX_STEPS_PER_EVENT = 20_000;

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const dateText = (t: ICAL.Time) => `${t.year}-${pad(t.month)}-${pad(t.day)}`;

/** The instant a DATE-TIME names: its VTIMEZONE or UTC; a floating time (or an IANA TZID without definition) on the wall clock of that zone. */
function instantOf(t: ICAL.Time, tzid: string | undefined, fallbackZone: string): number {
  const zone = t.zone?.tzid;
  if (zone && zone !== 'floating') return t.toJSDate().getTime();
  const wall = `${dateText(t)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
  return instantIn(wall, tzid && validZone(tzid) ? tzid : fallbackZone);
}

/** The TZID parameter of a DTSTART or DTEND, whether or not the feed defines that zone. */
function tzidOf(e: ICAL.Event, prop: 'dtstart' | 'dtend'): string | undefined {
  const v = e.component.getFirstProperty(prop)?.getParameter('tzid');
  return typeof v === 'string' ? v : undefined;
}

function previousDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function parseIcs(text: string, o: ParseOptions): IcsParse {
  if (!/^\s*BEGIN:VCALENDAR/i.test(text)) return { ok: false, problem: 'not an iCalendar feed (it does not start with BEGIN:VCALENDAR)' };
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch (err) {
    return { ok: false, problem: `not valid iCalendar: ${(err as Error).message.split('\n')[0]!.slice(0, 200)}` };
  }
  const zones = root.getAllSubcomponents('vtimezone');
  const registered: string[] = [];
  try {
    // The service is global; the feed's own definitions are registered for this parse only (it runs without awaiting).
    for (const z of zones) {
      const tzid = z.getFirstPropertyValue('tzid');
      if (typeof tzid !== 'string') continue;
      ICAL.TimezoneService.register(z);
      registered.push(tzid);
    }
    return expand(root, o);
  } catch (err) {
    return { ok: false, problem: `not valid iCalendar: ${(err as Error).message.split('\n')[0]!.slice(0, 200)}` };
  } finally {
    for (const tzid of registered) ICAL.TimezoneService.remove(tzid);
  }
}

function expand(root: ICAL.Component, o: ParseOptions): IcsParse {
  const vevents = root.getAllSubcomponents('vevent');
  // RECURRENCE-ID components override one occurrence of their series.
  const masters = new Map<string, ICAL.Event>();
  const exceptions: ICAL.Event[] = [];
  for (const v of vevents) {
    const e = new ICAL.Event(v);
    if (!e.startDate) continue;
    if (e.isRecurrenceException()) exceptions.push(e);
    else masters.set(e.uid ?? `#${masters.size}`, e);
  }
  for (const x of exceptions) {
    const m = masters.get(x.uid);
    if (m) m.relateException(x);
    else masters.set(`${x.uid}#${x.recurrenceId?.toString() ?? ''}`, x);
  }
  const events: ImportedEvent[] = [];
  let truncated = false;
  const add = (e: ICAL.Event, start: ICAL.Time, end: ICAL.Time | null, summary: string) => {
    const tzid = tzidOf(e, 'dtstart');
    if (start.isDate) {
      const first = dateText(start);
      // DTEND of an all-day event is the day after; a missing DTEND is one day.
      const last = end && end.isDate && dateText(end) > first ? previousDay(dateText(end)) : first;
      if (Date.parse(`${last}T23:59:59Z`) + 14 * 3_600_000 < o.from || Date.parse(`${first}T00:00:00Z`) - 14 * 3_600_000 > o.until) return;
      events.push({ from: first, until: last, allDay: true, summary, uid: e.uid ?? '' });
      return;
    }
    const from = instantOf(start, tzid, o.timeZone);
    const until = end ? instantOf(end, tzidOf(e, 'dtend') ?? tzid, o.timeZone) : from;
    if (until < o.from || from > o.until || Number.isNaN(from) || Number.isNaN(until)) return;
    events.push({ from: new Date(from).toISOString(), until: new Date(Math.max(from, until)).toISOString(), allDay: false, summary, uid: e.uid ?? '' });
  };
  for (const e of masters.values()) {
    if (events.length >= o.maxEvents) {
      truncated = true;
      break;
    }
    const summary = (e.summary ?? '').trim() || 'calendar event';
    if (!e.isRecurring()) {
      add(e, e.startDate, e.endDate, summary);
      continue;
    }
    const it = e.iterator();
    for (let step = 0; step < MAX_STEPS_PER_EVENT; step++) {
      const next = it.next();
      if (!next) break;
      const d = e.getOccurrenceDetails(next);
      if (!d.startDate.isDate && instantOf(d.startDate, tzidOf(e, 'dtstart'), o.timeZone) > o.until) break;
      if (d.startDate.isDate && Date.parse(`${dateText(d.startDate)}T00:00:00Z`) - 14 * 3_600_000 > o.until) break;
      add(d.item, d.startDate, d.endDate, (d.item.summary ?? '').trim() || summary);
      if (events.length >= o.maxEvents) {
        truncated = true;
        break;
      }
    }
  }
  events.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return { ok: true, events, truncated };
}
