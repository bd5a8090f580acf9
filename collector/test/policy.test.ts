import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawAgent, startHarness } from './support/harness.js';
import type { Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

async function put(path: string, body: unknown) {
  const res = await fetch(`${h.url}${path}`, { method: 'PUT', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('schedule policy', () => {
  it('reaches a connected agent at once and a reconnecting one with its Welcome', async () => {
    const d = await h.enroll();
    const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
    agent.hello(d.deviceId);
    await agent.waitFor((fs) => fs.some((f) => f.body === 'welcome'));
    const r = await put(`/api/v1/devices/${d.deviceId}/policy`, { schedules: { disk: '*/1 * * * *', patch: '0 2 * * *' } });
    expect(r.status).toBe(200);
    const pushed = await agent.waitFor((fs) => fs.find((f) => f.body === 'policy')?.policy);
    expect(pushed!.schedules).toEqual({ disk: '*/1 * * * *', patch: '0 2 * * *' });
    agent.close();

    const again = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
    again.hello(d.deviceId);
    const onWelcome = await again.waitFor((fs) => fs.find((f) => f.body === 'policy')?.policy);
    expect(onWelcome!.schedules).toEqual({ disk: '*/1 * * * *', patch: '0 2 * * *' });
    again.close();
  });

  it('refuses unknown topics and bad cron expressions, naming them', async () => {
    const d = await h.enroll();
    const topic = await put(`/api/v1/devices/${d.deviceId}/policy`, { schedules: { printers: '* * * * *' } });
    expect(topic.status).toBe(400);
    expect(topic.body.error.message).toMatch(/schedules/);
    const expr = await put(`/api/v1/devices/${d.deviceId}/policy`, { schedules: { disk: 'every minute' } });
    expect(expr.status).toBe(400);
    expect(expr.body.error.message).toBe('body/schedules/disk: "every minute" is not a cron expression');
  });
});

describe('revocation', () => {
  it('cuts a live connection and refuses the next one', async () => {
    const d = await h.enroll();
    const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
    agent.hello(d.deviceId);
    await agent.waitFor((fs) => fs.some((f) => f.body === 'welcome'));
    const res = await fetch(`${h.url}/api/v1/devices/${d.deviceId}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}` } });
    expect(res.status).toBe(200);
    await agent.waitClosed();
    await expect(RawAgent.connect(h.wsUrl, d.deviceId, d.secret)).rejects.toThrow('HTTP 401');
  });
});
