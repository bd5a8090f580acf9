import { join } from 'node:path';
import type { CollectorConfig } from '../config.js';
import { CollectorError } from '../errors.js';
import type { Store } from './store.js';
import { openSqliteStore } from './sqlite.js';
import { openPostgresStore } from './postgres.js';

/** The store the config names: the embedded one by default, PostgreSQL for several nodes. */
export async function openStore(config: CollectorConfig, env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  if (config.store.kind === 'sqlite') return openSqliteStore(join(config.dataDir, config.store.path));
  return openPostgresStore(postgresUrl(config.store.url, env), config.store.poolSize);
}

/** store.url as a connection URL (`env:NAME` read from the environment). */
export function postgresUrl(url: string, env: NodeJS.ProcessEnv = process.env): string {
  if (!url.startsWith('env:')) return url;
  const name = url.slice(4);
  const value = env[name] ?? '';
  if (!value) throw new CollectorError('COL_ERR_CONFIG', `store.url names the environment variable ${name}, which is not set`);
  return value;
}
