// Maintenance windows and the notification record through the API of an
// in-process collector with real sockets and a real HTTP receiver: internal
// IT schedules a window within the guardrails, an alert during it stays open
// and visible but pages nobody, an unmutable one still goes out, and the
// window's end brings its owner one summary. Runs on SQLite and PostgreSQL.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '@tandem/proto';
import { RawAgent, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { healthySnapshot } from '../rules/support.js';
import { startReceiver } from '../notify/support.js';
import type { Receiver } from '../notify/support.js';

let h: Harness;
let rx: Receiver;
let itAdmin: string;
let itViewer: string;
let globexAdmin: string;
let seq = 1;

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
    channels: [{ name: it-hook, type: webhook, url: "${rx.url}/internal" }]
  provider:
    channels: [{ name: noc-hook, type: webhook, url: "${rx.url}/noc" }]
lines:
  - { id: security, match: { category: security }, owner: provider }
  - { id: backups, match: { category: backup }, owner: internal }
guardrails:
  unmutable: { categories: [security] }
`;

const bodies = (path: string) => rx.received.filter((r) => r.path === path).map((r) => JSON.parse(r.body) as Record<string, any>);

async function device(hostname: string) {
  const { token } = await h.server.store.createEnrollToken({ tenantId: 'acme', site: 'hq' });
  const d = await h.server.store.enrollDevice(token, { hostname, os: 'linux', agentVersion: '0.1.0' });
  const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.deviceSecret);
  agent.hello(d.deviceId);
  return { id: d.deviceId, agent };
}

async function report(d: { id: string; agent: RawAgent }, change: (s: Snapshot) => void) {
  const s = healthySnapshot(d.id, Date.now());
  change(s);
  d.agent.report(seq++, s);
  await d.agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
}

const alertOf = (deviceId: string, ruleId: string) => until(`${ruleId} firing on ${deviceId}`, async () => {
  const r = await api(`/api/v1/alerts?device=${deviceId}&state=firing`, h.adminToken);
  return (r.body.alerts as Array<{ id: string; ruleId: string }> | undefined)?.find((a) => a.ruleId === ruleId)?.id;
});

/** A one-off window in UTC that started `agoMinutes` ago. */
const windowFrom = (agoMinutes: number, extra: Record<string, unknown> = {}) => ({
  tenantId: 'acme', reason: 'patch night', owner: 'internal', durationMinutes: 60, timeZone: 'UTC',
  start: new Date(Date.now() - agoMinutes * 60_000).toISOString().slice(0, 16), ...extra,
});

beforeAll(async () => {
  rx = await startReceiver();
  h = await startHarness('routing: { escalationCheckSeconds: 3600, notify: { attempts: 1, backoffMs: 1, groupWaitSeconds: 1 }, maintenance: { maxWindowMinutes: 240 } }');
  await h.server.store.createTenant({ id: 'globex', name: 'Globex' });
  itAdmin = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme it', role: 'internal-admin' })).token;
  itViewer = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme viewer', role: 'internal-viewer' })).token;
  globexAdmin = (await h.server.store.createApiToken({ tenantId: 'globex', name: 'globex it', role: 'internal-admin' })).token;
  const res = await fetch(`${h.url}/api/v1/tenants/acme/ownership`, { method: 'PUT', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/yaml' }, body: ownership() });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await h?.close();
  await rx?.close();
});

describe('scheduling maintenance', () => {
  it('refuses what is wrong with the field named, what the guardrails forbid, and other roles and tenants', async () => {
    const never = await api('/api/v1/maintenance', itAdmin, 'POST', windowFrom(0, { rrule: 'FREQ=WEEKLY;BYDAY=SA' }));
    expect(never.status).toBe(400);
    expect(never.body.error.message).toContain('body.rrule: "FREQ=WEEKLY;BYDAY=SA" never ends');
    const long = await api('/api/v1/maintenance', itAdmin, 'POST', windowFrom(0, { durationMinutes: 300 }));
    expect(long.status).toBe(400);
    expect(long.body.error.message).toContain('body.durationMinutes: 300 minutes is longer than the 240 minutes a window may last (routing.maintenance.maxWindowMinutes)');
    const unmutable = await api('/api/v1/maintenance', itAdmin, 'POST', windowFrom(0, { only: { categories: ['security'] } }));
    expect(unmutable.status).toBe(403);
    expect(unmutable.body.error.message).toContain('guardrail unmutable');
    expect((await api('/api/v1/maintenance', itViewer, 'POST', windowFrom(0))).status).toBe(403);
    expect((await api('/api/v1/maintenance?tenantId=acme', globexAdmin)).status).toBe(404);
    expect((await api('/api/v1/maintenance', globexAdmin, 'POST', windowFrom(0))).status).toBe(404);
    expect((await api('/api/v1/maintenance?tenantId=acme', h.adminToken)).body.windows).toEqual([]);
  });
});

describe('an alert during a window', () => {
  let windowId: string;
  let backupAlert: string;
  let end: number;

  it('internal IT schedules a window; it is listed with its occurrence in force and audited', async () => {
    const created = await api('/api/v1/maintenance', itAdmin, 'POST', windowFrom(5));
    expect(created.status).toBe(201);
    windowId = created.body.id;
    expect(created.body.active).not.toBeNull();
    end = Date.parse(created.body.active.end);
    const list = await api('/api/v1/maintenance', itViewer);
    expect(list.body.windows.map((w: { id: string }) => w.id)).toEqual([windowId]);
    expect(list.body.windows[0]).toMatchObject({ reason: 'patch night', owner: 'internal', createdBy: 'acme it', createdBySide: 'internal' });
    const audit = await api('/api/v1/tenants/acme/audit', h.adminToken);
    expect(audit.body.entries.find((e: { action: string }) => e.action === 'maintenance.add')).toMatchObject({ actor: 'acme it', side: 'internal' });
  });

  it('a failed backup opens, is visible as in maintenance, and pages nobody; a firewall off (unmutable) still goes to the provider', async () => {
    const d = await device('fin-srv-01');
    await report(d, (s) => { s.backup!.jobs[0]!.lastResult = 'failed'; s.security!.firewall.enabled = false; });
    backupAlert = await alertOf(d.id, 'backup-failed');
    const firewall = await alertOf(d.id, 'firewall-off');
    await until('the firewall alert at the provider', async () => bodies('/noc').find((b) => b.alert?.id === firewall));
    await h.server.routing.engine.delivered();
    expect(bodies('/internal')).toEqual([]);
    const rec = await until('the hold recorded', async () => {
      const r = await api(`/api/v1/alerts/${backupAlert}/notifications`, itViewer);
      return r.body.records?.length > 0 && r.body;
    });
    expect(rec.heldBy).toMatchObject({ by: 'maintenance' });
    expect(rec.heldBy.reason).toContain(`in maintenance window ${windowId} "patch night"`);
    expect(rec.records).toEqual([expect.objectContaining({ kind: 'fire', outcome: 'suppressed', suppressedBy: 'maintenance', channel: null })]);
    const timeline = await api(`/api/v1/alerts/${backupAlert}/timeline`, itViewer);
    // The response clock waits for the window: the alert is due its SLA (4 h for a warning) after the window's end.
    expect(Date.parse(timeline.body.dueAt)).toBe(end + 240 * 60_000);
    expect(timeline.body.entries.find((e: { kind: string; status?: string }) => e.kind === 'notification' && e.status === 'suppressed'))
      .toMatchObject({ reason: 'fire', text: expect.stringContaining(`held (maintenance): in maintenance window ${windowId}`) });
    const routing = await api(`/api/v1/alerts/${backupAlert}/routing`, itViewer);
    expect(JSON.stringify(routing.body)).toContain('in maintenance window');
    const sent = await until('the firewall delivery recorded', async () => {
      const r = await api(`/api/v1/alerts/${firewall}/notifications`, itViewer);
      return r.body.records?.find((x: { outcome: string }) => x.outcome === 'sent');
    });
    expect(sent).toMatchObject({ team: 'provider', channel: 'noc-hook', kind: 'fire' });
  });

  it('the tenant-wide record filters by outcome and time and pages', async () => {
    const held = await api('/api/v1/notifications?outcome=suppressed', itViewer);
    expect(held.body.records.map((r: { alertId: string }) => r.alertId)).toContain(backupAlert);
    expect(held.body.records.every((r: { outcome: string }) => r.outcome === 'suppressed')).toBe(true);
    const all = await api('/api/v1/notifications?tenantId=acme&limit=1', h.adminToken);
    expect(all.body.total).toBeGreaterThanOrEqual(2);
    expect(all.body.records).toHaveLength(1);
    const later = await api(`/api/v1/notifications?tenantId=acme&from=${new Date(Date.now() + 3_600_000).toISOString()}`, h.adminToken);
    expect(later.body.total).toBe(0);
    expect((await api('/api/v1/notifications?tenantId=acme', globexAdmin)).status).toBe(404);
    expect((await api('/api/v1/notifications?outcome=lost', itViewer)).status).toBe(400);
  });

  it('at the window\'s end the owner gets one summary of what is still open, once', async () => {
    await h.server.routing.maintenance.service.tick(end + 1000);
    await h.server.routing.maintenance.service.tick(end + 2000);
    const summaries = await until('the summary', async () => {
      const s = bodies('/internal');
      return s.length > 0 && s;
    });
    expect(summaries).toHaveLength(1);
    expect(JSON.stringify(summaries[0])).toContain('During the maintenance window \\"patch night\\"');
    expect(JSON.stringify(summaries[0])).toContain('1 alert still open, 0 resolved on their own');
    // The response clock of what is still open starts at the window's end.
    expect((await h.server.routing.engine.routes.route(backupAlert))?.firedAt).toBe(end);
  });

  it('the SLA report leaves the window out of the response time of the alert it held, from when the window was scheduled to its end', async () => {
    const day = 86_400_000;
    const r = await api(`/api/v1/reports/sla?tenant=acme&from=${new Date(Date.now() - day).toISOString()}&to=${new Date(end + day).toISOString()}`, h.adminToken);
    expect(r.status).toBe(200);
    const internal = (r.body.teams as Array<{ team: string; excluded: Array<{ from: number; until: number; reason: string }> }>).find((t) => t.team === 'internal')!;
    const windows = (await api('/api/v1/maintenance', itViewer)).body.windows as Array<{ id: string; createdAt: string }>;
    const w = windows.find((x) => x.id === windowId)!;
    expect(internal.excluded).toEqual([{ from: Date.parse(w.createdAt), until: end, reason: `maintenance: patch night (${windowId}), for the alerts it covers` }]);
    // The provider's alert (the firewall, unmutable) was not covered: nothing is excluded for the provider.
    expect((r.body.teams as Array<{ team: string; excluded: unknown[] }>).find((t) => t.team === 'provider')!.excluded).toEqual([]);
  });

  it('internal IT removes its window (audited); a provider window it may not remove', async () => {
    const provider = await api('/api/v1/maintenance', h.adminToken, 'POST', windowFrom(0, { owner: 'provider', reason: 'firmware' }));
    expect(provider.status).toBe(201);
    const refused = await api(`/api/v1/maintenance/${provider.body.id}`, itAdmin, 'DELETE');
    expect(refused.status).toBe(403);
    expect((await api(`/api/v1/maintenance/${provider.body.id}?tenantId=acme`, h.adminToken, 'DELETE')).status).toBe(200);
    expect((await api(`/api/v1/maintenance/${windowId}`, itAdmin, 'DELETE')).body).toEqual({ removed: windowId });
    expect((await api(`/api/v1/maintenance/${windowId}`, itAdmin, 'DELETE')).status).toBe(404);
    const audit = await api('/api/v1/tenants/acme/audit', h.adminToken);
    expect(audit.body.entries.find((e: { action: string }) => e.action === 'maintenance.remove')).toMatchObject({ actor: 'acme it' });
  });
});

describe('inhibition on one device (after the window is gone)', () => {
  it('a failed backup inhibits the stale-backup alert of the same device; once it is resolved the stale one, still true, notifies', async () => {
    const d = await device('fin-srv-02');
    const staleAndFailed = (s: Snapshot) => {
      s.backup!.jobs[0]!.lastResult = 'failed';
      s.backup!.jobs[0]!.lastSuccessAt = new Date(Date.now() - 30 * 3_600_000).toISOString();
    };
    await report(d, staleAndFailed);
    const failed = await alertOf(d.id, 'backup-failed');
    const stale = await alertOf(d.id, 'backup-stale');
    await until('the failed backup at internal IT', async () => bodies('/internal').find((b) => b.alert?.id === failed));
    const held = await until('the stale alert held', async () => {
      const r = await api(`/api/v1/alerts/${stale}/notifications`, itViewer);
      return r.body.records?.length > 0 && r.body;
    });
    expect(held.heldBy).toEqual({ by: 'inhibition', reason: expect.stringContaining(`inhibited by alert ${failed} (backup-failed:`) });
    expect(held.records[0]).toMatchObject({ outcome: 'suppressed', suppressedBy: 'inhibition' });
    expect(bodies('/internal').some((b) => b.alert?.id === stale || (b.alerts ?? []).some((a: { id: string }) => a.id === stale))).toBe(false);

    const resolved = await api(`/api/v1/alerts/${failed}/resolve`, itAdmin, 'POST', { comment: 'restarted the job' });
    expect(resolved.status).toBe(200);
    await until('the stale alert notified after its cause resolved', async () => bodies('/internal').find((b) => b.kind === 'fire' && (b.alert?.id === stale || (b.alerts ?? []).some((a: { id: string }) => a.id === stale))));
    // The record is written once notify reports the delivery.
    const after = await until('the delivery recorded', async () => {
      const r = await api(`/api/v1/alerts/${stale}/notifications`, itViewer);
      return r.body.records?.some((x: { outcome: string }) => x.outcome === 'sent') && r.body;
    });
    expect(after.heldBy).toBeNull();
  });
});

describe('a window over an alert that fired before it', () => {
  it('at the window\'s end, the time the open alert spent inside it is added to its clock start, once', async () => {
    const d = await device('fin-srv-03');
    await report(d, (s) => { s.backup!.jobs[0]!.lastResult = 'failed'; });
    const id = await alertOf(d.id, 'backup-failed');
    const firedAt = Date.parse((await api(`/api/v1/alerts/${id}`, itViewer)).body.firedAt);
    expect(firedAt).toBeGreaterThan(0);
    const created = await api('/api/v1/maintenance', itAdmin, 'POST', windowFrom(5, { scope: { devices: [d.id] } }));
    expect(created.status).toBe(201);
    const end = Date.parse(created.body.active.end);
    // In force from when it was scheduled, not from its (earlier) start.
    const inside = end - Date.parse(created.body.createdAt);
    await h.server.routing.maintenance.service.tick(end + 1000);
    await h.server.routing.maintenance.service.tick(end + 2000);
    expect((await h.server.routing.engine.routes.route(id))?.firedAt).toBe(firedAt + inside);
    expect((await api(`/api/v1/maintenance/${created.body.id}`, itAdmin, 'DELETE')).status).toBe(200);
  });
});

describe('the maintenance CLI', () => {
  const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
  const run = (...args: string[]) => promisify(execFile)(process.execPath, [cli, 'maintenance', ...args, '--url', h.url, '--tenant', 'acme'], { env: { ...process.env, TANDEM_API_TOKEN: itAdmin } })
    .then((r) => ({ code: 0, out: r.stdout, err: r.stderr }), (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }));

  it('adds a window from a file, lists it with its next occurrence, refuses a bad one naming the field, and removes it', async () => {
    const file = join(h.dataDir, 'window.yaml');
    writeFileSync(file, 'reason: nightly patching\nowner: internal\nstart: 2030-01-05T22:00\ndurationMinutes: 90\ntimeZone: Europe/Berlin\nrrule: FREQ=WEEKLY;BYDAY=SA;COUNT=4\nscope: { sites: [hq] }\n');
    const added = await run('add', '--file', file);
    expect(added.err).toBe('');
    const id = /scheduled (mw_\S+)/.exec(added.out)?.[1];
    expect(id).toBeDefined();
    const listed = await run('list');
    expect(listed.out).toContain(`${id}\tinternal\tFREQ=WEEKLY;BYDAY=SA;COUNT=4\t2030-01-05T22:00 Europe/Berlin +90m\tnext 2030-01-05T21:00:00.000Z\tnightly patching`);
    writeFileSync(file, 'reason: forever\nowner: internal\nstart: 2030-01-05T22:00\ndurationMinutes: 90\ntimeZone: Europe/Berlin\nrrule: FREQ=DAILY\n');
    const bad = await run('add', '--file', file);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('HTTP 400: body.rrule: "FREQ=DAILY" never ends');
    expect((await run('remove', id!)).out).toContain(`removed maintenance window ${id}`);
    expect((await run('list')).out).toContain('no maintenance windows for acme');
  });
});
