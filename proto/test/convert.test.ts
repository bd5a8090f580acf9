import { describe, expect, it } from 'vitest';
import {
  decodeFrame, encodeFrame, FrameDecodeError, frameBody, reportToSnapshot, snapshotToReport, tandem,
  mergeSnapshot, emptyDisk, emptyVolume,
} from '../src/index.js';
import type { Snapshot } from '../src/index.js';

const full: Snapshot = {
  deviceId: 'dev-1',
  collectedAt: '2026-11-28T10:00:00.000Z',
  agentVersion: '0.1.0',
  inventory: {
    state: 'ok', reason: null, hostname: 'ws-01', os: 'win32', osName: 'Windows 11 Pro', osVersion: '10.0.22631',
    arch: 'x64', uptimeSeconds: 3600, kernel: null, serial: 'ABC', manufacturer: 'Dell', model: 'Latitude',
    memoryBytes: 16e9, cpuCores: 8, chassis: 'laptop',
  },
  patch: {
    state: 'ok', reason: null, source: 'windows-update', pendingCount: 2, securityCount: 1, rebootRequired: true,
    updates: [
      { name: '2026-11 Cumulative Update', currentVersion: null, availableVersion: null, security: true, kb: 'KB5050001', severity: 'Critical' },
      { name: 'Defender definitions', currentVersion: '1.1', availableVersion: '1.2', security: false, kb: null, severity: null },
    ],
    lastInstalledAt: '2026-11-20T03:00:00.000Z',
  },
  disk: {
    state: 'ok', reason: null,
    volumes: [{ ...emptyVolume('C:'), fsType: 'NTFS', sizeBytes: 500e9, usedBytes: 400e9, freeBytes: 100e9, usedPercent: 80 }],
  },
  backup: {
    state: 'ok', reason: null,
    jobs: [{ provider: 'restic', name: 'home', lastSuccessAt: '2026-11-27T01:00:00.000Z', lastAttemptAt: '2026-11-28T01:00:00.000Z', lastResult: 'failed', detail: 'exit 1' }],
  },
  security: {
    state: 'ok', reason: null,
    antivirus: [{ product: 'Microsoft Defender', enabled: true, realTime: false, upToDate: null, signaturesUpdatedAt: '2026-11-27T00:00:00.000Z' }],
    firewall: { enabled: false, profiles: [{ name: 'Domain', enabled: true }, { name: 'Public', enabled: false }] },
    encryption: [{ mount: 'C:', state: 'encrypting', method: 'XtsAes256' }],
    checks: { secureBoot: 'on', tamperProtection: 'unknown' },
    endpointProtection: [
      {
        product: 'CrowdStrike Falcon', installed: true, running: true, onboarded: true, connected: false, lastContactAt: '2026-11-27T08:02:11.000Z',
        version: '7.14.16703.0', outdated: null, reducedFunctionality: true, tamperProtection: false, detail: 'the sensor is in reduced functionality mode',
      },
      {
        product: 'Microsoft Defender for Endpoint', installed: true, running: null, onboarded: null, connected: null, lastContactAt: null,
        version: null, outdated: false, reducedFunctionality: null, tamperProtection: null, detail: null,
      },
    ],
  },
};

function roundTrip(s: Snapshot): Snapshot {
  const bytes = encodeFrame({ seq: 7, report: snapshotToReport(s) });
  const frame = decodeFrame(bytes);
  expect(frame.seq).toBe(7);
  expect(frameBody(frame)).toBe('report');
  return reportToSnapshot(s.deviceId, frame.report!);
}

describe('snapshot <-> wire', () => {
  it('round-trips every field of a full snapshot', () => {
    expect(roundTrip(full)).toEqual(full);
  });

  it("round-trips the agent's delivery fact, and leaves it out for a report that has none (an older agent)", () => {
    const stuck: Snapshot = {
      ...full,
      delivery: {
        stuck: true, reason: 'connected to wss://c/agent/v1, but none of the 3 waiting reports has been acknowledged since 2026-11-28T09:40:00.000Z',
        stuckSince: '2026-11-28T09:40:00.000Z', pendingCount: 3, oldestPendingAt: '2026-11-28T09:40:00.000Z', lastAckAt: null,
      },
    };
    expect(roundTrip(stuck)).toEqual(stuck);
    expect('delivery' in roundTrip(full)).toBe(false);
    expect(mergeSnapshot(stuck, full)).not.toHaveProperty('delivery');
    expect(mergeSnapshot(full, stuck).delivery?.stuck).toBe(true);
  });

  it('keeps unknown topics with their reason and nulls as null', () => {
    const s: Snapshot = {
      ...full,
      patch: { state: 'unknown', reason: 'apt not found on PATH', source: null, pendingCount: null, securityCount: null, rebootRequired: null, updates: [], lastInstalledAt: null },
      disk: { ...emptyDisk(), volumes: [emptyVolume('/data')] },
      backup: null,
      security: null,
    };
    const back = roundTrip(s);
    expect(back.patch).toEqual(s.patch);
    // A report from an agent that predates endpoint protection reads as no sensors.
    const older = snapshotToReport(full);
    delete older.security!.endpointProtection;
    expect(reportToSnapshot('dev-1', older).security!.endpointProtection).toEqual([]);
    expect(back.disk!.volumes[0]).toEqual(emptyVolume('/data'));
    expect(back.backup).toBeNull();
    expect(back.security).toBeNull();
  });

  it('reads an enum value from a newer schema as unknown with a reason', () => {
    const report = snapshotToReport(full);
    report.patch!.state = 99 as tandem.v1.TopicState;
    const back = reportToSnapshot('dev-1', tandem.v1.Report.decode(tandem.v1.Report.encode(report).finish()));
    expect(back.patch!.state).toBe('unknown');
    expect(back.patch!.reason).toMatch(/not recognised/);
  });

  it('classifies bytes that are not a frame', () => {
    expect(() => decodeFrame(Uint8Array.from([0x0a, 0xff, 0xff, 0xff]))).toThrow(FrameDecodeError);
  });

  it('merges a partial report onto the previous snapshot', () => {
    const partial: Snapshot = { ...full, collectedAt: '2026-11-28T11:00:00.000Z', patch: null, backup: null, disk: emptyDisk() };
    const merged = mergeSnapshot(full, partial);
    expect(merged.patch).toEqual(full.patch);
    expect(merged.disk).toEqual(emptyDisk());
    expect(merged.collectedAt).toBe('2026-11-28T11:00:00.000Z');
  });
});
