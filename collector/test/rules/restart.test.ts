// Alert state lives in the store: a collector restarted in the middle of a
// rule's `for` carries on from where it was, over the same store file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { ALL_TENANTS } from '../../src/store/store.js';
import { createInProcessBus } from '../../src/bus/index.js';
import { createRulesStage } from '../../src/rules/index.js';
import type { AlertChange } from '../../src/rules/index.js';
import { AlertStore } from '../../src/rules/alert-store.js';
import { healthySnapshot, MIN, setVolume, T0 } from './support.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function freshStore(file: string): Promise<{ store: Store; deviceId: string }> {
  const store = await openSqliteStore(file);
  await store.createTenant({ id: 'acme', name: 'Acme' });
  const { token } = await store.createEnrollToken({ tenantId: 'acme' });
  const { deviceId } = await store.enrollDevice(token, { hostname: 'fin-ws-07', os: 'linux', agentVersion: '0.1.0' });
  return { store, deviceId };
}

describe('rules stage over a real store', () => {
  it('survives a restart in the middle of `for` and fires on time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-rules-'));
    dirs.push(dir);
    const file = join(dir, 'tandem.db');
    let clock = T0;
    const { store, deviceId } = await freshStore(file);

    const bus = createInProcessBus();
    const stage = createRulesStage({ store, bus, config: {}, now: () => clock });
    const changes: AlertChange[] = [];
    bus.subscribe('alert.changed', (c) => changes.push(c));
    await stage.start();
    const snapshot = healthySnapshot(deviceId, T0);
    setVolume('/', 93)(snapshot);
    const commit = await store.commitReport(deviceId, 1, snapshot);
    bus.publish('agent.connected', { deviceId, tenantId: 'acme' });
    bus.publish('report.committed', { deviceId, tenantId: 'acme', site: null, seq: 1, snapshot, latest: commit.latest!, device: commit.device! });
    await stage.evaluateAll();
    clock = T0 + 6 * MIN;
    await stage.evaluateAll();
    const alerts = new AlertStore(store.db);
    const before = await alerts.list({ ruleId: 'disk-full' }, ALL_TENANTS, { limit: 10, offset: 0 });
    expect(before.alerts.map((a) => [a.instance, a.status, a.severity])).toEqual([['/', 'pending', 'warning']]);
    expect(changes.map((c) => [c.alert.ruleId, c.transition.to])).toEqual([['disk-full', 'pending']]);
    await stage.stop();
    await stage.stop();
    await store.close();

    // A new process over the same file, 11 minutes after the disk filled up.
    clock = T0 + 11 * MIN;
    const reopened = await openSqliteStore(file);
    const again = createRulesStage({ store: reopened, bus: createInProcessBus(), config: {}, now: () => clock });
    await again.start();
    await again.evaluateAll();
    const after = await new AlertStore(reopened.db).list({ ruleId: 'disk-full' }, ALL_TENANTS, { limit: 10, offset: 0 });
    expect(after.alerts.map((a) => [a.id, a.status, a.pendingSince, a.firedAt])).toEqual([[before.alerts[0]!.id, 'firing', T0, T0 + 11 * MIN]]);
    const history = await new AlertStore(reopened.db).history(after.alerts[0]!.id);
    expect(history.map((h) => [h.seq, h.from, h.to])).toEqual([[1, null, 'pending'], [2, 'pending', 'firing']]);
    await again.stop();
    await reopened.close();
  });

  it('records when each update was first seen, and forgets installed ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-rules-'));
    dirs.push(dir);
    let clock = T0;
    const { store, deviceId } = await freshStore(join(dir, 'tandem.db'));
    const bus = createInProcessBus();
    const stage = createRulesStage({ store, bus, config: {}, now: () => clock });
    await stage.start();
    const s1 = healthySnapshot(deviceId, T0);
    s1.patch!.updates = [{ name: 'openssl', currentVersion: null, availableVersion: '3', security: true, kb: null, severity: null }];
    const c1 = await store.commitReport(deviceId, 1, s1);
    bus.publish('report.committed', { deviceId, tenantId: 'acme', site: null, seq: 1, snapshot: s1, latest: c1.latest!, device: c1.device! });
    await stage.evaluateAll();
    clock = T0 + 8 * 24 * 60 * MIN;
    await stage.evaluateAll();
    const alerts = new AlertStore(store.db);
    expect((await alerts.updatesFirstSeen(deviceId)).get('openssl')).toBe(T0);
    expect((await alerts.list({ ruleId: 'security-update-pending' }, ALL_TENANTS, { limit: 10, offset: 0 })).alerts.map((a) => a.status)).toEqual(['firing']);
    const s2 = healthySnapshot(deviceId, clock);
    const c2 = await store.commitReport(deviceId, 2, s2);
    bus.publish('report.committed', { deviceId, tenantId: 'acme', site: null, seq: 2, snapshot: s2, latest: c2.latest!, device: c2.device! });
    await stage.evaluateAll();
    expect((await alerts.updatesFirstSeen(deviceId)).has('openssl')).toBe(false);
    expect((await alerts.list({ ruleId: 'security-update-pending', states: ['resolved'] }, ALL_TENANTS, { limit: 10, offset: 0 })).total).toBe(1);
    await stage.stop();
    await store.close();
  });
});
