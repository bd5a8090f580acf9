// Small writes for agent events: on SQLite those submitted together share
// one transaction (a savepoint each), so a reconnecting fleet does not pay
// one fsync per Hello; a failing write is rolled back alone and gets its own
// error; nobody is answered before the commit; order is kept. On PostgreSQL
// each write is its own transaction.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { LogEvent } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../src/store/schema.js';
import { ALL_TENANTS, Store } from '../src/store/store.js';
import { sqliteGroupRunner } from '../src/store/group-runners.js';
import { sqliteWriteBatch, transactionPerWrite } from '../src/store/write-batch.js';
import type { WriteBatch } from '../src/store/write-batch.js';
import { AlertStore } from '../src/rules/alert-store.js';
import { sampleSnapshot } from './support/harness.js';
import { freshDatabase } from './support/pg-database.js';
import type { TestDatabase } from './support/pg-database.js';

const onPostgres = process.env.TANDEM_TEST_STORE === 'postgres';

/** Counts the commits a Kysely instance sends (begin/commit go through the logged connection). */
function commitCounter() {
  const counter = { commits: 0, log: (e: LogEvent) => { if (e.query.sql.trim().toLowerCase() === 'commit') counter.commits++; } };
  return counter;
}

const hostname = async (db: Kysely<Database>, id: string) => (await db.selectFrom('devices').select('hostname').where('id', '=', id).executeTakeFirstOrThrow()).hostname;
const append = (id: string, part: string) => (db: Kysely<Database>) => db.updateTable('devices').set({ hostname: sql<string>`hostname || ${part}` }).where('id', '=', id).execute();

async function enroll(store: Store): Promise<string> {
  const { token } = await store.createEnrollToken({ tenantId: 'acme' });
  return (await store.enrollDevice(token, { hostname: 'h', os: 'linux', agentVersion: '0.1.0' })).deviceId;
}

