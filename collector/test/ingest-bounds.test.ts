// What one agent connection can do to the collector, whatever its client
// does: bounded queues per connection, late seqs stored, absurd values made
// safe, long lists no longer break rules evaluation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyInventory, emptyPatch, pendingUpdate, snapshotToReport } from '@tandem/proto';
import type { Snapshot } from '@tandem/proto';
import { RawAgent, sampleSnapshot, startHarness } from './support/harness.js';
import type { Harness } from './support/harness.js';
import { ALL_TENANTS } from '../src/store/store.js';
import { AlertStore } from '../src/rules/alert-store.js';
import { parseCollectorConfig } from '../src/config.js';
import { connectionBounds } from '../src/ingest/ingest-limits.js';

let h: Harness;
beforeAll(async () => { h = await startHarness('limits: { maxInFlight: 8, maxQueuedFrames: 16 }'); });
afterAll(async () => { await h.close(); });

async function connected() {
  const d = await h.enroll();
  const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
  agent.hello(d.deviceId);
  await agent.waitFor((fs) => fs.some((f) => f.body === 'welcome'));
  return { d, agent };
}

const acksOf = (agent: RawAgent) => agent.frames.filter((f) => f.body === 'ack').map((f) => Number(f.ack!.seq));

describe('a client that ignores maxInFlight', () => {
  it('is closed with 4429 and COL_ERR_BACKLOG; what it queued past the bound is dropped, what was acked is stored', async () => {
    const { d, agent } = await connected();
    agent.burst(Array.from({ length: 600 }, (_, i) => ({ seq: i + 1, report: snapshotToReport(sampleSnapshot(d.deviceId, i % 100)) })));
    const code = await agent.waitClosed(15_000);
    expect(code).toBe(4429);
    const error = agent.frames.find((f) => f.body === 'error')!.error!;
    expect(error.code).toBe('COL_ERR_BACKLOG');
    expect(error.message).toMatch(/more than 16 frames sent ahead of their acks \(Welcome said maxInFlight 8\)/);
    const reports = (await h.server.store.listReports(d.deviceId, ALL_TENANTS, { limit: 1000, afterSeq: 0 }))!;
    expect(reports.length).toBeLessThan(600);
    const highestAck = Math.max(0, ...acksOf(agent));
    expect(reports.filter((r) => r.seq <= highestAck).map((r) => r.seq)).toEqual(Array.from({ length: highestAck }, (_, i) => i + 1));
  });

  it('another device of the same tenant is served while one floods', async () => {
    const flood = await connected();
    const good = await connected();
    flood.agent.burst(Array.from({ length: 600 }, (_, i) => ({ seq: i + 1, report: snapshotToReport(sampleSnapshot(flood.d.deviceId)) })));
    good.agent.report(1, sampleSnapshot(good.d.deviceId, 33));
    await good.agent.waitFor((fs) => fs.some((f) => f.body === 'ack' && Number(f.ack!.seq) === 1), 15_000);
    expect(good.agent.closeCode).toBeNull();
    expect((await h.server.store.getDevice(good.d.deviceId, ALL_TENANTS))!.status!.disk!.volumes[0]!.usedPercent).toBe(33);
    good.agent.close();
    await flood.agent.waitClosed(15_000);
  });
});

describe('seq order', () => {
  it('a report sent with a lower seq after a higher one is stored, and fills only the topics it is newest for', async () => {
    const { d, agent } = await connected();
    const disk5 = sampleSnapshot(d.deviceId, 50);
    agent.report(5, disk5);
    await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
    // seq 3 carries an older disk reading and an inventory that no newer report has.
    const late: Snapshot = { ...sampleSnapshot(d.deviceId, 30), inventory: { ...emptyInventory(), hostname: 'late-host' } };
    agent.report(3, late);
    await agent.waitFor(() => acksOf(agent).length === 2);
    expect(acksOf(agent)).toEqual([5, 5]);
    const reports = (await h.server.store.listReports(d.deviceId, ALL_TENANTS))!;
    expect(reports.map((r) => r.seq)).toEqual([3, 5]);
    const device = (await h.server.store.getDevice(d.deviceId, ALL_TENANTS))!;
    expect(device.lastSeq).toBe(5);
    expect(device.status!.disk!.volumes[0]!.usedPercent).toBe(50);
    expect(device.status!.inventory!.hostname).toBe('late-host');
    // Sent again, seq 3 is a duplicate like any other resend.
    agent.report(3, late);
    await agent.waitFor(() => acksOf(agent).length === 3);
    expect((await h.server.store.listReports(d.deviceId, ALL_TENANTS))!.map((r) => r.seq)).toEqual([3, 5]);
    agent.close();
  });
});

