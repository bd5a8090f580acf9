// Small writes made for agent events (a Hello's "seen", a connection coming
// or going, one device's evaluation) and how they reach the disk.
//
// SQLite: each commit is an fsync on the one connection, on the event loop.
// Writes submitted together (in one turn of the event loop, or while the
// previous batch waits for or holds the connection) run one after another in
// ONE transaction, each in its own savepoint: a write that fails is rolled
// back alone and its caller gets its error, the others commit. Every caller
// is answered after the commit, so nobody is told before it is durable.
//
// PostgreSQL: one transaction per write. Its pool commits concurrently, and
// unrelated writes in one transaction would take row locks in no fixed
// order, which risks deadlocks between nodes.
import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * One write: its statements, run on `db` (inside a transaction or a
 * savepoint); atomic as a whole. It must not begin a transaction itself.
 */
export type WriteOperation<T> = (db: Kysely<Database>) => Promise<T>;

export interface WriteBatch {
  /** Runs `op` atomically; resolves once it is committed, or rejects with its own error. */
  run<T>(op: WriteOperation<T>): Promise<T>;
}

/** Writes per SQLite transaction at most: keeps one commit's hold on the connection short. */
export const MAX_BATCH = 200;

/** One transaction per write (PostgreSQL, and any store without a batch of its own). */
export function transactionPerWrite(db: Kysely<Database>): WriteBatch {
  return { run: (op) => db.transaction().execute((trx) => op(trx)) };
}

interface Pending {
  op: WriteOperation<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const BEGIN = CompiledQuery.raw('begin immediate');
const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');
const SAVEPOINT = CompiledQuery.raw('savepoint write_op');
const RELEASE = CompiledQuery.raw('release write_op');
const ROLLBACK_TO = CompiledQuery.raw('rollback to write_op');

/**
 * The SQLite batch. It holds Kysely's lock on the store's one connection for
 * the whole transaction (as group commits do), so nothing else interleaves.
 * `sqlite` is that connection's handle, to tell whether a failed statement
 * ended the transaction (SQLite does so on a full disk or an I/O error).
 */
export function sqliteWriteBatch(db: Kysely<Database>, sqlite: BetterSqlite3.Database, maxBatch = MAX_BATCH): WriteBatch {
  const pending: Pending[] = [];
  let draining = false;

  async function runBatch(): Promise<void> {
    let batch: Pending[] = [];
    let outcomes: Outcome[] = [];
    try {
      await db.connection().execute(async (conn) => {
        // Taken once the connection is ours: writes submitted while it was busy join this batch.
        batch = pending.splice(0, maxBatch);
        await conn.executeQuery(BEGIN);
        try {
          for (const entry of batch) {
            await conn.executeQuery(SAVEPOINT);
            try {
              const value = await entry.op(conn);
              await conn.executeQuery(RELEASE);
              outcomes.push({ ok: true, value });
            } catch (error) {
              if (!sqlite.inTransaction) throw error;
              await conn.executeQuery(ROLLBACK_TO);
              await conn.executeQuery(RELEASE);
              outcomes.push({ ok: false, error });
            }
          }
          await conn.executeQuery(COMMIT);
        } catch (err) {
          if (sqlite.inTransaction) await conn.executeQuery(ROLLBACK);
          throw err;
        }
      });
    } catch (err) {
      // The transaction as a whole failed (its commit, a write that ended it,
      // or the connection could not be had): nothing of it is stored.
      if (batch.length === 0) batch = pending.splice(0, maxBatch);
      outcomes = batch.map(() => ({ ok: false, error: err }));
    }
    batch.forEach((entry, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) entry.resolve(outcome.value);
      else entry.reject(outcome.error);
    });
  }

  async function drain(): Promise<void> {
    try {
      while (pending.length > 0) await runBatch();
    } finally {
      draining = false;
    }
  }

  return {
    run<T>(op: WriteOperation<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        pending.push({ op, resolve: resolve as (value: unknown) => void, reject });
        if (draining) return;
        draining = true;
        // After this turn's I/O callbacks: the other writes they submit join the same transaction.
        setImmediate(() => void drain());
      });
    },
  };
}
