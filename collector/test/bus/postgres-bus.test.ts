// The LISTEN/NOTIFY bus between two nodes on a real PostgreSQL server, each
// test on its own database.
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresBus } from '../../src/bus/index.js';
import type { BusEvents, EventOrigin, PostgresBus } from '../../src/bus/index.js';
import type { AlertState } from '../../src/rules/alert-state.js';
import { freshDatabase } from '../support/pg-database.js';
import type { TestDatabase } from '../support/pg-database.js';

let db: TestDatabase | null = null;
const buses: PostgresBus[] = [];
const quiet = { warn: () => {}, error: () => {} };

afterEach(async () => {
  await Promise.all(buses.splice(0).map((b) => b.stop()));
  await db?.drop();
  db = null;
});

async function twoNodes(options: { reconnect?: { baseMs: number; capMs: number } } = {}): Promise<[PostgresBus, PostgresBus]> {
  db = await freshDatabase();
  const a = createPostgresBus({ url: db.url, node: 'node-a', log: quiet, ...options });
  const b = createPostgresBus({ url: db.url, node: 'node-b', log: quiet, ...options });
  buses.push(a, b);
  await Promise.all([a.start(), b.start()]);
  return [a, b];
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function alertChange(id: string, summary: string): BusEvents['alert.changed'] {
  const alert = {
    id, key: `acme/dev/disk-full/${id}`, tenantId: 'acme', deviceId: 'dev', ruleId: 'disk-full', instance: '/', category: 'disk', severity: 'warning',
    status: 'firing', flapping: false, summary, labels: { site: 'hq' }, pendingSince: 1, firedAt: 2, resolvedAt: null, updatedAt: 2, ack: null, assignee: null,
    snoozedUntil: null, tracking: { changes: [], clearSince: null, lowerSince: null, rearm: false }, historyCount: 2,
  } as unknown as AlertState;
  return { alert, transition: { alertId: id, key: alert.key, seq: 2, at: 2, from: 'pending', to: 'firing', severity: 'warning', cause: 'disk 93 %', actor: null, comment: null, notify: true } };
}

describe('PostgreSQL bus', () => {
  it('delivers a cluster event to the other node as published, and to its own subscribers once', async () => {
    const [a, b] = await twoNodes();
    const atA: EventOrigin[] = [];
    const atB: Array<[BusEvents['alert.changed'], EventOrigin]> = [];
    a.subscribe('alert.changed', (_e, origin) => atA.push(origin));
    b.subscribe('alert.changed', (e, origin) => atB.push([e, origin]));
    const change = alertChange('alr_1', 'disk / at 93 % (ü, "quoted", \\ backslash)');
    a.publish('alert.changed', change);
    await until(() => atB.length === 1, 'the event at node b');
    expect(atB[0]).toEqual([change, { node: 'node-a', local: false }]);
    await a.flush();
    // Its own NOTIFY comes back to node a too; it is not delivered a second time.
    await new Promise((r) => setTimeout(r, 300));
    expect(atA).toEqual([{ node: 'node-a', local: true }]);
  });

  it('keeps node-local events on their node, and this-node subscribers hear only their node', async () => {
    const [a, b] = await twoNodes();
    const atB: string[] = [];
    b.subscribe('report.late', () => atB.push('report.late'));
    b.subscribe('config.changed', () => atB.push('this-node config'), { from: 'this-node' });
    b.subscribe('config.changed', () => atB.push('any-node config'));
    a.publish('report.late', { deviceId: 'd', seq: 1, lastSeq: 2 });
    a.publish('config.changed', { kind: 'rules' });
    await until(() => atB.length >= 1, 'the config event at node b');
    await a.flush();
    await new Promise((r) => setTimeout(r, 300));
    expect(atB).toEqual(['any-node config']);
  });

  it('delivers one publisher\'s events in order, large ones (over the 8000-byte NOTIFY limit) in chunks', async () => {
    const [a, b] = await twoNodes();
    const got: string[] = [];
    b.subscribe('alert.changed', (e) => got.push(`${e.alert.id}:${e.alert.summary.length}`));
    const expected: string[] = [];
    for (let i = 0; i < 300; i++) {
      // Every tenth event is about 30 KB, with characters JSON escapes and multi-byte ones.
      const summary = i % 10 === 0 ? `"\\\n€`.repeat(6000) : `small ${i}`;
      a.publish('alert.changed', alertChange(`alr_${i}`, summary));
      expected.push(`alr_${i}:${summary.length}`);
    }
    await until(() => got.length === 300, 'every event at node b', 60_000);
    expect(got).toEqual(expected);
  });

  it('a publisher whose connection is cut sends what it published meanwhile once it is back, once', async () => {
    const [a, b] = await twoNodes({ reconnect: { baseMs: 50, capMs: 500 } });
    const got: string[] = [];
    let resumed = 0;
    b.subscribe('config.changed', (e) => got.push(e.kind === 'ownership' ? e.tenantId : 'rules'));
    a.subscribe('bus.resumed', () => resumed++);
    a.publish('config.changed', { kind: 'ownership', tenantId: 'before' });
    await until(() => got.length === 1, 'the first event');
    expect(await db!.terminate('tandem bus node-a')).toBe(1);
    // Published as node a is cut off (whether it noticed yet or not).
    for (let i = 0; i < 20; i++) a.publish('config.changed', { kind: 'ownership', tenantId: `during-${i}` });
    await until(() => resumed === 1 && a.connected(), 'node a reconnected');
    a.publish('config.changed', { kind: 'ownership', tenantId: 'after' });
    await until(() => got.includes('after'), 'an event after the reconnect');
    expect(got).toEqual(['before', ...Array.from({ length: 20 }, (_, i) => `during-${i}`), 'after']);
  });

  it('a listener whose connection is cut reconnects, tells its subscribers, and hears again', async () => {
    const [a, b] = await twoNodes({ reconnect: { baseMs: 50, capMs: 500 } });
    const got: string[] = [];
    let resumed = 0;
    b.subscribe('config.changed', (e) => got.push(e.kind === 'ownership' ? e.tenantId : 'rules'));
    b.subscribe('bus.resumed', (e) => {
      expect(e.downSinceMs).toBeLessThanOrEqual(Date.now());
      resumed++;
    });
    a.publish('config.changed', { kind: 'ownership', tenantId: 'before' });
    await until(() => got.length === 1, 'the first event');
    expect(await db!.terminate('tandem bus node-b')).toBe(1);
    await until(() => resumed === 1 && b.connected(), 'node b reconnected');
    a.publish('config.changed', { kind: 'ownership', tenantId: 'after' });
    await until(() => got.includes('after'), 'an event after the reconnect');
    expect(got).toEqual(['before', 'after']);
  });

  it('refuses a channel name that is not an SQL identifier', () => {
    expect(() => createPostgresBus({ url: 'postgres://x/y', channel: 'bad; drop table x' })).toThrow(/bus channel .*expected a lower-case SQL identifier/);
  });
});
