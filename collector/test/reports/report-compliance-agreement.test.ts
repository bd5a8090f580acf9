// The SLA report's patch section and GET /api/v1/compliance/patches are one
// computation: for the same store (SQLite, or PostgreSQL in the collector-pg
// project) they name the same devices, limits and days over, also after
// internal IT tuned a tenant's limit for a device group. The backup section
// follows the backup-stale rule's threshold the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupJob, pendingUpdate } from '@tandem/proto';
import type { Snapshot } from '@tandem/proto';
import { RawAgent, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { DAY, HOUR, healthySnapshot } from '../rules/support.js';

let h: Harness;
let acmeAdmin: string;

async function call(path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${h.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${acmeAdmin}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** Enrolls a device at `site` and has it report `snapshot` over the wire. */
async function report(site: string, hostname: string, snapshot: (s: Snapshot) => void): Promise<string> {
  const { token } = await h.server.store.createEnrollToken({ tenantId: 'acme', site });
  const d = await h.server.store.enrollDevice(token, { hostname, os: 'linux', agentVersion: '0.1.0' });
  const s = healthySnapshot(d.deviceId, Date.now());
  s.inventory!.hostname = hostname;
  snapshot(s);
  const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.deviceSecret);
  agent.hello(d.deviceId);
  agent.report(1, s);
  await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
  agent.close();
  return d.deviceId;
}

async function until<T>(probe: () => Promise<T | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Once the rules stage recorded the device's pending updates, backdates one: the collector first saw it `days` ago. */
async function firstSeenDaysAgo(deviceId: string, name: string, days: number): Promise<void> {
  const db = h.server.store.db;
  await until(async () => (await db.selectFrom('device_update_seen').select('name').where('device_id', '=', deviceId).where('name', '=', name).execute()).length > 0, `${name} on ${deviceId} to be recorded`);
  await db.updateTable('device_update_seen').set({ first_seen_at: Date.now() - days * DAY }).where('device_id', '=', deviceId).where('name', '=', name).execute();
}

const security = (name: string) => (s: Snapshot) => { s.patch!.updates.push(pendingUpdate(name, { security: true })); };

beforeAll(async () => {
  h = await startHarness();
  acmeAdmin = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme it', role: 'internal-admin' })).token;

  const ids = {
    late: await report('office', 'ws-late', security('openssl')),
    critical: await report('office', 'ws-critical', (s) => { s.patch!.updates.push(pendingUpdate('2026-11 Cumulative Update (KB5046617)', { security: false, severity: 'Critical', kb: 'KB5046617' })); }),
    fresh: await report('office', 'ws-fresh', security('curl')),
    clean: await report('office', 'ws-clean', () => {}),
    unknown: await report('office', 'ws-unknown', (s) => { s.patch = { ...s.patch!, state: 'unknown', reason: 'apt: could not get lock /var/lib/dpkg/lock-frontend', updates: [] }; }),
    // The lab's contract allows 30 days (tuned below): 20 days is within it, 40 is not.
    labOk: await report('lab', 'lab-ok', security('openssl')),
    labLate: await report('lab', 'lab-late', (s) => {
      security('openssl')(s);
      s.backup = { state: 'ok', reason: null, jobs: [backupJob('restic', 'home', { lastSuccessAt: new Date(Date.now() - 40 * HOUR).toISOString(), lastResult: 'success' })] };
    }),
  };
  await firstSeenDaysAgo(ids.late, 'openssl', 20);
  await firstSeenDaysAgo(ids.critical, '2026-11 Cumulative Update (KB5046617)', 16);
  await firstSeenDaysAgo(ids.fresh, 'curl', 3);
  await firstSeenDaysAgo(ids.labOk, 'openssl', 20);
  await firstSeenDaysAgo(ids.labLate, 'openssl', 40);

  for (const body of [
    { action: 'threshold', rule: 'patch-compliance', match: { site: 'lab' }, params: { maxAge: '30d' }, reason: 'lab machines are patched monthly' },
    { action: 'threshold', rule: 'backup-stale', match: { site: 'lab' }, params: { warnAfter: '48h' }, reason: 'lab backups run every other day' },
  ]) {
    const r = await call('/api/v1/tenants/acme/tuning', { method: 'POST', body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  await until(async () => (await call('/api/v1/reports/sla?tenant=acme')).body.backup?.limitsHours?.some((l: any) => l.limit === 48)
    && (await call('/api/v1/compliance/patches?tenant=acme')).body.devices?.some((d: any) => d.hostname === 'lab-ok' && d.maxAgeDays === 30), 'the tuned limits to be in force');
});
afterAll(async () => { await h.close(); });

describe('SLA report and compliance API agree', () => {
  it('the report\'s patch figures are the API\'s, with each device group\'s limit', async () => {
    const [api, sla] = await Promise.all([call('/api/v1/compliance/patches?tenant=acme'), call('/api/v1/reports/sla?tenant=acme')]);
    expect(api.status).toBe(200);
    expect(sla.status).toBe(200);
    const patch = sla.body.patch;

    // The figures, and that they are the ones the seeding makes (so agreement is not agreement on nothing).
    expect(api.body.summary).toEqual({ devices: 7, compliant: 3, outOfCompliance: 3, unknown: 1 });
    expect({ devices: patch.devices, compliant: patch.compliant, outOfCompliance: patch.outOfCompliance.length, unknown: patch.unknown.length }).toEqual(api.body.summary);
    expect(patch.assessed).toBe(api.body.summary.compliant + api.body.summary.outOfCompliance);

    const out = (api.body.devices as any[]).filter((d) => d.compliant === false)
      .map((d) => ({ hostname: d.hostname, limitDays: d.maxAgeDays, securityPending: d.securityPendingCount, oldestUpdate: d.oldestUpdate, outOfComplianceSince: d.outOfComplianceSince, daysOver: d.daysOver }));
    expect(patch.outOfCompliance).toEqual(out);
    expect(out.map((d) => `${d.hostname}:${d.limitDays}:${d.daysOver}`)).toEqual(['lab-late:30:10', 'ws-late:14:6', 'ws-critical:14:2']);

    expect(patch.unknown).toEqual((api.body.devices as any[]).filter((d) => d.compliant === null).map((d) => ({ hostname: d.hostname, reason: d.reason })));
    expect(patch.unknown).toEqual([{ hostname: 'ws-unknown', reason: 'patch status unknown: apt: could not get lock /var/lib/dpkg/lock-frontend' }]);
    expect(patch.limitsDays).toEqual([{ limit: 14, devices: 4 }, { limit: 30, devices: 2 }]);
  });

  it('the report document says the same, naming the limits in force', async () => {
    const res = await fetch(`${h.url}/api/v1/reports/sla?tenant=acme&format=html`, { headers: { authorization: `Bearer ${acmeAdmin}` } });
    const html = await res.text();
    expect(html).toContain('3 of 6 devices within their patch compliance limit (14 days for 4 devices, 30 days for 2 devices for pending security and critical updates); 1 of 7 devices could not be assessed.');
    // lab-late's backup is 40 hours old: within the lab's tuned 48 hours, where the pack's 26 would call it stale.
    expect(html).toContain('7 of 7 devices have a backup that succeeded within their limit (26 hours for 5 devices, 48 hours for 2 devices).');
  });
});
