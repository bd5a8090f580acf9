// Alert changes made while no node led are not lost: a node that becomes
// leader routes the firing alerts nobody routed and tells the resolves
// nobody told, each once, even when the change itself arrives afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { createInProcessBus } from '../../src/bus/index.js';
import type { Bus } from '../../src/bus/index.js';
import type { Leadership } from '../../src/cluster/leadership.js';
import { RoutingEngine } from '../../src/routing/index.js';
import { AlertStore } from '../../src/rules/alert-store.js';
import type { AlertState, AlertTransition } from '../../src/rules/alert-state.js';
import { startReceiver } from '../notify/support.js';
import type { Receiver } from '../notify/support.js';

let dir: string;
let store: Store;
let rx: Receiver;
let bus: Bus;
let engine: RoutingEngine;
let leader = false;
const listeners = new Set<(leader: boolean) => void>();
const leadership: Leadership = {
  isLeader: () => leader,
  onChange: (l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  start: async () => {},
  stop: async () => {},
};
const lead = (value: boolean) => {
  leader = value;
  for (const l of listeners) l(value);
};

const T = 1_700_000_000_000;
const firing: AlertState = {
  id: 'alr_catchup', key: 'acme/dev/disk-full//', tenantId: 'acme', deviceId: 'dev', ruleId: 'disk-full', instance: '/', category: 'disk', severity: 'warning',
  status: 'firing', flapping: false, summary: 'Volume / is 93% full', labels: {}, pendingSince: T, firedAt: T + 1000, resolvedAt: null, updatedAt: T + 1000,
  ack: null, assignee: null, snoozedUntil: null, tracking: { changes: [], clearSince: null, lowerSince: null, rearm: false }, historyCount: 2,
} as AlertState;
const transition = (seq: number, at: number, from: AlertTransition['from'], to: AlertTransition['to']): AlertTransition => ({
  alertId: firing.id, key: firing.key, seq, at, from, to, severity: 'warning', cause: 'disk', actor: null, comment: null, notify: to !== 'pending',
});
const resolved: AlertState = { ...firing, status: 'resolved', resolvedAt: T + 5000, updatedAt: T + 5000, historyCount: 3 };

const posts = (kind: string) => rx.received.filter((r) => (JSON.parse(r.body) as { kind: string }).kind === kind);

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-catchup-'));
  store = await openSqliteStore(join(dir, 'tandem.db'));
  await store.createTenant({ id: 'acme', name: 'Acme' });
  rx = await startReceiver();
  bus = createInProcessBus();
  engine = new RoutingEngine({ store, bus, leadership, config: { notify: { groupWaitSeconds: 0 } } });
  engine.start();
  const put = await engine.replaceOwnership('acme', `teams:\n  internal:\n    channels: [{ name: it-hook, type: webhook, url: "${rx.url}/internal" }]\n  provider:\n    channels: [{ name: noc-hook, type: webhook, url: "${rx.url}/noc" }]\nlines:\n  - { match: { rule: disk-full }, owner: internal }\n`, { name: 'test', role: 'provider-admin' });
  expect(put).toEqual(expect.objectContaining({ ok: true }));
});

afterAll(async () => {
  await engine.stop();
  await store.close();
  await rx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a new leader catches up', () => {
  it('routes a firing alert nobody routed, once, even when the change itself arrives afterwards', async () => {
    const alerts = new AlertStore(store.db);
    const fire = transition(2, T + 1000, 'pending', 'firing');
    await alerts.save({ changed: [firing], cancelled: [], transitions: [transition(1, T, null, 'pending'), fire] });
    // No node leads: the change goes by unrouted.
    bus.publish('alert.changed', { alert: firing, transition: fire });
    await engine.delivered();
    expect(await engine.routes.route(firing.id)).toBeNull();

    lead(true);
    await until('the fire notification', () => posts('fire').length === 1);
    // The change reaches the new leader late (it was on its way): nothing is sent twice.
    bus.publish('alert.changed', { alert: firing, transition: fire });
    await engine.delivered();
    expect(posts('fire')).toHaveLength(1);
    expect((await engine.routes.route(firing.id))?.state).toBe('firing');
    expect((await engine.routes.decisions(firing.id)).map((d) => d.reason)).toEqual(['fire']);
  });

  it('tells a resolve nobody told, once', async () => {
    lead(false);
    const alerts = new AlertStore(store.db);
    const resolve = transition(3, T + 5000, 'firing', 'resolved');
    await alerts.save({ changed: [resolved], cancelled: [], transitions: [resolve] });
    bus.publish('alert.changed', { alert: resolved, transition: resolve });
    await engine.delivered();
    expect(posts('resolve')).toHaveLength(0);

    lead(true);
    await until('the resolve notification', () => posts('resolve').length === 1);
    await until('the route resolved', async () => (await engine.routes.route(firing.id))?.state === 'resolved');
    bus.publish('alert.changed', { alert: resolved, transition: resolve });
    await engine.delivered();
    expect(posts('resolve')).toHaveLength(1);
    expect((await engine.routes.decisions(firing.id)).map((d) => d.reason)).toEqual(['fire', 'resolve']);
  });
});
