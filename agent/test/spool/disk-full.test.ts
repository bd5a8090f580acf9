// The spool on a real, tiny filesystem (tmpfs, mounted for the test; needs
// root, skipped otherwise): a full disk fails an append with
// AGT_ERR_SPOOL_FULL and touches nothing already written; acks still work;
// with room again, appends continue with the next seq.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileSpool, RECORD_KIND } from '../../src/spool/file-spool.js';
import { AgentError } from '../../src/errors.js';
import { SpoolWriter } from '../../src/spool/spool-writer.js';
import { createLogger } from '../../src/log.js';

const mountPoint = mkdtempSync(join(tmpdir(), 'tandem-tiny-fs-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint], { stdio: 'ignore' });
  mounted = true;
} catch {
  // Not root (or no tmpfs): the fault test in tests/faults says the same with a real agent.
}

afterAll(() => {
  // Lazy: a failed assertion can leave the spool's file open.
  if (mounted) execFileSync('umount', ['-l', mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

/** Fills the filesystem until a write fails, returning the filler file to delete for room. */
function fill(dir: string): string {
  const filler = join(dir, 'filler');
  const chunk = Buffer.alloc(4096, 1);
  for (let i = 0; ; i++) {
    try {
      writeFileSync(filler, chunk, { flag: 'a' });
    } catch {
      return filler;
    }
  }
}

describe.skipIf(!mounted)('spool on a full disk (real 256 KiB tmpfs)', () => {
  // A short write (the disk filling mid-record) was once counted as a whole record; reopening then cut it as torn.
  it('fails an append with AGT_ERR_SPOOL_FULL (not a record cut short), keeps every record, and carries on when there is room', () => {
    const dir = join(mountPoint, 'spool');
    const spool = FileSpool.open({ dir, maxBytes: 1 << 20 });
    const seqs: number[] = [];
    for (let n = 1; n <= 10; n++) seqs.push(spool.append(RECORD_KIND.report, Buffer.alloc(2000, n), n));
    const filler = fill(mountPoint);

    let failure: unknown;
    for (let n = 11; n <= 200 && !failure; n++) {
      try {
        seqs.push(spool.append(RECORD_KIND.report, Buffer.alloc(2000, n), n));
      } catch (err) {
        failure = err;
      }
    }
    expect(failure).toBeInstanceOf(AgentError);
    expect((failure as AgentError).code).toBe('AGT_ERR_SPOOL_FULL');
    expect((failure as AgentError).message).toMatch(/the disk is full \(ENOSPC\)/);
    // An ack on a full disk neither throws nor loses the highest seq.
    expect(() => spool.ack(3)).not.toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // Reopened while still full: every record that append returned is there, whole.
    spool.close();
    const reopened = FileSpool.open({ dir, maxBytes: 1 << 20 });
    expect(reopened.openReport.truncatedBytes).toBe(0);
    const kept = [...reopened.pending()].map((r) => r.seq);
    expect(kept).toEqual(seqs.filter((s) => s > reopened.ackedSeq));
    expect(reopened.lastSeq).toBe(seqs.at(-1));

    rmSync(filler);
    const next = reopened.append(RECORD_KIND.report, Buffer.alloc(2000, 0), 0);
    expect(next).toBe(seqs.at(-1)! + 1);
    reopened.ack(next);
    expect(reopened.pendingCount).toBe(0);
    reopened.close();
  });

  it('the writer keeps reports in memory while the disk is full and spools them, in order, once there is room', async () => {
    const dir = join(mountPoint, 'writer');
    const spool = FileSpool.open({ dir, maxBytes: 1 << 20 });
    const lines: string[] = [];
    let written = 0;
    const writer = new SpoolWriter({ spool, log: createLogger('info', (l) => lines.push(l)), onWritten: () => written++, retryMs: 50 });
    const snapshot = (i: number) => ({
      deviceId: 'd', collectedAt: new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString(), agentVersion: 't',
      inventory: null, patch: null, disk: { state: 'ok' as const, reason: 'x'.repeat(1500), volumes: [] }, backup: null, security: null,
    });
    expect(writer.write(snapshot(0))).toBe(1);
    const filler = fill(mountPoint);
    const results = [1, 2, 3].map((i) => writer.write(snapshot(i)));
    expect(results.at(-1)).toBeNull();
    expect(writer.problem).toMatch(/disk under the spool is full since .*report\(s\) wait in memory/);
    expect(lines.filter((l) => l.includes('disk full'))).toHaveLength(1);

    rmSync(filler);
    const deadline = Date.now() + 10_000;
    while (writer.problem && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(writer.problem).toBeNull();
    const collected = [...spool.pending()].map((r) => r.seq);
    expect(collected).toEqual([1, 2, 3, 4]);
    expect(lines.some((l) => l.includes('every report kept in memory is spooled'))).toBe(true);
    expect(written).toBeGreaterThan(0);
    writer.stop();
    spool.close();
  });
});
