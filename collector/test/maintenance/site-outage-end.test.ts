// A site outage ends, with an in-process collector and real sockets: three
// of four devices at hq drop their connection together (one site message;
// two offline devices are enough for an outage here, so the first to come
// back does not end it),
// the collector restarts while the outage lasts, two come back. The outage
// ends: the owner hears "Site hq is back" once, and the device still
// offline pages on its own. Another restart and check repeat nothing. Runs
// on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawAgent, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { healthySnapshot } from '../rules/support.js';
import { startReceiver } from '../notify/support.js';
import type { Receiver } from '../notify/support.js';

let h: Harness;
let rx: Receiver;

async function api(path: string) {
  const res = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${h.adminToken}` } });
  return (await res.json()) as Record<string, any>;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  rx = await startReceiver();
  h = await startHarness('rules: { evaluateEverySeconds: 1, overrides: [{ rule: agent-offline, for: 1m }] }\nrouting: { notify: { attempts: 1, backoffMs: 1, groupWaitSeconds: 1 }, maintenance: { checkSeconds: 1, siteOutage: { minDevices: 2 } } }');
  const res = await fetch(`${h.url}/api/v1/tenants/acme/ownership`, {
    method: 'PUT', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/yaml' },
    body: `teams:\n  internal:\n    channels: [{ name: it-hook, type: webhook, url: "${rx.url}/internal" }]\n  provider:\n    channels: [{ name: noc-hook, type: webhook, url: "${rx.url}/noc" }]\nlines:\n  - { id: all, match: {}, owner: internal }\n`,
  });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await h?.close();
  await rx?.close();
});

describe('the end of a site outage', { timeout: 300_000 }, () => {
  it('is told once when most devices are back, and the device still offline notifies; restarts repeat and lose nothing', async () => {
    const devices: Array<{ id: string; secret: string; name: string; agent: RawAgent }> = [];
    const connect = async (d: { id: string; secret: string; name: string }) => {
      const agent = await RawAgent.connect(h.wsUrl, d.id, d.secret);
      agent.hello(d.id);
      const snap = healthySnapshot(d.id, Date.now());
      agent.report(1, { ...snap, inventory: { ...snap.inventory, hostname: d.name } });
      await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
      return agent;
    };
    for (const name of ['hq-01', 'hq-02', 'hq-03', 'hq-04']) {
      const { token } = await h.server.store.createEnrollToken({ tenantId: 'acme', site: 'hq' });
      const d = await h.server.store.enrollDevice(token, { hostname: name, os: 'linux', agentVersion: '0.1.0' });
      const ids = { id: d.deviceId, secret: d.deviceSecret, name };
      devices.push({ ...ids, name, agent: await connect(ids) });
    }
    for (const d of devices.slice(0, 3)) d.agent.close();
    const offline = await until('three offline alerts firing', async () => {
      const r = await api('/api/v1/alerts?tenant=acme&rule=agent-offline&state=firing');
      return r.alerts?.length === 3 && (r.alerts as Array<{ id: string; deviceId: string }>);
    }, 150_000);
    await until('the site notification', async () => rx.received.find((r) => r.body.includes('Site hq is offline')));
    const hq03 = offline.find((a) => a.deviceId === devices[2]!.id)!;
    await until('the hold of hq-03', async () => {
      const r = await api(`/api/v1/alerts/${hq03.id}/notifications`);
      return r.heldBy?.by === 'inhibition' && r;
    });

    // The outage lasts across a restart: what it was and whom it told is in the record.
    devices[3]!.agent.close();
    await h.restart();
    devices[3]!.agent = await connect(devices[3]!);
    expect(rx.received.filter((r) => r.body.includes('Site hq is back'))).toEqual([]);

    devices[0]!.agent = await connect(devices[0]!);
    await h.server.routing.maintenance.service.tick();
    expect(rx.received.filter((r) => r.body.includes('Site hq is back'))).toEqual([]);
    devices[1]!.agent = await connect(devices[1]!);
    const back = await until('the end of the outage', async () => rx.received.find((r) => r.body.includes('Site hq is back')), 60_000);
    expect(back.path).toBe('/internal');
    expect(JSON.parse(back.body).summary ?? back.body).toContain('Site hq is back: 2 of 3 devices reconnected; still offline: hq-03');
    // hq-03 is still offline and nobody heard of it on its own: now its alert notifies.
    await until('hq-03 offline alert notified', async () => rx.received.find((r) => r.path === '/internal' && r.body.includes(hq03.id)), 60_000);
    const rec = await api(`/api/v1/alerts/${hq03.id}/notifications`);
    expect(rec.heldBy).toBeNull();
    expect((rec.records as Array<{ outcome: string; kind: string }>).some((r) => r.outcome === 'sent' && r.kind === 'fire')).toBe(true);

    // The end is recorded under the outage; a restart and more checks do not tell it again.
    const ended = await h.server.routing.maintenance.records.query('acme', { limit: 100, offset: 0 });
    const ends = ended.records.filter((r) => r.alertId.startsWith('site:acme/hq/') && r.kind === 'resolve');
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ team: 'internal', outcome: 'sent' });
    for (const d of [devices[0]!, devices[1]!, devices[3]!]) d.agent.close();
    await h.restart();
    for (const d of [devices[0]!, devices[1]!, devices[3]!]) d.agent = await connect(d);
    await h.server.routing.maintenance.service.tick();
    await h.server.routing.maintenance.service.tick();
    await h.server.routing.engine.delivered();
    expect(rx.received.filter((r) => r.body.includes('Site hq is back'))).toHaveLength(1);
    expect(rx.received.filter((r) => r.body.includes('Site hq is offline'))).toHaveLength(1);
    for (const d of devices) d.agent.close();
  });
});
