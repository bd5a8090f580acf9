// Group commit: frames that arrive together are stored in one transaction
// and each is acknowledged only after that commit; order per device, late
// seqs and duplicates behave as for a lone commit; a frame that cannot be
// stored fails alone and the rest of its group is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawAgent, sampleSnapshot, startHarness } from './support/harness.js';
import type { Harness } from './support/harness.js';
import { ALL_TENANTS, Store } from '../src/store/store.js';
import type { CommitOutcome, IngestItem } from '../src/store/store.js';
import { kyselyGroupRunner } from '../src/store/group-runners.js';
import { CommitGroups } from '../src/ingest/commit-groups.js';
import { snapshotToReport } from '@tandem/proto';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

const report = (deviceId: string, seq: number, used = seq): IngestItem => ({ kind: 'report', deviceId, seq, snapshot: sampleSnapshot(deviceId, used), adjustments: [] });
const seqsOf = async (deviceId: string) => (await h.server.store.listReports(deviceId, ALL_TENANTS, { limit: 100, afterSeq: 0 }))!.map((r) => r.seq);
const summary = (o: CommitOutcome) => (o.ok ? (o.result.duplicate ? 'duplicate' : o.result.late ? `late→${o.result.lastSeq}` : `stored→${o.result.lastSeq}`) : `error: ${o.error.message}`);

