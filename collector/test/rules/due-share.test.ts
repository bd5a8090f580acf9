// Due times follow the cluster's split: a node schedules only its share of
// the devices (those whose connection it holds or held last; on the leader
// also those no live node holds), drops a due time whose device has moved to
// another node, and takes on the devices nobody holds when it becomes leader.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { ALL_TENANTS } from '../../src/store/store.js';
import { createInProcessBus } from '../../src/bus/index.js';
import { createRulesStage, RulesEngine } from '../../src/rules/index.js';
import type { RulesStage } from '../../src/rules/index.js';
import { AlertStore } from '../../src/rules/alert-store.js';
import type { Leadership } from '../../src/cluster/leadership.js';

const dirs: string[] = [];
const stores: Store[] = [];
const stages: Array<Pick<RulesStage, 'stop'>> = [];
afterEach(async () => {
  for (const s of stages.splice(0)) await s.stop();
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function switchableLeadership(leader: boolean): Leadership & { become(leader: boolean): void } {
  const listeners = new Set<(leader: boolean) => void>();
  let is = leader;
  return {
    isLeader: () => is,
    onChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    start: async () => {},
    stop: async () => {},
    become(v) {
      is = v;
      for (const l of listeners) l(v);
    },
  };
}

describe('due times split by node', () => {
  it('a node schedules its share, drops a device that moved away, and takes on the devices nobody holds when it leads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-due-share-'));
    dirs.push(dir);
    const store = await openSqliteStore(join(dir, 'tandem.db'));
    stores.push(store);
    await store.createTenant({ id: 'acme', name: 'Acme' });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { token } = await store.createEnrollToken({ tenantId: 'acme' });
      ids.push((await store.enrollDevice(token, { hostname: `host-${i}`, os: 'linux', agentVersion: '0.1.0' })).deviceId);
    }
    const [moving, stays, onB, orphan] = ids as [string, string, string, string];
    await store.db.updateTable('devices').set({ last_seen_at: 1 }).execute();
    await store.db.insertInto('cluster_nodes').values([{ node_id: 'node-a', started_at: 1, seen_at: 1 }, { node_id: 'node-b', started_at: 1, seen_at: 1 }]).execute();
    const T0 = 1_800_000_000_000;
    // Each agent went offline a while ago; only the node it was on (or, for the orphan, a node that is gone) knows it.
    await new AlertStore(store.db, 'node-a').setConnection(moving, false, false, T0 - 60_000);
    await new AlertStore(store.db, 'node-a').setConnection(stays, false, false, T0 - 60_000);
    await new AlertStore(store.db, 'node-b').setConnection(onB, false, false, T0 - 60_000);
    await new AlertStore(store.db, 'node-gone').setConnection(orphan, false, false, T0 - 60_000);

    let clock = T0;
    const leadership = switchableLeadership(false);
    const stage = createRulesStage({
      store, bus: createInProcessBus({ node: 'node-a' }), leadership, now: () => clock,
      config: { evaluateEverySeconds: 1, overrides: [{ rule: 'agent-offline', for: '2s' }] },
    });
    stages.push(stage);
    await stage.start();
    await stage.evaluateAll();
    const alerts = new AlertStore(store.db);
    const offline = async (deviceId: string) => (await alerts.list({ ruleId: 'agent-offline', deviceId }, ALL_TENANTS, { limit: 5, offset: 0 })).alerts[0]?.status ?? null;

    // At start: node a's own devices are evaluated and scheduled for when `for` elapses; the others are not its to look at.
    expect([await offline(moving), await offline(stays), await offline(onB), await offline(orphan)]).toEqual(['pending', 'pending', null, null]);
    expect([moving, stays, onB, orphan].map((d) => stage.dueTimers.dueAt(d))).toEqual([T0 + 2000, T0 + 2000, null, null]);

    // One agent connects to node b; node a's due time for it fires, is checked, and dropped.
    await new AlertStore(store.db, 'node-b').setConnection(moving, true, false, T0 + 500);
    clock = T0 + 10_000;
    await until('the device that stayed fires', async () => (await offline(stays)) === 'firing');
    expect(await offline(moving)).toBe('pending');
    expect(stage.dueTimers.dueAt(moving)).toBeNull();

    // Node a becomes leader: the device no live node holds is evaluated and scheduled.
    leadership.become(true);
    await until('the orphan evaluated', async () => (await offline(orphan)) === 'pending');
    await until('the orphan scheduled', async () => stage.dueTimers.dueAt(orphan) === T0 + 12_000);
    expect(stage.dueTimers.dueAt(onB)).toBeNull();
  });
});

describe('a snooze set through the API', () => {
  it('ends at its time: the device is due then, and the alert fires again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-due-snooze-'));
    dirs.push(dir);
    const store = await openSqliteStore(join(dir, 'tandem.db'));
    stores.push(store);
    await store.createTenant({ id: 'acme', name: 'Acme' });
    const { token } = await store.createEnrollToken({ tenantId: 'acme' });
    const { deviceId } = await store.enrollDevice(token, { hostname: 'host-0', os: 'linux', agentVersion: '0.1.0' });
    await store.db.updateTable('devices').set({ last_seen_at: 1 }).execute();
    const T0 = 1_800_000_000_000;
    let clock = T0;
    const bus = createInProcessBus();
    const engine = new RulesEngine({ store, bus, now: () => clock, config: { evaluateEverySeconds: 1, overrides: [{ rule: 'agent-offline', for: '2s' }] } });
    stages.push(engine);
    await new AlertStore(store.db, bus.node).setConnection(deviceId, false, false, T0 - 60_000);
    await engine.start();
    await engine.evaluateAll();
    const offline = async () => (await engine.alerts.list({ ruleId: 'agent-offline', deviceId }, ALL_TENANTS, { limit: 5, offset: 0 })).alerts[0];
    clock = T0 + 10_000;
    const firing = await until('firing', async () => { const a = await offline(); return a?.status === 'firing' ? a : undefined; });
    // Firing and nothing else depends on time: no evaluation is due.
    expect(engine.dueTimers.dueAt(deviceId)).toBeNull();

    await engine.act(firing.id, ALL_TENANTS, { kind: 'snooze', actor: 'tech@msp', comment: 'rebooting', until: T0 + 13_000 });
    await until('the end of the snooze scheduled', async () => engine.dueTimers.dueAt(deviceId) === T0 + 13_000);
    clock = T0 + 20_000;
    await until('firing again after the snooze', async () => (await offline())?.status === 'firing');
  });
});
