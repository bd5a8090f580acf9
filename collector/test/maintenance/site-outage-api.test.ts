// A site outage with an in-process collector and real sockets: three of four
// devices at one site drop their connection together. Their owner hears of
// it once, as the site, and each device's offline alert is open, visible and
// marked as inhibited by the outage. Runs on SQLite and PostgreSQL.
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

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  rx = await startReceiver();
  // Offline fires a minute after the connection is gone (not the default 10): devices that drop together are all pending by then.
  h = await startHarness('rules: { evaluateEverySeconds: 1, overrides: [{ rule: agent-offline, for: 1m }] }\nrouting: { notify: { attempts: 1, backoffMs: 1, groupWaitSeconds: 1 } }');
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

describe('a site outage', { timeout: 200_000 }, () => {
  it('three of four devices at hq going offline together is one notification, and each device alert is inhibited by it', async () => {
    const agents: Array<{ id: string; agent: RawAgent }> = [];
    for (const name of ['hq-01', 'hq-02', 'hq-03', 'hq-04']) {
      const { token } = await h.server.store.createEnrollToken({ tenantId: 'acme', site: 'hq' });
      const d = await h.server.store.enrollDevice(token, { hostname: name, os: 'linux', agentVersion: '0.1.0' });
      const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.deviceSecret);
      agent.hello(d.deviceId);
      agent.report(1, healthySnapshot(d.deviceId, Date.now()));
      await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
      agents.push({ id: d.deviceId, agent });
    }
    for (const a of agents.slice(0, 3)) a.agent.close();
    const offline = await until('three offline alerts firing', async () => {
      const r = await api('/api/v1/alerts?tenant=acme&rule=agent-offline&state=firing');
      return r.alerts?.length === 3 && (r.alerts as Array<{ id: string }>);
    }, 150_000);
    const site = await until('the site notification', async () => rx.received.find((r) => r.body.includes('Site hq is offline')));
    expect(site.body).toContain('3 of 4 devices');
    await h.server.routing.engine.delivered();
    await new Promise((r) => setTimeout(r, 1500));
    const about = (id: string) => rx.received.filter((r) => r.body.includes(id));
    for (const a of offline) {
      expect(about(a.id)).toEqual([]);
      const rec = await until(`the hold of ${a.id}`, async () => {
        const r = await api(`/api/v1/alerts/${a.id}/notifications`);
        return r.records?.length > 0 && r;
      });
      expect(rec.heldBy).toEqual({ by: 'inhibition', reason: expect.stringMatching(/^inhibited by the site outage at hq: 3 of 4 devices offline since /) });
    }
    expect(rx.received.filter((r) => r.body.includes('Site hq is offline'))).toHaveLength(1);
    agents[3]!.agent.close();
  });
});
