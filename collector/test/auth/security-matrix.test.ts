// Every API route against every role that must not reach tenant A: routes are
// read from the OpenAPI document, so a route added later is covered without
// touching this file. Each route is called as a signed-in person (cookie and
// CSRF token) and with an API token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Snapshot } from '@tandem/proto';
import { RawAgent, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { healthySnapshot } from '../rules/support.js';
import { Browser, createUser, signedIn, withToken } from './support.js';
import type { Answer } from './support.js';

const A = 'alpha-corp';
const B = 'beta-corp';

// Routes anyone may call; they are about the caller, not a tenant's data.
const PUBLIC = new Set(['POST /api/v1/session', 'POST /api/v1/enroll', 'GET /api/v1/openapi.json']);
// The caller's own session and account: who am I, signing out, one's own password.
const SELF = new Set(['GET /api/v1/session', 'DELETE /api/v1/session', 'POST /api/v1/account/password']);

// Bodies the schema alone cannot make valid (fields that are optional but
// exclusive). Any other body is built from the route's request schema.
const SAMPLE_BODIES: Record<string, unknown> = {
  'POST /api/v1/alerts/{id}/snooze': { minutes: 30, comment: 'matrix probe' },
};

// Answers 200 with one result per alert: each alert of another tenant must be "not found" in it.
const BULK_ACTIONS = 'POST /api/v1/alerts/actions';
const bulkRefusedEach = (r: Answer) => r.status === 200 && Array.isArray(r.body?.results) && r.body.results.length > 0
  && r.body.results.every((x: any) => x.ok === false && (x.error?.code === 'COL_ERR_NOT_FOUND' || x.error?.code === 'COL_ERR_FORBIDDEN'));

interface Route { method: string; path: string; key: string; op: any }
interface Ids { tenant: string; device: string; alert: string; user: string; token: string }

let h: Harness;
let routes: Route[];
const ids: Record<'A' | 'B', Ids> = { A: {} as Ids, B: {} as Ids };
let markersA: string[];

const broken = (deviceId: string): Snapshot => {
  const s = healthySnapshot(deviceId, Date.now());
  s.security!.firewall.enabled = false;
  return s;
};

async function deviceWithAlert(tenant: string): Promise<{ device: string; alert: string }> {
  const d = await h.enroll(tenant);
  const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
  agent.hello(d.deviceId);
  agent.report(1, broken(d.deviceId));
  await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
  agent.close();
  const deadline = Date.now() + 5000;
  for (;;) {
    const r = await withToken(h, h.adminToken, 'GET', `/api/v1/alerts?device=${d.deviceId}`);
    if (r.body.alerts?.length > 0) return { device: d.deviceId, alert: r.body.alerts[0].id };
    if (Date.now() > deadline) throw new Error(`no alert for ${d.deviceId}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

beforeAll(async () => {
  // Hundreds of refused requests come from one address here; the per-address limit is tested elsewhere.
  h = await startHarness('limits: { authFailuresPerMinute: 100000 }\n');
  await h.server.store.createTenant({ id: A, name: 'Alpha Corp' });
  await h.server.store.createTenant({ id: B, name: 'Beta Corp' });
  // A rule pack with an override for tenant A only: its existence is A's configuration.
  const pack = [
    'rules:', '  - id: firewall-off', '    category: security', '    severity: warning', '    summary: Firewall off',
    '    when: security.firewall.enabled == false',
    'overrides:', `  - match: { tenant: ${A} }`, '    rule: firewall-off', '    enabled: true', '',
  ].join('\n');
  const put = await fetch(`${h.url}/api/v1/rules`, { method: 'PUT', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/yaml' }, body: pack });
  expect(put.status).toBe(200);
  for (const [side, tenant] of [['A', A], ['B', B]] as const) {
    const { device, alert } = await deviceWithAlert(tenant);
    const user = await createUser(h, { email: `someone@${tenant}.example`, role: 'internal-admin', tenantIds: [tenant] });
    const token = await h.server.store.createApiToken({ tenantId: tenant, name: `${tenant} automation`, role: 'internal-admin' });
    ids[side] = { tenant, device, alert, user: user.id, token: token.id };
  }
  markersA = [A, 'Alpha Corp', ids.A.device, ids.A.alert, ids.A.user, ids.A.token, `someone@${A}.example`];

  const doc = await (await fetch(`${h.url}/api/v1/openapi.json`)).json() as any;
  routes = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
    Object.entries(ops).filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map(([m, op]) => ({
      method: m.toUpperCase(), path, key: `${m.toUpperCase()} ${path}`, op,
    })));
}, 30_000);
afterAll(async () => { await h.close(); });

/** A value for a path parameter: the resource named by the segment before it, in the given tenant. */
function paramValue(path: string, name: string, side: Ids): string {
  const before = path.slice(0, path.indexOf(`{${name}}`)).split('/').filter(Boolean).pop() ?? '';
  if (/tenant/i.test(name) || before === 'tenants') return side.tenant;
  const byResource: Record<string, string> = { devices: side.device, alerts: side.alert, users: side.user, tokens: side.token };
  return byResource[before] ?? side.tenant;
}

/** A minimal valid value for a schema, aimed at tenant `tenant` wherever a field names a tenant. */
function sample(schema: any, name: string, tenant: string): unknown {
  if (!schema) return undefined;
  if (schema.anyOf || schema.oneOf) return sample((schema.anyOf ?? schema.oneOf).find((s: any) => s.type !== 'null'), name, tenant);
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  if (/tenant/i.test(name) && type === 'string') return tenant;
  if (/tenant/i.test(name) && type === 'array') return [tenant];
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(k) || /tenant/i.test(k)) out[k] = sample(s, k, tenant);
      }
      return out;
    }
    case 'array': return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items, name, tenant));
    case 'integer': case 'number': return (schema.minimum ?? (schema.exclusiveMinimum !== undefined ? Number(schema.exclusiveMinimum) + 1 : 1));
    case 'boolean': return false;
    case 'string': {
      if (/email/i.test(name)) return `probe-${Math.random().toString(36).slice(2)}@${tenant}.example`;
      if (schema.format === 'date-time') return new Date(Date.now() + 3_600_000).toISOString();
      if (schema.pattern && !new RegExp(schema.pattern).test('matrix-probe')) return undefined;
      return 'matrix-probe'.padEnd(schema.minLength ?? 0, 'x');
    }
    default: return {};
  }
}

function requestFor(route: Route, side: Ids): { url: string; body: unknown } {
  const pathParam = (name: string) => (route.op.parameters ?? []).find((p: any) => p.in === 'path' && p.name === name);
  let url = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    // A numeric parameter (a version, a sequence number) is the first one: the tenant in the path decides whose it is.
    if (['integer', 'number'].includes(pathParam(name)?.schema?.type)) return '1';
    return encodeURIComponent(paramValue(route.path, name, side));
  });
  const query = new URLSearchParams();
  for (const p of route.op.parameters ?? []) {
    if (p.in === 'query' && (p.required || /tenant/i.test(p.name))) query.set(p.name, String(sample(p.schema, p.name, side.tenant)));
  }
  if (query.size > 0) url += `?${query}`;
  const schema = route.op.requestBody?.content?.['application/json']?.schema;
  // The bulk route names its alerts in the body: aim it at the other side's alert.
  if (route.key === BULK_ACTIONS) return { url, body: { action: 'ack', ids: [side.alert], comment: 'matrix probe' } };
  const body = SAMPLE_BODIES[route.key] ?? (schema ? sample(schema, '', side.tenant) : route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
  return { url, body };
}

interface Caller { label: string; call(method: string, url: string, body: unknown): Promise<Answer> }

async function callersFor(role: string, assignment: { tenantIds: string[] }): Promise<Caller[]> {
  const email = `${role}-${Math.random().toString(36).slice(2)}@matrix.example`;
  await createUser(h, { email, role, ...assignment, allTenants: false });
  const browser = await signedIn(h, email);
  const { token } = await h.server.store.createApiToken({ tenantIds: assignment.tenantIds, allTenants: false, name: `${role} matrix`, role });
  return [
    { label: `${role} (session)`, call: (m, u, b) => browser.request(m, u, b) },
    { label: `${role} (API token)`, call: (m, u, b) => withToken(h, token, m, u, b) },
  ];
}

const describeAnswer = (c: Caller, route: Route, url: string, r: Answer) => `${c.label}: ${route.method} ${url} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;

describe('security matrix', () => {
  it('reads every API route from the OpenAPI document', () => {
    const keys = routes.map((r) => r.key);
    for (const k of ['GET /api/v1/devices/{id}', 'POST /api/v1/alerts/{id}/ack', 'GET /api/v1/users', 'DELETE /api/v1/tokens/{id}', 'PUT /api/v1/rules']) {
      expect(keys).toContain(k);
    }
  });

  it("never gives tenant A's data to roles of tenant B, nor lets them change it", async () => {
    const callers = [
      ...(await callersFor('provider-noc', { tenantIds: [B] })),
      ...(await callersFor('internal-admin', { tenantIds: [B] })),
      ...(await callersFor('internal-viewer', { tenantIds: [B] })),
    ];
    const problems: string[] = [];
    let checked = 0;
    for (const route of routes) {
      if (PUBLIC.has(route.key) || SELF.has(route.key)) continue;
      const { url, body } = requestFor(route, ids.A);
      const pointsAtA = /\{\w+\}/.test(route.path);
      for (const c of callers) {
        const r = await c.call(route.method, url, body);
        checked++;
        const text = JSON.stringify(r.body);
        if (route.method === 'GET' && !pointsAtA && r.status === 200) {
          const leaked = markersA.filter((m) => text.includes(m));
          if (leaked.length > 0) problems.push(`${describeAnswer(c, route, url, r)} — shows ${leaked.join(', ')}`);
        } else if (route.key === BULK_ACTIONS && bulkRefusedEach(r)) {
          continue;
        } else if (r.status !== 403 && r.status !== 404) {
          problems.push(describeAnswer(c, route, url, r));
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(20 * 6);
    // And nothing of A's changed underneath.
    expect((await withToken(h, h.adminToken, 'GET', `/api/v1/devices/${ids.A.device}`)).body.revokedAt).toBeNull();
    expect((await withToken(h, h.adminToken, 'GET', `/api/v1/users/${ids.A.user}`)).status).toBe(200);
    expect((await withToken(h, h.adminToken, 'GET', `/api/v1/alerts/${ids.A.alert}`)).body.acknowledged).toBeNull();
    expect((await h.server.store.listApiTokens({ all: true }, { tenantId: A })).tokens.map((t) => t.id)).toContain(ids.A.token);
  }, 60_000);

  it('lets a viewer change nothing, not even in its own tenant', async () => {
    const callers = await callersFor('internal-viewer', { tenantIds: [B] });
    const problems: string[] = [];
    for (const route of routes) {
      if (route.method === 'GET' || PUBLIC.has(route.key) || SELF.has(route.key)) continue;
      const { url, body } = requestFor(route, ids.B);
      for (const c of callers) {
        const r = await c.call(route.method, url, body);
        if (r.status !== 403 || r.body?.error?.code !== 'COL_ERR_FORBIDDEN') problems.push(describeAnswer(c, route, url, r));
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses a missing, expired or revoked API token on every route', async () => {
    const expired = await h.server.store.createApiToken({ tenantId: null, name: 'expired', role: 'provider-admin', expiresAt: Date.now() - 1000 });
    const revoked = await h.server.store.createApiToken({ tenantId: null, name: 'revoked', role: 'provider-admin' });
    expect(await h.server.store.revokeApiToken(revoked.id)).toBe(true);
    const problems: string[] = [];
    for (const route of routes) {
      if (PUBLIC.has(route.key)) continue;
      const { url, body } = requestFor(route, ids.A);
      for (const [label, token] of [['expired', expired.token], ['revoked', revoked.token], ['none', null]] as const) {
        const r = token ? await withToken(h, token, route.method, url, body) : await new Browser(h.url).request(route.method, url, body);
        if (r.status !== 401 || r.body?.error?.code !== 'COL_ERR_UNAUTHORIZED') problems.push(`${label} token: ${route.method} ${url} → ${r.status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps the live alert stream to the tenants of the caller', async () => {
    const streamUrl = `${h.wsUrl.replace(/\/agent\/v1$/, '')}/api/v1/stream`;
    const open = (query: string, headers: Record<string, string>) => new Promise<{ status: number; messages: string[] }>((resolve) => {
      const ws = new WebSocket(`${streamUrl}${query}`, { headers });
      const messages: string[] = [];
      ws.on('message', (data) => {
        messages.push(String(data));
        if (messages.some((m) => m.includes('"snapshot"'))) { ws.close(); resolve({ status: 101, messages }); }
      });
      ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, messages }));
      ws.once('error', () => resolve({ status: -1, messages }));
    });
    const problems: string[] = [];
    for (const role of ['provider-noc', 'internal-admin', 'internal-viewer']) {
      const email = `${role}-stream@matrix.example`;
      await createUser(h, { email, role, tenantIds: [B], allTenants: false });
      const browser = await signedIn(h, email);
      const { token } = await h.server.store.createApiToken({ tenantIds: [B], allTenants: false, name: `${role} stream`, role });
      for (const [label, headers] of [['session', { cookie: browser.jar.header() }], ['API token', { authorization: `Bearer ${token}` }]] as const) {
        const asked = await open(`?tenant=${A}`, headers);
        if (asked.status !== 403 && asked.status !== 404) problems.push(`${role} (${label}) streaming tenant ${A}: ${asked.status}`);
        const all = await open('', headers);
        if (all.status !== 101) problems.push(`${role} (${label}) own stream: ${all.status}`);
        const leaked = markersA.filter((m) => all.messages.join('\n').includes(m));
        if (leaked.length > 0) problems.push(`${role} (${label}) stream shows ${leaked.join(', ')}`);
        if (!all.messages.join('\n').includes(ids.B.alert)) problems.push(`${role} (${label}) stream lacks its own tenant's alert`);
      }
    }
    const revoked = await h.server.store.createApiToken({ tenantId: null, name: 'revoked stream', role: 'provider-admin' });
    await h.server.store.revokeApiToken(revoked.id);
    expect((await open('', { authorization: `Bearer ${revoked.token}` })).status).toBe(401);
    expect(problems).toEqual([]);
  });

  it('does not take a user session or an API token as a device credential on the agent socket', async () => {
    const browser = await signedIn(h, `someone@${B}.example`.replace('someone', 'someone'));
    const cookie = browser.jar.header();
    const session = browser.jar.cookies.get('tandem_session')!;
    const attempts: Array<[string, Record<string, string>]> = [
      ['session cookie', { cookie }],
      ['API token as bearer', { authorization: `Bearer ${h.adminToken}` }],
      ['session value as bearer', { authorization: `Bearer ${session}` }],
      ['token id and secret as a device credential', { authorization: `Bearer ${ids.B.device}.${h.adminToken}` }],
    ];
    for (const [label, headers] of attempts) {
      const status = await new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(h.wsUrl, { headers });
        ws.once('open', () => { ws.close(); reject(new Error(`${label}: the agent socket opened`)); });
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('error', () => resolve(-1));
      });
      expect(status, label).toBe(401);
    }
  });
});

describe('secrets in the security matrix', () => {
  it('no GET route answers a channel secret to any role, not even within its own tenant', async () => {
    const SECRETS = ['matrix-hmac-7d6c5b4a39', 'matrix-header-1b2c3d4e5f', 'matrix-pager-9e8d7c6b5a', 'matrix-smtp-0a1b2c3d4e', 'matrix-url-6f5e4d3c2b'];
    const config = [
      'teams:',
      '  internal:',
      `    channels: [{ name: hook, type: webhook, url: "https://hooks.example/${SECRETS[4]}", hmacSecret: ${SECRETS[0]}, headers: { X-Key: ${SECRETS[1]} } }]`,
      '  provider:',
      `    channels: [{ name: pager, type: pagerduty, routingKey: ${SECRETS[2]} }, { name: mail, type: email, to: [noc@msp.example], smtp: { host: 127.0.0.1, password: ${SECRETS[3]}, from: t@msp.example } }]`,
      'lines: []', '',
    ].join('\n');
    const put = await fetch(`${h.url}/api/v1/tenants/${A}/ownership`, { method: 'PUT', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/yaml' }, body: config });
    expect(put.status).toBe(200);
    const callers: Caller[] = [
      ...(await callersFor('internal-viewer', { tenantIds: [A] })),
      ...(await callersFor('internal-admin', { tenantIds: [A] })),
      ...(await callersFor('provider-noc', { tenantIds: [A] })),
      { label: 'provider-admin (API token)', call: (m, u, b) => withToken(h, h.adminToken, m, u, b) },
    ];
    const problems: string[] = [];
    let answered = 0;
    for (const route of routes.filter((r) => r.method === 'GET' && !PUBLIC.has(r.key))) {
      const { url } = requestFor(route, ids.A);
      for (const c of callers) {
        const r = await c.call('GET', url, undefined);
        if (r.status === 200) answered++;
        const text = JSON.stringify(r.body);
        const leaked = SECRETS.filter((s) => text.includes(s) || text.includes(s.slice(0, -4)));
        if (leaked.length > 0) problems.push(`${describeAnswer(c, route, url, r)} — shows ${leaked.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
    expect(answered).toBeGreaterThan(10 * callers.length);
  }, 60_000);
});
