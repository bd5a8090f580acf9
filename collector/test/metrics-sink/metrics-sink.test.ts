// The sink stage on the store the project runs with: the oldest pending
// update's age comes from the first-seen times the rules stage stored, so it
// survives a collector restart; afterwards the sink tracks them itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '@tandem/proto';
import { sampleSnapshot, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { createMetricsSink, storedUpdatesFirstSeen } from '../../src/metrics-sink/index.js';
import type { InfluxConfig, MetricPoint } from '../../src/metrics-sink/index.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

const DAY = 86_400_000;
const config = { url: 'http://127.0.0.1:9', org: 'o', bucket: 'b', token: 'env:X', batchSize: 1, flushIntervalMs: 10, maxBufferPoints: 100, maxRetries: 0, retryDelayMs: 10 } satisfies InfluxConfig;

function withUpdates(deviceId: string, collectedAt: string, names: string[]): Snapshot {
  return {
    ...sampleSnapshot(deviceId, 40, collectedAt),
    patch: {
      state: 'ok', reason: null, source: 'apt', pendingCount: names.length, securityCount: 0, rebootRequired: false, lastInstalledAt: null,
      updates: names.map((name) => ({ name, currentVersion: '1', availableVersion: '2', security: false, kb: null, severity: null })),
    },
  };
}

describe('metrics sink stage', () => {
  it('takes the oldest pending age from the stored first-seen times, then tracks new updates itself', async () => {
    const d = await h.enroll();
    const t0 = Date.parse('2026-11-01T00:00:00.000Z');
    await h.server.store.db.insertInto('device_update_seen').values([
      { device_id: d.deviceId, name: 'openssl', first_seen_at: t0 },
      { device_id: d.deviceId, name: 'curl', first_seen_at: t0 + 5 * DAY },
    ]).execute();
    const written: MetricPoint[] = [];
    const sink = createMetricsSink({
      config, log: { warn: () => {}, info: () => {}, debug: () => {} }, updatesFirstSeen: storedUpdatesFirstSeen(h.server.store.db),
      writer: { write: (p) => written.push(...p), stats: () => ({ written: 0, pending: 0, dropped: { buffer_full: 0, retries_exhausted: 0, rejected: 0 } }), close: async () => {} },
    });
    const patchAge = () => written.filter((p) => p.measurement === 'tandem_patch').map((p) => p.fields.oldest_pending_seconds);

    // A report without the patch topic comes first: the stored times are read when one with it arrives.
    const diskOnly = sampleSnapshot(d.deviceId, 40, new Date(t0 + 9 * DAY).toISOString());
    sink.onReportCommitted({ tenantId: d.tenantId, deviceId: d.deviceId, site: null, snapshot: diskOnly, latest: diskOnly });
    expect(written.map((p) => p.measurement)).toEqual(['tandem_disk']);
    const first = withUpdates(d.deviceId, new Date(t0 + 10 * DAY).toISOString(), ['curl', 'openssl']);
    sink.onReportCommitted({ tenantId: d.tenantId, deviceId: d.deviceId, site: null, snapshot: first, latest: first });
    for (let i = 0; i < 100 && patchAge().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(patchAge()).toEqual([10 * 86_400]);

    // openssl installed, zlib new: the oldest is now curl, seen 5 days after t0; zlib counts from this report.
    const second = withUpdates(d.deviceId, new Date(t0 + 12 * DAY).toISOString(), ['curl', 'zlib']);
    sink.onReportCommitted({ tenantId: d.tenantId, deviceId: d.deviceId, site: null, snapshot: second, latest: second });
    expect(patchAge()).toEqual([10 * 86_400, 7 * 86_400]);
    await sink.close();
  });
});
