// The forecast names the hours nobody who would get an alert is working.
import { describe, expect, it } from 'vitest';
import { coverageForecast } from '../../src/reports/coverage-forecast.js';
import { checkOwnership } from '../../src/routing/load-ownership.js';

const hook = { name: 'h', type: 'webhook', url: 'https://h.example/x' };
const classes = [{ rule: 'disk-full', category: 'disk', severities: ['warning' as const] }];
const groups = [{ name: 'any other device', site: null, role: null, os: null, tags: [] }];

describe('coverage forecast', () => {
  it('a holiday in one zone while the provider is not contracted for that day', () => {
    const r = checkOwnership({
      teams: {
        internal: { channels: [hook], hours: { timeZone: 'Europe/Berlin', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '17:00', holidays: ['2026-12-08'] } },
        provider: { channels: [hook], hours: { timeZone: 'America/New_York', days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '00:00', to: '23:59' } },
      },
      defaults: { owner: 'internal' },
      coverage: { outsideHours: 'other', away: 'other' },
    }, 't');
    if (!r.ok) throw new Error(r.problems.join('\n'));
    // Week of Mon 2026-12-07: the provider works weekdays around the clock (New York), internal IT
    // has a holiday on Tue 2026-12-08 but the provider covers it; nobody works at the weekend.
    const f = coverageForecast(r.config, classes, groups, Date.parse('2026-12-07T05:00:00Z'), 1);
    expect(f.noChannel).toEqual([]);
    expect(f.windows.length).toBeGreaterThan(0);
    for (const w of f.windows) expect(w.classes).toEqual(['disk-full (warning) on any other device']);
    // No window falls on the internal holiday's working hours: the provider covers them.
    expect(f.windows.some((w) => w.from <= '2026-12-08T10:00:00.000Z' && w.until > '2026-12-08T10:00:00.000Z')).toBe(false);
    // The weekend is uncovered: Sat 2026-12-12 noon UTC is inside a window that names both teams.
    const weekend = f.windows.find((w) => w.from <= '2026-12-12T12:00:00.000Z' && w.until > '2026-12-12T12:00:00.000Z');
    expect(weekend?.why).toMatch(/internal outside hours .*provider outside hours/);
    expect(f.uncoveredHours).toBeGreaterThanOrEqual(48);
  });
});
