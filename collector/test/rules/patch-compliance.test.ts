// The patch compliance clock: which updates it runs for, when it starts
// (the collection time of the report that first listed an update), the
// patch-compliance rule over time, and the first-seen times surviving a
// collector restart over the same store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyPatch, pendingUpdate } from '@tandem/proto';
import { countsForCompliance, patchCompliance } from '../../src/rules/patch-compliance.js';
import { assess } from '../../src/rules/patch-compliance-report.js';
import { trackFirstSeen } from '../../src/rules/update-first-seen.js';
import { compareVersions, versionParts } from '../../src/rules/condition.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { createInProcessBus } from '../../src/bus/index.js';
import { createRulesStage } from '../../src/rules/index.js';
import { AlertStore } from '../../src/rules/alert-store.js';
import { ALL_TENANTS } from '../../src/store/store.js';
import { DAY, DeviceSim, healthySnapshot, iso, T0 } from './support.js';

const D = 24 * 60;

describe('compliance clock', () => {
  it('runs for security updates and for critical or important vendor severities, not for others', () => {
    expect(countsForCompliance(pendingUpdate('openssl', { security: true }))).toBe(true);
    expect(countsForCompliance(pendingUpdate('KB5046617', { security: null, severity: 'Critical' }))).toBe(true);
    expect(countsForCompliance(pendingUpdate('kernel', { security: null, severity: 'Important' }))).toBe(true);
    expect(countsForCompliance(pendingUpdate('tzdata', { security: false, severity: 'Low' }))).toBe(false);
    expect(countsForCompliance(pendingUpdate('vim', {}))).toBe(false);
  });

  it('is unknown, never compliant, when the patch topic was not read', () => {
    expect(patchCompliance(null, new Map(), T0).securityPendingCount).toBeNull();
    expect(patchCompliance({ ...emptyPatch(), state: 'unknown', reason: 'dnf: no network' }, new Map(), T0).securityPendingCount).toBeNull();
    const ok = patchCompliance({ ...emptyPatch(), updates: [pendingUpdate('a', { security: true }), pendingUpdate('b', { security: true })] }, new Map([['a', T0 - DAY], ['b', T0 - 3 * DAY]]), T0);
    expect(ok).toEqual({ securityPendingCount: 2, securityPendingSince: T0 - 3 * DAY, oldestUpdate: 'b' });
  });

  it('starts when the report listing an update was collected, never later than now', () => {
    const patch = { ...emptyPatch(), updates: [pendingUpdate('openssl', { security: true })] };
    // A laptop delivers a report it spooled five days ago.
    expect(trackFirstSeen(new Map(), patch, T0, iso(T0 - 5 * DAY)).added).toEqual([['openssl', T0 - 5 * DAY]]);
    // An agent clock a day ahead does not move the start into the future.
    expect(trackFirstSeen(new Map(), patch, T0, iso(T0 + DAY)).added).toEqual([['openssl', T0]]);
    expect(trackFirstSeen(new Map(), patch, T0, 'not a time').added).toEqual([['openssl', T0]]);
    // Once recorded, the time stays.
    expect(trackFirstSeen(new Map([['openssl', T0 - 9 * DAY]]), patch, T0, iso(T0)).firstSeen.get('openssl')).toBe(T0 - 9 * DAY);
  });

  it('keeps the times as they are when the same updates are listed again, and sees a swap of one for another', () => {
    const listed = (...names: string[]) => ({ ...emptyPatch(), updates: names.map((n) => pendingUpdate(n, { security: true })) });
    const seen = new Map([['a', T0 - DAY], ['b', T0 - 2 * DAY]]);
    const same = trackFirstSeen(seen, listed('b', 'a', 'a'), T0, iso(T0));
    expect(same).toEqual({ firstSeen: seen, added: [], removed: [] });
    // As many updates as before, one of them new: the old one is removed, the new one starts now.
    const swapped = trackFirstSeen(seen, listed('a', 'c'), T0, iso(T0));
    expect(swapped.added).toEqual([['c', T0]]);
    expect(swapped.removed).toEqual(['b']);
    expect([...swapped.firstSeen]).toEqual([['a', T0 - DAY], ['c', T0]]);
    // Fewer than before.
    expect(trackFirstSeen(seen, listed('a'), T0, iso(T0)).removed).toEqual(['b']);
  });

  it('assesses one device: days over the limit, and why it cannot be said', () => {
    const s = healthySnapshot('dev_1', T0);
    s.patch!.updates.push(pendingUpdate('openssl', { security: true }));
    const rule = { params: { maxAge: '14d' }, forMs: 0, enabled: true };
    const device = { id: 'dev_1', tenantId: 'acme', hostname: 'fin-ws-07' };
    expect(assess(device, s, new Map([['openssl', T0 - 17.5 * DAY]]), rule, T0)).toMatchObject({
      compliant: false, daysOver: 3, maxAgeDays: 14, outOfComplianceSince: iso(T0 - 3.5 * DAY), securityPendingSince: iso(T0 - 17.5 * DAY),
    });
    expect(assess(device, s, new Map([['openssl', T0 - 14 * DAY]]), rule, T0)).toMatchObject({ compliant: true, daysOver: 0 });
    expect(assess(device, s, new Map(), { ...rule, enabled: false }, T0)).toMatchObject({ compliant: null, reason: 'the patch-compliance rule is not in force for this device' });
    expect(assess(device, { ...s, patch: null }, new Map(), rule, T0)).toMatchObject({ compliant: null, reason: 'no patch status reported yet' });
  });
});

