// Tickets as the live collector opens them: a real collector process with
// real sockets, a real agent connection, and each party's ticket system as
// a local server following its documented contract. An alert owned by both
// opens a ticket in each system, each naming the other; a person's
// acknowledgement reaches both as a note; the resolve closes both. A ticket
// system that keeps failing leaves a dead letter on the alert's timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '@tandem/proto';
import { RawAgent, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { healthySnapshot } from '../rules/support.js';
import { startFakeSystem } from './fake-systems.js';
import type { FakeSystem } from './fake-systems.js';

let h: Harness;
let psa: FakeSystem;
let desk: FakeSystem;
let broken: FakeSystem;
let seq = 1;
const savedEnv: Record<string, string | undefined> = {};

async function api(path: string, method = 'GET', body?: unknown) {
  const res = await fetch(`${h.url}${path}`, {
    method, headers: { authorization: `Bearer ${h.adminToken}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const yamlOf = (c: Record<string, unknown>) => JSON.stringify(c);

const ownership = () => `
teams:
  internal:
    channels:
      - ${yamlOf(desk.channel('it-desk'))}
  provider:
    channels:
      - ${yamlOf(psa.channel('msp-psa'))}
lines:
  - { id: security, match: { category: security }, owner: both }
`;

const brokenOwnership = () => `
teams:
  internal: { channels: [] }
  provider:
    channels:
      - ${yamlOf(broken.channel('old-psa'))}
lines:
  - { id: backups, match: { category: backup }, owner: provider }
`;

async function device(hostname: string, tenantId = 'acme') {
  const { token } = await h.server.store.createEnrollToken({ tenantId, site: 'hq' });
  const d = await h.server.store.enrollDevice(token, { hostname, os: 'linux', agentVersion: '0.1.0' });
  const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.deviceSecret);
  agent.hello(d.deviceId);
  return { id: d.deviceId, agent };
}

async function report(d: { id: string; agent: RawAgent }, change: (s: Snapshot) => void = () => {}) {
  const s = healthySnapshot(d.id, Date.now());
  change(s);
  d.agent.report(seq++, s);
  await d.agent.waitFor((fs) => fs.filter((f) => f.body === 'ack').length >= 1 && fs.length > 0);
}

async function alertOf(deviceId: string, ruleId: string): Promise<string> {
  return until(`${ruleId} firing on ${deviceId}`, async () => {
    const r = await api(`/api/v1/alerts?device=${deviceId}&state=firing`);
    return (r.body.alerts as Array<{ id: string; ruleId: string }> | undefined)?.find((a) => a.ruleId === ruleId)?.id;
  });
}

beforeAll(async () => {
  [psa, desk, broken] = await Promise.all([startFakeSystem('connectwise'), startFakeSystem('servicenow'), startFakeSystem('autotask')]);
  for (const [k, v] of Object.entries({ ...psa.env, ...desk.env, ...broken.env })) {
    savedEnv[k] = process.env[k];
    process.env[k] = v;
  }
  h = await startHarness('routing: { escalationCheckSeconds: 3600, notify: { attempts: 2, backoffMs: 1 } }');
  const res = await fetch(`${h.url}/api/v1/tenants/acme/ownership`, { method: 'PUT', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/yaml' }, body: ownership() });
  expect(res.status, await res.clone().text()).toBe(200);
  await h.server.store.createTenant({ id: 'globex', name: 'Globex' });
  const res2 = await fetch(`${h.url}/api/v1/tenants/globex/ownership`, { method: 'PUT', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/yaml' }, body: brokenOwnership() });
  expect(res2.status, await res2.clone().text()).toBe(200);
}, 60_000);

afterAll(async () => {
  await h?.close();
  await Promise.all([psa?.close(), desk?.close(), broken?.close()]);
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('tickets in both systems', () => {
  it('an alert owned by both opens one ticket in each system, each naming the other; ack and resolve reach both', async () => {
    const d = await device('fin-ws-07');
    await report(d, (s) => { s.security!.firewall.enabled = false; });
    const id = await alertOf(d.id, 'firewall-off');
    const [p] = await until('the provider\'s ticket', () => psa.tickets().length === 1 && psa.tickets());
    const [i] = await until('internal IT\'s ticket', () => desk.tickets().length === 1 && desk.tickets());
    // One was created naming the other; the other was then noted with it.
    await until('both tickets reference each other', () => [p!.text, ...psa.tickets()[0]!.notes].join('\n').includes(i!.ref)
      && [i!.text, ...desk.tickets()[0]!.notes].join('\n').includes(p!.ref));
    expect(psa.requests.find((r) => r.method === 'POST')!.body).toContain(id);
    expect(desk.requests.find((r) => r.method === 'POST')!.body).toContain(`"correlation_id":"${id}"`);

    expect((await api(`/api/v1/alerts/${id}/ack`, 'POST', { comment: 'rolling back the GPO' })).status).toBe(200);
    await until('the acknowledgement in both tickets', () => psa.tickets()[0]!.notes.some((n) => n.includes('acknowledged by') && n.includes('rolling back the GPO'))
      && desk.tickets()[0]!.notes.some((n) => n.includes('acknowledged by') && n.includes('rolling back the GPO')));

    // A comment the PSA refuses twice (the collector's attempts): a dead letter on the alert's timeline.
    const down = { status: 500, body: '{"message":"database unavailable"}', when: (m: string, path: string) => m === 'POST' && path.endsWith('/notes') };
    psa.fail(down, down);
    expect((await api(`/api/v1/alerts/${id}/comment`, 'POST', { comment: 'vendor case 4711 opened' })).status).toBe(200);
    await until('the comment in internal IT\'s ticket', () => desk.tickets()[0]!.notes.some((n) => n.includes('vendor case 4711')));
    const failed = await until('the failed ticket update on the timeline', async () => {
      const t = await api(`/api/v1/alerts/${id}/timeline`);
      return (t.body.entries as Array<Record<string, any>>).find((e) => e.kind === 'notification' && e.reason === 'update' && e.status === 'failed');
    });
    expect(failed).toMatchObject({ channel: 'msp-psa', team: 'provider', deadLetter: expect.stringMatching(/^dlq_/) });
    expect(failed.text).toContain('HTTP 500');

    await report(d);
    await until('both tickets closed', () => psa.tickets()[0]!.closed && desk.tickets()[0]!.closed);
    const timeline = await api(`/api/v1/alerts/${id}/timeline`);
    expect(timeline.body.tickets).toEqual([
      expect.objectContaining({ channel: expect.any(String), status: 'closed' }),
      expect.objectContaining({ channel: expect.any(String), status: 'closed' }),
    ]);
    expect((timeline.body.tickets as Array<{ ref: string }>).map((t) => t.ref).sort()).toEqual([p!.ref, i!.ref].sort());
    expect(psa.tickets()).toHaveLength(1);
    expect(desk.tickets()).toHaveLength(1);
  }, 60_000);

  it('a ticket system that keeps failing leaves a dead letter, listed for the tenant and on the alert\'s timeline', async () => {
    broken.fail(...Array.from({ length: 6 }, () => ({ status: 503, body: '{"errors":["service unavailable"]}' })));
    const d = await device('gx-ws-01', 'globex');
    await report(d, (s) => { s.backup!.jobs[0]!.lastResult = 'failed'; });
    const id = await alertOf(d.id, 'backup-failed');
    const entry = await until('a failed ticket delivery on the timeline', async () => {
      const t = await api(`/api/v1/alerts/${id}/timeline`);
      return (t.body.entries as Array<Record<string, any>> | undefined)?.find((e) => e.kind === 'notification' && e.channel === 'old-psa' && e.status === 'failed');
    });
    expect(entry.deadLetter).toEqual(expect.stringMatching(/^dlq_/));
    expect(entry.text).toContain('HTTP 503');
    const letters = await api('/api/v1/tenants/globex/notifications/dead-letters');
    const letter = (letters.body.deadLetters as Array<Record<string, any>>).find((l) => l.id === entry.deadLetter)!;
    expect(letter).toMatchObject({ channel: 'old-psa', alertIds: [id] });
    for (const secret of Object.values(broken.env)) expect(JSON.stringify(letter)).not.toContain(secret);
    expect(broken.tickets()).toHaveLength(0);
  }, 60_000);
});
