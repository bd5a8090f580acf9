import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver } from 'kysely';
import type { DatabaseConnection, Driver, SqliteDialectConfig } from 'kysely';
import type { Database } from './schema.js';
import { Store } from './store.js';
import { sqliteGroupRunner } from './group-runners.js';
import { CollectorError } from '../errors.js';

/**
 * Transactions take SQLite's write lock when they begin (BEGIN IMMEDIATE).
 * A deferred transaction that reads first and writes later fails at once
 * with "database is locked" when another process (the CLI, a second
 * collector) committed in between; an immediate one waits its turn
 * (busy_timeout) instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly dialectConfig: SqliteDialectConfig) {
    super(dialectConfig);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.dialectConfig);
  }
}

/** Opens (creating if needed) the embedded store and brings its schema up to date. */
export async function openSqliteStore(file: string): Promise<Store> {
  let sqlite: BetterSqlite3.Database;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = WAL');
    // FULL: a report is acknowledged only after it is on disk, even across a power cut.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
  } catch (err) {
    throw new CollectorError('COL_ERR_STORE', `cannot open embedded store ${file}: ${(err as Error).message}`, { cause: err });
  }
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  const store = new Store(db, Date.now, { lockRows: false, groupRunner: sqliteGroupRunner(db, sqlite) });
  await store.migrate();
  return store;
}
