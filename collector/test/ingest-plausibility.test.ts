import { describe, expect, it } from 'vitest';
import { emptyDisk, emptyInventory, emptyPatch, emptyVolume, pendingUpdate, backupJob, emptyBackup, emptySecurity, endpointProtection } from '@tandem/proto';
import type { Snapshot } from '@tandem/proto';
import { checkGapPlausibility, checkPlausibility, PLAUSIBILITY_LIMITS } from '../src/ingest/plausibility.js';

const RECEIVED = Date.parse('2026-12-01T10:00:00Z');

function base(): Snapshot {
  return { deviceId: 'dev_1', collectedAt: '2026-12-01T09:59:00.000Z', agentVersion: '0.1.0', inventory: null, patch: null, disk: null, backup: null, security: null };
}

const withVolume = (fields: Record<string, unknown>): Snapshot => ({ ...base(), disk: { ...emptyDisk(), volumes: [{ ...emptyVolume('/'), ...fields }] } });

describe('plausibility: values that cannot be are made safe, with the reason', () => {
  const cases: Array<{ name: string; input: Snapshot; read: (s: Snapshot) => unknown; expected: unknown; path: string; problem: RegExp }> = [
    { name: 'a negative size', input: withVolume({ sizeBytes: -5 }), read: (s) => s.disk!.volumes[0]!.sizeBytes, expected: null, path: 'disk.volumes[0].sizeBytes', problem: /negative value -5/ },
    { name: 'NaN', input: withVolume({ usedPercent: Number.NaN }), read: (s) => s.disk!.volumes[0]!.usedPercent, expected: null, path: 'disk.volumes[0].usedPercent', problem: /NaN is not a number/ },
    { name: 'an infinite count', input: withVolume({ inodesUsed: Number.POSITIVE_INFINITY }), read: (s) => s.disk!.volumes[0]!.inodesUsed, expected: null, path: 'disk.volumes[0].inodesUsed', problem: /Infinity/ },
    { name: 'a percentage over 100', input: withVolume({ usedPercent: 250 }), read: (s) => s.disk!.volumes[0]!.usedPercent, expected: null, path: 'disk.volumes[0].usedPercent', problem: /not a percentage/ },
    {
      name: 'a time before 1970', input: { ...base(), patch: { ...emptyPatch(), lastInstalledAt: '1969-07-20T20:17:00.000Z' } },
      read: (s) => s.patch!.lastInstalledAt, expected: null, path: 'patch.lastInstalledAt', problem: /before 1970/,
    },
    {
      name: 'a time past 9999', input: { ...base(), backup: { ...emptyBackup(), jobs: [backupJob('restic', 'home', { lastSuccessAt: '+010000-01-01T00:00:00.000Z' })] } },
      read: (s) => s.backup!.jobs[0]!.lastSuccessAt, expected: null, path: 'backup.jobs[0].lastSuccessAt', problem: /after 9999/,
    },
    {
      name: 'a 1 MB hostname', input: { ...base(), inventory: { ...emptyInventory(), hostname: 'h'.repeat(1024 * 1024) } },
      read: (s) => s.inventory!.hostname!.length, expected: PLAUSIBILITY_LIMITS.hostnameChars, path: 'inventory.hostname', problem: /1048576 characters, cut to 255/,
    },
    {
      name: 'more endpoint protection sensors than any device runs',
      input: { ...base(), security: { ...emptySecurity(), endpointProtection: Array.from({ length: 1000 }, (_, i) => endpointProtection(`sensor ${i}`)) } },
      read: (s) => s.security!.endpointProtection.length, expected: PLAUSIBILITY_LIMITS.endpointSensors, path: 'security.endpointProtection', problem: /1000 endpoint protection sensors/,
    },
    {
      name: 'a sensor contact time past 9999',
      input: { ...base(), security: { ...emptySecurity(), endpointProtection: [endpointProtection('SentinelOne', { lastContactAt: '+010000-01-01T00:00:00.000Z' })] } },
      read: (s) => s.security!.endpointProtection[0]!.lastContactAt, expected: null, path: 'security.endpointProtection[0].lastContactAt', problem: /after 9999/,
    },
    {
      name: 'an os outside the vocabulary', input: { ...base(), inventory: { ...emptyInventory(), os: 'plan9' as 'linux' } },
      read: (s) => s.inventory!.os, expected: null, path: 'inventory.os', problem: /"plan9" is not one of linux, darwin, win32/,
    },
    {
      name: 'a collection time of zero (missing)', input: { ...base(), collectedAt: '1970-01-01T00:00:00.000Z' },
      read: (s) => s.collectedAt, expected: new Date(RECEIVED).toISOString(), path: 'collectedAt', problem: /time received stands in/,
    },
    {
      name: 'an unknown topic without a reason', input: { ...base(), disk: { ...emptyDisk(), state: 'unknown', reason: null } },
      read: (s) => s.disk!.reason, expected: 'the agent gave no reason', path: 'disk.reason', problem: /unknown without a reason/,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = checkPlausibility(c.input, RECEIVED);
      expect(c.read(out.snapshot)).toEqual(c.expected);
      expect(out.adjustments).toEqual([{ path: c.path, problem: expect.stringMatching(c.problem) }]);
    });
  }

  it('leaves a plausible report as it is, with no adjustments', () => {
    const s = withVolume({ sizeBytes: 1000, usedBytes: 400, freeBytes: 600, usedPercent: 40 });
    const out = checkPlausibility(s, RECEIVED);
    expect(out.snapshot).toEqual(s);
    expect(out.adjustments).toEqual([]);
  });

  it("keeps the agent's delivery-stuck fact (it was dropped when the report was rebuilt)", () => {
    const delivery = { stuck: true, reason: 'connected, but nothing acknowledged', stuckSince: '2026-12-01T09:00:00.000Z', pendingCount: 7, oldestPendingAt: '2026-12-01T08:59:00.000Z', lastAckAt: null };
    const s = { ...base(), delivery };
    const out = checkPlausibility(s, RECEIVED);
    expect(out.snapshot.delivery).toEqual(delivery);
    expect(out.adjustments).toEqual([]);
    expect(checkPlausibility({ ...s, delivery: { ...delivery, pendingCount: -1 } }, RECEIVED).adjustments).toEqual([{ path: 'delivery.pendingCount', problem: 'negative value -1' }]);
  });

  it('an absurdly long list keeps its first items and turns its topic unknown with the reason', () => {
    const updates = Array.from({ length: 12_000 }, (_, i) => pendingUpdate(`pkg-${i}`, { security: true }));
    const out = checkPlausibility({ ...base(), patch: { ...emptyPatch(), pendingCount: 12_000, updates } }, RECEIVED);
    expect(out.snapshot.patch!.updates).toHaveLength(PLAUSIBILITY_LIMITS.pendingUpdates);
    expect(out.snapshot.patch!.state).toBe('unknown');
    expect(out.snapshot.patch!.reason).toBe('reported 12000 pending updates; the collector keeps at most 5000');
    expect(out.snapshot.patch!.pendingCount).toBe(12_000);
    expect(out.adjustments).toEqual([{ path: 'patch.updates', problem: 'reported 12000 pending updates; the collector keeps at most 5000' }]);
  });

  it('lists at most 50 adjustments and counts the rest', () => {
    const volumes = Array.from({ length: 80 }, (_, i) => ({ ...emptyVolume(`/m${i}`), sizeBytes: -1 }));
    const out = checkPlausibility({ ...base(), disk: { ...emptyDisk(), volumes } }, RECEIVED);
    expect(out.adjustments).toHaveLength(51);
    expect(out.adjustments[50]).toEqual({ path: '(report)', problem: '30 more values adjusted' });
  });

  it('gap records: negative counts and impossible times', () => {
    const out = checkGapPlausibility({ droppedCount: -3, firstDroppedAtMs: 9e15, lastDroppedAtMs: Date.parse('2026-11-01T00:00:00Z'), firstDroppedSeq: 1, lastDroppedSeq: 4, reason: 'spool full' });
    expect(out.gap).toEqual({ droppedCount: 0, firstDroppedAt: null, lastDroppedAt: '2026-11-01T00:00:00.000Z', firstDroppedSeq: 1, lastDroppedSeq: 4, reason: 'spool full' });
    expect(out.adjustments.map((a) => a.path)).toEqual(['droppedCount', 'firstDroppedAt']);
  });
});
