import { describe, expect, it } from 'vitest';
import { wallClockToIso } from '../../src/parse/local-time.js';

describe('wall clock to instant', () => {
  it.each([
    [{ year: 2026, month: 11, day: 27, hour: 10 }, 'Europe/Berlin', '2026-11-27T09:00:00.000Z'],
    [{ year: 2026, month: 7, day: 1, hour: 10 }, 'America/New_York', '2026-07-01T14:00:00.000Z'],
    [{ year: 2026, month: 7, day: 1, hour: 10, minute: 30 }, 'Asia/Kolkata', '2026-07-01T05:00:00.000Z'],
    [{ year: 2026, month: 1, day: 1 }, 'UTC', '2026-01-01T00:00:00.000Z'],
    // Clocks go back in Berlin on 2026-10-25 at 03:00 CEST: 02:30 happens twice; the first is 00:30Z.
    [{ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin', '2026-10-25T00:30:00.000Z'],
    // Clocks go forward on 2026-03-29 at 02:00 CET: 02:30 never happens; read with the winter offset.
    [{ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin', '2026-03-29T01:30:00.000Z'],
    [{ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York', '2026-11-01T05:30:00.000Z'],
  ])('%o in %s', (wall, zone, iso) => {
    expect(wallClockToIso(wall, zone)).toBe(iso);
  });

  it('refuses dates that do not exist', () => {
    expect(wallClockToIso({ year: 2026, month: 2, day: 30 }, 'UTC')).toBeNull();
    expect(wallClockToIso({ year: 2026, month: 13, day: 1 }, 'UTC')).toBeNull();
    expect(wallClockToIso({ year: 2026, month: 1, day: 1, hour: 25 }, 'UTC')).toBeNull();
  });
});
