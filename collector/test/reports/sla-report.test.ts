// The report's figures from constructed histories whose true values are known.
import { describe, expect, it } from 'vitest';
import { computeSlaReport, percentile } from '../../src/reports/sla-report.js';
import type { ReportAlert } from '../../src/reports/sla-report.js';
import type { DeviceCompliance } from '../../src/rules/patch-compliance-report.js';
import { awayIntervals, overlapMs } from '../../src/reports/excluded-intervals.js';
import { checkOwnership } from '../../src/routing/load-ownership.js';

const T0 = Date.parse('2026-11-01T00:00:00Z');
const MIN = 60_000;
const period = { from: T0, until: Date.parse('2026-12-01T00:00:00Z') };
const none = { internal: [], provider: [] };

/** An alert that fired at minute `at`, owned by `owner` with a `sla`-minute response time. */
function alert(id: string, at: number, owner: string, sla: number, events: Array<[number, string]> = [], decisions: Array<[number, string, string]> = []): ReportAlert {
  const firedAt = T0 + at * MIN;
  return {
    id, deviceId: 'dev-1', ruleId: 'disk-full', category: 'disk', severity: 'warning', firedAt,
    history: [{ at: firedAt, to: 'firing' }, ...events.map(([m, to]) => ({ at: firedAt + m * MIN, to }))],
    decisions: [{ at: firedAt, reason: 'fire', owner, slaMinutes: sla }, ...decisions.map(([m, reason, o]) => ({ at: firedAt + m * MIN, reason, owner: o, slaMinutes: sla }))],
  };
}

