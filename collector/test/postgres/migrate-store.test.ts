// migrate-store: a real embedded store, filled by a real collector (agents'
// reports, an alert, a dead letter, tokens), copied into a real PostgreSQL
// database; a collector started on that database serves the same devices,
// status and alerts. The copy refuses a target that holds data unless told,
// and the CLI says what is wrong.
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RawAgent, sampleSnapshot, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { migrateStore } from '../../src/store/migrate-store.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { CollectorError } from '../../src/errors.js';
import { ALL_TENANTS } from '../../src/store/store.js';
import { AlertStore } from '../../src/rules/alert-store.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
  execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } }, (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }));
});

const databases: string[] = [];
async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
async function freshDatabase(): Promise<string> {
  const name = `tandem_migrate_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  databases.push(name);
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

let h: Harness;
let sqliteFile: string;
let deviceIds: string[];

// The copy is PostgreSQL-bound whichever store the project runs; once is enough.
describe.skipIf(process.env.TANDEM_TEST_STORE === 'postgres')('migrate-store', () => {
  beforeAll(async () => {
    h = await startHarness('store: { kind: sqlite, path: tandem.db }\nrules: { overrides: [{ rule: disk-full, for: 0s }] }\n');
    sqliteFile = join(h.dataDir, 'tandem.db');
    deviceIds = [];
    for (let d = 0; d < 2; d++) {
      const device = await h.enroll();
      deviceIds.push(device.deviceId);
      const agent = await RawAgent.connect(h.wsUrl, device.deviceId, device.secret);
      agent.hello(device.deviceId);
      for (let seq = 1; seq <= 12; seq++) agent.report(seq, sampleSnapshot(device.deviceId, d === 0 ? 97 : 40 + seq));
      await agent.waitFor((fs) => fs.filter((f) => f.body === 'ack').length === 12, 30_000);
      agent.close();
    }
    const alerts = new AlertStore(h.server.store.db);
    for (let i = 0; i < 100; i++) {
      if ((await alerts.list({ ruleId: 'disk-full' }, ALL_TENANTS, { limit: 10, offset: 0 })).total >= 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await h.server.store.db.insertInto('notify_dead_letters').values({
      id: 'dl-1', tenant_id: h.tenantId, at: Date.now(), team: 'internal', channel: 'hook', channel_type: 'webhook', kind: 'firing', alert_ids: '[]', alert_count: 1,
      error: 'HTTP 500', retryable: 1, attempts: 6, notification: '{}', status: 'open', retried_at: null, retried_by: null,
    }).execute();
    // The collector stops before its store is copied.
    await h.server.close();
  });

  afterAll(async () => {
    rmSync(h.dataDir, { recursive: true, force: true });
    for (const name of databases) await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  });

  async function sourceCounts(): Promise<Record<string, number>> {
    const store = await openSqliteStore(sqliteFile);
    try {
      const tables = ['tenants', 'api_tokens', 'devices', 'reports', 'alerts', 'alert_history', 'device_update_seen', 'device_presence', 'notify_dead_letters'] as const;
      const out: Record<string, number> = {};
      for (const t of tables) out[t] = Number((await store.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return out;
    } finally {
      await store.close();
    }
  }

  it('copies every table in batches, counts checked, and a collector on PostgreSQL serves the same data', async () => {
    const url = await freshDatabase();
    const seen: string[] = [];
    const copies = await migrateStore({ sqliteFile, postgresUrl: url, batchRows: 5, onTable: (c) => seen.push(c.table) });
    const counts = await sourceCounts();
    const copied = Object.fromEntries(copies.map((c) => [c.table, c.rows]));
    for (const [table, n] of Object.entries(counts)) expect(copied[table], table).toBe(n);
    expect(counts.reports).toBe(24);
    expect(counts.alerts).toBeGreaterThanOrEqual(1);
    // Referenced tables come first.
    expect(seen.indexOf('tenants')).toBeLessThan(seen.indexOf('devices'));
    expect(seen.indexOf('devices')).toBeLessThan(seen.indexOf('reports'));
    expect(seen.indexOf('alerts')).toBeLessThan(seen.indexOf('alert_history'));
    expect(seen).not.toContain('kysely_migration');

    const store = await openPostgresStore(url);
    try {
      const device = await store.getDevice(deviceIds[1]!, ALL_TENANTS);
      expect(device!.status!.disk!.volumes[0]!.usedPercent).toBe(52);
      expect(device!.lastSeq).toBe(12);
      const alerts = await new AlertStore(store.db).list({ ruleId: 'disk-full' }, ALL_TENANTS, { limit: 10, offset: 0 });
      expect(alerts.alerts.map((a) => a.deviceId)).toEqual([deviceIds[0]]);
      // The admin token made before the move still works after it.
      expect(await store.verifyApiToken(h.adminToken)).not.toBeNull();
    } finally {
      await store.close();
    }
  });

  it('refuses a target that holds data, naming the tables, and replaces it when told', async () => {
    const url = await freshDatabase();
    await migrateStore({ sqliteFile, postgresUrl: url });
    const err = await migrateStore({ sqliteFile, postgresUrl: url }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectorError);
    expect((err as Error).message).toMatch(/is not empty: .*tenants \(1 rows\).*reports \(24 rows\).*pass --replace/);
    const again = await migrateStore({ sqliteFile, postgresUrl: url, replace: true });
    expect(again.find((c) => c.table === 'reports')!.rows).toBe(24);
  });

  // Seven CLI processes: bounded generously, the machine may be busy.
  it('runs from the CLI, and the CLI says what is wrong', { timeout: 180_000 }, async () => {
    const config = join(h.dataDir, 'collector.yaml');
    writeFileSync(config, `dataDir: ${h.dataDir}\nstore: { kind: sqlite, path: tandem.db }\n`);
    const url = await freshDatabase();
    const ok = await cli(['migrate-store', '--config', config, '--to', 'env:TANDEM_T_MIGRATE_URL'], { TANDEM_T_MIGRATE_URL: url });
    expect(ok.stderr).toContain('reports: 24 rows');
    expect(ok.stdout).toMatch(/copied \d+ tables, \d+ rows, from .*tandem\.db to postgres:\/\/.*counts match/);
    expect(ok.code).toBe(0);

    const unset = await cli(['migrate-store', '--config', config, '--to', 'env:TANDEM_T_UNSET']);
    expect([unset.code, unset.stderr.trim()]).toEqual([2, 'tandem-collector: --to names the environment variable TANDEM_T_UNSET, which is not set']);
    const notPg = await cli(['migrate-store', '--config', config, '--to', 'mysql://db/tandem']);
    expect(notPg.stderr).toContain('--to: expected a postgres:// URL');
    const missing = await cli(['migrate-store', '--config', config]);
    expect(missing.stderr).toContain('migrate-store needs --to');
    const pgConfig = join(h.dataDir, 'pg.yaml');
    writeFileSync(pgConfig, `store: { kind: postgres, url: "${url}" }\n`);
    expect((await cli(['migrate-store', '--config', pgConfig, '--to', url])).stderr).toMatch(/copies the embedded store, but .*pg\.yaml has store\.kind: postgres/);
    const noFile = join(h.dataDir, 'empty.yaml');
    writeFileSync(noFile, `dataDir: ${join(h.dataDir, 'nowhere')}\n`);
    expect((await cli(['migrate-store', '--config', noFile, '--to', url])).stderr).toMatch(/there is no embedded store at .*nowhere\/tandem\.db/);
    const full = await cli(['migrate-store', '--config', config, '--to', url]);
    expect([full.code, full.stderr]).toEqual([1, expect.stringMatching(/is not empty/)]);
  });
});
