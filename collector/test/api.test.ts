import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawAgent, sampleSnapshot, startHarness } from './support/harness.js';
import type { Harness } from './support/harness.js';

let h: Harness;
let otherTenantToken: string;
let acmeDevice: string;
let globexDevice: string;

beforeAll(async () => {
  h = await startHarness();
  await h.server.store.createTenant({ id: 'globex', name: 'Globex' });
  otherTenantToken = (await h.server.store.createApiToken({ tenantId: 'globex', name: 'globex it', role: 'internal-viewer' })).token;
  for (const [tenant, pct] of [['acme', 51], ['globex', 61]] as const) {
    const d = await h.enroll(tenant);
    const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
    agent.hello(d.deviceId);
    agent.report(1, sampleSnapshot(d.deviceId, pct));
    await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
    agent.close();
    if (tenant === 'acme') acmeDevice = d.deviceId;
    else globexDevice = d.deviceId;
  }
});
afterAll(async () => { await h.close(); });

async function api(path: string, token: string | null, init: RequestInit = {}) {
  const res = await fetch(`${h.url}${path}`, {
    ...init,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('REST API', () => {
  it('needs a bearer token', async () => {
    const r = await api('/api/v1/devices', null);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('COL_ERR_UNAUTHORIZED');
    expect((await api('/api/v1/devices', 'tdm_not_a_token')).status).toBe(401);
  });

  it('lists devices with the snapshot under status', async () => {
    const r = await api('/api/v1/devices', h.adminToken);
    expect(r.status).toBe(200);
    const acme = r.body.devices.find((d: { id: string }) => d.id === acmeDevice);
    expect(acme).toMatchObject({ id: acmeDevice, hostname: 'host-under-test', tenantId: 'acme' });
    expect(acme.lastSeenAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(acme.status.disk.volumes[0]).toMatchObject({ mount: '/', usedPercent: 51 });
    const one = await api(`/api/v1/devices/${acmeDevice}`, h.adminToken);
    expect(one.body.status.deviceId).toBe(acmeDevice);
  });

  it("never shows one tenant another tenant's devices", async () => {
    const list = await api('/api/v1/devices', otherTenantToken);
    expect(list.body.devices.map((d: { id: string }) => d.id)).toEqual([globexDevice]);
    const other = await api(`/api/v1/devices/${acmeDevice}`, otherTenantToken);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('COL_ERR_NOT_FOUND');
    expect((await api(`/api/v1/devices/${acmeDevice}/reports`, otherTenantToken)).status).toBe(404);
    expect((await api('/api/v1/tenants', otherTenantToken)).body.tenants.map((t: { id: string }) => t.id)).toEqual(['globex']);
  });

  it('does not let a viewer change anything', async () => {
    const r = await api(`/api/v1/devices/${globexDevice}/revoke`, otherTenantToken, { method: 'POST' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('COL_ERR_FORBIDDEN');
    const t = await api('/api/v1/enroll-tokens', otherTenantToken, { method: 'POST', body: JSON.stringify({ tenantId: 'globex' }) });
    expect(t.status).toBe(403);
  });

  it('names what is wrong in a bad body', async () => {
    const r = await api('/api/v1/enroll-tokens', h.adminToken, { method: 'POST', body: JSON.stringify({ tenantId: 'acme', maxUses: 'lots', colour: 'red' }) });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('COL_ERR_BAD_REQUEST');
    expect(r.body.error.message).toMatch(/body/);
    const bad = await fetch(`${h.url}/api/v1/tenants`, { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json' }, body: '{"name": ' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('COL_ERR_BAD_REQUEST');
  });

  it('enrolls with a token at most maxUses times and refuses expired tokens', async () => {
    const created = await api('/api/v1/enroll-tokens', h.adminToken, { method: 'POST', body: JSON.stringify({ tenantId: 'acme', maxUses: 1, site: 'hq', tags: ['finance'] }) });
    expect(created.status).toBe(201);
    const first = await api('/api/v1/enroll', null, { method: 'POST', body: JSON.stringify({ token: created.body.token, hostname: 'laptop-1', os: 'win32' }) });
    expect(first.status).toBe(201);
    expect(first.body.agentUrls[0]).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/agent\/v1$/);
    const device = await api(`/api/v1/devices/${first.body.deviceId}`, h.adminToken);
    expect(device.body).toMatchObject({ site: 'hq', tags: ['finance'], tenantId: 'acme' });
    const second = await api('/api/v1/enroll', null, { method: 'POST', body: JSON.stringify({ token: created.body.token, hostname: 'laptop-2' }) });
    expect(second.status).toBe(403);
    expect(second.body.error.message).toMatch(/no uses left/);
    const expired = await h.server.store.createEnrollToken({ tenantId: 'acme', expiresAt: Date.now() - 1000 });
    const late = await api('/api/v1/enroll', null, { method: 'POST', body: JSON.stringify({ token: expired.token, hostname: 'x' }) });
    expect(late.body.error.message).toMatch(/expired/);
  });

  it('refuses an expired or revoked API token', async () => {
    const expired = await h.server.store.createApiToken({ tenantId: null, name: 'old', role: 'provider-admin', expiresAt: Date.now() - 1 });
    expect((await api('/api/v1/devices', expired.token)).status).toBe(401);
    const revoked = await h.server.store.createApiToken({ tenantId: null, name: 'gone', role: 'provider-admin' });
    await h.server.store.revokeApiToken(revoked.id);
    expect((await api('/api/v1/devices', revoked.token)).status).toBe(401);
  });

  it('answers health and readiness', async () => {
    expect((await api('/healthz', null)).body).toEqual({ status: 'ok' });
    expect((await api('/readyz', null)).body).toEqual({ status: 'ready' });
  });
});