describe('SLA report', () => {
  it('nearest-rank percentiles', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('acknowledge and resolve times, SLA share, escalations, hand-offs and bounces per team', () => {
    const r = computeSlaReport({
      tenantId: 'acme', period, now: period.until + 86_400_000, excluded: none, devices: [], patch: [],
      alerts: [
        // internal: acked at 10, 20, 90 (SLA 60 → 2 within, 1 late); resolved at 30, 60
        alert('a1', 0, 'internal', 60, [[10, 'acknowledged'], [30, 'resolved']]),
        alert('a2', 100, 'internal', 60, [[20, 'acknowledged'], [60, 'resolved']]),
        alert('a3', 200, 'internal', 60, [[90, 'acknowledged']], [[60, 'escalation', 'both']]),
        // provider: never acked, past its SLA → breached
        alert('p1', 300, 'provider', 30),
        // both: resolved at 40 without an ack (the response); counts for each team
        alert('b1', 400, 'both', 60, [[40, 'resolved']]),
        // handed internal → provider → internal: a bounce for internal
        alert('h1', 500, 'internal', 60, [[5, 'acknowledged']], [[1, 'reroute', 'provider'], [2, 'reroute', 'internal']]),
        // fired before the period: not in it
        alert('old', -10, 'internal', 60),
      ],
    });
    const internal = r.teams.find((t) => t.team === 'internal')!;
    const provider = r.teams.find((t) => t.team === 'provider')!;
    expect(r.alerts).toBe(6);
    expect(r.empty).toBe(false);
    expect(internal).toMatchObject({
      owned: 5, acknowledge: { count: 4, median: 10, p90: 90 }, resolve: { count: 3, median: 40, p90: 60 },
      withinSla: 4, breachedSla: 1, escalationsOut: 1, escalationsIn: 0, handoffsOut: 1, handoffsIn: 1, bounces: 1, excludedMinutes: 0,
    });
    expect(internal.withinSlaShare).toBeCloseTo(0.8);
    expect(provider).toMatchObject({
      owned: 2, acknowledge: { count: 0, median: null, p90: null }, resolve: { count: 1, median: 40, p90: 40 },
      withinSla: 1, breachedSla: 1, withinSlaShare: 0.5, escalationsIn: 1, escalationsOut: 0, handoffsIn: 1, handoffsOut: 1, bounces: 0,
    });
  });

  it('time in an away period does not count against the response time', () => {
    // Fired 08:00, acked 12:00; the team was away 09:00-11:00 → 120 minutes on its clock, within a 150-minute SLA.
    const away = [{ from: T0 + 9 * 60 * MIN, until: T0 + 11 * 60 * MIN, reason: 'away: offsite' }];
    const r = computeSlaReport({
      tenantId: 'acme', period, now: period.until, excluded: { internal: away, provider: [] }, devices: [], patch: [],
      alerts: [alert('a', 8 * 60, 'internal', 150, [[240, 'acknowledged']])],
    });
    expect(r.teams[0]).toMatchObject({ acknowledge: { median: 120 }, withinSla: 1, breachedSla: 0, excludedMinutes: 120 });
    expect(r.teams[0]!.excluded).toEqual([{ from: away[0]!.from, until: away[0]!.until, reason: 'away: offsite' }]);
  });

  it('an open alert not yet past its response time has no verdict', () => {
    const now = T0 + 100 * MIN;
    const r = computeSlaReport({ tenantId: 'acme', period, now, excluded: none, devices: [], patch: [], alerts: [alert('a', 80, 'internal', 60)] });
    expect(r.teams[0]).toMatchObject({ owned: 1, withinSla: 0, breachedSla: 0, withinSlaShare: null });
  });

  it('a period without alerts says so', () => {
    const r = computeSlaReport({ tenantId: 'acme', period, now: period.until, excluded: none, devices: [], patch: [], alerts: [] });
    expect(r.empty).toBe(true);
    expect(r.teams.map((t) => t.owned)).toEqual([0, 0]);
  });

  it('patch figures are the compliance results handed in; backup coverage uses each device limit', () => {
    const now = period.until;
    const hour = 3_600_000;
    const standing = (hostname: string, compliant: boolean | null, extra: Partial<DeviceCompliance> = {}): DeviceCompliance => ({
      deviceId: hostname, tenantId: 'acme', hostname, compliant, reason: null, maxAgeDays: 14, securityPendingCount: 0, oldestUpdate: null,
      securityPendingSince: null, outOfComplianceSince: null, daysOver: compliant === false ? 0 : null, ...extra,
    });
    const r = computeSlaReport({
      tenantId: 'acme', period, now, excluded: none, alerts: [],
      patch: [
        standing('ws-1', false, { securityPendingCount: 2, oldestUpdate: 'openssl', outOfComplianceSince: '2026-11-25T00:00:00.000Z', daysOver: 6 }),
        standing('ws-2', true),
        standing('srv-1', true, { maxAgeDays: 30 }),
        standing('ws-4', false, { maxAgeDays: 30, securityPendingCount: 1, oldestUpdate: 'curl', outOfComplianceSince: '2026-11-29T00:00:00.000Z', daysOver: 2 }),
        standing('ws-3', null, { maxAgeDays: 14, securityPendingCount: null, reason: 'patch status unknown: apt lock' }),
      ],
      devices: [
        { id: '1', hostname: 'ws-1', backups: [{ name: 'restic', lastSuccessAt: now - hour }], backupFreshHours: 26 },
        { id: '2', hostname: 'ws-2', backups: [{ name: 'restic', lastSuccessAt: now - 30 * hour }], backupFreshHours: 26 },
        { id: '3', hostname: 'srv-1', backups: [{ name: 'restic', lastSuccessAt: now - 30 * hour }], backupFreshHours: 48 },
        { id: '4', hostname: 'ws-3', backups: [], backupFreshHours: 26 },
        { id: '5', hostname: 'ws-4', backups: [], backupFreshHours: null },
      ],
    });
    expect(r.patch).toEqual({
      devices: 5, assessed: 4, compliant: 2,
      outOfCompliance: [
        { hostname: 'ws-1', limitDays: 14, securityPending: 2, oldestUpdate: 'openssl', outOfComplianceSince: '2026-11-25T00:00:00.000Z', daysOver: 6 },
        { hostname: 'ws-4', limitDays: 30, securityPending: 1, oldestUpdate: 'curl', outOfComplianceSince: '2026-11-29T00:00:00.000Z', daysOver: 2 },
      ],
      unknown: [{ hostname: 'ws-3', reason: 'patch status unknown: apt lock' }],
      // The unknown device's limit is not "in force" for the figures: it was not assessed.
      limitsDays: [{ limit: 14, devices: 2 }, { limit: 30, devices: 2 }],
    });
    expect(r.backup).toEqual({
      devices: 5, assessed: 4, covered: 2, uncovered: ['ws-2', 'ws-3'], notAssessed: ['ws-4'],
      limitsHours: [{ limit: 26, devices: 3 }, { limit: 48, devices: 1 }],
    });
  });
});

describe('excluded intervals', () => {
  it('away dates run from local midnight to the end of the last day, in the team zone', () => {
    const c = checkOwnership({ teams: { internal: { hours: { timeZone: 'Europe/Berlin', from: '08:00', to: '17:00' }, away: [{ from: '2026-11-10', until: '2026-11-11', reason: 'offsite' }] }, provider: {} } }, 't');
    if (!c.ok) throw new Error(c.problems.join('\n'));
    expect(awayIntervals(c.config, 'internal', period)).toEqual([
      { from: Date.parse('2026-11-09T23:00:00Z'), until: Date.parse('2026-11-11T23:00:00Z'), reason: 'away: offsite' },
    ]);
  });

  it('overlapping intervals count once', () => {
    expect(overlapMs(0, 100, [{ from: 10, until: 50, reason: 'a' }, { from: 40, until: 60, reason: 'b' }, { from: 90, until: 200, reason: 'c' }])).toBe(60);
  });
});
