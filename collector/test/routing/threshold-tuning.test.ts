// A threshold internal IT tunes for a device group reaches the rules stage:
// an alert appears for a device in the group at the new threshold, and goes
// away again when the change is reverted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawAgent, sampleSnapshot, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';

let h: Harness;
let acmeAdmin: string;
let deviceId: string;

async function api(path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${h.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${acmeAdmin}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function openDiskAlerts(): Promise<string[]> {
  const r = await api(`/api/v1/alerts?device=${deviceId}&category=disk&limit=50`);
  return (r.body.alerts as Array<{ ruleId: string; severity: string; state: string }>).filter((a) => a.state !== 'resolved').map((a) => `${a.ruleId}:${a.severity}:${a.state}`);
}

async function until<T>(probe: () => Promise<T | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  h = await startHarness();
  acmeAdmin = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme it', role: 'internal-admin' })).token;
  const { token } = await h.server.store.createEnrollToken({ tenantId: 'acme', site: 'hq' });
  const d = await h.server.store.enrollDevice(token, { hostname: 'hq-files', os: 'linux', agentVersion: '0.1.0' });
  deviceId = d.deviceId;
  const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.deviceSecret);
  agent.hello(d.deviceId);
  agent.report(1, sampleSnapshot(d.deviceId, 82));
  await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
  agent.close();
});
afterAll(async () => { await h.close(); });

describe('threshold tuning', () => {
  it('applies a tuned disk threshold to the device group, and reverting removes it', async () => {
    expect(await openDiskAlerts()).toEqual([]);
    const tuned = await api('/api/v1/tenants/acme/tuning', { method: 'POST', body: { action: 'threshold', rule: 'disk-full', match: { site: 'hq' }, params: { warnPercent: 80, clearPercent: 75 }, reason: 'small disks at hq' } });
    expect(tuned.status).toBe(201);
    expect(await until(async () => (await openDiskAlerts()).length > 0 && openDiskAlerts(), 'the tuned alert')).toEqual(['disk-full:warning:pending']);
    const revert = await api(`/api/v1/tenants/acme/audit/${tuned.body.auditId}/revert`, { method: 'POST' });
    expect(revert.status).toBe(201);
    await until(async () => (await openDiskAlerts()).length === 0, 'the alert to go with the revert');
  });
});
