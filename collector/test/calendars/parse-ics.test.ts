// The ICS parser on feeds in the formats real services export (Google's
// public holiday calendar, an Outlook out-of-office export with a Windows
// VTIMEZONE, a Google absence calendar with a moved occurrence), written by
// hand after those formats; and on what is not iCalendar.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIcs } from '../../src/calendars/parse-ics.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const NOW = Date.parse('2026-12-01T00:00:00Z');
const window = { from: NOW - 86_400_000, until: NOW + 400 * 86_400_000, timeZone: 'Europe/Berlin', maxEvents: 2000 };
const parsed = (name: string, o = window) => {
  const r = parseIcs(fixture(name), o);
  if (!r.ok) throw new Error(r.problem);
  return r;
};

describe('parseIcs', () => {
  it('a public holiday feed: all-day dates, one day each; a yearly rule repeats within the window; past ones are left out', () => {
    const { events } = parsed('public-holidays-de.ics');
    expect(events.map((e) => [e.from, e.until, e.summary])).toEqual([
      ['2026-12-08', '2026-12-08', 'Feast of the Immaculate Conception (Bavaria)'],
      ['2026-12-25', '2026-12-25', 'Christmas Day'],
      ['2026-12-26', '2026-12-26', 'Boxing Day'],
      ['2027-01-01', '2027-01-01', 'New Year\'s Day'],
      ['2027-10-03', '2027-10-03', 'Day of German Unity'],
    ]);
    expect(events.every((e) => e.allDay)).toBe(true);
  });

  it('an Outlook export: a weekly rule in a Windows time zone with one date excluded, and a multi-day leave', () => {
    const { events } = parsed('outlook-ooo.ics');
    expect(events.map((e) => [e.from, e.until, e.summary])).toEqual([
      // 13:00-17:00 W. Europe Standard Time is 12:00-16:00 UTC in winter; 9 December is excluded (EXDATE); COUNT=4 includes it.
      ['2026-12-02T12:00:00.000Z', '2026-12-02T16:00:00.000Z', 'Team off-site (afternoons)'],
      ['2026-12-16T12:00:00.000Z', '2026-12-16T16:00:00.000Z', 'Team off-site (afternoons)'],
      // DTEND 24 Dec of an all-day event is exclusive: the leave is 21-23 December.
      ['2026-12-21', '2026-12-23', 'Whole team on leave'],
      ['2026-12-23T12:00:00.000Z', '2026-12-23T16:00:00.000Z', 'Team off-site (afternoons)'],
    ]);
  });

  it('a Google export: a daily rule until a date, one occurrence moved (RECURRENCE-ID), an IANA TZID without VTIMEZONE', () => {
    const { events } = parsed('google-ooo.ics');
    expect(events.map((e) => [e.from, e.until, e.summary])).toEqual([
      ['2026-12-03T07:00:00.000Z', '2026-12-03T09:00:00.000Z', 'Out of office: training'],
      ['2026-12-04T07:00:00.000Z', '2026-12-04T09:00:00.000Z', 'Out of office: training'],
      ['2026-12-05T11:00:00.000Z', '2026-12-05T13:00:00.000Z', 'Out of office: training (moved)'],
      ['2026-12-06T07:00:00.000Z', '2026-12-06T09:00:00.000Z', 'Out of office: training'],
      // 09:00 in New York (EST, UTC-5).
      ['2026-12-10T14:00:00.000Z', '2026-12-10T22:00:00.000Z', 'Visiting the New York office'],
    ]);
  });

  it('daylight saving: the same wall-clock rule is an hour earlier in UTC in summer', () => {
    const text = fixture('google-ooo.ics').replace(/20261203T080000/g, '20270601T080000').replace(/20261203T100000/g, '20270601T100000').replace('UNTIL=20261206T225959Z', 'COUNT=1');
    const r = parseIcs(text, window);
    expect(r.ok && r.events.find((e) => e.summary === 'Out of office: training')).toMatchObject({ from: '2027-06-01T06:00:00.000Z', until: '2027-06-01T08:00:00.000Z' });
  });

  it('a rule that never ends is cut at the window, and a huge one at maxEvents (said so)', () => {
    const forever = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:f\r\nDTSTART:20200101T090000Z\r\nDTEND:20200101T100000Z\r\nRRULE:FREQ=DAILY\r\nSUMMARY:standup\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const r = parseIcs(forever, { ...window, until: NOW + 10 * 86_400_000 });
    expect(r.ok && r.events.length).toBe(11);
    const capped = parseIcs(forever, { ...window, maxEvents: 5 });
    expect(capped).toMatchObject({ ok: true, truncated: true });
    expect(capped.ok && capped.events).toHaveLength(5);
  });

  it.each([
    ['<html><body>Sign in to continue</body></html>', 'not an iCalendar feed (it does not start with BEGIN:VCALENDAR)'],
    ['', 'not an iCalendar feed (it does not start with BEGIN:VCALENDAR)'],
    ['BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage\r\n', /^not valid iCalendar: /],
  ])('refuses %j', (text, problem) => {
    const r = parseIcs(text, window);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(problem);
  });
});
