// Routing through the API against an in-process collector with real
// sockets: set ownership, an agent report fires alerts, each alert carries
// its trace and reaches the owner's webhook; internal IT tunes within the
// guardrails, with preview, audit and revert; tenants stay apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '@tandem/proto';
import { RawAgent, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { healthySnapshot } from '../rules/support.js';
import { startReceiver } from '../notify/support.js';
import type { Receiver } from '../notify/support.js';
import { signBody } from '../../src/notify/notifiers/webhook.js';

let h: Harness;
let rx: Receiver;
let acmeAdmin: string;
let acmeViewer: string;
let globexAdmin: string;
let deviceId: string;
let firewallAlert: string;
let backupAlert: string;

async function api(path: string, token: string, init: { method?: string; body?: unknown; contentType?: string } = {}) {
  const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  const res = await fetch(`${h.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': init.contentType ?? 'application/json' } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ownershipYaml = () => `
teams:
  internal:
    name: Acme IT
    channels: [{ name: it-hook, type: webhook, url: "${rx.url}/internal" }]
  provider:
    name: NOC
    channels: [{ name: noc-hook, type: webhook, url: "${rx.url}/noc", hmacSecret: noc-signing-key }]
lines:
  - id: security
    match: { category: security }
    owner: provider
    sla: { critical: 15m }
  - id: backups
    match: { category: backup, site: hq }
    owner: provider
    sla: { warning: 2h }
escalation: { to: other, repeatEvery: 30m, maxReminders: 1 }
guardrails:
  lockedLines: [security]
  unmutable: { rules: [firewall-off] }
`;

const broken = (id: string): Snapshot => {
  const s = healthySnapshot(id, Date.now());
  s.security!.firewall.enabled = false;
  s.backup!.jobs[0]!.lastResult = 'failed';
  return s;
};

const posts = (path: string, kind?: string) => rx.received.filter((r) => r.path === path && (!kind || JSON.parse(r.body).kind === kind));

beforeAll(async () => {
  rx = await startReceiver();
  h = await startHarness('routing: { escalationCheckSeconds: 3600, notify: { attempts: 1, groupWaitSeconds: 0.2 } }');
  await h.server.store.createTenant({ id: 'globex', name: 'Globex' });
  acmeAdmin = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme it', role: 'internal-admin' })).token;
  acmeViewer = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme viewer', role: 'internal-viewer' })).token;
  globexAdmin = (await h.server.store.createApiToken({ tenantId: 'globex', name: 'globex it', role: 'internal-admin' })).token;
});
afterAll(async () => {
  await h.close();
  await rx.close();
});

describe('ownership config', () => {
  it('a tenant without a config has the documented default', async () => {
    const r = await api('/api/v1/tenants/acme/ownership', acmeViewer);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ tenantId: 'acme', version: null, source: 'default', document: { defaults: { owner: 'provider' }, lines: [] } });
  });

  it('the provider sets it as YAML; every problem is listed', async () => {
    const bad = await api('/api/v1/tenants/acme/ownership', h.adminToken, { method: 'PUT', body: 'teams: { internal: {}, provider: {} }\nlines: [{ match: { severity: urgent }, owner: someone }]\n', contentType: 'application/yaml' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toEqual({ code: 'COL_ERR_OWNERSHIP_INVALID', message: 'body: lines[0].match.severity: expected one of info, warning, critical; body: lines[0].owner: expected one of internal, provider, both' });
    const ok = await api('/api/v1/tenants/acme/ownership', h.adminToken, { method: 'PUT', body: ownershipYaml(), contentType: 'application/yaml' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: 1, source: 'stored', updatedBy: 'test admin' });
    // The text comes back as written, its secrets masked (the URLs keep their origin).
    expect(ok.body.text).toBe(ownershipYaml().replace(`"${rx.url}/internal"`, `"${rx.url}/••••"`).replace(`"${rx.url}/noc"`, `"${rx.url}/••••"`).replace('noc-signing-key', '"••••-key"'));
  });

  it('internal IT and viewers cannot replace it', async () => {
    const internal = await api('/api/v1/tenants/acme/ownership', acmeAdmin, { method: 'PUT', body: ownershipYaml(), contentType: 'application/yaml' });
    expect(internal.status).toBe(403);
    expect(internal.body.error.message).toContain('through tuning');
    expect((await api('/api/v1/tenants/acme/ownership', acmeViewer, { method: 'PUT', body: { teams: {} } })).status).toBe(403);
  });
});

describe('routing alerts', () => {
  it('a device report fires alerts; each carries its trace and reaches the owner', async () => {
    const { token } = await h.server.store.createEnrollToken({ tenantId: 'acme', site: 'hq', tags: ['finance'] });
    const d = await h.server.store.enrollDevice(token, { hostname: 'fin-ws-07', os: 'linux', agentVersion: '0.1.0' });
    deviceId = d.deviceId;
    const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.deviceSecret);
    agent.hello(d.deviceId);
    agent.report(1, broken(d.deviceId));
    await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
    const alerts = await until('alerts', async () => {
      const r = await api(`/api/v1/alerts?device=${deviceId}&state=firing`, h.adminToken);
      return r.body.alerts?.length >= 2 ? r.body.alerts as Array<{ id: string; ruleId: string }> : undefined;
    });
    firewallAlert = alerts.find((a) => a.ruleId === 'firewall-off')!.id;
    backupAlert = alerts.find((a) => a.ruleId === 'backup-failed')!.id;

    const r = await until('routing', async () => {
      const x = await api(`/api/v1/alerts/${firewallAlert}/routing`, acmeViewer);
      return x.body.routed ? x : undefined;
    });
    expect(r.body).toMatchObject({ owner: 'provider', lineOwner: 'provider', slaMinutes: 15, line: 1, configVersion: 1, channels: [{ team: 'provider', channel: 'noc-hook' }] });
    expect(r.body.trace).toEqual([
      'line 1 (security): category=security → provider',
      'SLA 15 min for critical',
      'unacknowledged after 15 min → escalates to internal, reminders every 30 min (at most 1)',
    ]);
    expect(Date.parse(r.body.dueAt) - Date.parse(r.body.firedAt)).toBe(15 * 60_000);
    expect(r.body.decisions).toHaveLength(1);
    expect(r.body.decisions[0]).toMatchObject({ reason: 'fire', owner: 'provider' });

    const delivered = await until('webhook', async () => posts('/noc', 'fire').find((p) => JSON.parse(p.body).alert.id === firewallAlert));
    expect(delivered.headers['x-tandem-signature']).toBe(signBody(delivered.body, 'noc-signing-key'));
    expect(JSON.parse(delivered.body).routing.trace[0]).toBe('line 1 (security): category=security → provider');
    expect(posts('/internal')).toHaveLength(0);
    agent.close();
  });

  it('escalates to the other team when unacknowledged past the SLA, then reminds', async () => {
    const db = h.server.store.db;
    await db.updateTable('alert_routes').set({ fired_at: Date.now() - 20 * 60_000 }).where('alert_id', '=', firewallAlert).execute();
    await h.server.routing.engine.checkEscalations();
    const r = await api(`/api/v1/alerts/${firewallAlert}/routing`, h.adminToken);
    expect(r.body.owner).toBe('both');
    expect(r.body.escalatedAt).not.toBeNull();
    expect(r.body.decisions.map((d: { reason: string }) => d.reason)).toEqual(['fire', 'escalation']);
    expect(r.body.trace.at(-1)).toMatch(/^unacknowledged 20 min after firing \(SLA 15 min\) → escalated to internal$/);
    const esc = await until('escalation webhook', async () => posts('/internal', 'escalation')[0]);
    expect(JSON.parse(esc.body).alert.id).toBe(firewallAlert);
    await db.updateTable('alert_routes').set({ escalated_at: Date.now() - 31 * 60_000 }).where('alert_id', '=', firewallAlert).execute();
    await h.server.routing.engine.checkEscalations();
    await h.server.routing.engine.checkEscalations();
    const after = await api(`/api/v1/alerts/${firewallAlert}/routing`, h.adminToken);
    expect(after.body.decisions.map((d: { reason: string }) => d.reason)).toEqual(['fire', 'escalation', 'reminder']);
    expect(after.body.reminders).toBe(1);
  });
});

describe('tuning by internal IT', () => {
  const keepBackups = { action: 'keep', match: { category: 'backup' }, reason: 'we run the backup server ourselves' };
  let auditId: string;

  it('previews which open alerts would move, with their ids', async () => {
    const r = await api('/api/v1/tenants/acme/tuning/preview', acmeAdmin, { method: 'POST', body: keepBackups });
    expect(r.status).toBe(200);
    expect(r.body.summary).toEqual(['1 open alert would move from provider to internal']);
    expect(r.body.moves).toEqual([{ from: 'provider', to: 'internal', alertIds: [backupAlert] }]);
    expect(r.body.change).toBe('keep category=backup with internal IT (we run the backup server ourselves)');
    // A preview changes nothing.
    expect((await api('/api/v1/tenants/acme/ownership', acmeAdmin)).body.version).toBe(1);
  });

  it('applies, re-routes the open alert, and records who did it', async () => {
    const r = await api('/api/v1/tenants/acme/tuning', acmeAdmin, { method: 'POST', body: keepBackups });
    expect(r.status).toBe(201);
    auditId = r.body.auditId;
    expect(r.body.version).toBe(2);
    const routing = await api(`/api/v1/alerts/${backupAlert}/routing`, acmeAdmin);
    expect(routing.body.owner).toBe('internal');
    expect(routing.body.trace[1]).toMatch(/^tuning tun_\S+ \(keep by acme it: we run the backup server ourselves\): category=backup → internal$/);
    expect(routing.body.decisions.map((d: { reason: string }) => d.reason)).toEqual(['fire', 'reroute']);
    await until('internal hears of it', async () => posts('/internal', 'fire').find((p) => JSON.parse(p.body).alert.id === backupAlert));

    // Both sides see the change.
    for (const token of [h.adminToken, acmeViewer]) {
      const audit = await api('/api/v1/tenants/acme/audit', token);
      expect(audit.status).toBe(200);
      expect(audit.body.entries[0]).toMatchObject({
        id: auditId, actor: 'acme it', role: 'internal-admin', side: 'internal', action: 'tuning.keep', versionBefore: 1, versionAfter: 2,
        before: null, after: { kind: 'keep', match: { category: 'backup' }, reason: 'we run the backup server ourselves', by: 'acme it' },
      });
      expect(audit.body.entries[1]).toMatchObject({ action: 'ownership.replace', side: 'provider', actor: 'test admin' });
    }
  });

  it('refuses what the guardrails forbid, naming the guardrail', async () => {
    const locked = await api('/api/v1/tenants/acme/tuning', acmeAdmin, { method: 'POST', body: { action: 'handoff', match: { category: 'security' }, reason: 'not ours' } });
    expect(locked.status).toBe(403);
    expect(locked.body.error.code).toBe('COL_ERR_GUARDRAIL');
    expect(locked.body.error.message).toContain('guardrail lockedLines: line 1 (security)');
    const mute = await api('/api/v1/tenants/acme/tuning/preview', acmeAdmin, { method: 'POST', body: { action: 'mute', match: { rule: 'firewall-off' }, reason: 'noisy', until: new Date(Date.now() + 86_400_000).toISOString() } });
    expect(mute.status).toBe(403);
    expect(mute.body.error).toEqual({ code: 'COL_ERR_GUARDRAIL', message: 'guardrail unmutable.rules: firewall-off may not be muted, and this mute could cover it; name the rules to mute' });
    const viewer = await api('/api/v1/tenants/acme/tuning', acmeViewer, { method: 'POST', body: keepBackups });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.code).toBe('COL_ERR_FORBIDDEN');
    const badBody = await api('/api/v1/tenants/acme/tuning', acmeAdmin, { method: 'POST', body: { action: 'keep', reason: 'x', match: { colour: 'red' } } });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.message).toBe('body/match.colour: unknown key');
  });

  it('stores threshold changes for the rules stage', async () => {
    const bad = await api('/api/v1/tenants/acme/tuning', acmeAdmin, { method: 'POST', body: { action: 'threshold', rule: 'disk-full', match: { role: 'server' }, params: { fullPercent: 80 }, reason: 'x' } });
    expect(bad.status).toBe(400);
    const r = await api('/api/v1/tenants/acme/tuning', acmeAdmin, { method: 'POST', body: { action: 'threshold', rule: 'disk-full', match: { site: 'hq' }, params: { warnPercent: 80 }, reason: 'small disks at hq' } });
    expect(r.status).toBe(201);
    expect(await h.server.routing.engine.thresholdOverrides()).toEqual([{ match: { site: 'hq', tenant: 'acme' }, rule: 'disk-full', params: { warnPercent: 80 } }]);
    const revert = await api(`/api/v1/tenants/acme/audit/${r.body.auditId}/revert`, acmeAdmin, { method: 'POST' });
    expect(revert.status).toBe(201);
    expect(await h.server.routing.engine.thresholdOverrides()).toEqual([]);
  });

  it('reverts by audit id, once; internal IT cannot revert the provider', async () => {
    const r = await api(`/api/v1/tenants/acme/audit/${auditId}/revert`, acmeAdmin, { method: 'POST' });
    expect(r.status).toBe(201);
    expect((await api(`/api/v1/alerts/${backupAlert}/routing`, acmeAdmin)).body.owner).toBe('provider');
    const audit = (await api('/api/v1/tenants/acme/audit', h.adminToken)).body.entries;
    expect(audit[0]).toMatchObject({ id: r.body.auditId, action: 'revert', reverts: auditId, actor: 'acme it' });
    expect(audit.find((e: { id: string }) => e.id === auditId).revertedBy).toBe(r.body.auditId);
    expect((await api(`/api/v1/tenants/acme/audit/${auditId}/revert`, acmeAdmin, { method: 'POST' })).status).toBe(409);
    const providerChange = audit.find((e: { action: string }) => e.action === 'ownership.replace').id;
    const refused = await api(`/api/v1/tenants/acme/audit/${providerChange}/revert`, acmeAdmin, { method: 'POST' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('COL_ERR_GUARDRAIL');
    const versions = await api('/api/v1/tenants/acme/ownership/versions', acmeViewer);
    expect(versions.body.versions.map((v: { version: number; current: boolean }) => [v.version, v.current])).toEqual([[5, true], [4, false], [3, false], [2, false], [1, false]]);
  });
});

describe('matrix and gaps', () => {
  it('derives owner, hours, SLA and escalation per category and device group', async () => {
    const r = await api('/api/v1/tenants/acme/matrix', acmeViewer);
    expect(r.status).toBe(200);
    expect(r.body.groups).toEqual([expect.objectContaining({ name: 'site=hq, role=workstation, os=linux, tags=finance', devices: 1 })]);
    expect(r.body.rows).toContainEqual({
      category: 'backup', rule: 'backup-failed', severity: 'warning', group: 'site=hq, role=workstation, os=linux, tags=finance',
      owner: 'provider', line: 2, slaMinutes: 120, hours: 'provider: 24/7', escalation: 'after 2 h → internal', muted: false, gaps: [],
    });
    expect(r.body.gaps).toEqual([]);
  });
});

describe('tenant isolation', () => {
  it("another tenant's token gets 404 for everything of acme", async () => {
    const paths: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/tenants/acme/ownership'],
      ['PUT', '/api/v1/tenants/acme/ownership', { teams: {} }],
      ['GET', '/api/v1/tenants/acme/ownership/versions'],
      ['GET', '/api/v1/tenants/acme/audit'],
      ['GET', '/api/v1/tenants/acme/matrix'],
      ['POST', '/api/v1/tenants/acme/tuning/preview', { action: 'keep', match: { category: 'disk' }, reason: 'x' }],
      ['POST', '/api/v1/tenants/acme/tuning', { action: 'keep', match: { category: 'disk' }, reason: 'x' }],
      ['POST', '/api/v1/tenants/acme/audit/aud_x/revert'],
      ['GET', `/api/v1/alerts/${firewallAlert}/routing`],
    ];
    for (const [method, path, body] of paths) {
      const r = await api(path, globexAdmin, { method, body });
      expect([path, r.status, r.body.error?.code]).toEqual([path, 404, 'COL_ERR_NOT_FOUND']);
    }
    expect((await api('/api/v1/tenants/globex/ownership', globexAdmin)).status).toBe(200);
    expect((await api('/api/v1/tenants/nope/ownership', h.adminToken)).status).toBe(404);
  });
});
