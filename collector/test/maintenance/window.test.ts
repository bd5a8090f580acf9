import { describe, expect, it } from 'vitest';
import { activeOccurrence, checkWindow, covers, nextOccurrences, occurrences, wallToInstant } from '../../src/maintenance/window.js';
import type { MaintenanceWindow } from '../../src/maintenance/window.js';
import type { Guardrails } from '../../src/routing/ownership-config.js';

const guardrails: Guardrails = {
  lockedLines: [], fixedThresholds: [], crossTeamActions: { internal: false, provider: false },
  unmutable: { rules: ['backup-failed'], categories: ['security'], severities: [] },
};

const base: MaintenanceWindow = {
  id: 'mw_1', tenantId: 't1', reason: 'patch night', owner: 'internal', scope: { sites: [], tags: [], devices: [] }, only: { categories: [], rules: [] },
  start: '2026-03-21T22:00', durationMinutes: 120, rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=4', timeZone: 'Europe/Berlin', createdBy: 'ann', createdBySide: 'internal', createdAt: 0,
};
const t = (s: string) => Date.parse(s);

describe('maintenance window recurrence', () => {
  it('keeps the local start time across the spring daylight saving change (Europe/Berlin, 29 March 2026)', () => {
    const os = occurrences(base, t('2026-03-01T00:00:00Z'), t('2026-05-01T00:00:00Z'));
    expect(os.map((o) => new Date(o.start).toISOString())).toEqual([
      '2026-03-21T21:00:00.000Z', // CET, UTC+1
      '2026-03-28T21:00:00.000Z',
      '2026-04-04T20:00:00.000Z', // CEST, UTC+2: still 22:00 on the wall clock
      '2026-04-11T20:00:00.000Z',
    ]);
    expect(os.every((o) => o.end - o.start === 120 * 60_000)).toBe(true);
  });

  it('keeps the local start time across the autumn change in another zone (America/New_York, 1 November 2026)', () => {
    const w = { ...base, start: '2026-10-24T23:30', rrule: 'FREQ=WEEKLY;COUNT=3', timeZone: 'America/New_York' };
    expect(occurrences(w, t('2026-10-01T00:00:00Z'), t('2026-12-01T00:00:00Z')).map((o) => new Date(o.start).toISOString())).toEqual([
      '2026-10-25T03:30:00.000Z', '2026-11-01T03:30:00.000Z', // 31 October, still EDT (UTC-4)
      '2026-11-08T04:30:00.000Z', // 7 November, EST (UTC-5): still 23:30 on the wall clock
    ]);
  });

  it('a start skipped by the clock change happens as the wall clock reads it an hour later', () => {
    expect(new Date(wallToInstant(Date.UTC(2026, 2, 29, 2, 30), 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('finds the occurrence in force, and none between occurrences or after the last', () => {
    expect(activeOccurrence(base, t('2026-03-28T22:30:00Z'))).toEqual({ start: t('2026-03-28T21:00:00Z'), end: t('2026-03-28T23:00:00Z') });
    expect(activeOccurrence(base, t('2026-03-28T23:00:00Z'))).toBeNull();
    expect(activeOccurrence(base, t('2026-03-25T12:00:00Z'))).toBeNull();
    expect(activeOccurrence(base, t('2026-04-18T20:30:00Z'))).toBeNull();
  });

  it('an occurrence that overlaps midnight and the query start is found', () => {
    const w = { ...base, start: '2026-06-01T23:00', durationMinutes: 180, rrule: 'FREQ=DAILY;UNTIL=20260610T000000Z', timeZone: 'UTC' };
    expect(activeOccurrence(w, t('2026-06-03T01:00:00Z'))).toEqual({ start: t('2026-06-02T23:00:00Z'), end: t('2026-06-03T02:00:00Z') });
    expect(nextOccurrences(w, t('2026-06-03T01:00:00Z'), 3).map((o) => o.start)).toEqual([t('2026-06-02T23:00:00Z'), t('2026-06-03T23:00:00Z'), t('2026-06-04T23:00:00Z')]);
  });

  it('a one-off window is its single occurrence', () => {
    const w = { ...base, rrule: null, start: '2026-12-05T22:00', timeZone: 'Asia/Tokyo' };
    expect(occurrences(w, 0, t('2030-01-01T00:00:00Z'))).toEqual([{ start: t('2026-12-05T13:00:00Z'), end: t('2026-12-05T15:00:00Z') }]);
  });
});

describe('checking a window', () => {
  const input = { reason: 'patch night', owner: 'internal', start: '2026-03-21T22:00', durationMinutes: 120, rrule: 'FREQ=WEEKLY;BYDAY=SA;COUNT=10', timeZone: 'Europe/Berlin' };

  it('accepts a bounded recurring window', () => {
    const c = checkWindow(input, 'internal', guardrails);
    expect(c.ok).toBe(true);
  });

  it.each([
    [{ rrule: 'FREQ=WEEKLY;BYDAY=SA' }, 'body.rrule: "FREQ=WEEKLY;BYDAY=SA" never ends; add COUNT= or UNTIL='],
    [{ rrule: 'FREQ=SOMETIMES' }, 'body.rrule: "FREQ=SOMETIMES" is not an RRULE'],
    [{ rrule: 'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY;COUNT=2' }, 'body.rrule: give the start in `start`'],
    [{ durationMinutes: 721 }, 'body.durationMinutes: 721 minutes is longer than the 720 minutes'],
    [{ timeZone: 'Mars/Olympus' }, 'body.timeZone: not a known time zone'],
    [{ start: '2026-13-40T22:00' }, 'body.start: not a real date'],
    [{ reason: '' }, 'body.reason: a reason is required'],
    [{ extra: 1 }, 'body: Unrecognized key: "extra"'],
  ])('refuses %j naming the field', (change, message) => {
    const c = checkWindow({ ...input, ...change }, 'provider', guardrails);
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.kind).toBe('invalid');
      expect(c.problems.join('; ')).toContain(message);
    }
  });

  it('refuses internal IT a window over an unmutable category or rule, and one owned by the provider; the provider may', () => {
    for (const only of [{ categories: ['security'] }, { rules: ['backup-failed'] }]) {
      const c = checkWindow({ ...input, only }, 'internal', guardrails);
      expect(c.ok === false && c.kind === 'guardrail' && c.problems[0]).toMatch(/guardrail unmutable/);
      expect(checkWindow({ ...input, only, owner: 'provider' }, 'provider', guardrails).ok).toBe(true);
    }
    const owned = checkWindow({ ...input, owner: 'provider' }, 'internal', guardrails);
    expect(owned.ok === false && owned.problems[0]).toMatch(/only schedule its own windows/);
  });

  it('honours a contract limit other than the default', () => {
    expect(checkWindow({ ...input, durationMinutes: 300 }, 'provider', guardrails, { maxMinutes: 240 }).ok).toBe(false);
  });
});

describe('what a window covers', () => {
  const subject = { deviceId: 'd1', site: 'berlin', tags: ['servers', 'db'], category: 'patching' as const, rule: 'reboot-pending', severity: 'warning' as const };
  it.each([
    [{}, {}, true],
    [{ sites: ['berlin'] }, {}, true],
    [{ sites: ['paris'] }, {}, false],
    [{ devices: ['d1'] }, {}, true],
    [{ tags: ['servers', 'db'] }, {}, true],
    [{ tags: ['servers', 'web'] }, {}, false],
    [{}, { categories: ['patching'] }, true],
    [{}, { categories: ['backup'] }, false],
    [{}, { rules: ['reboot-pending'] }, true],
  ])('scope %j only %j → %s', (scope, only, expected) => {
    const w = { ...base, scope: { sites: [], tags: [], devices: [], ...scope }, only: { categories: [], rules: [], ...only } } as MaintenanceWindow;
    expect(covers(w, subject, guardrails)).toBe(expected);
  });

  it('a whole-tenant window internal IT scheduled leaves unmutable alerts alone; the provider\'s covers them', () => {
    const sec = { ...subject, category: 'security' as const, rule: 'firewall-off' };
    expect(covers(base, sec, guardrails)).toBe(false);
    expect(covers({ ...base, createdBySide: 'provider', owner: 'provider' }, sec, guardrails)).toBe(true);
  });
});

describe('far and frequent recurrences', () => {
  it('finds the next occurrences of a window that starts years ahead, and refuses one repeating more often than hourly', () => {
    const w = { ...base, start: '2031-01-04T22:00', rrule: 'FREQ=WEEKLY;COUNT=3' };
    expect(nextOccurrences(w, t('2026-01-01T00:00:00Z'), 2).map((o) => new Date(o.start).toISOString())).toEqual(['2031-01-04T21:00:00.000Z', '2031-01-11T21:00:00.000Z']);
    const c = checkWindow({ reason: 'x', owner: 'provider', start: '2026-01-01T00:00', durationMinutes: 5, timeZone: 'UTC', rrule: 'FREQ=MINUTELY;COUNT=100' }, 'provider', guardrails);
    expect(c.ok === false && c.problems[0]).toMatch(/more often than hourly/);
  });
});
