// migrate-store: copies every table of the embedded store into PostgreSQL,
// for a collector that outgrows one machine. The target's schema is made by
// the same migrations; the rows are copied in batches inside one PostgreSQL
// transaction, so a copy that fails leaves the target as it was. Row counts
// are checked before the commit. The source is read inside one SQLite write
// transaction, so nothing changes under the copy (a collector still running
// on that file waits, or fails its writes; stop it first).
//
// Tables are found in the source's catalogue, not listed here, so a table a
// later migration adds is copied without a change to this file; foreign keys
// decide the order (a tenant before its devices).
import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { CollectorError } from '../errors.js';
import { openSqliteStore } from './sqlite.js';
import { openPostgresStore, redactUrl } from './postgres.js';

/** Kysely's own bookkeeping: the target has its own, written by its migrations. */
const SKIPPED = new Set(['kysely_migration', 'kysely_migration_lock']);
/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 60_000;

export interface TableCopy {
  table: string;
  rows: number;
}

export interface MigrateStoreOptions {
  /** The embedded store's database file. */
  sqliteFile: string;
  postgresUrl: string;
  /** Empty the target's tables first instead of refusing a target that holds data. */
  replace?: boolean;
  batchRows?: number;
  /** Called after each table (for progress lines). */
  onTable?: (copy: TableCopy) => void;
}

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Source tables in an order where every table comes after the tables it references. */
async function tablesInDependencyOrder(db: AnyDb): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  const tables = rows.rows.map((r) => r.name).filter((n) => !SKIPPED.has(n));
  const deps = new Map<string, string[]>();
  for (const t of tables) {
    const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${t})`.execute(db);
    deps.set(t, fks.rows.map((f) => f.table).filter((d) => d !== t && tables.includes(d)));
  }
  const ordered: string[] = [];
  const visit = (t: string, path: string[]) => {
    if (ordered.includes(t)) return;
    if (path.includes(t)) throw new CollectorError('COL_ERR_STORE', `tables reference each other in a cycle: ${[...path, t].join(' -> ')}`);
    for (const d of deps.get(t) ?? []) visit(d, [...path, t]);
    ordered.push(t);
  };
  for (const t of tables) visit(t, []);
  return ordered;
}

async function count(db: AnyDb | Transaction<any>, table: string): Promise<number> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function migrateStore(options: MigrateStoreOptions): Promise<TableCopy[]> {
  // Opening a missing file would make an empty store and "copy" nothing.
  if (!existsSync(options.sqliteFile)) throw new CollectorError('COL_ERR_STORE', `migrate-store: there is no embedded store at ${options.sqliteFile} (store.path under dataDir in the config)`);
  const source = await openSqliteStore(options.sqliteFile);
  try {
    const target = await openPostgresStore(options.postgresUrl).catch((err: unknown) => {
      throw new CollectorError('COL_ERR_STORE', `migrate-store: the target: ${(err as Error).message}`, { cause: err });
    });
    try {
      const src = source.db as AnyDb;
      const dst = target.db as AnyDb;
      const tables = await tablesInDependencyOrder(src);
      const targetTables = new Set((await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(dst)).rows.map((r) => r.name));
      const missing = tables.filter((t) => !targetTables.has(t));
      if (missing.length > 0) {
        throw new CollectorError('COL_ERR_STORE', `migrate-store: the target ${redactUrl(options.postgresUrl)} has no table ${missing.join(', ')}: it was made by another version of the collector`);
      }
      if (!options.replace) {
        const held: string[] = [];
        for (const t of tables) {
          const n = await count(dst, t);
          if (n > 0) held.push(`${t} (${n} rows)`);
        }
        if (held.length > 0) {
          throw new CollectorError('COL_ERR_CONFLICT', `migrate-store: the target ${redactUrl(options.postgresUrl)} is not empty: ${held.join(', ')}; copy into an empty database, or pass --replace to delete what it holds first`);
        }
      }

      return await src.transaction().execute(async (read) => dst.transaction().execute(async (write) => {
        if (options.replace) {
          // Children first, so no foreign key stops a delete.
          for (const t of [...tables].reverse()) await write.deleteFrom(t).execute();
        }
        const copies: TableCopy[] = [];
        for (const t of tables) {
          const columns = (await sql<{ name: string }>`select name from pragma_table_info(${t})`.execute(read)).rows.map((c) => c.name);
          const batch = Math.max(1, Math.min(options.batchRows ?? 1000, Math.floor(MAX_PARAMETERS / columns.length)));
          let copied = 0;
          // rowid order: every table here is an ordinary rowid table, and rowid pages without re-reading earlier rows.
          for (let after = -Infinity; ;) {
            const rows = (await sql<Record<string, unknown>>`select rowid as "__rowid", * from ${sql.table(t)} where rowid > ${after === -Infinity ? Number.MIN_SAFE_INTEGER : after} order by rowid limit ${batch}`.execute(read)).rows;
            if (rows.length === 0) break;
            after = Number(rows.at(-1)!.__rowid);
            try {
              await write.insertInto(t).values(rows.map(({ __rowid: _r, ...row }) => row)).execute();
            } catch (err) {
              throw new CollectorError('COL_ERR_STORE', `migrate-store: table ${t}: PostgreSQL refused rows after ${copied} copied: ${(err as Error).message}; nothing was committed`, { cause: err });
            }
            copied += rows.length;
            if (rows.length < batch) break;
          }
          const expected = await count(read, t);
          const landed = await count(write, t);
          if (copied !== expected || landed !== expected) {
            throw new CollectorError('COL_ERR_STORE', `migrate-store: table ${t}: the source holds ${expected} rows, ${copied} were read and the target holds ${landed}; nothing was committed`);
          }
          const copy = { table: t, rows: expected };
          copies.push(copy);
          options.onTable?.(copy);
        }
        return copies;
      }));
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
