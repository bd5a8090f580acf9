#!/usr/bin/env node
// tandem-collector: serve, and the admin operations people script.
import { parseArgs } from 'node:util';
import { CollectorError } from './errors.js';
import { loadCollectorConfig } from './config.js';
import type { CollectorConfig } from './config.js';
import { createCollectorServer } from './server.js';
import { openStore } from './store/open-store.js';
import { migrateStore } from './store/migrate-store.js';
import { redactUrl } from './store/postgres.js';
import { rememberSecret } from './auth/redact.js';
import { join } from 'node:path';
import { ALL_TENANTS } from './store/store.js';
import type { Store } from './store/store.js';
import { COLLECTOR_VERSION } from './version.js';
import { runRoutesCli } from './routing/cli.js';
import { ownershipApply, ownershipDiff } from './ownership-cli.js';
import { contractText, versionDiffText } from './contract/contract-cli.js';
import { maintenanceAdd, maintenanceList, maintenanceRemove } from './maintenance/cli.js';
import { AccountStore } from './auth/account-store.js';
import type { User } from './auth/account-store.js';
import { hashPassword, passwordProblem } from './auth/password.js';
import { defaultAssignment, isTokenScope, ROLES, TOKEN_SCOPES } from './auth/roles.js';

const USAGE = `usage: tandem-collector <command> [options] [--config <file>] [--json]

commands:
  serve                                           run the collector
  tenant create --name <name> [--id <id>]         add a client organization
  tenant list
  user create --email <e> --name <n> --role <role> [--tenant <id> | --tenants a,b] [--password-stdin]
                                                  a person; signs in with the password read from stdin,
                                                  or through the OIDC provider with this email
  user list [--tenant <id>] [--role <role>] [--all]   --all includes disabled users
  user disable <user-id>                          ends their sessions; they cannot sign in
  token create --name <name> [--tenant <id> | --tenants a,b] [--role <role>] [--scopes read,write,admin] [--expires-in <dur>]
                                                  API token (shown once); no tenant = all tenants
  token list [--tenant <id>] [--all]              --all includes revoked tokens
  token revoke <token-id>
  enroll-token create --tenant <id> [--site <s>] [--tags a,b] [--max-uses N] [--expires-in <dur>]
                                                  one-time token agents exchange for a device credential
  device list
  device revoke <device-id>
  ownership diff --tenant <id> --file <ownership.yaml> [--url <collector>] [--token <t>]
                                                  what applying the file would change (exit 1 when it differs)
  ownership diff --tenant <id> --from N [--to M] [--url <collector>] [--token <t>]
                                                  what changed in the contract between two versions, in plain
                                                  words (--to: the current version by default)
  ownership contract --tenant <id> [--version N] [--format md|html] [--url <collector>] [--token <t>]
                                                  the "who owns what" contract document of a version
  ownership apply --tenant <id> --file <ownership.yaml> [--url <collector>] [--token <t>]
                                                  replace the tenant's ownership config through the running
                                                  collector (validated, versioned, audited); token from
                                                  --token or $TANDEM_API_TOKEN
  maintenance list|add|remove --tenant <id> [--file <window.yaml>] [<window-id>] [--url <collector>] [--token <t>]
                                                  maintenance windows through the running collector's API
                                                  (add reads reason, owner, start, durationMinutes, timeZone,
                                                  rrule, scope, only from --file)
  routes test --config <ownership.yaml> --tenant <id> [--at <ISO>] [--rules <rules.yaml>] [--json] key=value ...
                                                  who owns such an alert then, its SLA, escalation and the trace
                                                  (offline); keys: category, severity, rule, site, tags, os, role
  routes matrix|gaps --config <ownership.yaml> [--rules <rules.yaml>] [--at <ISO>] [--days N] [--json]
                                                  the ownership matrix; coverage gaps ahead of time; the rule
                                                  pack is the built-in one unless --rules names collector.yaml's
  migrate-store --to <postgres-url | env:NAME> [--replace]
                                                  copy every table of the embedded store (the config's) into
                                                  PostgreSQL, in one transaction, counts checked; the collector
                                                  must be stopped; a target holding data is refused unless --replace
  version

roles: ${ROLES.join(', ')} (token default: provider-admin without a tenant, internal-admin with one)
scopes: ${TOKEN_SCOPES.join(', ')} (default: all three; read = GET, write = changes, admin = users, tokens, tenants)
durations: 30m, 24h, 7d. Commands that use the store (serve, tenant, user, token, enroll-token, device)
read the collector config from --config, else $TANDEM_COLLECTOR_CONFIG. <command> --help shows one command.`;

