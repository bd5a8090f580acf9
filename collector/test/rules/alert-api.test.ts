// The alert API against an in-process collector with real sockets: agents
// report over the wire, alerts appear, people act on them, tenants stay apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '@tandem/proto';
import { RawAgent, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { healthySnapshot } from './support.js';

let h: Harness;
let globexToken: string;
let acmeViewer: string;
let acmeAdmin: string;
let acmeDevice: string;
let globexDevice: string;

async function api(path: string, token: string, init: RequestInit & { contentType?: string } = {}) {
  const res = await fetch(`${h.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': init.contentType ?? 'application/json' } : {}) },
  });
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

async function alertsOf(deviceId: string, query = '', token = h.adminToken, want = 1) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const r = await api(`/api/v1/alerts?device=${deviceId}${query}`, token);
    if (r.body.alerts?.length >= want || Date.now() > deadline) return r;
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

const broken = (deviceId: string): Snapshot => {
  const s = healthySnapshot(deviceId, Date.now());
  s.security!.firewall.enabled = false;
  s.backup!.jobs[0]!.lastResult = 'failed';
  s.backup!.jobs[0]!.detail = 'repository locked';
  return s;
};

beforeAll(async () => {
  h = await startHarness();
  await h.server.store.createTenant({ id: 'globex', name: 'Globex' });
  globexToken = (await h.server.store.createApiToken({ tenantId: 'globex', name: 'globex it', role: 'internal-admin' })).token;
  acmeViewer = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme viewer', role: 'internal-viewer' })).token;
  acmeAdmin = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme it', role: 'internal-admin' })).token;
  acmeDevice = await report('acme', broken);
  globexDevice = await report('globex', broken);
});
afterAll(async () => { await h.close(); });

describe('alert API', () => {
  it('shows the alerts of a committed report, with filters', async () => {
    const r = await alertsOf(acmeDevice, '&state=firing', h.adminToken, 2);
    expect(r.status).toBe(200);
    expect(r.body.alerts.map((a: { ruleId: string; state: string; severity: string }) => `${a.ruleId}:${a.state}:${a.severity}`).sort())
      .toEqual(['backup-failed:firing:warning', 'firewall-off:firing:critical']);
    expect(r.body.total).toBe(2);
    const critical = await api(`/api/v1/alerts?device=${acmeDevice}&severity=critical`, h.adminToken);
    expect(critical.body.alerts.map((a: { ruleId: string }) => a.ruleId)).toEqual(['firewall-off']);
    const backup = await api(`/api/v1/alerts?device=${acmeDevice}&category=backup&state=firing`, h.adminToken);
    expect(backup.body.alerts).toHaveLength(1);
    expect(backup.body.alerts[0]).toMatchObject({ instance: 'restic/home', summary: 'Backup restic/home failed: repository locked', tenantId: 'acme', deviceId: acmeDevice });
    const paged = await api(`/api/v1/alerts?tenant=acme&state=firing&limit=1&offset=1`, h.adminToken);
    expect(paged.body).toMatchObject({ limit: 1, offset: 1, total: 2 });
    expect(paged.body.alerts).toHaveLength(1);
    // The agent hung up without a Goodbye: offline is pending, and fires if it stays away for 10 minutes.
    const offline = await alertsOf(acmeDevice, '&state=pending');
    expect(offline.body.alerts.map((a: { ruleId: string; severity: string }) => `${a.ruleId}:${a.severity}`)).toEqual(['agent-offline:warning']);
    const bad = await api('/api/v1/alerts?state=burning', h.adminToken);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('COL_ERR_BAD_REQUEST');
  });

  it('an acknowledgement made while the agent stays connected and reporting is kept when the alert resolves', async () => {
    const d = await h.enroll('acme');
    const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
    try {
      agent.hello(d.deviceId);
      agent.report(1, broken(d.deviceId));
      const [alert] = (await alertsOf(d.deviceId, '&rule=backup-failed')).body.alerts;
      // Another report before the acknowledgement: the device's facts were evaluated more than once.
      agent.report(2, broken(d.deviceId));
      await agent.waitFor((fs) => fs.filter((f) => f.body === 'ack').length >= 2);
      expect((await api(`/api/v1/alerts/${alert.id}/ack`, h.adminToken, { method: 'POST', body: JSON.stringify({ comment: 'on it' }) })).status).toBe(200);
      agent.report(3, healthySnapshot(d.deviceId, Date.now()));
      const deadline = Date.now() + 10_000;
      let now = (await api(`/api/v1/alerts/${alert.id}`, h.adminToken)).body;
      while (now.state !== 'resolved' && Date.now() < deadline) {
        await new Promise((ok) => setTimeout(ok, 50));
        now = (await api(`/api/v1/alerts/${alert.id}`, h.adminToken)).body;
      }
      expect(now).toMatchObject({ state: 'resolved', acknowledged: { by: 'test admin', comment: 'on it' } });
      expect(now.history.map((e: { from: string | null; to: string }) => `${e.from}→${e.to}`)).toEqual(['null→firing', 'firing→acknowledged', 'acknowledged→resolved']);
    } finally {
      agent.close();
    }
  });

  it('acknowledges with a comment, snoozes, and keeps the history', async () => {
    const [alert] = (await alertsOf(acmeDevice, '&rule=firewall-off')).body.alerts;
    // The tenant has no ownership config: the provider owns every alert, and only the owner may acknowledge it.
    const ack = await api(`/api/v1/alerts/${alert.id}/ack`, h.adminToken, { method: 'POST', body: JSON.stringify({ comment: 'on it' }) });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ state: 'acknowledged', acknowledged: { by: 'test admin', comment: 'on it' } });
    const again = await api(`/api/v1/alerts/${alert.id}/ack`, h.adminToken, { method: 'POST', body: JSON.stringify({ comment: 'twice' }) });
    expect(again.status).toBe(409);
    const snooze = await api(`/api/v1/alerts/${alert.id}/snooze`, h.adminToken, { method: 'POST', body: JSON.stringify({ minutes: 30, comment: 'change window' }) });
    expect(snooze.status).toBe(200);
    expect(snooze.body.state).toBe('snoozed');
    expect(Date.parse(snooze.body.snoozedUntil) - Date.now()).toBeGreaterThan(29 * 60_000);
    const one = await api(`/api/v1/alerts/${alert.id}`, h.adminToken);
    expect(one.body.history.map((e: { from: string | null; to: string; actor: string | null; comment: string | null }) => [e.from, e.to, e.actor, e.comment])).toEqual([
      [null, 'firing', null, null],
      ['firing', 'acknowledged', 'test admin', 'on it'],
      ['acknowledged', 'snoozed', 'test admin', 'change window'],
    ]);
    expect(one.body.manualResolve).toBe(false);
  });

  it('resolves by hand only where the rule allows it', async () => {
    const firewall = (await alertsOf(acmeDevice, '&rule=firewall-off&state=all')).body.alerts[0];
    const refused = await api(`/api/v1/alerts/${firewall.id}/resolve`, h.adminToken, { method: 'POST', body: JSON.stringify({ comment: 'fixed?' }) });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('COL_ERR_FORBIDDEN');
    const backup = (await alertsOf(acmeDevice, '&rule=backup-failed')).body.alerts[0];
    const done = await api(`/api/v1/alerts/${backup.id}/resolve`, h.adminToken, { method: 'POST', body: JSON.stringify({ comment: 'reran it by hand' }) });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'resolved' });
    expect((await api(`/api/v1/alerts?device=${acmeDevice}&rule=backup-failed`, h.adminToken)).body.alerts).toEqual([]);
  });

  it('validates bodies', async () => {
    const [alert] = (await alertsOf(acmeDevice, '&rule=firewall-off&state=all')).body.alerts;
    const noComment = await api(`/api/v1/alerts/${alert.id}/ack`, h.adminToken, { method: 'POST', body: JSON.stringify({}) });
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.message).toMatch(/comment/);
    const both = await api(`/api/v1/alerts/${alert.id}/snooze`, h.adminToken, { method: 'POST', body: JSON.stringify({ minutes: 5, until: '2030-01-01T00:00:00Z' }) });
    expect(both.status).toBe(400);
  });

  it("never shows one tenant another tenant's alerts", async () => {
    const [acmeAlert] = (await alertsOf(acmeDevice, '&rule=firewall-off&state=all')).body.alerts;
    const list = await api('/api/v1/alerts?state=all', globexToken);
    expect(new Set(list.body.alerts.map((a: { tenantId: string }) => a.tenantId))).toEqual(new Set(['globex']));
    expect(list.body.alerts.map((a: { deviceId: string }) => a.deviceId)).toContain(globexDevice);
    for (const [method, path] of [['GET', ''], ['POST', '/ack'], ['POST', '/snooze'], ['POST', '/resolve']] as const) {
      const body = method === 'POST' ? JSON.stringify(path === '/snooze' ? { minutes: 5 } : { comment: 'mine now' }) : undefined;
      const r = await api(`/api/v1/alerts/${acmeAlert.id}${path}`, globexToken, { method, body });
      expect([path, r.status, r.body.error?.code]).toEqual([path, 404, 'COL_ERR_NOT_FOUND']);
    }
    expect((await api(`/api/v1/alerts?tenant=acme`, globexToken)).body.alerts).toEqual([]);
  });

  it('lets viewers look but not act', async () => {
    const [alert] = (await alertsOf(acmeDevice, '&rule=firewall-off&state=all', acmeViewer)).body.alerts;
    expect(alert).toBeDefined();
    const r = await api(`/api/v1/alerts/${alert.id}/ack`, acmeViewer, { method: 'POST', body: JSON.stringify({ comment: 'hi' }) });
    expect(r.status).toBe(403);
  });

  it('raises a spool gap reported by an agent', async () => {
    const d = await h.enroll('acme');
    const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
    agent.hello(d.deviceId);
    agent.send({ seq: 1, gap: { droppedCount: 12, firstDroppedSeq: 1, lastDroppedSeq: 12, firstDroppedAtMs: Date.now() - 60_000, lastDroppedAtMs: Date.now(), reason: 'spool full' } });
    await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
    const r = await alertsOf(d.deviceId, '&rule=spool-gap');
    expect(r.body.alerts[0]).toMatchObject({ state: 'firing', severity: 'warning', summary: expect.stringContaining('dropped 12 reports') });
    agent.close();
  });
});

describe('rules API', () => {
  it('serves the rules in force', async () => {
    const r = await api('/api/v1/rules', acmeViewer);
    expect(r.status).toBe(200);
    expect(r.body.source.origin).toBe('default');
    expect(r.body.rules.find((x: { id: string }) => x.id === 'disk-full')).toMatchObject({
      each: 'disk.volumes', for: '10m', params: { warnPercent: 90, critPercent: 95, clearPercent: 85 },
      levels: { critical: 'item.usedPercent >= $critPercent', warning: 'item.usedPercent >= $warnPercent' },
    });
    expect(r.body.text).toContain('disk-full');
  });

  it('replaces the rules for provider admins only, refusing a bad pack with every problem', async () => {
    const yaml = 'rules:\n  - id: firewall-off\n    category: security\n    severity: warning\n    summary: Firewall off\n    when: security.firewall.enabled == false\n';
    const tenantAdmin = await api('/api/v1/rules', acmeAdmin, { method: 'PUT', body: yaml, contentType: 'application/yaml' });
    expect(tenantAdmin.status).toBe(403);
    const bad = await api('/api/v1/rules', h.adminToken, { method: 'PUT', body: JSON.stringify({ rules: [{ id: 'x', category: 'disk', severity: 'warning', summary: 's', when: 'disk.state == ok', for: 'soon' }] }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toEqual({ code: 'COL_ERR_RULES_INVALID', message: 'body: rules[0].for: expected a duration like 10m' });
    const ok = await api('/api/v1/rules', h.adminToken, { method: 'PUT', body: yaml, contentType: 'application/yaml' });
    expect(ok.status).toBe(200);
    expect(ok.body.source).toMatchObject({ origin: 'api', updatedBy: 'test admin' });
    expect(ok.body.rules.map((x: { id: string }) => x.id)).toEqual(['firewall-off']);
    // The globex firewall alert is now judged by the new pack; its other alerts stop applying.
    const deadline = Date.now() + 5000;
    let open: string[] = [];
    while (Date.now() < deadline) {
      open = (await api(`/api/v1/alerts?device=${globexDevice}`, h.adminToken)).body.alerts.map((a: { ruleId: string }) => a.ruleId);
      if (open.length === 1) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(open).toEqual(['firewall-off']);
  });
});