describe('store: one transaction for a group', () => {
  it('applies a device\'s frames in the order given: late seqs stored, duplicates changing nothing', async () => {
    const a = await h.enroll();
    const b = await h.enroll();
    const outcomes = await h.server.store.commitGroup([
      report(a.deviceId, 2, 20), report(b.deviceId, 1, 11), report(a.deviceId, 1, 10), report(a.deviceId, 2, 99), report(a.deviceId, 3, 30),
      { kind: 'gap', deviceId: b.deviceId, seq: 2, gap: { droppedCount: 3, firstDroppedAt: null, lastDroppedAt: null, firstDroppedSeq: 0, lastDroppedSeq: 0, reason: 'spool full' }, adjustments: [] },
    ]);
    expect(outcomes.map(summary)).toEqual(['stored→2', 'stored→1', 'late→2', 'duplicate', 'stored→3', 'stored→2']);
    expect(await seqsOf(a.deviceId)).toEqual([1, 2, 3]);
    const device = await h.server.store.getDevice(a.deviceId, ALL_TENANTS);
    expect(device!.lastSeq).toBe(3);
    expect(device!.status!.disk!.volumes[0]!.usedPercent).toBe(30);
    // The duplicate of seq 2 did not replace what seq 2 stored.
    const stored = await h.server.store.listReports(a.deviceId, ALL_TENANTS, { limit: 10, afterSeq: 1 });
    expect((stored![0]!.body as { disk: { volumes: Array<{ usedPercent: number }> } }).disk.volumes[0]!.usedPercent).toBe(20);
    // Each stored report hands on the device's latest status as of that report.
    expect(outcomes[0]!.ok && outcomes[0]!.result.latest!.disk!.volumes[0]!.usedPercent).toBe(20);
    expect(outcomes[4]!.ok && outcomes[4]!.result.device!.tenantId).toBe(a.tenantId);
    expect((await h.server.store.getDevice(b.deviceId, ALL_TENANTS))!.lastSeq).toBe(2);
  });

  it('a report that cannot be stored fails alone; the rest of its group is stored', async () => {
    const a = await h.enroll();
    const revoked = await h.enroll();
    await h.server.store.revokeDevice(revoked.deviceId, ALL_TENANTS);
    const unreadable = report(a.deviceId, 2);
    if (unreadable.kind === 'report') unreadable.snapshot.collectedAt = 'yesterday';
    const outcomes = await h.server.store.commitGroup([report(a.deviceId, 1), unreadable, report(revoked.deviceId, 1), report('dev_missing', 1), report(a.deviceId, 3)]);
    expect(outcomes.map((o) => (o.ok ? summary(o) : (o.error as { code?: string }).code))).toEqual(['stored→1', 'COL_ERR_BAD_REQUEST', 'COL_ERR_UNAUTHORIZED', 'COL_ERR_NOT_FOUND', 'stored→3']);
    expect(await seqsOf(a.deviceId)).toEqual([1, 3]);
  });

  it('keeps each device\'s latest status between groups, and reads it again after another node wrote the device', async () => {
    const a = await h.enroll();
    const usedOf = (o: CommitOutcome | undefined) => (o?.ok ? o.result.latest?.disk?.volumes[0]?.usedPercent : undefined);
    const diskOnly = (seq: number, used: number) => report(a.deviceId, seq, used);
    // A report carrying no disk (the agent's disk group did not run for it).
    const withoutDisk = (seq: number): IngestItem => {
      const item = report(a.deviceId, seq);
      if (item.kind === 'report') item.snapshot.disk = null;
      return item;
    };
    expect(usedOf((await h.server.store.commitGroup([diskOnly(1, 11)]))[0])).toBe(11);
    // A later group without disk still carries the disk from the one before (held by this store).
    expect(usedOf((await h.server.store.commitGroup([withoutDisk(2)]))[0])).toBe(11);
    // Another collector node on the same database takes the agent and stores a newer disk.
    const other = new Store(h.server.store.db, Date.now, { lockRows: process.env.TANDEM_TEST_STORE === 'postgres' });
    expect(usedOf((await other.commitGroup([diskOnly(3, 33)]))[0])).toBe(33);
    // Back on this node: the disk is the other node's, not the one this node last held.
    const [back] = await h.server.store.commitGroup([withoutDisk(4)]);
    expect(usedOf(back)).toBe(33);
    expect(back!.ok && back!.result.lastSeq).toBe(4);
    const device = await h.server.store.getDevice(a.deviceId, ALL_TENANTS);
    expect(device!.status!.disk!.volumes[0]!.usedPercent).toBe(33);
    expect(device!.lastSeq).toBe(4);
  });

  it('when a statement fails the group, each frame is tried alone and only the failing one is lost', async () => {
    const a = await h.enroll();
    const real = kyselyGroupRunner(h.server.store.db, process.env.TANDEM_TEST_STORE === 'postgres');
    const groups: number[][] = [];
    const store = new Store(h.server.store.db, Date.now, {
      lockRows: false,
      groupRunner: async (items, now) => {
        groups.push(items.map((i) => i.seq));
        if (items.some((i) => i.seq === 2)) throw new Error('value out of range for the column');
        return real(items, now);
      },
    });
    const outcomes = await store.commitGroup([report(a.deviceId, 1), report(a.deviceId, 2), report(a.deviceId, 3)]);
    expect(outcomes.map(summary)).toEqual(['stored→1', 'error: value out of range for the column', 'stored→3']);
    expect(groups).toEqual([[1, 2, 3], [1], [2], [3]]);
    expect(await seqsOf(a.deviceId)).toEqual([1, 3]);
  });
});

