// The same collector on PostgreSQL (the store several nodes share): reports
// stored exactly once, tenant scope, alerts, routing and tuning, on a real
// server. Each run gets its own database.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RawAgent, sampleSnapshot, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { ALL_TENANTS } from '../../src/store/store.js';

const dbName = `tandem_test_${randomBytes(6).toString('hex')}`;
let admin: pg.Client;
let h: Harness;
let acmeAdmin: string;
let globexViewer: string;
let deviceId: string;

async function api(path: string, token: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${h.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${dbName}`;
  h = await startHarness(`store: { kind: postgres, url: "${url.toString()}" }\nrules: { overrides: [{ rule: disk-full, for: 0s }] }\nrouting: { notify: { groupWaitSeconds: 0 } }\n`);
  await h.server.store.createTenant({ id: 'globex', name: 'Globex' });
  acmeAdmin = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme it', role: 'internal-admin' })).token;
  globexViewer = (await h.server.store.createApiToken({ tenantId: 'globex', name: 'globex viewer', role: 'internal-viewer' })).token;
});

afterAll(async () => {
  await h?.close();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
});

describe('collector on PostgreSQL', () => {
  it('stores reports exactly once and acks after the commit', async () => {
    const d = await h.enroll();
    deviceId = d.deviceId;
    const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
    agent.hello(d.deviceId);
    agent.report(1, sampleSnapshot(d.deviceId, 40));
    agent.report(2, sampleSnapshot(d.deviceId, 97));
    agent.report(2, sampleSnapshot(d.deviceId, 10));
    await agent.waitFor((fs) => fs.filter((f) => f.body === 'ack').length === 3);
    expect(agent.frames.filter((f) => f.body === 'ack').map((f) => Number(f.ack!.seq))).toEqual([1, 2, 2]);
    const reports = await h.server.store.listReports(d.deviceId, ALL_TENANTS);
    expect(reports!.map((r) => r.seq)).toEqual([1, 2]);
    const device = await h.server.store.getDevice(d.deviceId, ALL_TENANTS);
    expect(device!.lastSeq).toBe(2);
    expect(typeof device!.lastSeq).toBe('number');
    expect(device!.status!.disk!.volumes[0]!.usedPercent).toBe(97);
    agent.close();
  });

  it('keeps tenants apart in the queries', async () => {
    expect((await api(`/api/v1/devices/${deviceId}`, globexViewer)).status).toBe(404);
    expect((await api('/api/v1/devices', globexViewer)).body.devices).toEqual([]);
    expect((await api(`/api/v1/devices/${deviceId}`, acmeAdmin)).body.status.disk.volumes[0].usedPercent).toBe(97);
  });

  it('fires, routes and acknowledges an alert', async () => {
    let alert: { id: string; ruleId: string; severity: string } | undefined;
    for (let i = 0; i < 600 && !alert; i++) {
      alert = (await api(`/api/v1/alerts?device=${deviceId}&state=firing`, acmeAdmin)).body.alerts.find((a: { ruleId: string }) => a.ruleId === 'disk-full');
      if (!alert) await new Promise((r) => setTimeout(r, 50));
    }
    expect(alert).toMatchObject({ ruleId: 'disk-full', severity: 'critical' });
    const routing = await api(`/api/v1/alerts/${alert!.id}/routing`, acmeAdmin);
    expect(routing.status).toBe(200);
    expect(routing.body.owner).toBe('provider');
    expect(routing.body.trace.length).toBeGreaterThan(0);
    // The provider owns it, so internal IT may not stop its clock; the provider may.
    const refused = await api(`/api/v1/alerts/${alert!.id}/ack`, acmeAdmin, { method: 'POST', body: { comment: 'on it' } });
    expect(refused.body.error.code).toBe('COL_ERR_GUARDRAIL');
    const ack = await api(`/api/v1/alerts/${alert!.id}/ack`, h.adminToken, { method: 'POST', body: { comment: 'on it' } });
    expect(ack.body).toMatchObject({ state: 'acknowledged', acknowledged: { comment: 'on it' } });
    expect((await api(`/api/v1/alerts/${alert!.id}`, globexViewer)).status).toBe(404);
  });

  it('applies internal IT tuning with an audit entry, and reverts it', async () => {
    const tuned = await api('/api/v1/tenants/acme/tuning', acmeAdmin, { method: 'POST', body: { action: 'keep', match: { category: 'disk' }, reason: 'we watch our own disks' } });
    expect(tuned.status).toBe(201);
    const audit = await api('/api/v1/tenants/acme/audit', acmeAdmin);
    expect(audit.body.entries[0]).toMatchObject({ id: tuned.body.auditId });
    expect((await api(`/api/v1/tenants/acme/audit/${tuned.body.auditId}/revert`, acmeAdmin, { method: 'POST' })).status).toBe(201);
    expect((await api('/api/v1/tenants/acme/audit', globexViewer)).status).toBe(404);
  });
});
