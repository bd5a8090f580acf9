// A node whose bus was cut off from the other nodes missed their alert
// changes: when it is back, every stream client gets the open alerts again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawAgent, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { healthySnapshot } from '../rules/support.js';
import { StreamTestClient } from './stream-client.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  const d = await h.enroll();
  const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
  agent.hello(d.deviceId);
  const s = healthySnapshot(d.deviceId, Date.now());
  s.security!.firewall.enabled = false;
  agent.report(1, s);
  await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
  agent.close();
});
afterAll(async () => { await h.close(); }, 60_000);

describe('alert stream after the bus was cut off', () => {
  it('sends each client the open alerts again', async () => {
    const client = await StreamTestClient.withToken(h.url, h.adminToken);
    const snapshots = () => client.messages.filter((m) => m.type === 'snapshot');
    const first = await client.waitFor(() => snapshots()[0], 30_000);
    // The alert that opened before the client connected is in it.
    await client.waitFor((ms) => ms.some((m) => (m.type === 'snapshot' && m.alerts.length > 0) || m.type === 'alert'), 30_000);
    h.server.bus.publish('bus.resumed', { downSinceMs: Date.now() - 5000 });
    const second = await client.waitFor(() => snapshots()[1], 30_000);
    expect(second.alerts.map((a: { id: string }) => a.id).sort()).toEqual(expect.arrayContaining(first.alerts.map((a: { id: string }) => a.id)));
    expect(second.alerts.length).toBeGreaterThan(0);
    client.ws.close();
  });
});
