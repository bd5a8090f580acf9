// Advisory-lock leadership between two nodes on a real PostgreSQL server.
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresLeadership } from '../../src/cluster/postgres-leadership.js';
import type { Leadership } from '../../src/cluster/leadership.js';
import { freshDatabase } from '../support/pg-database.js';
import type { TestDatabase } from '../support/pg-database.js';

let db: TestDatabase | null = null;
const nodes: Leadership[] = [];
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

afterEach(async () => {
  await Promise.all(nodes.splice(0).map((n) => n.stop()));
  await db?.drop();
  db = null;
});

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function node(url: string, changes: boolean[]): Leadership {
  const l = createPostgresLeadership({ url, retryMs: 100, checkMs: 100, log: quiet });
  l.onChange((leader) => changes.push(leader));
  nodes.push(l);
  return l;
}

describe('PostgreSQL leadership', () => {
  it('one node leads; when it stops, the other takes over', async () => {
    db = await freshDatabase();
    const aChanges: boolean[] = [];
    const bChanges: boolean[] = [];
    const a = node(db.url, aChanges);
    await a.start();
    const b = node(db.url, bChanges);
    await b.start();
    expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
    // Several retries later b still waits.
    await new Promise((r) => setTimeout(r, 500));
    expect(b.isLeader()).toBe(false);
    await a.stop();
    expect(a.isLeader()).toBe(false);
    await until(() => b.isLeader(), 'node b to lead');
    expect(aChanges).toEqual([true, false]);
    expect(bChanges).toEqual([true]);
  });

  it('a leader whose connection dies stops leading, and PostgreSQL hands the lock to the other node', async () => {
    db = await freshDatabase();
    const aChanges: boolean[] = [];
    const bChanges: boolean[] = [];
    const a = node(db.url, aChanges);
    await a.start();
    const b = node(db.url, bChanges);
    await b.start();
    expect(a.isLeader()).toBe(true);
    // Both connections are cut; whichever node gets the lock first leads, and only one does.
    expect(await db.terminate('tandem leadership')).toBe(2);
    await until(() => aChanges.includes(false), 'node a to notice it lost the lock');
    await until(() => a.isLeader() || b.isLeader(), 'a new leader');
    for (let i = 0; i < 10; i++) {
      expect(a.isLeader() && b.isLeader()).toBe(false);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});
