// A new ownership config version must not un-escalate overdue alerts: an
// alert that escalated stays escalated while it is past the new rules'
// response time, goes back to waiting when the new rules give it more time,
// and escalates again once that has passed. The trace says which.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawAgent, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { healthySnapshot } from '../rules/support.js';

const ownership = (criticalSla: string) => `
teams:
  internal:
    channels: [{ name: it-hook, type: webhook, url: "http://127.0.0.1:9/it" }]
  provider:
    channels: [{ name: noc-hook, type: webhook, url: "http://127.0.0.1:9/noc" }]
defaults: { owner: provider }
lines:
  - id: security
    match: { category: security }
    owner: provider
    sla: { critical: ${criticalSla} }
guardrails: { lockedLines: [security] }
escalation: { to: other, repeatEvery: 30m, maxReminders: 2 }
`;

interface Routing { owner: string; escalatedAt: string | null; configVersion: number | null; trace: string[]; decisions: Array<{ reason: string; trace: string[] }> }

let h: Harness;
const agents: RawAgent[] = [];
let ids: string[] = [];

const auth = () => ({ authorization: `Bearer ${h.adminToken}` });
const routing = async (id: string) => (await (await fetch(`${h.url}/api/v1/alerts/${id}/routing`, { headers: auth() })).json()) as Routing;
async function apply(yaml: string): Promise<void> {
  const res = await fetch(`${h.url}/api/v1/tenants/acme/ownership`, { method: 'PUT', headers: { ...auth(), 'content-type': 'application/yaml' }, body: yaml });
  expect(res.status).toBe(200);
  await h.server.routing.engine.settled();
}

beforeAll(async () => {
  h = await startHarness('routing: { escalationCheckSeconds: 3600, notify: { attempts: 1, groupWaitSeconds: 0 } }');
  await apply(ownership('15m'));
  for (const name of ['ws-1', 'ws-2', 'ws-3']) {
    const { token } = await h.server.store.createEnrollToken({ tenantId: 'acme', site: 'hq', tags: [] });
    const d = await h.server.store.enrollDevice(token, { hostname: name, os: 'linux', agentVersion: '0.1.0' });
    const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.deviceSecret);
    agents.push(agent);
    agent.hello(d.deviceId);
    const s = healthySnapshot(d.deviceId, Date.now());
    s.security!.firewall.enabled = false;
    agent.report(1, s);
    await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
  }
  for (let i = 0; i < 200 && ids.length < 3; i++) {
    const r = (await (await fetch(`${h.url}/api/v1/alerts?rule=firewall-off&state=firing`, { headers: auth() })).json()) as { alerts: Array<{ id: string }> };
    ids = r.alerts.map((a) => a.id);
    if (ids.length < 3) await new Promise((r2) => setTimeout(r2, 50));
  }
  expect(ids).toHaveLength(3);
  await Promise.all(ids.map((id) => h.server.routing.engine.settled(id)));
  // Twenty minutes unacknowledged: past the 15-minute response time.
  for (const id of ids) await h.server.store.db.updateTable('alert_routes').set({ fired_at: Date.now() - 20 * 60_000 }).where('alert_id', '=', id).execute();
  await h.server.routing.engine.checkEscalations();
  await h.server.routing.engine.settled();
}, 60_000);
afterAll(async () => {
  for (const a of agents) a.close();
  await h.close();
}, 60_000);

describe('a new ownership config version and escalated alerts', () => {
  it('three escalated criticals stay escalated to both when the config is applied again', async () => {
    for (const id of ids) expect(await routing(id)).toMatchObject({ owner: 'both', escalatedAt: expect.any(String) });
    await apply(ownership('15m'));
    for (const id of ids) {
      const r = await routing(id);
      expect(r).toMatchObject({ owner: 'both', escalatedAt: expect.any(String), configVersion: 2 });
      expect(r.trace.at(-1)).toMatch(/^config changed: stays escalated \(escalated at .*; still past the response time of the new rules\)$/);
      expect(r.trace).toContain('unacknowledged 20 min after firing (SLA 15 min) → escalated to internal');
    }
  });

  it('a version that gives more time withdraws the escalation, and it escalates again once that time has passed', async () => {
    await apply(ownership('1h'));
    const id = ids[0]!;
    const r = await routing(id);
    expect(r).toMatchObject({ owner: 'provider', escalatedAt: null, configVersion: 3 });
    expect(r.trace.at(-1)).toMatch(/^config changed: escalation withdrawn \(the new response time of 1 h has not passed\); escalates at .* if still unacknowledged$/);
    await h.server.store.db.updateTable('alert_routes').set({ fired_at: Date.now() - 61 * 60_000 }).where('alert_id', '=', id).execute();
    await h.server.routing.engine.checkEscalations();
    await h.server.routing.engine.settled(id);
    const again = await routing(id);
    expect(again).toMatchObject({ owner: 'both', escalatedAt: expect.any(String) });
    expect(again.decisions.map((x) => x.reason)).toEqual(['fire', 'escalation', 'reroute', 'reroute', 'escalation']);
  });
});
