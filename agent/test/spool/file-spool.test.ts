import { appendFileSync, mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSpool, RECORD_KIND, decodeGap } from '../../src/spool/file-spool.js';

const dir = () => mkdtempSync(join(tmpdir(), 'tandem-spool-'));
const payload = (n: number, size = 100) => Buffer.alloc(size, n % 256);

describe('file spool', () => {
  it('assigns increasing seqs that survive a reopen', () => {
    const d = dir();
    const s = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    expect([1, 2, 3].map((n) => s.append(RECORD_KIND.report, payload(n), 1000 + n))).toEqual([1, 2, 3]);
    s.close();
    const again = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    expect([...again.pending()].map((r) => [r.seq, r.createdAtMs, r.payload[0]])).toEqual([[1, 1001, 1], [2, 1002, 2], [3, 1003, 3]]);
    expect(again.append(RECORD_KIND.report, payload(4), 1004)).toBe(4);
  });

  it('deletes records only up to the acknowledged seq, and remembers the ack', () => {
    const d = dir();
    const s = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    for (let i = 1; i <= 5; i++) s.append(RECORD_KIND.report, payload(i), i);
    s.ack(3);
    expect([...s.pending()].map((r) => r.seq)).toEqual([4, 5]);
    expect(s.nextAfter(3)!.seq).toBe(4);
    expect(s.nextAfter(5)).toBeNull();
    s.close();
    const again = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    expect([...again.pending()].map((r) => r.seq)).toEqual([4, 5]);
    expect(again.ackedSeq).toBe(3);
  });

  it('compacts the file once everything is acknowledged', () => {
    const d = dir();
    const s = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    for (let i = 1; i <= 10; i++) s.append(RECORD_KIND.report, payload(i, 1000), i);
    s.ack(10);
    expect(statSync(join(d, 'spool.log')).size).toBe(0);
    expect(s.pendingCount).toBe(0);
  });

  it('cuts a torn last record (a crash mid-write) and keeps the rest', () => {
    const d = dir();
    const s = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    for (let i = 1; i <= 3; i++) s.append(RECORD_KIND.report, payload(i), i);
    s.close();
    const file = join(d, 'spool.log');
    truncateSync(file, statSync(file).size - 7);
    const again = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    expect(again.openReport.truncatedBytes).toBeGreaterThan(0);
    expect([...again.pending()].map((r) => r.seq)).toEqual([1, 2]);
    // The seq of the torn record is not reused: the collector may have seen it.
    expect(again.append(RECORD_KIND.report, payload(9), 9)).toBe(4);
  });

  it('stops at a record whose checksum fails', () => {
    const d = dir();
    const s = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    for (let i = 1; i <= 3; i++) s.append(RECORD_KIND.report, payload(i), i);
    s.close();
    const file = join(d, 'spool.log');
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(file, bytes);
    const again = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    expect([...again.pending()].map((r) => r.seq)).toEqual([1, 2]);
  });

  it('survives garbage appended after valid records', () => {
    const d = dir();
    const s = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    s.append(RECORD_KIND.report, payload(1), 1);
    s.close();
    appendFileSync(join(d, 'spool.log'), Buffer.from([1, 2, 3]));
    expect([...FileSpool.open({ dir: d, maxBytes: 1 << 20 }).pending()].map((r) => r.seq)).toEqual([1]);
  });

  it('drops the oldest unacknowledged records at its bound and announces every loss in gap records', () => {
    const d = dir();
    const s = FileSpool.open({ dir: d, maxBytes: 64 * 1024 });
    for (let i = 1; i <= 300; i++) s.append(RECORD_KIND.report, payload(i, 1000), 1_000_000 + i);
    expect(statSync(join(d, 'spool.log')).size).toBeLessThanOrEqual(64 * 1024);
    const records = [...s.pending()];
    const gaps = records.filter((r) => r.kind === RECORD_KIND.gap).map((r) => decodeGap(r.payload));
    // Room is freed in chunks, so a spool that stays full writes few gap records;
    // a gap record pushed out folds into the next one.
    expect(gaps.length).toBeGreaterThanOrEqual(1);
    expect(gaps.length).toBeLessThan(20);
    expect(gaps.some((g) => g.firstSeq === 1 && g.firstAtMs === 1_000_001)).toBe(true);
    const reports = records.filter((r) => r.kind === RECORD_KIND.report);
    expect(reports.at(-1)!.payload[0]).toBe(300 % 256);
    // Every seq ever assigned is a kept record or inside an announced range.
    const kept = new Set(records.map((r) => r.seq));
    for (let seq = 1; seq <= s.lastSeq; seq++) {
      expect(kept.has(seq) || gaps.some((g) => seq >= g.firstSeq && seq <= g.lastSeq), `seq ${seq}`).toBe(true);
    }
    expect(gaps.reduce((n, g) => n + g.count, 0) + reports.length).toBe(300);
  });

  it('tells the caller once what the last gap record announced', () => {
    const s = FileSpool.open({ dir: dir(), maxBytes: 64 * 1024 });
    let announced = null;
    for (let i = 1; i <= 80 && !announced; i++) {
      s.append(RECORD_KIND.report, payload(i, 1000), i);
      announced = s.takeDropped();
    }
    expect(announced).toMatchObject({ firstSeq: 1 });
    expect(s.takeDropped()).toBeNull();
  });

  it('moves its seq above what the collector says it has stored, when it has no seq record of its own', () => {
    const s = FileSpool.open({ dir: dir(), maxBytes: 1 << 20 });
    expect(s.seqConfirmed).toBe(false);
    s.adoptSeq(41);
    expect(s.seqConfirmed).toBe(true);
    expect(s.append(RECORD_KIND.report, payload(1), 1)).toBe(42);
  });

  it('adopting a floor renumbers what it holds instead of dropping it (the collector never saw those)', () => {
    const d = dir();
    const s = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    [1, 2, 3].forEach((n) => s.append(RECORD_KIND.report, payload(n), 1000 + n));
    s.adoptSeq(500);
    expect([...s.pending()].map((r) => [r.seq, r.payload[0]])).toEqual([[501, 1], [502, 2], [503, 3]]);
    s.close();
    const again = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    expect([again.lastSeq, again.ackedSeq, again.seqConfirmed]).toEqual([503, 500, true]);
    expect([...again.pending()].map((r) => r.seq)).toEqual([501, 502, 503]);
    expect(() => again.adoptSeq(900)).toThrow(/confirmed seq record/);
  });

  it('remembers the highest seq handed to a collector, across a reopen', () => {
    const d = dir();
    const s = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    [1, 2, 3, 4].forEach((n) => s.append(RECORD_KIND.report, payload(n), n));
    expect(s.sentSeq).toBe(0);
    s.markSent(2);
    s.markSent(1);
    s.close();
    const again = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    expect([again.sentSeq, again.lastSeq]).toEqual([2, 4]);
  });

  it('reads a state file from before sentSeq as "everything written may have been sent"', () => {
    const d = dir();
    FileSpool.open({ dir: d, maxBytes: 1 << 20 }).close();
    writeFileSync(join(d, 'spool-state.json'), JSON.stringify({ lastSeq: 9, ackedSeq: 4 }));
    const s = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    expect([s.sentSeq, s.seqConfirmed]).toEqual([9, true]);
  });

  it('a state file poisoned with seq 2^60 (2^60 + 1 === 2^60) is not trusted: records are kept and renumbered 1..n', () => {
    const d = dir();
    const s = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    [1, 2].forEach((n) => s.append(RECORD_KIND.report, payload(n), 1000 + n));
    s.close();
    writeFileSync(join(d, 'spool-state.json'), JSON.stringify({ lastSeq: 2 ** 60, ackedSeq: 2 ** 60 }));
    const again = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    expect(again.openReport.seqReset).toContain(`lastSeq ${2 ** 60}, which is not a plausible seq`);
    expect([again.lastSeq, again.ackedSeq, again.seqConfirmed]).toEqual([2, 0, false]);
    expect([...again.pending()].map((r) => [r.seq, r.payload[0]])).toEqual([[1, 1], [2, 2]]);
    expect(again.append(RECORD_KIND.report, payload(3), 1003)).toBe(3);
  });

  it('records written with an implausible seq are renumbered too', () => {
    const d = dir();
    const s = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    s.append(RECORD_KIND.report, payload(1), 1001);
    s.close();
    // As the old agent did after a Welcome of 2^60: every new record got seq 2^60.
    writeFileSync(join(d, 'spool-state.json'), JSON.stringify({ lastSeq: 2 ** 60 - 1, ackedSeq: 1, seqConfirmed: true }));
    const poisoned = FileSpool.open({ dir: d, maxBytes: 1 << 20 });
    expect(poisoned.openReport.seqReset).toContain('not a plausible seq');
    poisoned.close();
  });
});