describe('versionBelow', () => {
  it('compares dotted versions numerically, ignoring build suffixes', () => {
    expect(versionParts('24.2.3.471+a12f-Release.x64')).toEqual([24, 2, 3, 471]);
    expect(versionParts('unknown')).toBeNull();
    expect(compareVersions([7, 9, 17011], [7, 10])).toBeLessThan(0);
    expect(compareVersions([7, 10], [7, 10, 0, 0])).toBe(0);
    expect(compareVersions([101, 24092, 4], [101, 23062, 10])).toBeGreaterThan(0);
  });
});

describe('patch-compliance rule', () => {
  it('fires once the oldest security update passes 14 days, and resolves when it is installed', () => {
    const sim = new DeviceSim();
    sim.at(0, (s) => { s.patch!.updates.push(pendingUpdate('openssl', { security: true })); });
    sim.at(5 * D, (s) => { s.patch!.updates.push(pendingUpdate('curl', { security: true })); });
    sim.at(14 * D - 1);
    expect(sim.state('patch-compliance')).toBe('none');
    sim.at(14 * D + 1);
    expect(sim.state('patch-compliance')).toBe('firing:warning');
    expect(sim.alert('patch-compliance')?.summary).toBe(`Out of patch compliance: 2 security update(s) pending, the oldest (openssl) since ${iso(T0)}, longer than 14d`);
    // An unreadable patch topic neither clears nor restarts the clock.
    sim.at(15 * D, (s) => { s.patch = { ...s.patch!, state: 'unknown', reason: 'apt: lock held', updates: [] }; });
    expect(sim.state('patch-compliance')).toBe('firing:warning');
    // openssl installed; curl, first seen on day 5, is 10 days old: back in compliance.
    sim.at(15 * D + 1, (s) => { s.patch = { ...s.patch!, state: 'ok', reason: null, updates: [pendingUpdate('curl', { security: true })] }; });
    expect(sim.state('patch-compliance')).toBe('resolved');
    sim.at(19 * D + 1);
    expect(sim.state('patch-compliance')).toBe('firing:warning');
    sim.at(19 * D + 2, (s) => { s.patch!.updates = []; });
    expect(sim.state('patch-compliance')).toBe('resolved');
  });
});

describe('first-seen times over a real store', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('survive a collector restart: the compliance alert fires 14 days after the update was first seen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-compliance-'));
    dirs.push(dir);
    const file = join(dir, 'tandem.db');
    let clock = T0;
    const store = await openSqliteStore(file);
    await store.createTenant({ id: 'acme', name: 'Acme' });
    const { token } = await store.createEnrollToken({ tenantId: 'acme' });
    const { deviceId } = await store.enrollDevice(token, { hostname: 'fin-ws-07', os: 'linux', agentVersion: '0.1.0' });
    const bus = createInProcessBus();
    const stage = createRulesStage({ store, bus, config: {}, now: () => clock });
    await stage.start();
    const snapshot = healthySnapshot(deviceId, T0);
    snapshot.patch!.updates.push(pendingUpdate('openssl', { security: true }));
    const commit = await store.commitReport(deviceId, 1, snapshot);
    bus.publish('report.committed', { deviceId, tenantId: 'acme', site: null, seq: 1, snapshot, latest: commit.latest!, device: commit.device! });
    await stage.evaluateAll();
    await stage.stop();
    await store.close();

    // The collector comes back 15 days later; the agent keeps reporting the update.
    clock = T0 + 15 * DAY;
    const reopened = await openSqliteStore(file);
    const later = { ...snapshot, collectedAt: iso(clock) };
    const again = await reopened.commitReport(deviceId, 2, later);
    const bus2 = createInProcessBus();
    const stage2 = createRulesStage({ store: reopened, bus: bus2, config: {}, now: () => clock });
    await stage2.start();
    bus2.publish('report.committed', { deviceId, tenantId: 'acme', site: null, seq: 2, snapshot: later, latest: again.latest!, device: again.device! });
    await stage2.evaluateAll();
    const alerts = await new AlertStore(reopened.db).list({ ruleId: 'patch-compliance' }, ALL_TENANTS, { limit: 10, offset: 0 });
    expect(alerts.alerts.map((a) => [a.status, a.summary])).toEqual([
      ['firing', `Out of patch compliance: 1 security update(s) pending, the oldest (openssl) since ${iso(T0)}, longer than 14d`],
    ]);
    await stage2.stop();
    await reopened.close();
  });
});
