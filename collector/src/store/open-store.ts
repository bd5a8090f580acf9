import { join } from 'node:path';
import type { CollectorConfig } from '../config.js';
import { CollectorError } from '../errors.js';
import type { Store } from './store.js';
import { openSqliteStore } from './sqlite.js';
import { openPostgresStore } from './postgres.js';

/** The store the config names: the embedded one by default, PostgreSQL for several nodes. */
export async function openStore(config: CollectorConfig, env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  if (config.store.kind === 'sqlite') return openSqliteStore(join(config.dataDir, config.store.path));
  let url = config.store.url;
  if (url.startsWith('env:')) {
    const name = url.slice(4);
    url = env[name] ?? '';
    if (!url) throw new CollectorError('COL_ERR_CONFIG', `store.url names the environment variable ${name}, which is not set`);
  }
  return openPostgresStore(url, config.store.poolSize);
}
