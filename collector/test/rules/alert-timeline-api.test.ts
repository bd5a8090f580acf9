// The alert page's API: the timeline (history, routing decisions and each
// notification delivery in one list), the people an alert can be assigned
// to, un-acknowledging, and one action on several alerts at once. All of it
// tenant-scoped: another tenant's alert is "not found".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawAgent, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { healthySnapshot } from './support.js';
import { startReceiver } from '../notify/support.js';
import type { Receiver } from '../notify/support.js';

let h: Harness;
let rx: Receiver;
let globexAdmin: string;
let acmeAdmin: string;
let acmeViewer: string;
let diskAlert: string;
let firewallAlert: string;

async function api(path: string, token: string, method = 'GET', body?: unknown) {
  const res = await fetch(`${h.url}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ownership = () => `
teams:
  internal:
    name: Acme IT
    hours: { timeZone: Europe/Berlin, from: "08:00", to: "17:00", days: [mon, tue, wed, thu, fri, sat, sun] }
  provider:
    name: NOC
    channels: [{ name: noc-hook, type: webhook, url: "${rx.url}/noc/tok-secret-4242" }]
lines:
  - { id: everything, match: { category: [disk, security] }, owner: provider }
`;

beforeAll(async () => {
  rx = await startReceiver();
  h = await startHarness('rules: { overrides: [{ rule: disk-full, for: 0s }, { rule: firewall-off, for: 0s }] }\nrouting: { escalationCheckSeconds: 3600, notify: { attempts: 1, backoffMs: 1, groupWaitSeconds: 0 } }');
  await h.server.store.createTenant({ id: 'globex', name: 'Globex' });
  globexAdmin = (await h.server.store.createApiToken({ tenantId: 'globex', name: 'globex it', role: 'internal-admin' })).token;
  acmeAdmin = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme it', role: 'internal-admin' })).token;
  acmeViewer = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme viewer', role: 'internal-viewer' })).token;
  const users = [
    { email: 'kim@noc.example', name: 'Kim NOC', role: 'provider-noc', allTenants: true },
    { email: 'lee@noc.example', name: 'Lee NOC', role: 'provider-noc', tenantIds: ['acme'] },
    { email: 'gus@noc.example', name: 'Gus NOC', role: 'provider-noc', tenantIds: ['globex'] },
    { email: 'ana@acme.example', name: 'Ana Acme', role: 'internal-admin', tenantIds: ['acme'] },
    { email: 'vic@acme.example', name: 'Vic Viewer', role: 'internal-viewer', tenantIds: ['acme'] },
    { email: 'pat@globex.example', name: 'Pat Globex', role: 'internal-admin', tenantIds: ['globex'] },
  ];
  for (const u of users) expect((await api('/api/v1/users', h.adminToken, 'POST', u)).status).toBe(201);
  const res = await fetch(`${h.url}/api/v1/tenants/acme/ownership`, { method: 'PUT', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/yaml' }, body: ownership() });
  expect(res.status).toBe(200);

  const d = await h.enroll();
  const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
  agent.hello(d.deviceId);
  const s = healthySnapshot(d.deviceId, Date.now());
  s.disk!.volumes[0]!.usedPercent = 97;
  s.security!.firewall.enabled = false;
  agent.report(1, s);
  await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
  agent.close();
  const firing = await until('two firing alerts', async () => {
    const list = (await api(`/api/v1/alerts?device=${d.deviceId}&state=firing`, h.adminToken)).body.alerts as Array<{ id: string; ruleId: string }>;
    return list.length >= 2 ? list : false;
  });
  diskAlert = firing.find((a) => a.ruleId === 'disk-full')!.id;
  firewallAlert = firing.find((a) => a.ruleId === 'firewall-off')!.id;
});
afterAll(async () => {
  await h?.close();
  await rx?.close();
});

describe('timeline', () => {
  it('lists the firing, the routing decision and the webhook delivery, with the teams and their zones', { timeout: 30_000 }, async () => {
    const t = await until('the delivery in the timeline', async () => {
      const r = await api(`/api/v1/alerts/${diskAlert}/timeline`, h.adminToken);
      return (r.body.entries as Array<{ kind: string }>).some((e) => e.kind === 'notification') ? r.body : false;
    });
    expect(t.owner).toBe('provider');
    expect(t.dueAt).toMatch(/^\d{4}-/);
    expect(t.teams).toEqual({ internal: { name: 'Acme IT', timeZone: 'Europe/Berlin' }, provider: { name: 'NOC', timeZone: null } });
    const kinds = (t.entries as Array<{ kind: string }>).map((e) => e.kind);
    expect(kinds.slice(0, 3)).toEqual(['raised', 'routing', 'notification']);
    const sent = t.entries.find((e: { kind: string }) => e.kind === 'notification');
    expect(sent).toMatchObject({ team: 'provider', channel: 'noc-hook', status: 'sent', attempts: 1, reason: 'fire' });
    expect(rx.received.some((r) => r.path === '/noc/tok-secret-4242')).toBe(true);
    // The channel's URL (a credential for many webhooks) is not part of the timeline.
    expect(JSON.stringify(t)).not.toContain('tok-secret-4242');
    const routed = t.entries.find((e: { kind: string }) => e.kind === 'routing');
    expect(routed.trace.length).toBeGreaterThan(0);
  });

  it('records acknowledge, un-acknowledge, comment, assignment and snooze, each with who and why', async () => {
    expect((await api(`/api/v1/alerts/${diskAlert}/ack`, h.adminToken, 'POST', { comment: 'on it' })).status).toBe(200);
    const back = await api(`/api/v1/alerts/${diskAlert}/unack`, h.adminToken, 'POST', { comment: 'wrong alert, sorry' });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ state: 'firing', acknowledged: null });
    expect((await api(`/api/v1/alerts/${diskAlert}/unack`, h.adminToken, 'POST', { comment: 'again' })).status).toBe(409);
    expect((await api(`/api/v1/alerts/${diskAlert}/assign`, h.adminToken, 'POST', { assignee: 'kim@noc.example', comment: 'storage' })).status).toBe(200);
    expect((await api(`/api/v1/alerts/${diskAlert}/snooze`, h.adminToken, 'POST', { minutes: 30, comment: 'vendor call at 3' })).status).toBe(200);
    const t = (await api(`/api/v1/alerts/${diskAlert}/timeline`, h.adminToken)).body;
    const people = (t.entries as Array<{ kind: string; actor: string | null; comment: string | null; assignee?: string }>).filter((e) => e.actor !== null);
    expect(people.map((e) => [e.kind, e.actor, e.comment])).toEqual([
      ['acknowledged', 'test admin', 'on it'],
      ['unacknowledged', 'test admin', 'wrong alert, sorry'],
      ['assigned', 'test admin', 'storage'],
      ['snoozed', 'test admin', 'vendor call at 3'],
    ]);
    expect(people.find((e) => e.kind === 'assigned')!.assignee).toBe('kim@noc.example');
  });

  it("answers not found for another tenant's alert, and for an unknown one", async () => {
    expect((await api(`/api/v1/alerts/${diskAlert}/timeline`, globexAdmin)).status).toBe(404);
    expect((await api('/api/v1/alerts/alr_nope/timeline', h.adminToken)).status).toBe(404);
    expect((await api(`/api/v1/alerts/${diskAlert}/timeline`, acmeViewer)).status).toBe(200);
  });
});

describe('assignees', () => {
  it('lists the active people of the owning team who can act, for the provider', async () => {
    const r = await api(`/api/v1/alerts/${firewallAlert}/assignees`, h.adminToken);
    expect(r.status).toBe(200);
    expect(r.body.owner).toBe('provider');
    // Gus works for the provider but does not see acme; viewers cannot act.
    expect(r.body.users.map((u: { email: string }) => u.email)).toEqual(['kim@noc.example', 'lee@noc.example']);
    expect(Object.keys(r.body.users[0]).sort()).toEqual(['email', 'name', 'role', 'team']);
  });

  it("never shows the provider's staff to internal IT, and nothing to viewers or other tenants", async () => {
    const internal = await api(`/api/v1/alerts/${firewallAlert}/assignees`, acmeAdmin);
    expect(internal.status).toBe(200);
    expect(internal.body.users).toEqual([]);
    expect((await api(`/api/v1/alerts/${firewallAlert}/assignees`, acmeViewer)).status).toBe(403);
    expect((await api(`/api/v1/alerts/${firewallAlert}/assignees`, globexAdmin)).status).toBe(404);
  });
});

describe('bulk actions', () => {
  it('acknowledges several alerts, each on its own: one in another tenant is not found, one already handled is a conflict', async () => {
    const r = await api('/api/v1/alerts/actions', h.adminToken, 'POST', { action: 'ack', ids: [firewallAlert, 'alr_nope'], comment: 'bulk: maintenance' });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: { id: string; ok: boolean; error: { code: string } | null }) => [x.id, x.ok, x.error?.code ?? null])).toEqual([
      [firewallAlert, true, null],
      ['alr_nope', false, 'COL_ERR_NOT_FOUND'],
    ]);
    const again = await api('/api/v1/alerts/actions', globexAdmin, 'POST', { action: 'comment', ids: [firewallAlert], comment: 'not yours' });
    expect(again.body.results[0]).toMatchObject({ ok: false, error: { code: 'COL_ERR_NOT_FOUND' } });
    const h2 = (await api(`/api/v1/alerts/${firewallAlert}`, h.adminToken)).body.history as Array<{ cause: string; comment: string }>;
    expect(h2.filter((e) => e.comment === 'not yours')).toEqual([]);
    expect(h2.at(-1)).toMatchObject({ cause: 'acknowledged', comment: 'bulk: maintenance' });
  });

  it('assigns in bulk, and refuses a bulk action without what it needs or from a viewer', async () => {
    const r = await api('/api/v1/alerts/actions', h.adminToken, 'POST', { action: 'assign', ids: [firewallAlert, diskAlert], assignee: 'lee@noc.example' });
    expect(r.body.results.every((x: { ok: boolean }) => x.ok)).toBe(true);
    const missing = await api('/api/v1/alerts/actions', h.adminToken, 'POST', { action: 'assign', ids: [firewallAlert] });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('assign needs assignee');
    expect((await api('/api/v1/alerts/actions', acmeViewer, 'POST', { action: 'ack', ids: [firewallAlert], comment: 'x' })).status).toBe(403);
  });
});
