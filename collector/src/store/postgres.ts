import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.js';
import { Store } from './store.js';
import { CollectorError } from '../errors.js';

// Times and byte counts are int8 columns far below 2^53: read them as numbers,
// as the embedded store does, not as strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Opens the PostgreSQL store (several collector nodes share one) and brings its schema up to date. */
export async function openPostgresStore(url: string, poolSize = 10): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server closes (restart, failover, admin action) is
  // dropped from the pool and replaced on next use; it must not crash the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new CollectorError('COL_ERR_STORE', `cannot connect to PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}`, { cause: err });
  }
  const store = new Store(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), Date.now, { lockRows: true });
  await store.migrate();
  return store;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