/** The lines of USAGE about one command (`tenant`, `routes`), or all of it for an unknown one. */
function usageOf(command: string): string {
  const lines = USAGE.split('\n');
  const out: string[] = [];
  let inside = false;
  for (const line of lines) {
    if (/^ {2}\S/.test(line)) inside = line.slice(2).split(/\s/)[0] === command || line.slice(2).startsWith(`${command}|`);
    else if (!/^ {4,}\S/.test(line)) inside = false;
    if (inside) out.push(line);
  }
  return out.length > 0 ? `usage: tandem-collector\n${out.join('\n')}` : USAGE;
}

/** The collector config; a command that uses the store says so rather than making one in the working directory. */
function configFrom(path: string | undefined, command: string): CollectorConfig {
  const file = path ?? process.env.TANDEM_COLLECTOR_CONFIG;
  if (!file) throw new CollectorError('COL_ERR_USAGE', `${command} needs --config <collector.yaml> (or $TANDEM_COLLECTOR_CONFIG): it names the collector's store and address`);
  return loadCollectorConfig(file);
}

export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+)\s*(m|h|d)$/.exec(text.trim());
  if (!m) throw new CollectorError('COL_ERR_USAGE', `${flag}: expected a duration like 30m, 24h or 7d, got "${text}"`);
  return Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
}

