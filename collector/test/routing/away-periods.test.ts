// An away period written without an offset was read in the collector
// process's zone: the same config meant different hours on different
// servers. It is the team's wall-clock time now, whatever TZ the process has.
import { afterEach, describe, expect, it } from 'vitest';
import { awayAt, instantIn, periodCovers } from '../../src/routing/away-periods.js';
import { parseOwnership } from '../../src/routing/load-ownership.js';
import { decideRoute } from '../../src/routing/decide-route.js';

const ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Tokyo', 'Europe/Berlin'];
const original = process.env.TZ;
afterEach(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

describe.each(ZONES)('with the collector process in TZ=%s', (tz) => {
  it('an away period without an offset is read in the team\'s zone (Europe/London)', () => {
    process.env.TZ = tz;
    const p = { from: '2026-07-01T09:00', until: '2026-07-01T17:30:00', reason: 'training' };
    // 09:00 BST is 08:00 UTC.
    expect(instantIn(p.from, 'Europe/London')).toBe(Date.parse('2026-07-01T08:00:00Z'));
    expect(periodCovers(p, Date.parse('2026-07-01T07:59:00Z'), 'Europe/London')).toBe(false);
    expect(periodCovers(p, Date.parse('2026-07-01T08:00:00Z'), 'Europe/London')).toBe(true);
    expect(periodCovers(p, Date.parse('2026-07-01T16:29:00Z'), 'Europe/London')).toBe(true);
    expect(periodCovers(p, Date.parse('2026-07-01T16:30:00Z'), 'Europe/London')).toBe(false);
  });

  it('a time with an offset means what it says, and dates are the team\'s local days', () => {
    process.env.TZ = tz;
    expect(instantIn('2026-07-01T09:00:00+02:00', 'Europe/London')).toBe(Date.parse('2026-07-01T07:00:00Z'));
    expect(instantIn('2026-07-01T09:00:00Z', 'Asia/Tokyo')).toBe(Date.parse('2026-07-01T09:00:00Z'));
    // 2026-07-01 in Tokyo starts at 15:00 UTC the day before.
    const day = { from: '2026-07-01', until: '2026-07-01', reason: 'holiday' };
    expect(periodCovers(day, Date.parse('2026-06-30T15:00:00Z'), 'Asia/Tokyo')).toBe(true);
    expect(periodCovers(day, Date.parse('2026-06-30T14:59:00Z'), 'Asia/Tokyo')).toBe(false);
  });

  it('a wall time skipped by the spring change is taken as the clocks show it, an hour later', () => {
    process.env.TZ = tz;
    // Europe/Berlin skips 02:00-03:00 on 2026-03-29; 02:30 does not exist and is read as 03:30 CEST (01:30 UTC).
    expect(instantIn('2026-03-29T02:30', 'Europe/Berlin')).toBe(Date.parse('2026-03-29T01:30:00Z'));
    expect(instantIn('2026-10-25T12:00', 'Europe/Berlin')).toBe(Date.parse('2026-10-25T11:00:00Z'));
  });

  it('routing sends the alert to the provider during internal IT\'s away period, by the team\'s clock', () => {
    process.env.TZ = tz;
    const r = parseOwnership(`
teams:
  internal:
    hours: { timeZone: Europe/London, from: "08:00", to: "18:00", days: [mon, tue, wed, thu, fri] }
    away: [{ from: "2026-07-01T09:00", until: "2026-07-01T12:00", reason: offsite }]
  provider: {}
defaults: { owner: internal }
`, 'o.yaml');
    if (!r.ok) throw new Error(r.problems.join('\n'));
    const subject = { category: 'disk', rule: 'disk-full', severity: 'warning', site: null, tags: [], os: null, role: null };
    expect(awayAt(r.config.teams.internal, Date.parse('2026-07-01T08:30:00Z'))?.reason).toBe('offsite');
    const d = decideRoute({ config: r.config, subject, at: Date.parse('2026-07-01T08:30:00Z') });
    expect(d.owner).toBe('provider');
    expect(d.coverage).toEqual(['internal away until 2026-07-01T12:00 (offsite) (Wed 09:30 BST, Europe/London) → provider covers']);
    expect(decideRoute({ config: r.config, subject, at: Date.parse('2026-07-01T11:00:00Z') }).owner).toBe('internal');
  });
});
