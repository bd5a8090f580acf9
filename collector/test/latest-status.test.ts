import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawAgent, sampleSnapshot, startHarness } from './support/harness.js';
import type { Harness } from './support/harness.js';
import { ALL_TENANTS } from '../src/store/store.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

async function connected() {
  const d = await h.enroll();
  const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
  return { d, agent };
}

describe('latest status', () => {
  it('merges reports in seq order, even when a slow collection started earlier', async () => {
    const { d, agent } = await connected();
    agent.hello(d.deviceId);
    const quick = { ...sampleSnapshot(d.deviceId, 10, '2026-11-28T10:00:05.000Z') };
    const slow = { ...sampleSnapshot(d.deviceId, 10, '2026-11-28T10:00:00.000Z'), disk: null, patch: { state: 'ok' as const, reason: null, source: 'apt' as const, pendingCount: 3, securityCount: 1, rebootRequired: false, updates: [], lastInstalledAt: null } };
    agent.report(1, { ...sampleSnapshot(d.deviceId, 10), disk: null, patch: { ...slow.patch, state: 'unknown', reason: 'apt was locked', pendingCount: null, securityCount: null } });
    agent.report(2, quick);
    agent.report(3, slow);
    await agent.waitFor((fs) => fs.filter((f) => f.body === 'ack').length === 3);
    const device = await h.server.store.getDevice(d.deviceId, ALL_TENANTS);
    expect(device!.status!.patch).toMatchObject({ state: 'ok', pendingCount: 3 });
    expect(device!.status!.disk!.volumes[0]!.usedPercent).toBe(10);
    agent.close();
  });
});
