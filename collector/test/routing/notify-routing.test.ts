// Notifications as the live router sends them, against an in-process
// collector with real sockets: a burst of alerts is one message per channel,
// a resolve reaches everyone who heard of the alert (after an escalation, and
// after a re-route), and deliveries that fail for good are listed as dead
// letters for both sides of the tenant — and nobody else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '@tandem/proto';
import { RawAgent, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { healthySnapshot } from '../rules/support.js';
import { startReceiver } from '../notify/support.js';
import type { Receiver } from '../notify/support.js';

let h: Harness;
let rx: Receiver;
let acmeViewer: string;
let acmeAdmin: string;
let globexAdmin: string;
let seq = 1;
let escalatedAlert: string;
let reroutedAlert: string;

async function api(path: string, token: string, method = 'GET', body?: unknown) {
  const res = await fetch(`${h.url}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 8000): Promise<T> {
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
    channels:
      - { name: it-hook, type: webhook, url: "${rx.url}/internal" }
      - { name: it-broken, type: webhook, url: "${rx.url}/broken/tok-9f8e7d6c5b4a" }
  provider:
    channels: [{ name: noc-hook, type: webhook, url: "${rx.url}/noc" }]
lines:
  - { id: security, match: { category: security }, owner: provider, sla: { critical: 15m } }
  - { id: backups, match: { category: backup }, owner: provider }
  - { id: disks, match: { category: disk }, owner: internal }
escalation: { to: other }
`;

const bodies = (path: string) => rx.received.filter((r) => r.path === path).map((r) => JSON.parse(r.body) as Record<string, any>);
const mentions = (b: Record<string, any>, alertId: string) => b.alert.id === alertId || (b.alerts ?? []).some((a: { id: string }) => a.id === alertId);

interface Device { id: string; agent: RawAgent }

async function device(hostname: string): Promise<Device> {
  const { token } = await h.server.store.createEnrollToken({ tenantId: 'acme', site: 'hq' });
  const d = await h.server.store.enrollDevice(token, { hostname, os: 'linux', agentVersion: '0.1.0' });
  const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.deviceSecret);
  agent.hello(d.deviceId);
  return { id: d.deviceId, agent };
}

async function report(d: Device, change: (s: Snapshot) => void = () => {}) {
  const s = healthySnapshot(d.id, Date.now());
  change(s);
  const n = seq++;
  d.agent.report(n, s);
  await d.agent.waitFor((fs) => fs.filter((f) => f.body === 'ack').length >= 1 && fs.length > 0);
}

async function alertOf(d: Device, ruleId: string, state = 'firing'): Promise<string> {
  return until(`${ruleId} ${state} on ${d.id}`, async () => {
    const r = await api(`/api/v1/alerts?device=${d.id}&state=${state}`, h.adminToken);
    return (r.body.alerts as Array<{ id: string; ruleId: string }> | undefined)?.find((a) => a.ruleId === ruleId)?.id;
  });
}

const firewallOff = (s: Snapshot) => { s.security!.firewall.enabled = false; };
const backupFailed = (s: Snapshot) => { s.backup!.jobs[0]!.lastResult = 'failed'; };

beforeAll(async () => {
  rx = await startReceiver();
  rx.answer('/broken/tok-9f8e7d6c5b4a', 410, 410, 410, 410, 410, 410, 410, 410);
  h = await startHarness('routing: { escalationCheckSeconds: 3600, notify: { attempts: 2, backoffMs: 1, groupWaitSeconds: 2 } }');
  await h.server.store.createTenant({ id: 'globex', name: 'Globex' });
  acmeViewer = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme viewer', role: 'internal-viewer' })).token;
  acmeAdmin = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme it', role: 'internal-admin' })).token;
  globexAdmin = (await h.server.store.createApiToken({ tenantId: 'globex', name: 'globex it', role: 'internal-admin' })).token;
  const res = await fetch(`${h.url}/api/v1/tenants/acme/ownership`, { method: 'PUT', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/yaml' }, body: ownership() });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await h.close();
  await rx.close();
});

describe('grouping', () => {
  it('three devices losing their firewall at once: the first goes out at once, the other two follow as one message', async () => {
    const devices = await Promise.all(['fin-ws-01', 'fin-ws-02', 'fin-ws-03'].map(device));
    await Promise.all(devices.map((d) => report(d, firewallOff)));
    const ids = await Promise.all(devices.map((d) => alertOf(d, 'firewall-off')));
    const fires = () => bodies('/noc').filter((b) => b.kind === 'fire' && b.alert.ruleId === 'firewall-off');
    const msg = await until('the group message', async () => fires().find((b) => b.group));
    const [first, ...rest] = fires();
    // Nothing more is sent once the follow-up is out: one window's followers are one message.
    await new Promise((r) => setTimeout(r, 2500));
    expect(fires()).toHaveLength(2);
    expect(first.group).toBeUndefined();
    expect(rest).toEqual([msg]);
    expect(msg.group).toEqual({ key: `grp-fire-${msg.alert.id}`, count: 2 });
    expect([first.alert.id, ...msg.alerts.map((a: { id: string }) => a.id)].sort()).toEqual([...ids].sort());
    expect(msg.routing.trace[0]).toBe('line 1 (security): category=security → provider');
    // Each follower's routing shows the delivery as part of the group; the first's does not.
    const deliveries = (id: string) => until(`deliveries of ${id} recorded`, async () => {
      const r = await api(`/api/v1/alerts/${id}/routing`, acmeViewer);
      return r.body.decisions[0].deliveries.length > 0 ? r.body.decisions[0].deliveries : undefined;
    });
    expect(await deliveries(msg.alerts[1].id)).toEqual([{ team: 'provider', channel: 'noc-hook', outcome: { status: 'sent', attempts: 1, group: { key: msg.group.key, size: 2 } } }]);
    expect(await deliveries(first.alert.id)).toEqual([{ team: 'provider', channel: 'noc-hook', outcome: { status: 'sent', attempts: 1 } }]);
    for (const d of devices) d.agent.close();
  });
});

describe('ordering while followers are held', () => {
  it('an alert resolved while its fire waits in the window is told fired, then resolved, never the other way round', async () => {
    const devices = await Promise.all(['fin-ws-31', 'fin-ws-32', 'fin-ws-33'].map(device));
    await Promise.all(devices.map((d) => report(d, backupFailed)));
    const ids = await Promise.all(devices.map((d) => alertOf(d, 'backup-failed')));
    // Fixed at once: the followers' resolves are queued behind their fires, which the window still holds.
    await Promise.all(devices.map((d) => report(d)));
    await Promise.all(devices.map((d) => alertOf(d, 'backup-failed', 'resolved')));
    const noc = () => bodies('/noc');
    await until('every alert fired and resolved at the NOC', async () => ids.every((id) => noc().some((b) => b.kind === 'fire' && mentions(b, id)) && noc().some((b) => b.kind === 'resolve' && mentions(b, id))), 20_000);
    for (const id of ids) {
      const fired = noc().findIndex((b) => b.kind === 'fire' && mentions(b, id));
      const resolved = noc().findIndex((b) => b.kind === 'resolve' && mentions(b, id));
      expect({ id, before: fired < resolved }).toEqual({ id, before: true });
    }
    for (const d of devices) d.agent.close();
  });
});

describe('resolve goes to whoever heard of the alert', () => {
  it('after an escalation to the other team, both hear the resolve', async () => {
    const d = await device('fin-ws-10');
    await report(d, firewallOff);
    const id = await alertOf(d, 'firewall-off');
    escalatedAlert = id;
    await until('fire to the noc', async () => bodies('/noc').find((b) => b.kind === 'fire' && mentions(b, id)));
    await h.server.store.db.updateTable('alert_routes').set({ fired_at: Date.now() - 20 * 60_000 }).where('alert_id', '=', id).execute();
    await h.server.routing.engine.checkEscalations();
    await until('escalation to internal IT', async () => bodies('/internal').find((b) => b.kind === 'escalation' && mentions(b, id)));
    await report(d);
    await alertOf(d, 'firewall-off', 'resolved');
    await until('resolve to both', async () => bodies('/noc').some((b) => b.kind === 'resolve' && mentions(b, id)) && bodies('/internal').some((b) => b.kind === 'resolve' && mentions(b, id)));
    d.agent.close();
  });

  it('after internal IT takes the alert over, the provider that was told of it hears the resolve too', async () => {
    const d = await device('fin-ws-11');
    await report(d, backupFailed);
    const id = await alertOf(d, 'backup-failed');
    reroutedAlert = id;
    await until('fire to the noc', async () => bodies('/noc').find((b) => b.kind === 'fire' && mentions(b, id)));
    const keep = await api('/api/v1/tenants/acme/tuning', acmeAdmin, 'POST', { action: 'keep', match: { category: 'backup' }, reason: 'we run backups' });
    expect(keep.status).toBe(201);
    await until('internal IT told by the re-route', async () => bodies('/internal').find((b) => b.kind === 'fire' && mentions(b, id)));
    // The decision in force names internal IT only; the provider heard of it first.
    expect((await api(`/api/v1/alerts/${id}/routing`, acmeViewer)).body.owner).toBe('internal');
    await report(d);
    await alertOf(d, 'backup-failed', 'resolved');
    await until('resolve to both', async () => bodies('/noc').some((b) => b.kind === 'resolve' && mentions(b, id)) && bodies('/internal').some((b) => b.kind === 'resolve' && mentions(b, id)));
    await h.server.routing.engine.delivered(id);
    // Not to the broken channel, which never received anything of it.
    const routing = await api(`/api/v1/alerts/${id}/routing`, acmeViewer);
    const resolve = routing.body.decisions.find((x: { reason: string }) => x.reason === 'resolve');
    expect(resolve.deliveries.map((r: { team: string; channel: string }) => `${r.team}/${r.channel}`).sort()).toEqual(['internal/it-hook', 'provider/noc-hook']);
    d.agent.close();
  });
});

describe('dead letters', () => {
  let letterId: string;

  it('a delivery refused for good is listed, with the channel URL redacted, for both sides of the tenant', async () => {
    // Internal IT's broken channel refused the escalation and the re-routed alert above.
    const list = await until('the dead letters', async () => {
      const r = await api('/api/v1/tenants/acme/notifications/dead-letters', acmeViewer);
      return r.body.deadLetters?.length >= 2 ? r : undefined;
    });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, limit: 100, offset: 0 });
    const [newest, oldest] = list.body.deadLetters;
    expect(oldest).toMatchObject({
      tenantId: 'acme', team: 'internal', channel: 'it-broken', channelType: 'webhook', kind: 'escalation', alertIds: [escalatedAlert], alertCount: 1,
      retryable: false, attempts: 1, status: 'open', retriedAt: null, retriedBy: null, error: 'HTTP 410: {"error":"refused [redacted]"}',
    });
    expect(newest).toMatchObject({ channel: 'it-broken', kind: 'fire', alertIds: [reroutedAlert], status: 'open' });
    expect(JSON.stringify(list.body)).not.toContain('tok-9f8e7d6c5b4a');
    expect(Date.parse(newest.at)).toBeGreaterThan(Date.now() - 60_000);
    letterId = newest.id;
    // The provider reads them too.
    expect((await api('/api/v1/tenants/acme/notifications/dead-letters', h.adminToken)).body.deadLetters.map((l: { id: string }) => l.id)).toEqual([newest.id, oldest.id]);
    expect((await api('/api/v1/tenants/acme/notifications/dead-letters?limit=1&offset=1', acmeViewer)).body.deadLetters.map((l: { id: string }) => l.id)).toEqual([oldest.id]);
  });

  it('another tenant gets 404; viewers cannot retry', async () => {
    for (const [method, path] of [['GET', '/api/v1/tenants/acme/notifications/dead-letters'], ['POST', `/api/v1/tenants/acme/notifications/dead-letters/${letterId}/retry`]] as const) {
      const r = await api(path, globexAdmin, method);
      expect([path, r.status, r.body.error?.code]).toEqual([path, 404, 'COL_ERR_NOT_FOUND']);
    }
    expect((await api('/api/v1/tenants/globex/notifications/dead-letters', globexAdmin)).body).toMatchObject({ deadLetters: [], total: 0 });
    expect((await api(`/api/v1/tenants/acme/notifications/dead-letters/${letterId}/retry`, acmeViewer, 'POST')).status).toBe(403);
  });

  it('an admin retries it once the receiver is back', async () => {
    rx.answer('/broken/tok-9f8e7d6c5b4a');
    const r = await api(`/api/v1/tenants/acme/notifications/dead-letters/${letterId}/retry`, acmeAdmin, 'POST');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: letterId, status: 'delivered', retriedBy: 'acme it' });
    expect(bodies('/broken/tok-9f8e7d6c5b4a').at(-1)!.kind).toBe('fire');
    expect((await api(`/api/v1/tenants/acme/notifications/dead-letters/${letterId}/retry`, acmeAdmin, 'POST')).status).toBe(409);
    expect((await api('/api/v1/tenants/acme/notifications/dead-letters?status=open', acmeViewer)).body.total).toBe(1);
    expect((await api('/api/v1/tenants/acme/notifications/dead-letters/dlq_nope/retry', acmeAdmin, 'POST')).status).toBe(404);
  });
});
