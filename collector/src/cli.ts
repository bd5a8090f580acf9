#!/usr/bin/env node
// tandem-collector: serve, and the admin operations people script.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CollectorError } from './errors.js';
import { defaultCollectorConfig, loadCollectorConfig } from './config.js';
import type { CollectorConfig } from './config.js';
import { createCollectorServer } from './server.js';
import { openSqliteStore } from './store/sqlite.js';
import { ALL_TENANTS } from './store/store.js';
import type { Store } from './store/store.js';
import { COLLECTOR_VERSION } from './version.js';
import { runRoutesCli } from './routing/cli.js';

const ROLES = ['provider-admin', 'provider-noc', 'internal-admin', 'internal-viewer'];

const USAGE = `usage: tandem-collector <command> [options] [--config <file>] [--json]

commands:
  serve                                           run the collector
  tenant create --name <name> [--id <id>]         add a client organization
  tenant list
  token create --name <name> [--tenant <id>] [--role <role>] [--expires-in <dur>]
                                                  API token (shown once); no --tenant = all tenants
  enroll-token create --tenant <id> [--site <s>] [--tags a,b] [--max-uses N] [--expires-in <dur>]
                                                  one-time token agents exchange for a device credential
  device list
  device revoke <device-id>
  version

roles: ${ROLES.join(', ')} (default provider-admin without --tenant, internal-admin with it)
durations: 30m, 24h, 7d. The config file defaults to $TANDEM_COLLECTOR_CONFIG, else ./tandem-data.`;

function configFrom(path: string | undefined): CollectorConfig {
  const file = path ?? process.env.TANDEM_COLLECTOR_CONFIG;
  return file ? loadCollectorConfig(file) : defaultCollectorConfig(resolve('tandem-data'));
}

export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+)\s*(m|h|d)$/.exec(text.trim());
  if (!m) throw new CollectorError('COL_ERR_USAGE', `${flag}: expected a duration like 30m, 24h or 7d, got "${text}"`);
  return Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
}

async function withStore<T>(config: CollectorConfig, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openSqliteStore(join(config.dataDir, config.store.path));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function print(json: boolean, value: unknown, text: string): void {
  console.log(json ? JSON.stringify(value, null, 2) : text);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      json: { type: 'boolean' },
      name: { type: 'string' },
      id: { type: 'string' },
      tenant: { type: 'string' },
      role: { type: 'string' },
      'expires-in': { type: 'string' },
      site: { type: 'string' },
      tags: { type: 'string' },
      'max-uses': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub, arg] = positionals;
  const json = values.json ?? false;
  if (!command || values.help || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const need = (v: string | undefined, flag: string): string => {
    if (!v) throw new CollectorError('COL_ERR_USAGE', `${command}${sub ? ` ${sub}` : ''} needs ${flag}`);
    return v;
  };
  switch (`${command}${sub && command !== 'serve' && command !== 'version' ? ` ${sub}` : ''}`) {
    case 'version':
      console.log(COLLECTOR_VERSION);
      return 0;
    case 'serve': {
      const server = await createCollectorServer(configFrom(values.config));
      const url = await server.listen();
      server.app.log.info({ url }, 'collector listening');
      await new Promise<void>((done) => {
        const stop = () => void server.close().then(done);
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      return 0;
    }
    case 'tenant create':
      return withStore(configFrom(values.config), async (store) => {
        const tenant = await store.createTenant({ name: need(values.name, '--name <name>'), ...(values.id ? { id: values.id } : {}) });
        print(json, tenant, `tenant ${tenant.id} (${tenant.name}) created`);
        return 0;
      });
    case 'tenant list':
      return withStore(configFrom(values.config), async (store) => {
        const tenants = await store.listTenants(ALL_TENANTS);
        print(json, tenants, tenants.map((t) => `${t.id}\t${t.name}`).join('\n'));
        return 0;
      });
    case 'token create': {
      const role = values.role ?? (values.tenant ? 'internal-admin' : 'provider-admin');
      if (!ROLES.includes(role)) throw new CollectorError('COL_ERR_USAGE', `--role must be one of ${ROLES.join(', ')}, got "${role}"`);
      if (role.startsWith('internal') && !values.tenant) throw new CollectorError('COL_ERR_USAGE', `--role ${role} needs --tenant <id>`);
      return withStore(configFrom(values.config), async (store) => {
        const expiresAt = values['expires-in'] ? Date.now() + parseDuration(values['expires-in'], '--expires-in') : null;
        const created = await store.createApiToken({ tenantId: values.tenant ?? null, name: need(values.name, '--name <name>'), role, expiresAt });
        print(json, created, created.token);
        return 0;
      });
    }
    case 'enroll-token create': {
      const maxUses = values['max-uses'] === undefined ? null : Number(values['max-uses']);
      if (maxUses !== null && (!Number.isInteger(maxUses) || maxUses < 1)) throw new CollectorError('COL_ERR_USAGE', `--max-uses must be a positive integer, got "${values['max-uses']}"`);
      return withStore(configFrom(values.config), async (store) => {
        const created = await store.createEnrollToken({
          tenantId: need(values.tenant, '--tenant <id>'),
          site: values.site ?? null,
          tags: values.tags ? values.tags.split(',').map((t) => t.trim()).filter(Boolean) : [],
          maxUses,
          expiresAt: Date.now() + parseDuration(values['expires-in'] ?? '24h', '--expires-in'),
        });
        print(json, created, created.token);
        return 0;
      });
    }
    case 'routes test':
    case 'routes matrix':
    case 'routes gaps':
      return runRoutesCli(argv.slice(1));
    case 'device list':
      return withStore(configFrom(values.config), async (store) => {
        const devices = await store.listDevices(ALL_TENANTS);
        print(json, devices.map(({ status: _s, ...d }) => d), devices.map((d) => `${d.id}\t${d.tenantId}\t${d.hostname}\t${d.lastSeenAt ?? 'never'}${d.revokedAt ? '\trevoked' : ''}`).join('\n'));
        return 0;
      });
    case 'device revoke':
      return withStore(configFrom(values.config), async (store) => {
        const id = need(arg, '<device-id>');
        if (!(await store.revokeDevice(id, ALL_TENANTS))) throw new CollectorError('COL_ERR_NOT_FOUND', `device ${id} not found or already revoked`);
        print(json, { id, revoked: true }, `device ${id} revoked`);
        return 0;
      });
    default:
      throw new CollectorError('COL_ERR_USAGE', `unknown command "${positionals.join(' ')}"\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    if (err instanceof CollectorError) {
      console.error(`tandem-collector: ${err.message}`);
      process.exitCode = err.code === 'COL_ERR_USAGE' ? 2 : 1;
    } else if ((err as NodeJS.ErrnoException).code?.startsWith?.('ERR_PARSE_ARGS')) {
      console.error(`tandem-collector: ${(err as Error).message}\n${USAGE}`);
      process.exitCode = 2;
    } else {
      console.error(`tandem-collector: unexpected error: ${(err as Error).stack ?? String(err)}`);
      process.exitCode = 1;
    }
  },
);