describe.skipIf(onPostgres)('write batch on SQLite', () => {
  let dir: string;
  let file: string;
  let sqlite: BetterSqlite3.Database;
  let db: Kysely<Database>;
  let counter: ReturnType<typeof commitCounter>;
  let store: Store;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tandem-write-batch-'));
    file = join(dir, 'store.db');
    sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    counter = commitCounter();
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log: counter.log });
    store = new Store(db, Date.now, { lockRows: false, groupRunner: sqliteGroupRunner(db, sqlite), writeBatch: sqliteWriteBatch(db, sqlite, 4) });
    await store.migrate();
    await store.createTenant({ id: 'acme', name: 'Acme' });
  });

  afterEach(async () => {
    try {
      await db.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('commits the writes of one turn in one transaction, in the order submitted', async () => {
    const id = await enroll(store);
    const before = counter.commits;
    await Promise.all(['a', 'b', 'c', 'd'].map((p) => store.writes.run(append(id, p))));
    expect(counter.commits - before).toBe(1);
    expect(await hostname(db, id)).toBe('habcd');
  });

  it('bounds a batch: more writes than fit take several commits, still in order', async () => {
    const id = await enroll(store);
    const before = counter.commits;
    const parts = 'abcdefghi'.split('');
    await Promise.all(parts.map((p) => store.writes.run(append(id, p))));
    expect(counter.commits - before).toBe(3);
    expect(await hostname(db, id)).toBe(`h${parts.join('')}`);
  });

  it('writes submitted while the connection is busy join the next transaction', async () => {
    const id = await enroll(store);
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let holding!: () => void;
    const isHeld = new Promise<void>((r) => { holding = r; });
    // Something else (a group commit, say) has the connection.
    const other = db.connection().execute(async () => { holding(); await held; });
    await isHeld;
    const before = counter.commits;
    const writes: Array<Promise<unknown>> = [];
    for (const p of ['a', 'b', 'c']) {
      writes.push(store.writes.run(append(id, p)));
      await new Promise((r) => setImmediate(r));
    }
    release();
    await other;
    await Promise.all(writes);
    expect(counter.commits - before).toBe(1);
    expect(await hostname(db, id)).toBe('habc');
  });

  it('a failing write is rolled back alone and gets its own error; the others commit', async () => {
    const id = await enroll(store);
    const mistake = new Error('this write changed its mind');
    const outcomes = await Promise.allSettled([
      store.writes.run(append(id, 'a')),
      // A statement that succeeds, then one that fails: the savepoint takes back both.
      store.writes.run(async (trx) => { await append(id, 'X')(trx); await trx.insertInto('tenants').values({ id: 'acme', name: 'again', created_at: 1 }).execute(); }),
      store.writes.run(async (trx) => { await append(id, 'Y')(trx); throw mistake; }),
      store.writes.run(append(id, 'b')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed: tenants\.id/);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBe(mistake);
    expect(await hostname(db, id)).toBe('hab');
    expect((await store.getTenant('acme'))!.name).toBe('Acme');
  });

  it('answers nobody before the commit: another connection already sees each write when its caller is told', async () => {
    const id = await enroll(store);
    const reader = new BetterSqlite3(file, { readonly: true });
    try {
      const seen: string[] = [];
      await Promise.all(['a', 'b', 'c'].map((p) => store.writes.run(append(id, p)).then(() => {
        seen.push((reader.prepare('select hostname from devices where id = ?').get(id) as { hostname: string }).hostname);
      })));
      expect(seen).toEqual(['habc', 'habc', 'habc']);
    } finally {
      reader.close();
    }
  });

  it('markSeen of many devices (a reconnect storm\'s Hellos) shares commits, and never interleaves with group commits', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await enroll(store));
    const before = counter.commits;
    const [seen, grouped] = await Promise.all([
      Promise.all(ids.map((id) => store.markSeen(id, { agentVersion: '9.9.9', stopped: false }))),
      store.commitGroup(ids.map((id) => ({ kind: 'report' as const, deviceId: id, seq: 1, snapshot: sampleSnapshot(id, 10), adjustments: [] }))),
    ]);
    expect(seen).toHaveLength(8);
    expect(grouped.every((o) => o.ok)).toBe(true);
    // 8 Hellos in batches of at most 4: 2 commits rather than 8 (the group commits through statements of its own, not counted here).
    expect(counter.commits - before).toBe(2);
    for (const id of ids) {
      const d = (await store.getDevice(id, ALL_TENANTS))!;
      expect([d.agentVersion, d.lastSeq, d.lastSeenAt !== null]).toEqual(['9.9.9', 1, true]);
    }
  });

  it('an evaluation\'s save stays atomic inside a batch: a failing save leaves nothing, the presence written beside it commits', async () => {
    const id = await enroll(store);
    const alerts = new AlertStore(db, null, store.writes);
    const before = counter.commits;
    const alert = {
      id: 'alr_1', key: `${id}/disk-full/`, tenantId: 'acme', deviceId: id, ruleId: 'disk-full', instance: '', category: 'health', severity: 'warning',
      status: 'firing', flapping: false, summary: 's', labels: {}, pendingSince: 1, firedAt: 1, resolvedAt: null, updatedAt: 1,
      ack: null, assignee: null, snoozedUntil: null, tracking: [], historyCount: 1,
    } as never;
    const transition = { alertId: 'alr_1', seq: 1, at: 1, from: null, to: 'firing', severity: 'warning', cause: 'rule', actor: null, comment: null, notify: true } as never;
    const [presence, first, second] = await Promise.allSettled([
      alerts.setConnection(id, true, false, 5),
      alerts.save({ changed: [alert], cancelled: [], transitions: [transition] } as never),
      // The same history row again: its insert fails after the alert's row was written.
      alerts.save({ changed: [{ ...(alert as object), id: 'alr_2' }], cancelled: [], transitions: [{ ...(transition as object), alertId: 'alr_1' }] } as never),
    ]);
    expect([presence.status, first.status, second.status]).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(counter.commits - before).toBe(1);
    expect((await alerts.presence(id))!.connected).toBe(true);
    expect(await alerts.get('alr_1', ALL_TENANTS)).not.toBeNull();
    expect(await alerts.get('alr_2', ALL_TENANTS)).toBeNull();
    expect((await alerts.history('alr_1')).length).toBe(1);
  });
});

describe.runIf(onPostgres)('writes on PostgreSQL', () => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let counter: ReturnType<typeof commitCounter>;
  let writes: WriteBatch;
  let store: Store;

  beforeAll(async () => {
    database = await freshDatabase();
    counter = commitCounter();
    const pool = new pg.Pool({ connectionString: database.url, max: 4 });
    // Connections still closing when the database is dropped at the end are cut by the server.
    pool.on('error', () => {});
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: counter.log });
    writes = transactionPerWrite(db);
    store = new Store(db, Date.now, { lockRows: true, writeBatch: writes });
    await store.migrate();
    await store.createTenant({ id: 'acme', name: 'Acme' });
  });

  afterAll(async () => {
    try {
      await db?.destroy();
    } finally {
      await database?.drop();
    }
  });

  it('runs each write in a transaction of its own; a failing one takes back only its own statements', async () => {
    const id = await enroll(store);
    const before = counter.commits;
    const outcomes = await Promise.allSettled([
      writes.run(append(id, 'a')),
      writes.run(async (trx) => { await append(id, 'X')(trx); await trx.insertInto('tenants').values({ id: 'acme', name: 'again', created_at: 1 }).execute(); }),
      writes.run(append(id, 'b')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/duplicate key/);
    expect(counter.commits - before).toBe(2);
    expect((await hostname(db, id)).split('').sort().join('')).toBe('abh');
  });

  it('markSeen commits before it resolves', async () => {
    const id = await enroll(store);
    await store.markSeen(id, { agentVersion: '9.9.9' });
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      expect((await other.query('select agent_version from devices where id = $1', [id])).rows[0].agent_version).toBe('9.9.9');
    } finally {
      await other.end();
    }
  });
});
