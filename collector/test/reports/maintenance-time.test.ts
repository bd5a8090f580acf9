// Maintenance windows on the response clock, with known answers: the time an
// alert spends inside a window covering it does not count, an alert fired
// inside one counts from its end, and the SLA report and the routing
// engine's clock start (clockStart, what the window's end moves the route's
// firedAt to) give the same verdict.
import { describe, expect, it } from 'vitest';
import { clockStart, coveredTime } from '../../src/maintenance/window.js';
import type { MaintenanceWindow } from '../../src/maintenance/window.js';
import type { Guardrails } from '../../src/routing/ownership-config.js';
import { computeSlaReport } from '../../src/reports/sla-report.js';
import type { ReportAlert } from '../../src/reports/sla-report.js';

const MIN = 60_000;
const t = (s: string) => Date.parse(s);
const guardrails: Guardrails = {
  lockedLines: [], fixedThresholds: [], crossTeamActions: { internal: false, provider: false },
  unmutable: { rules: [], categories: ['security'], severities: [] },
};
// Saturdays 22:00–01:00 UTC, from 2026-11-07, scheduled well before.
const patchNight: MaintenanceWindow = {
  id: 'mw_1', tenantId: 'acme', reason: 'patch night', owner: 'internal', scope: { sites: ['hq'], tags: [], devices: [] }, only: { categories: [], rules: [] },
  start: '2026-11-07T22:00', durationMinutes: 180, rrule: 'FREQ=WEEKLY;COUNT=4', timeZone: 'UTC', createdBy: 'ann', createdBySide: 'internal', createdAt: t('2026-10-01T00:00:00Z'),
};
const atHq = { deviceId: 'd1', site: 'hq', tags: [], category: 'disk' as const, rule: 'disk-full', severity: 'warning' as const };
const period = { from: t('2026-11-01T00:00:00Z'), until: t('2026-12-01T00:00:00Z') };

function alert(id: string, firedAt: number, ackAfterMin: number, maintenance?: ReportAlert['maintenance']): ReportAlert {
  return {
    id, deviceId: 'd1', ruleId: 'disk-full', category: 'disk', severity: 'warning', firedAt,
    history: [{ at: firedAt, to: 'firing' }, { at: firedAt + ackAfterMin * MIN, to: 'acknowledged' }],
    decisions: [{ at: firedAt, reason: 'fire', owner: 'internal', slaMinutes: 30 }],
    ...(maintenance ? { maintenance } : {}),
  };
}

describe('maintenance time on the response clock', () => {
  it('covers only the alerts in the window\'s scope, occurrence by occurrence', () => {
    const covered = coveredTime([patchNight], atHq, guardrails, t('2026-11-07T21:00:00Z'), t('2026-11-15T00:00:00Z'));
    expect(covered).toEqual([
      { from: t('2026-11-07T22:00:00Z'), until: t('2026-11-08T01:00:00Z'), reason: 'maintenance: patch night (mw_1)' },
      { from: t('2026-11-14T22:00:00Z'), until: t('2026-11-15T01:00:00Z'), reason: 'maintenance: patch night (mw_1)' },
    ]);
    expect(coveredTime([patchNight], { ...atHq, site: 'branch' }, guardrails, period.from, period.until)).toEqual([]);
    // An unmutable category is never covered by a window internal IT scheduled.
    expect(coveredTime([patchNight], { ...atHq, category: 'security' }, guardrails, period.from, period.until)).toEqual([]);
  });

  it('a window scheduled after the fact does not stop the clock before it existed', () => {
    const late = { ...patchNight, createdAt: t('2026-11-07T23:00:00Z') };
    expect(coveredTime([late], atHq, guardrails, t('2026-11-07T21:00:00Z'), t('2026-11-08T02:00:00Z'))).toEqual([
      { from: t('2026-11-07T23:00:00Z'), until: t('2026-11-08T01:00:00Z'), reason: 'maintenance: patch night (mw_1)' },
    ]);
  });

  it('the clock of an alert fired inside starts at the end; one fired before loses the window\'s length; overlaps count once', () => {
    const w = [{ from: 1000, until: 2000 }];
    expect(clockStart(1500, w)).toBe(2000);
    expect(clockStart(500, w)).toBe(1500);
    expect(clockStart(2500, w)).toBe(2500);
    expect(clockStart(500, [{ from: 1000, until: 2000 }, { from: 1500, until: 3000 }, { from: 4000, until: 4100 }])).toBe(500 + 2000 + 100);
  });

  it('the SLA report leaves window time out for covered alerts only, and lists the window', () => {
    const fired = t('2026-11-07T22:30:00Z');
    const covered = coveredTime([patchNight], atHq, guardrails, fired, period.until);
    // Acknowledged at 01:20, 170 minutes after the fire, 20 after the window's end.
    const held = alert('held', fired, 170, covered);
    const plain = alert('plain', fired, 170);
    const before = alert('before', t('2026-11-07T21:50:00Z'), 200, covered); // 10 min before, 180 inside, 10 after: 20 on the clock
    const r = computeSlaReport({ tenantId: 'acme', period, now: period.until, excluded: { internal: [], provider: [] }, devices: [], patch: [], alerts: [held, plain, before] });
    const internal = r.teams.find((x) => x.team === 'internal')!;
    expect(internal.acknowledge).toEqual({ count: 3, median: 20, p90: 170 });
    expect(internal).toMatchObject({ withinSla: 2, breachedSla: 1 });
    expect(internal.excluded.map((e) => [e.from, e.until])).toEqual(covered.map((c) => [c.from, c.until]));
    expect(internal.excluded[0]!.reason).toBe('maintenance: patch night (mw_1), for the alerts it covers');
    expect(internal.excludedMinutes).toBe(4 * 180);
  });

  it('the report\'s verdict and the engine\'s due time agree', () => {
    // Due before the window, inside it, at its start, near its end, after it.
    const cases = [t('2026-11-07T21:00:00Z'), t('2026-11-07T21:45:00Z'), t('2026-11-07T22:00:00Z'), t('2026-11-07T23:59:00Z'), t('2026-11-08T01:00:00Z')];
    for (const fired of cases) {
      const covered = coveredTime([patchNight], atHq, guardrails, fired, period.until);
      // The engine's escalation is due 30 minutes after the route's clock start; a window in force then holds it, and
      // the window's end moves the clock start by the time spent inside (clockStart), so the step is due again later.
      let due = fired + 30 * MIN;
      for (let next = 0; next !== due; due = next) next = clockStart(fired, covered.filter((c) => c.from < due)) + 30 * MIN;
      const onTime = alert('on-time', fired, (due - fired) / MIN, covered);
      const late = alert('late', fired, (due - fired) / MIN + 1, covered);
      const r = computeSlaReport({ tenantId: 'acme', period, now: period.until, excluded: { internal: [], provider: [] }, devices: [], patch: [], alerts: [onTime, late] });
      expect(r.teams.find((x) => x.team === 'internal'), new Date(fired).toISOString()).toMatchObject({ withinSla: 1, breachedSla: 1 });
    }
  });
});
