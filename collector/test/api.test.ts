import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawAgent, sampleSnapshot, startHarness } from './support/harness.js';
import type { Harness } from './support/harness.js';
import type { Snapshot } from '@tandem/proto';
import { healthySnapshot } from './rules/support.js';

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
}, 60_000);
afterAll(async () => { await h.close(); }, 60_000);

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

  it('enrolls with the site and tags the installer asks for, within what the token allows', async () => {
    const enrollWith = async (tokenBody: object, asked: object) => {
      const { body: t } = await api('/api/v1/enroll-tokens', h.adminToken, { method: 'POST', body: JSON.stringify({ tenantId: 'acme', ...tokenBody }) });
      return { token: t.token as string, res: await api('/api/v1/enroll', null, { method: 'POST', body: JSON.stringify({ token: t.token, hostname: 'pc-labels', ...asked }) }) };
    };
    // A token without a site takes the asked-for one; tags are the union, the token's kept.
    const open = await enrollWith({ tags: ['finance', 'role=desk'] }, { site: 'branch-2', tags: ['floor=3', 'finance'] });
    expect(open.res.status).toBe(201);
    const listed = await api('/api/v1/devices?limit=200', h.adminToken);
    expect(listed.body.devices.find((d: { id: string }) => d.id === open.res.body.deviceId)).toMatchObject({ site: 'branch-2', tags: ['finance', 'role=desk', 'floor=3'] });

    // A token for one site refuses another, and the refusal does not use the token up.
    const fixed = await enrollWith({ site: 'hq', maxUses: 1 }, { site: 'branch-2' });
    expect(fixed.res.status).toBe(403);
    expect(fixed.res.body.error).toMatchObject({ code: 'COL_ERR_FORBIDDEN' });
    expect(fixed.res.body.error.message).toMatch(/token is for site "hq".*site "branch-2"/);
    const same = await api('/api/v1/enroll', null, { method: 'POST', body: JSON.stringify({ token: fixed.token, hostname: 'pc-hq', site: 'hq', tags: ['kiosk'] }) });
    expect(same.status).toBe(201);
    expect((await api(`/api/v1/devices/${same.body.deviceId}`, h.adminToken)).body).toMatchObject({ site: 'hq', tags: ['kiosk'] });

    // A key=value tag the token fixes cannot be changed.
    const clash = await enrollWith({ tags: ['role=server'] }, { tags: ['role=kiosk', 'extra'] });
    expect(clash.res.status).toBe(403);
    expect(clash.res.body.error.message).toMatch(/"role=kiosk" \(the token sets "role=server"\)/);
    // Malformed labels are a bad request, naming the field.
    const bad = await enrollWith({}, { tags: [''] });
    expect(bad.res.status).toBe(400);
    expect(bad.res.body.error.message).toMatch(/tags/);
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

describe('device list: search, filters, sort, paging and one health for list and detail', () => {
  const ids: Record<string, string> = {};
  async function device(tenantId: string, hostname: string, site: string, os: string, snapshot: (id: string) => Snapshot) {
    const { token } = await h.server.store.createEnrollToken({ tenantId, site });
    const d = await h.server.store.enrollDevice(token, { hostname, os, agentVersion: '0.1.0' });
    const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.deviceSecret);
    agent.hello(d.deviceId);
    const s = snapshot(d.deviceId);
    if (s.inventory) s.inventory.hostname = hostname;
    agent.report(1, s);
    await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
    agent.close();
    ids[hostname] = d.deviceId;
  }
  const list = (query: string, token = h.adminToken) => api(`/api/v1/devices?${query}`, token);

  beforeAll(async () => {
    await device('acme', 'zz-no-firewall', 'lab', 'linux', (id) => {
      const s = healthySnapshot(id, Date.now());
      s.security!.firewall.enabled = false;
      return s;
    });
    await device('acme', 'zz-quiet', 'lab', 'win32', (id) => healthySnapshot(id, Date.now()));
    await device('acme', 'zz-unknown-patch', 'clinic', 'darwin', (id) => ({ ...healthySnapshot(id, Date.now()), patch: { state: 'unknown', reason: 'softwareupdate timed out', source: null, pendingCount: null, securityCount: null, rebootRequired: null, updates: [], lastInstalledAt: null } }));
    // The rules stage fires firewall-off at once (no `for`): wait until the alert is stored.
    for (let i = 0; i < 300; i++) {
      if ((await api(`/api/v1/alerts?device=${ids['zz-no-firewall']}`, h.adminToken)).body.alerts?.some((a: { state: string }) => a.state === 'firing')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 60_000);

  it('searches by hostname and filters by tenant, site and OS', async () => {
    expect((await list('q=ZZ-')).body.devices.map((d: { hostname: string }) => d.hostname)).toEqual(['zz-no-firewall', 'zz-quiet', 'zz-unknown-patch']);
    expect((await list('q=zz-&site=lab&os=win32')).body.devices.map((d: { hostname: string }) => d.hostname)).toEqual(['zz-quiet']);
    const r = await list('tenant=acme&q=zz-&sort=hostname&order=desc&limit=2&offset=0');
    expect(r.body.devices.map((d: { hostname: string }) => d.hostname)).toEqual(['zz-unknown-patch', 'zz-quiet']);
    expect(r.body.total).toBe(3);
    expect(r.body.sites).toEqual(expect.arrayContaining(['clinic', 'lab']));
  });

  it('filters and sorts by the same status the detail shows', async () => {
    const critical = await list('q=zz-&status=critical');
    expect(critical.body.devices.map((d: { hostname: string }) => d.hostname)).toEqual(['zz-no-firewall']);
    const row = critical.body.devices[0];
    expect(row.health.topics.security).toMatchObject({ status: 'critical', alerts: 1, summaries: [expect.stringMatching(/firewall/i)] });
    expect(row.health.topics.disk.status).toBe('ok');
    const detail = await api(`/api/v1/devices/${ids['zz-no-firewall']}`, h.adminToken);
    expect(detail.body.health).toEqual(row.health);
    const unknown = await list('q=zz-&status=unknown');
    expect(unknown.body.devices.map((d: { hostname: string }) => d.hostname)).toEqual(['zz-unknown-patch']);
    expect(unknown.body.devices[0].health.topics.patch).toEqual({ status: 'unknown', alerts: 0, summaries: [], reason: 'softwareupdate timed out' });
    const worstFirst = await list('q=zz-&sort=status');
    expect(worstFirst.body.devices.map((d: { hostname: string }) => d.hostname)).toEqual(['zz-no-firewall', 'zz-unknown-patch', 'zz-quiet']);
    expect(worstFirst.body.total).toBe(3);
  });

  it('filters the devices no collector node has a connection from', async () => {
    // Every agent of this file closed its connection after its report.
    for (let i = 0; i < 100; i++) {
      if ((await list('q=zz-&status=offline')).body.total === 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const r = await list('q=zz-&status=offline');
    expect(r.body.devices.map((d: { hostname: string; connected: boolean }) => [d.hostname, d.connected])).toEqual([['zz-no-firewall', false], ['zz-quiet', false], ['zz-unknown-patch', false]]);
  });

  it('refuses an unknown query parameter, naming it', async () => {
    const r = await list('colour=red');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('COL_ERR_BAD_REQUEST');
    expect(r.body.error.message).toBe('querystring: unknown field "colour"');
    expect((await list('status=purple')).status).toBe(400);
  });

  it("never lists another tenant's devices, whatever the filter says", async () => {
    const r = await list('tenant=acme&q=zz-', otherTenantToken);
    expect(r.status).toBe(200);
    expect(r.body.devices).toEqual([]);
    expect(r.body.total).toBe(0);
    expect((await list('status=critical', otherTenantToken)).body.devices.map((d: { tenantId: string }) => d.tenantId)).not.toContain('acme');
    expect((await list('q=zz-', otherTenantToken)).body.sites).toEqual([]);
  });
});
