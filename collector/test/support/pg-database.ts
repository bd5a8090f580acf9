// A fresh database on the test PostgreSQL server (tests/services/), dropped by the test.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  name: string;
  url: string;
  /** Ends every connection whose application_name is `app` (a dropped connection, as a network cut or a server restart would drop it). Returns how many. */
  terminate(app: string): Promise<number>;
  drop(): Promise<void>;
}

async function adminQuery<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<T>> {
  const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  try {
    return await admin.query<T>(sql, params);
  } finally {
    await admin.end();
  }
}

export async function freshDatabase(): Promise<TestDatabase> {
  const name = `tandem_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async terminate(app) {
      const r = await adminQuery<{ pid: number }>('select pg_terminate_backend(pid) as ok, pid from pg_stat_activity where datname = $1 and application_name = $2', [name, app]);
      return r.rowCount ?? 0;
    },
    drop: async () => void (await adminQuery(`drop database if exists ${name} with (force)`)),
  };
}
