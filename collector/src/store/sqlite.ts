import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver } from 'kysely';
import type { DatabaseConnection, Driver, QueryResult, SqliteDialectConfig } from 'kysely';
import type { Database } from './schema.js';
import { Store } from './store.js';
import { sqliteGroupRunner } from './group-runners.js';
import { sqliteWriteBatch } from './write-batch.js';
import { CollectorError } from '../errors.js';

/** Statements kept prepared; SQL with long `in (...)` lists varies, so the oldest are let go past this. */
const MAX_PREPARED = 500;

/**
 * Kysely's SQLite connection, except that each statement is prepared once and
 * reused: preparing anew for every query cost as much as running it.
 */
class PreparedOnceConnection implements DatabaseConnection {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(private readonly db: BetterSqlite3.Database) {}

  private statement(sql: string): BetterSqlite3.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (this.statements.size >= MAX_PREPARED) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.statement(query.sql);
    const parameters = query.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // Its own statement: a cached one could not run another query while this one iterates.
    for (const row of this.db.prepare(query.sql).iterate(query.parameters as unknown[])) yield { rows: [row as R] };
  }
}

/**
 * Transactions take SQLite's write lock when they begin (BEGIN IMMEDIATE).
 * A deferred transaction that reads first and writes later fails at once
 * with "database is locked" when another process (the CLI, a second
 * collector) committed in between; an immediate one waits its turn
 * (busy_timeout) instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  private readonly connection: PreparedOnceConnection;

  constructor(config: SqliteDialectConfig & { database: BetterSqlite3.Database }) {
    super(config);
    this.connection = new PreparedOnceConnection(config.database);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    await super.acquireConnection();
    return this.connection;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly dialectConfig: SqliteDialectConfig & { database: BetterSqlite3.Database }) {
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
  const store = new Store(db, Date.now, { lockRows: false, groupRunner: sqliteGroupRunner(db, sqlite), writeBatch: sqliteWriteBatch(db, sqlite) });
  await store.migrate();
  return store;
}