describe('commit groups', () => {
  function fakeStore() {
    const groups: Array<{ seqs: number[]; commit: () => void }> = [];
    return {
      groups,
      commitGroup(items: readonly IngestItem[]): Promise<CommitOutcome[]> {
        return new Promise((resolve) => groups.push({
          seqs: items.map((i) => i.seq),
          commit: () => resolve(items.map((i) => ({ ok: true, result: { duplicate: false, late: false, lastSeq: i.seq, latest: null, device: null } }))),
        }));
      },
    };
  }
  const until = async (what: string, ok: () => boolean) => {
    for (let i = 0; !ok(); i++) {
      if (i > 2000) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  it('frames handed over together share one commit and are answered only after it, in order', async () => {
    const store = fakeStore();
    const groups = new CommitGroups(store, { maxFrames: 100, maxBytes: 1 << 20 });
    const answered: number[] = [];
    let closed = false;
    const admitted: number[] = [];
    for (const seq of [1, 2, 3]) void groups.submit(() => report('dev_a', seq), 10, () => false, () => admitted.push(seq)).then((o) => o && answered.push(seq));
    void groups.submit(() => report('dev_gone', 1), 10, () => closed, () => {}).then((o) => answered.push(o === null ? -1 : 1));
    closed = true;
    expect(admitted).toEqual([1, 2, 3]);
    await until('the first group', () => store.groups.length === 1);
    // The closed connection's frame is dropped unstored (its agent resends it).
    expect(store.groups[0]!.seqs).toEqual([1, 2, 3]);
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toEqual([-1]);
    // Frames handed over while a commit runs wait for the next group.
    void groups.submit(() => report('dev_a', 4), 10, () => false, () => {}).then((o) => o && answered.push(4));
    await new Promise((r) => setTimeout(r, 20));
    expect(store.groups).toHaveLength(1);
    store.groups[0]!.commit();
    await until('the first group answered', () => answered.length === 4);
    expect(answered).toEqual([-1, 1, 2, 3]);
    await until('the second group', () => store.groups.length === 2);
    expect(store.groups[1]!.seqs).toEqual([4]);
    store.groups[1]!.commit();
    await until('the second group answered', () => answered.length === 5);
    expect(groups.stats()).toMatchObject({ groups: 2, frames: 4, waiting: 0 });
  });

  it('bounds a group in frames, and holds frames back past the room for two groups', async () => {
    const store = fakeStore();
    const groups = new CommitGroups(store, { maxFrames: 2, maxBytes: 1 << 20 });
    const admitted: number[] = [];
    for (let seq = 1; seq <= 6; seq++) void groups.submit(() => report('dev_a', seq), 10, () => false, () => admitted.push(seq));
    expect(admitted).toEqual([1, 2, 3, 4]);
    await until('a group', () => store.groups.length === 1);
    expect(store.groups[0]!.seqs).toEqual([1, 2]);
    expect(admitted).toEqual([1, 2, 3, 4, 5, 6]);
    store.groups[0]!.commit();
    await until('the next group', () => store.groups.length === 2);
    expect(store.groups[1]!.seqs).toEqual([3, 4]);
    store.groups[1]!.commit();
    await until('the last group', () => store.groups.length === 3);
    expect(store.groups[2]!.seqs).toEqual([5, 6]);
    store.groups[2]!.commit();
  });
});

describe('agent socket over group commit', () => {
  it('a burst of reports from one agent is stored in order and every one acknowledged after it is stored', async () => {
    const d = await h.enroll();
    const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
    agent.hello(d.deviceId);
    await agent.waitFor((fs) => fs.some((f) => f.body === 'welcome'));
    const stored: number[][] = [];
    h.server.bus.subscribe('report.committed', (e) => { if (e.deviceId === d.deviceId) stored.push([e.seq]); });
    agent.burst(Array.from({ length: 30 }, (_, i) => ({ seq: i + 1, report: sampleSnapshotReport(d.deviceId, i + 1) })));
    const acks = await agent.waitFor((fs) => {
      const seqs = fs.filter((f) => f.body === 'ack').map((f) => Number(f.ack!.seq));
      return seqs.length === 30 ? seqs : undefined;
    }, 20_000);
    expect(acks).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await seqsOf(d.deviceId)).toEqual(acks);
    expect(stored.flat()).toEqual(acks);
    expect((await h.server.store.getDevice(d.deviceId, ALL_TENANTS))!.status!.disk!.volumes[0]!.usedPercent).toBe(30);
    agent.close();
  });
});

function sampleSnapshotReport(deviceId: string, used: number) {
  return snapshotToReport(sampleSnapshot(deviceId, used));
}