async function withStore<T>(config: CollectorConfig, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function listOf(text: string): string[] {
  return text.split(',').map((t) => t.trim()).filter(Boolean);
}

/** `--tenant t` or `--tenants a,b` (not both). */
function tenantsFrom(tenant: string | undefined, tenants: string | undefined): string[] {
  if (tenant !== undefined && tenants !== undefined) throw new CollectorError('COL_ERR_USAGE', 'give --tenant <id> or --tenants a,b, not both');
  return tenant !== undefined ? [tenant] : tenants !== undefined ? listOf(tenants) : [];
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function userLine(u: User): string {
  return [u.id, u.email, u.role, u.allTenants ? 'all tenants' : u.tenantIds.join(','), u.disabledAt ? 'disabled' : u.lastSignInAt ? `last sign-in ${u.lastSignInAt}` : 'never signed in'].join('\t');
}

function print(json: boolean, value: unknown, text: string): void {
  console.log(json ? JSON.stringify(value, null, 2) : text);
}

async function main(argv: string[]): Promise<number> {
  // --help anywhere, before options are checked: asking for help never fails.
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    const words = argv.filter((a) => !a.startsWith('-') && a !== 'help');
    console.log(words[0] ? usageOf(words[0]) : USAGE);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      json: { type: 'boolean' },
      name: { type: 'string' },
      id: { type: 'string' },
      tenant: { type: 'string' },
      tenants: { type: 'string' },
      role: { type: 'string' },
      email: { type: 'string' },
      scopes: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      all: { type: 'boolean' },
      'expires-in': { type: 'string' },
      site: { type: 'string' },
      tags: { type: 'string' },
      'max-uses': { type: 'string' },
      at: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      file: { type: 'string' },
      days: { type: 'string' },
      rules: { type: 'string' },
      to: { type: 'string' },
      replace: { type: 'boolean' },
      version: { type: 'string' },
      from: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub, arg] = positionals;
  const json = values.json ?? false;
  if (!command) {
    console.error(USAGE);
    return 2;
  }
  const label = `${command}${sub && command !== 'serve' && command !== 'version' ? ` ${sub}` : ''}`;
  const need = (v: string | undefined, flag: string): string => {
    if (!v) throw new CollectorError('COL_ERR_USAGE', `${command}${sub ? ` ${sub}` : ''} needs ${flag}`);
    return v;
  };
  switch (label) {
    case 'version':
      console.log(COLLECTOR_VERSION);
      return 0;
    case 'serve': {
      const server = await createCollectorServer(configFrom(values.config, label));
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
      return withStore(configFrom(values.config, label), async (store) => {
        const name = need(values.name, '--name <name>');
        if (values.id !== undefined) {
          if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(values.id)) throw new CollectorError('COL_ERR_USAGE', `--id: expected 2-63 lower-case letters, digits and dashes, like acme, got "${values.id}"`);
          const existing = (await store.listTenants(ALL_TENANTS)).find((t) => t.id === values.id);
          if (existing) throw new CollectorError('COL_ERR_CONFLICT', `tenant ${values.id} already exists (${existing.name}); tenant list shows them all`);
        }
        const tenant = await store.createTenant({ name, ...(values.id ? { id: values.id } : {}) });
        print(json, tenant, `tenant ${tenant.id} (${tenant.name}) created`);
        return 0;
      });
    case 'tenant list':
      return withStore(configFrom(values.config, label), async (store) => {
        const tenants = await store.listTenants(ALL_TENANTS);
        print(json, tenants, tenants.map((t) => `${t.id}\t${t.name}`).join('\n'));
        return 0;
      });
    case 'token create': {
      const tenantIds = tenantsFrom(values.tenant, values.tenants);
      const role = values.role ?? (tenantIds.length > 0 ? 'internal-admin' : 'provider-admin');
      if (!(ROLES as readonly string[]).includes(role)) throw new CollectorError('COL_ERR_USAGE', `--role must be one of ${ROLES.join(', ')}, got "${role}"`);
      if (role.startsWith('internal') && tenantIds.length !== 1) throw new CollectorError('COL_ERR_USAGE', `--role ${role} needs --tenant <id>`);
      const scopes = values.scopes ? listOf(values.scopes) : [...TOKEN_SCOPES];
      const badScope = scopes.find((x) => !isTokenScope(x));
      if (badScope !== undefined || scopes.length === 0) throw new CollectorError('COL_ERR_USAGE', `--scopes must be a list of ${TOKEN_SCOPES.join(', ')}, got "${values.scopes}"`);
      return withStore(configFrom(values.config, label), async (store) => {
        const expiresAt = values['expires-in'] ? Date.now() + parseDuration(values['expires-in'], '--expires-in') : null;
        const created = await store.createApiToken({ tenantIds, allTenants: tenantIds.length === 0, name: need(values.name, '--name <name>'), role, scopes, expiresAt });
        print(json, created, created.token);
        return 0;
      });
    }
    case 'token list':
      return withStore(configFrom(values.config, label), async (store) => {
        const { tokens } = await store.listApiTokens(ALL_TENANTS, { tenantId: values.tenant, includeRevoked: values.all ?? false }, { limit: 100_000, offset: 0 });
        print(json, tokens, tokens.map((t) => [
          t.id, t.name, t.role, t.allTenants ? 'all tenants' : t.tenantIds.join(','), t.scopes.join(','),
          t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt ? `expires ${t.expiresAt}` : 'no expiry',
        ].join('\t')).join('\n'));
        return 0;
      });
    case 'token revoke':
      return withStore(configFrom(values.config, label), async (store) => {
        const id = need(arg, '<token-id>');
        if (!(await store.revokeApiToken(id))) throw new CollectorError('COL_ERR_NOT_FOUND', `API token ${id} not found or already revoked`);
        print(json, { id, revoked: true }, `API token ${id} revoked`);
        return 0;
      });
    case 'user create': {
      const role = need(values.role, '--role <role>');
      if (!(ROLES as readonly string[]).includes(role)) throw new CollectorError('COL_ERR_USAGE', `--role must be one of ${ROLES.join(', ')}, got "${role}"`);
      const email = need(values.email, '--email <email>');
      const name = need(values.name, '--name <name>');
      let passwordHash: string | null = null;
      if (values['password-stdin']) {
        const password = (await readStdin()).replace(/\r?\n$/, '');
        const problem = passwordProblem(password);
        if (problem) throw new CollectorError('COL_ERR_USAGE', `--password-stdin: ${problem}`);
        passwordHash = await hashPassword(password);
      }
      return withStore(configFrom(values.config, label), async (store) => {
        const user = await new AccountStore(store.db).createUser({ email, name, role, assignment: defaultAssignment(role, tenantsFrom(values.tenant, values.tenants)), passwordHash });
        print(json, user, `user ${user.id} (${user.email}, ${user.role}) created`);
        return 0;
      });
    }
    case 'user list':
      return withStore(configFrom(values.config, label), async (store) => {
        const { users } = await new AccountStore(store.db).listUsers(ALL_TENANTS, { tenantId: values.tenant, role: values.role, includeDisabled: values.all ?? false }, { limit: 100_000, offset: 0 });
        print(json, users, users.map(userLine).join('\n'));
        return 0;
      });
    case 'user disable':
      return withStore(configFrom(values.config, label), async (store) => {
        const id = need(arg, '<user-id>');
        const user = await new AccountStore(store.db).updateUser(id, ALL_TENANTS, { disabled: true });
        if (!user) throw new CollectorError('COL_ERR_NOT_FOUND', `user ${id} not found`);
        print(json, user, `user ${id} (${user.email}) disabled; their sessions have ended`);
        return 0;
      });
    case 'enroll-token create': {
      const maxUses = values['max-uses'] === undefined ? null : Number(values['max-uses']);
      if (maxUses !== null && (!Number.isInteger(maxUses) || maxUses < 1)) throw new CollectorError('COL_ERR_USAGE', `--max-uses must be a positive integer, got "${values['max-uses']}"`);
      return withStore(configFrom(values.config, label), async (store) => {
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
    case 'ownership contract':
    case 'ownership diff':
    case 'ownership apply': {
      const config = values.url ? null : configFrom(values.config, `${label} without --url`);
      const token = values.token ?? process.env.TANDEM_API_TOKEN;
      if (!token) throw new CollectorError('COL_ERR_USAGE', `ownership ${sub} needs --token <api token> or $TANDEM_API_TOKEN`);
      const o = {
        url: values.url ?? config!.publicUrl ?? `http${config!.tls ? 's' : ''}://${config!.listen.host === '0.0.0.0' ? '127.0.0.1' : config!.listen.host}:${config!.listen.port}`,
        token,
        tenant: need(values.tenant, '--tenant <id>'),
      };
      if (sub === 'contract') {
        process.stdout.write(await contractText({ ...o, ...(values.version ? { version: values.version } : {}), ...(values.format ? { format: values.format } : {}) }));
        return 0;
      }
      if (sub === 'diff' && values.from !== undefined) {
        const d = await versionDiffText({ ...o, from: values.from, ...(values.to ? { to: values.to } : {}) });
        console.log(d.text);
        return d.changed ? 1 : 0;
      }
      const withFile = { ...o, file: need(values.file, sub === 'diff' ? '--file <ownership.yaml> (or --from N to compare versions)' : '--file <ownership.yaml>') };
      if (sub === 'diff') {
        const patch = await ownershipDiff(withFile);
        console.log(patch || `ownership of ${o.tenant} already matches ${withFile.file}`);
        // Like diff(1): 1 when there are differences, so scripts can gate on it.
        return patch ? 1 : 0;
      }
      const version = await ownershipApply(withFile);
      console.log(`ownership of ${o.tenant} is now version ${version ?? '?'}`);
      return 0;
    }
    case 'maintenance list':
    case 'maintenance add':
    case 'maintenance remove': {
      const config = values.url ? null : configFrom(values.config, `${label} without --url`);
      const token = values.token ?? process.env.TANDEM_API_TOKEN;
      if (!token) throw new CollectorError('COL_ERR_USAGE', `maintenance ${sub} needs --token <api token> or $TANDEM_API_TOKEN`);
      const o = {
        url: values.url ?? config!.publicUrl ?? `http${config!.tls ? 's' : ''}://${config!.listen.host === '0.0.0.0' ? '127.0.0.1' : config!.listen.host}:${config!.listen.port}`,
        token, tenant: need(values.tenant, '--tenant <id>'),
      };
      const out = sub === 'list' ? await maintenanceList(o) : sub === 'add' ? await maintenanceAdd(o, need(values.file, '--file <window.yaml>')) : await maintenanceRemove(o, need(arg, '<window-id>'));
      print(json, out.json, out.text);
      return 0;
    }
    case 'routes test':
    case 'routes matrix':
    case 'routes gaps':
      return runRoutesCli(argv.slice(1));
    case 'device list':
      return withStore(configFrom(values.config, label), async (store) => {
        const devices = await store.listDevices(ALL_TENANTS);
        print(json, devices.map(({ status: _s, ...d }) => d), devices.map((d) => `${d.id}\t${d.tenantId}\t${d.hostname}\t${d.lastSeenAt ?? 'never'}${d.revokedAt ? '\trevoked' : ''}`).join('\n'));
        return 0;
      });
    case 'device revoke':
      return withStore(configFrom(values.config, label), async (store) => {
        const id = need(arg, '<device-id>');
        if (!(await store.revokeDevice(id, ALL_TENANTS))) throw new CollectorError('COL_ERR_NOT_FOUND', `device ${id} not found or already revoked`);
        print(json, { id, revoked: true }, `device ${id} revoked`);
        return 0;
      });
    case 'migrate-store': {
      const config = configFrom(values.config, label);
      if (config.store.kind !== 'sqlite') {
        throw new CollectorError('COL_ERR_USAGE', `migrate-store copies the embedded store, but ${config.file ?? 'the config'} has store.kind: ${config.store.kind}; give the config whose store is the embedded one`);
      }
      const to = need(values.to, '--to <postgres://user@host:5432/database | env:NAME>');
      const url = to.startsWith('env:') ? process.env[to.slice(4)] ?? '' : to;
      if (!url) throw new CollectorError('COL_ERR_USAGE', `--to names the environment variable ${to.slice(4)}, which is not set`);
      if (!/^postgres(ql)?:\/\//.test(url)) throw new CollectorError('COL_ERR_USAGE', `--to: expected a postgres:// URL (or env:NAME holding one), got "${redactUrl(url)}"`);
      rememberSecret(url);
      const sqliteFile = join(config.dataDir, config.store.path);
      const copies = await migrateStore({
        sqliteFile, postgresUrl: url, replace: values.replace ?? false,
        onTable: json ? undefined : (c) => console.error(`${c.table}: ${c.rows} rows`),
      });
      const rows = copies.reduce((n, c) => n + c.rows, 0);
      print(json, { from: sqliteFile, to: redactUrl(url), tables: copies }, `copied ${copies.length} tables, ${rows} rows, from ${sqliteFile} to ${redactUrl(url)}; counts match. Next: set store: { kind: postgres, url: ... } in the config and start the collector.`);
      return 0;
    }
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
