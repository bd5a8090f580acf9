// GET /api/v1/compliance/patches against an in-process collector (SQLite, or
// PostgreSQL in the collector-pg project): agents report pending updates over
// the wire, the collector's first-seen clock ages them, each tenant's limit
// applies, and a tenant sees only its own devices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingUpdate } from '@tandem/proto';
import type { Snapshot } from '@tandem/proto';
import { RawAgent, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { DAY, healthySnapshot } from './support.js';

let h: Harness;
let acmeToken: string;
const devices: Record<string, string> = {};

async function api(path: string, token = h.adminToken) {
  const res = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function report(tenant: string, snapshot: (deviceId: string) => Snapshot): Promise<string> {
  const d = await h.enroll(tenant);
  const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
  agent.hello(d.deviceId);
  agent.report(1, snapshot(d.deviceId));
  await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
  agent.close();
  return d.deviceId;
}

function withUpdates(...updates: ReturnType<typeof pendingUpdate>[]) {
  return (deviceId: string): Snapshot => {
    const s = healthySnapshot(deviceId, Date.now());
    s.patch!.updates.push(...updates);
    return s;
  };
}

/** Waits until the rules stage recorded the device's pending updates, then backdates them: the collector first saw them `days` ago. */
async function firstSeenDaysAgo(deviceId: string, days: number, names: string[]): Promise<void> {
  const db = h.server.store.db;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const rows = await db.selectFrom('device_update_seen').select('name').where('device_id', '=', deviceId).execute();
    if (names.every((n) => rows.some((r) => r.name === n))) break;
    if (Date.now() > deadline) throw new Error(`updates of ${deviceId} were never recorded`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
  await db.updateTable('device_update_seen').set({ first_seen_at: Date.now() - days * DAY }).where('device_id', '=', deviceId).where('name', 'in', names).execute();
}

beforeAll(async () => {
  // Globex's contract allows 30 days; everyone else is held to the pack's 14.
  h = await startHarness('rules:\n  overrides:\n    - { match: { tenant: globex }, rule: patch-compliance, params: { maxAge: 30d } }\n');
  await h.server.store.createTenant({ id: 'globex', name: 'Globex' });
  acmeToken = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme it', role: 'internal-viewer' })).token;

  devices.late = await report('acme', withUpdates(
    pendingUpdate('openssl', { security: true }), pendingUpdate('2026-11 Cumulative Update (KB5046617)', { security: false, severity: 'Critical', kb: 'KB5046617' }),
  ));
  devices.fresh = await report('acme', withUpdates(pendingUpdate('curl', { security: true })));
  devices.clean = await report('acme', withUpdates());
  devices.unknown = await report('acme', (id) => ({ ...healthySnapshot(id, Date.now()), patch: { ...healthySnapshot(id).patch!, state: 'unknown', reason: 'apt: could not get lock /var/lib/dpkg/lock-frontend', updates: [] } }));
  devices.globex = await report('globex', withUpdates(pendingUpdate('openssl', { security: true })));

  await firstSeenDaysAgo(devices.late, 20, ['openssl']);
  await firstSeenDaysAgo(devices.late, 16, ['2026-11 Cumulative Update (KB5046617)']);
  await firstSeenDaysAgo(devices.fresh, 3, ['curl']);
  await firstSeenDaysAgo(devices.globex, 20, ['openssl']);
});
afterAll(async () => { await h.close(); });

describe('patch compliance API', () => {
  it('lists who is out of compliance, since when and by how many days, worst first', async () => {
    const r = await api('/api/v1/compliance/patches?tenant=acme');
    expect(r.status).toBe(200);
    expect(r.body.rule).toBe('patch-compliance');
    expect(r.body.summary).toEqual({ devices: 4, compliant: 2, outOfCompliance: 1, unknown: 1 });
    const [late, ...rest] = r.body.devices;
    expect(late).toMatchObject({
      deviceId: devices.late, tenantId: 'acme', hostname: 'fin-ws-07', compliant: false, maxAgeDays: 14,
      securityPendingCount: 2, oldestUpdate: 'openssl', daysOver: 6,
      reason: 'openssl has been pending longer than 14 days',
    });
    const since = Date.parse(late.securityPendingSince);
    expect(Math.abs(since - (Date.now() - 20 * DAY))).toBeLessThan(60_000);
    expect(Date.parse(late.outOfComplianceSince) - since).toBe(14 * DAY);
    expect(rest.map((d: { deviceId: string; compliant: boolean | null }) => [d.deviceId, d.compliant])).toEqual(
      [[devices.unknown, null], ...[[devices.clean, true], [devices.fresh, true]].sort()],
    );
    expect(rest[0].reason).toBe('patch status unknown: apt: could not get lock /var/lib/dpkg/lock-frontend');
    const fresh = rest.find((d: { deviceId: string }) => d.deviceId === devices.fresh);
    expect(fresh).toMatchObject({ securityPendingCount: 1, oldestUpdate: 'curl', outOfComplianceSince: null, daysOver: 0 });
  });

  it('holds each tenant to its own limit', async () => {
    const r = await api('/api/v1/compliance/patches?tenant=globex');
    expect(r.body.devices).toEqual([expect.objectContaining({ deviceId: devices.globex, compliant: true, maxAgeDays: 30, securityPendingCount: 1, daysOver: 0 })]);
  });

  it('filters by status', async () => {
    const r = await api('/api/v1/compliance/patches?status=out');
    expect(r.body.devices.map((d: { deviceId: string }) => d.deviceId)).toEqual([devices.late]);
    expect(r.body.summary.devices).toBe(5);
  });

  it('shows a tenant only its own devices; another tenant is an empty list', async () => {
    const own = await api('/api/v1/compliance/patches', acmeToken);
    expect(own.status).toBe(200);
    expect(own.body.devices.every((d: { tenantId: string }) => d.tenantId === 'acme')).toBe(true);
    expect(own.body.summary.devices).toBe(4);
    const other = await api('/api/v1/compliance/patches?tenant=globex', acmeToken);
    expect(other.status).toBe(200);
    expect(other.body.devices).toEqual([]);
  });

  it('refuses an unknown parameter or status with the field named, and a caller without a token', async () => {
    const bad = await api('/api/v1/compliance/patches?status=late');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('status');
    const extra = await api('/api/v1/compliance/patches?tennant=acme');
    expect(extra.status).toBe(400);
    const anonymous = await fetch(`${h.url}/api/v1/compliance/patches`);
    expect(anonymous.status).toBe(401);
  });

  it('internal IT can set its own limit through threshold tuning, and the report follows it', async () => {
    const admin = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme admin', role: 'internal-admin' })).token;
    const res = await fetch(`${h.url}/api/v1/tenants/acme/tuning`, {
      method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'threshold', rule: 'patch-compliance', match: {}, params: { maxAge: '21d' }, reason: 'monthly patch window' }),
    });
    expect(res.status).toBe(201);
    const deadline = Date.now() + 10_000;
    let late: Record<string, unknown> | undefined;
    for (;;) {
      late = (await api(`/api/v1/compliance/patches?tenant=acme`)).body.devices.find((d: { deviceId: string }) => d.deviceId === devices.late);
      if (late?.maxAgeDays === 21 || Date.now() > deadline) break;
      await new Promise((ok) => setTimeout(ok, 50));
    }
    expect(late).toMatchObject({ compliant: true, maxAgeDays: 21, daysOver: 0 });
    // Another tenant's limit is untouched.
    expect((await api('/api/v1/compliance/patches?tenant=globex')).body.devices[0].maxAgeDays).toBe(30);
    const revert = await fetch(`${h.url}/api/v1/tenants/acme/audit/${((await res.json()) as { auditId: string }).auditId}/revert`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
    expect(revert.status).toBe(201);
    const back = Date.now() + 10_000;
    while ((await api('/api/v1/compliance/patches?status=out')).body.devices[0]?.maxAgeDays !== 14 && Date.now() < back) await new Promise((ok) => setTimeout(ok, 50));
    expect((await api('/api/v1/compliance/patches?status=out')).body.devices[0]).toMatchObject({ deviceId: devices.late, maxAgeDays: 14 });
  });

  it('the patch-compliance rule fires for the device that is out of compliance', async () => {
    await h.server.rules.evaluateAll();
    const r = await api(`/api/v1/alerts?device=${devices.late}&rule=patch-compliance`);
    expect(r.body.alerts).toEqual([expect.objectContaining({ ruleId: 'patch-compliance', state: 'firing', severity: 'warning', category: 'patch' })]);
    expect(r.body.alerts[0].summary).toMatch(/^Out of patch compliance: 2 security update\(s\) pending, the oldest \(openssl\) since 20\d\d-.*, longer than 14d$/);
    const g = await api(`/api/v1/alerts?device=${devices.globex}&rule=patch-compliance`);
    expect(g.body.alerts).toEqual([]);
  });
});
