// Which node holds which agent: a dead node's agents are marked disconnected
// as of its last heartbeat; agents other nodes hold are never touched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { AlertStore } from '../../src/rules/alert-store.js';
import { createNodeRegistry } from '../../src/cluster/node-registry.js';
import { singleNodeLeadership } from '../../src/cluster/leadership.js';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function storeWithDevices(n: number): Promise<{ store: Store; devices: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-nodes-'));
  dirs.push(dir);
  const store = await openSqliteStore(join(dir, 'tandem.db'));
  stores.push(store);
  await store.createTenant({ id: 'acme', name: 'Acme' });
  const devices: string[] = [];
  for (let i = 0; i < n; i++) {
    const { token } = await store.createEnrollToken({ tenantId: 'acme' });
    devices.push((await store.enrollDevice(token, { hostname: `host-${i}`, os: 'linux', agentVersion: '0.1.0' })).deviceId);
  }
  return { store, devices };
}

describe('node registry', () => {
  it('the leader marks a silent node\'s agents disconnected as of its last heartbeat, and only those', async () => {
    const { store, devices: [onA, onB, movedToB] } = await storeWithDevices(3);
    let clock = 1_000_000;
    const now = () => clock;
    const a = createNodeRegistry({ db: store.db, node: 'node-a', leadership: { ...singleNodeLeadership(), isLeader: () => false }, now, heartbeatMs: 60_000, deadAfterMs: 20_000 });
    const lost: string[][] = [];
    const b = createNodeRegistry({ db: store.db, node: 'node-b', leadership: singleNodeLeadership(), now, heartbeatMs: 60_000, deadAfterMs: 20_000, onAgentsLost: (ids) => lost.push(ids) });
    await a.start();
    await b.start();
    const presenceA = new AlertStore(store.db, 'node-a');
    const presenceB = new AlertStore(store.db, 'node-b');
    await presenceA.setConnection(onA!, true, false, clock);
    await presenceA.setConnection(movedToB!, true, false, clock);
    await presenceB.setConnection(onB!, true, false, clock);
    // The agent moved to node b; node a's late record of its old connection ending changes nothing.
    await presenceB.setConnection(movedToB!, true, false, clock + 1);
    await presenceA.setConnection(movedToB!, false, false, clock + 2);
    expect((await presenceA.presence(movedToB!))?.connected).toBe(true);

    clock += 10_000;
    expect(await b.reap()).toEqual([]);
    // Node a stops answering (killed): 20 s after its last heartbeat it is dead.
    clock += 15_000;
    expect(await b.reap()).toEqual([onA]);
    expect(lost).toEqual([[onA]]);
    expect(await presenceA.presence(onA!)).toMatchObject({ connected: false, changedAt: 1_000_000, graceful: false });
    expect((await presenceB.presence(onB!))?.connected).toBe(true);
    expect((await presenceB.presence(movedToB!))?.connected).toBe(true);
    expect((await store.db.selectFrom('cluster_nodes').select('node_id').execute()).map((r) => r.node_id)).toEqual(['node-b']);
    await a.stop();
    await b.stop();
  });

  it('hands the leader every device a departed node held or held last, once', async () => {
    const { store, devices: [connected, heldLast, elsewhere] } = await storeWithDevices(3);
    const a = createNodeRegistry({ db: store.db, node: 'node-a', leadership: { ...singleNodeLeadership(), isLeader: () => false }, heartbeatMs: 60_000 });
    const lost: string[][] = [];
    const b = createNodeRegistry({ db: store.db, node: 'node-b', leadership: singleNodeLeadership(), heartbeatMs: 60_000, onAgentsLost: (ids) => lost.push(ids) });
    await a.start();
    await b.start();
    const presenceA = new AlertStore(store.db, 'node-a');
    await presenceA.setConnection(connected!, true, false, 1);
    // Its agent went away while node a was up: node a kept its due times, nobody else has them.
    await presenceA.setConnection(heldLast!, false, false, 2);
    await new AlertStore(store.db, 'node-b').setConnection(elsewhere!, true, false, 1);
    // Node a leaves on purpose (it removes its row and ends its agents' connections).
    await a.stop();
    expect((await b.reap()).sort()).toEqual([connected!, heldLast!].sort());
    expect(lost.map((ids) => [...ids].sort())).toEqual([[connected!, heldLast!].sort()]);
    // Handed over once: the next pass has nothing new.
    expect(await b.reap()).toEqual([]);
    expect(lost).toHaveLength(1);
    // They are the leader's share now, and node b's own device stays its own.
    await store.db.updateTable('devices').set({ last_seen_at: 1 }).execute();
    expect((await new AlertStore(store.db, 'node-b').deviceIdsAfter('', 100, { leader: true, orphansOnly: true })).sort()).toEqual([connected!, heldLast!].sort());
    await b.stop();
  });

  it('a node starting disconnects only agents of nodes that are gone', async () => {
    const { store, devices: [onLive, onGone] } = await storeWithDevices(2);
    const live = createNodeRegistry({ db: store.db, node: 'node-live', leadership: singleNodeLeadership(), heartbeatMs: 60_000 });
    await live.start();
    await new AlertStore(store.db, 'node-live').setConnection(onLive!, true, false, 1);
    await new AlertStore(store.db, 'node-gone').setConnection(onGone!, true, false, 1);
    await new AlertStore(store.db, 'node-new').markAllDisconnected(2);
    const presence = new AlertStore(store.db);
    expect((await presence.presence(onLive!))?.connected).toBe(true);
    expect(await presence.presence(onGone!)).toMatchObject({ connected: false, changedAt: 2 });
    await live.stop();
  });

  it('splits the rules sweep: each node its own agents, the leader also those no live node holds', async () => {
    const { store, devices } = await storeWithDevices(4);
    const [onA, onB, onGone, never] = devices as [string, string, string, string];
    await store.db.updateTable('devices').set({ last_seen_at: 1 }).execute();
    const a = createNodeRegistry({ db: store.db, node: 'node-a', leadership: singleNodeLeadership(), heartbeatMs: 60_000 });
    const b = createNodeRegistry({ db: store.db, node: 'node-b', leadership: singleNodeLeadership(), heartbeatMs: 60_000 });
    await a.start();
    await b.start();
    await new AlertStore(store.db, 'node-a').setConnection(onA, true, false, 1);
    await new AlertStore(store.db, 'node-b').setConnection(onB, true, false, 1);
    // Disconnected, its node still alive: that node keeps sweeping it (offline detection happens there).
    await new AlertStore(store.db, 'node-b').setConnection(onB, false, false, 2);
    await new AlertStore(store.db, 'node-gone').setConnection(onGone, true, false, 1);
    const share = async (node: string, leader: boolean) => (await new AlertStore(store.db, node).deviceIdsAfter('', 100, { leader })).sort();
    expect(await share('node-a', true)).toEqual([onA, onGone, never].sort());
    expect(await share('node-b', false)).toEqual([onB]);
    // Together: every device exactly once.
    expect([...await share('node-a', true), ...await share('node-b', false)].sort()).toEqual([...devices].sort());
    await a.stop();
    await b.stop();
  });
});