describe('absurd values', () => {
  it('are stored made safe, with the reason kept with the report', async () => {
    const { d, agent } = await connected();
    const s = sampleSnapshot(d.deviceId, 40);
    s.disk!.volumes[0]!.sizeBytes = -1;
    s.inventory = { ...emptyInventory(), hostname: 'x'.repeat(100_000) };
    agent.report(1, s);
    await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
    const [report] = (await h.server.store.listReports(d.deviceId, ALL_TENANTS))!;
    expect(report!.adjustments).toEqual([
      { path: 'inventory.hostname', problem: '100000 characters, cut to 255' },
      { path: 'disk.volumes[0].sizeBytes', problem: 'negative value -1' },
    ]);
    const device = (await h.server.store.getDevice(d.deviceId, ALL_TENANTS))!;
    expect(device.hostname).toHaveLength(255);
    expect(device.status!.disk!.volumes[0]!.sizeBytes).toBeNull();
    agent.close();
  });

  it('a report with a collection time outside Date range is stored, not refused forever', async () => {
    const { d, agent } = await connected();
    agent.send({ seq: 1, report: { collectedAtMs: 9e18 as unknown as number, agentVersion: '0.1.0' } });
    await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
    expect(agent.closeCode).toBeNull();
    const [report] = (await h.server.store.listReports(d.deviceId, ALL_TENANTS))!;
    expect(report!.adjustments[0]!.path).toBe('collectedAt');
    agent.close();
  });
});

describe('a device with more than 10,900 pending updates', () => {
  it('does not escape alerting: rules still evaluate and it gets agent-offline when it goes away', async () => {
    const big = await startHarness('limits: { maxFrameBytes: 4194304 }');
    try {
      const d = await big.enroll();
      const agent = await RawAgent.connect(big.wsUrl, d.deviceId, d.secret);
      agent.hello(d.deviceId);
      const updates = Array.from({ length: 11_000 }, (_, i) => pendingUpdate(`pkg-${i}`, { security: true, availableVersion: '2.0' }));
      agent.report(1, { ...sampleSnapshot(d.deviceId), patch: { ...emptyPatch(), pendingCount: 11_000, securityCount: 11_000, updates } });
      await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'), 30_000);
      const status = (await big.server.store.getDevice(d.deviceId, ALL_TENANTS))!.status!;
      expect(status.patch!.state).toBe('unknown');
      expect(status.patch!.reason).toBe('reported 11000 pending updates; the collector keeps at most 5000');
      await big.server.rules.evaluateAll();
      agent.close();
      await agent.waitClosed();
      const offline = async () => (await new AlertStore(big.server.store.db).list({ deviceId: d.deviceId, ruleId: 'agent-offline' }, ALL_TENANTS, { limit: 10, offset: 0 })).alerts;
      const deadline = Date.now() + 30_000;
      while ((await offline()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect((await offline()).map((a) => a.status)).toEqual(['pending']);
    } finally {
      await big.close();
    }
  }, 60_000);

  it('first-seen times of more updates than SQL allows bound values for are written in chunks', async () => {
    const d = await h.enroll();
    const alerts = new AlertStore(h.server.store.db);
    const added = Array.from({ length: 12_000 }, (_, i) => [`pkg-${i}`, 1000] as [string, number]);
    await alerts.recordUpdatesSeen(d.deviceId, added, []);
    expect((await alerts.updatesFirstSeen(d.deviceId)).size).toBe(12_000);
    await alerts.recordUpdatesSeen(d.deviceId, [], added.slice(0, 11_000).map(([name]) => name));
    expect((await alerts.updatesFirstSeen(d.deviceId)).size).toBe(1000);
  }, 60_000);
});

describe('ingest limits in collector.yaml', () => {
  it('refuses hard bounds that would close agents keeping to the protocol, naming each key', () => {
    expect(() => parseCollectorConfig('limits: { maxInFlight: 64, maxQueuedFrames: 32, maxFrameBytes: 8388608, maxQueuedBytes: 1048576 }', 'c.yaml')).toThrow(
      /c\.yaml: limits\.maxQueuedFrames: must be greater than maxInFlight \(64\)\n {2}c\.yaml: limits\.maxQueuedBytes: must be at least 4 × maxFrameBytes \(33554432\)/,
    );
  });

  it('derives the per-connection bounds from maxInFlight and maxFrameBytes when not set', () => {
    const limits = parseCollectorConfig('limits: { maxInFlight: 100, maxFrameBytes: 8388608 }', 'c.yaml').limits;
    expect(connectionBounds(limits)).toEqual({ maxQueuedFrames: 200, maxQueuedBytes: 4 * 8388608 });
    expect(connectionBounds(parseCollectorConfig('{}', 'c.yaml').limits)).toEqual({ maxQueuedFrames: 64, maxQueuedBytes: 16 * 1024 * 1024 });
  });
});
