// Durable outbox between the collectors and the transport: an append-only
// file of length-prefixed, checksummed records. A record is deleted (by
// compaction) only after the collector has acknowledged its seq.
//
// Record layout (little-endian):
//   u32 payloadLength | u32 crc32(header after crc + payload) | u64 seq | f64 createdAtMs | u8 kind | payload
// A crash can leave a torn last record; open() detects it by length or
// checksum, truncates it away and carries on. A full disk fails an append
// with AGT_ERR_SPOOL_FULL and leaves the file as it was; nothing already
// written is touched, and acks still advance (compaction waits for room).
import {
  closeSync, existsSync, fdatasyncSync, fstatSync, ftruncateSync, mkdirSync, openSync, readFileSync,
  readSync, renameSync, rmSync, writeFileSync, writeSync, fsyncSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { AgentError } from '../errors.js';
import { MAX_SEQ } from '@tandem/proto';
import { plausibleSeq } from './seq.js';

export const RECORD_KIND = { report: 1, gap: 2 } as const;
export type RecordKind = (typeof RECORD_KIND)[keyof typeof RECORD_KIND];

const HEADER_BYTES = 4 + 4 + 8 + 8 + 1;
/** Room kept for the gap record that may follow a record. */
const GAP_ALLOWANCE = HEADER_BYTES + 160;

export interface SpoolRecord {
  seq: number;
  createdAtMs: number;
  kind: RecordKind;
  payload: Uint8Array;
}

interface IndexEntry {
  seq: number;
  createdAtMs: number;
  kind: RecordKind;
  offset: number;
  length: number;
}

/** Reports the spool had to drop to stay within its bound, not yet announced. */
export interface DroppedRange {
  count: number;
  firstSeq: number;
  lastSeq: number;
  firstAtMs: number;
  lastAtMs: number;
}

export interface SpoolState {
  lastSeq: number;
  ackedSeq: number;
  /**
   * A collector's Welcome has agreed with this record. False for a new spool
   * (or one whose state file was lost): only then may a Welcome move the seq
   * ahead of what this agent has assigned.
   */
  seqConfirmed: boolean;
  /**
   * Highest seq handed to a collector, saved before it is sent: a Welcome
   * may claim no more than this, so a collector cannot make the agent delete
   * reports it was never sent (a week's offline backlog, say).
   */
  sentSeq: number;
}

/** Errors that mean "no room on the disk", not "the spool is broken". */
const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

export interface FileSpoolOptions {
  dir: string;
  maxBytes: number;
}

export interface OpenReport {
  records: number;
  /** Bytes cut from the end because the last record was torn or corrupt. */
  truncatedBytes: number;
  /**
   * Why the seq record was not trusted (unreadable or implausible, e.g. a seq
   * of 2^60 left by a hostile Welcome): the records kept were renumbered 1..n
   * and the next Welcome sets the floor. Null when it was fine.
   */
  seqReset: string | null;
}

export class FileSpool {
  private fd: number;
  private size: number;
  private index: IndexEntry[] = [];
  private state: SpoolState;
  private dropped: DroppedRange | null = null;
  private lastDrop: DroppedRange | null = null;
  private stateProblemText: string | null = null;
  readonly openReport: OpenReport;

  private constructor(private readonly options: FileSpoolOptions, private readonly file: string, private readonly stateFile: string) {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    const read = readState(stateFile);
    this.state = read.state;
    this.fd = openSync(file, existsSync(file) ? 'r+' : 'w+', 0o600);
    this.size = fstatSync(this.fd).size;
    const scanned = this.scan();
    const badRecord = this.index.find((e) => !plausibleSeq(e.seq));
    const seqReset = read.problem ?? (badRecord ? `a spooled record has seq ${badRecord.seq}` : null);
    if (seqReset) this.renumber();
    this.openReport = { ...scanned, seqReset };
    const lastInFile = this.index.at(-1)?.seq ?? 0;
    this.state.lastSeq = Math.max(this.state.lastSeq, lastInFile);
    this.dropAcked();
  }

  /** Starts a new seq record: the kept records become 1..n, nothing acknowledged, nothing confirmed. */
  private renumber(): void {
    const records = this.index.map((e, i) => {
      // A gap record keeps the seqs it announced: they are history, not this file's numbering.
      const r = this.read(e);
      return encodeRecord(i + 1, r.createdAtMs, r.kind, r.payload);
    });
    this.rewriteBuffers(this.index.map((e, i) => ({ ...e, seq: i + 1, length: records[i]!.length })), records);
    this.state = { lastSeq: this.index.length, ackedSeq: 0, seqConfirmed: false, sentSeq: 0 };
    this.saveState();
  }

  static open(options: FileSpoolOptions): FileSpool {
    try {
      return new FileSpool(options, join(options.dir, 'spool.log'), join(options.dir, 'spool-state.json'));
    } catch (err) {
      if (err instanceof AgentError) throw err;
      throw new AgentError('AGT_ERR_SPOOL', `cannot open spool in ${options.dir}: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Highest seq ever assigned (persisted across restarts). */
  get lastSeq(): number {
    return this.state.lastSeq;
  }

  get ackedSeq(): number {
    return this.state.ackedSeq;
  }

  get pendingCount(): number {
    return this.index.length;
  }

  get sizeBytes(): number {
    return this.size;
  }

  get maxBytes(): number {
    return this.options.maxBytes;
  }

  get seqConfirmed(): boolean {
    return this.state.seqConfirmed;
  }

  /** Highest seq ever handed to a collector (at least the acknowledged seq). */
  get sentSeq(): number {
    return Math.max(this.state.sentSeq, this.state.ackedSeq);
  }

  /**
   * Records that records up to `seq` are about to be sent, before they are.
   * If the state cannot be saved (a full disk) the mark still holds for this
   * run, and delivery goes on.
   */
  markSent(seq: number): void {
    if (seq <= this.state.sentSeq) return;
    this.state.sentSeq = Math.min(seq, this.state.lastSeq);
    this.persist();
  }

  /** When the oldest unacknowledged record was written, or null when nothing waits. */
  get oldestPendingAtMs(): number | null {
    return this.index[0]?.createdAtMs ?? null;
  }

  /**
   * Why the state file could not be saved last time (a full disk), or null.
   * The records stay in the file until it can, so no seq is forgotten.
   */
  get stateProblem(): string | null {
    return this.stateProblemText;
  }

  /**
   * Appends a record with the next seq and makes it durable before returning.
   * When the bound forces the oldest records out, a gap record saying how
   * many reports were dropped, and when, follows the new record.
   */
  append(kind: RecordKind, payload: Uint8Array, createdAtMs: number): number {
    const recordBytes = HEADER_BYTES + payload.length;
    if (recordBytes + GAP_ALLOWANCE > this.options.maxBytes / 2) {
      throw new AgentError('AGT_ERR_SPOOL', `record of ${recordBytes} bytes exceeds half the spool bound (${this.options.maxBytes} bytes)`);
    }
    if (this.state.lastSeq + 2 > MAX_SEQ) {
      throw new AgentError('AGT_ERR_SPOOL', `sequence numbers exhausted (last seq ${this.state.lastSeq})`);
    }
    if (this.size + recordBytes + GAP_ALLOWANCE > this.options.maxBytes) this.makeRoom(recordBytes + GAP_ALLOWANCE);
    const seq = this.write(kind, payload, createdAtMs);
    if (this.dropped) {
      // If this one fails the drop stays remembered and the next append announces it.
      try {
        this.write(RECORD_KIND.gap, encodeGap(this.dropped), Date.now());
        this.lastDrop = this.dropped;
        this.dropped = null;
      } catch {
        // The report itself is durable; returning its seq is right.
      }
    }
    // The record is durable and its seq readable from the file, so a state
    // file that cannot be saved now is retried later rather than failing it.
    this.persist();
    return seq;
  }

  private write(kind: RecordKind, payload: Uint8Array, createdAtMs: number): number {
    const seq = this.state.lastSeq + 1;
    const buf = encodeRecord(seq, createdAtMs, kind, payload);
    try {
      writeAll(this.fd, buf, this.size);
      fdatasyncSync(this.fd);
    } catch (err) {
      // Cut whatever part of the record did land, so the file ends on a whole record.
      try {
        ftruncateSync(this.fd, this.size);
      } catch {
        // open() would cut a torn tail anyway.
      }
      throw spoolWriteError(err, `cannot write to spool ${this.file}`);
    }
    this.index.push({ seq, createdAtMs, kind, offset: this.size, length: buf.length });
    this.size += buf.length;
    this.state.lastSeq = seq;
    return seq;
  }

  /** A collector's Welcome agreed with this spool's seqs: from now on none may move them ahead. */
  confirmSeq(): void {
    if (this.state.seqConfirmed) return;
    this.state.seqConfirmed = true;
    this.persist();
  }

  /**
   * This spool lost its seq record (new state file) but the collector has
   * stored up to `floor` for this device: every record still here was never
   * seen by it, so each moves up by `floor` instead of being mistaken for a
   * duplicate. The file is rewritten before the state, so a crash between
   * the two leaves the higher seqs in the file, where open() finds them.
   */
  adoptSeq(floor: number): void {
    if (this.state.seqConfirmed) throw new AgentError('AGT_ERR_SPOOL', 'the spool has a confirmed seq record; it cannot adopt another');
    const shift = floor - this.state.ackedSeq;
    if (shift > 0) {
      const entries = this.index.map((e) => ({ ...e, seq: e.seq + shift }));
      const records = this.index.map((e) => {
        const r = this.read(e);
        const payload = r.kind === RECORD_KIND.gap ? encodeGap(shiftGap(decodeGap(r.payload), shift)) : r.payload;
        return encodeRecord(r.seq + shift, r.createdAtMs, r.kind, payload);
      });
      this.rewriteBuffers(entries.map((e, i) => ({ ...e, length: records[i]!.length })), records);
      if (this.dropped) this.dropped = shiftGap(this.dropped, shift);
      this.state.lastSeq += shift;
      this.state.ackedSeq = floor;
      this.state.sentSeq = floor;
    }
    this.state.seqConfirmed = true;
    this.persist();
  }

  /** The first unacknowledged record with a seq above `seq`, or null. */
  nextAfter(seq: number): SpoolRecord | null {
    let lo = 0;
    let hi = this.index.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.index[mid]!.seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    const entry = this.index[lo];
    return entry ? this.read(entry) : null;
  }

  /** Unacknowledged records after `afterSeq`, oldest first. */
  *pending(afterSeq = 0): Generator<SpoolRecord> {
    for (const entry of this.index) {
      if (entry.seq <= afterSeq) continue;
      yield this.read(entry);
    }
  }

  /** The collector has durably stored everything up to `seq`. */
  ack(seq: number): void {
    if (seq <= this.state.ackedSeq) return;
    this.state.ackedSeq = Math.min(seq, this.state.lastSeq);
    // Only once the state file says so may the acknowledged records leave the
    // file: until then the file is what remembers the highest seq.
    if (this.persist()) this.dropAcked();
  }

  /** Saves the state file; on failure remembers why and returns false (the next change retries). */
  private persist(): boolean {
    try {
      this.saveState();
      this.stateProblemText = null;
      return true;
    } catch (err) {
      this.stateProblemText = `cannot save ${this.stateFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
      return false;
    }
  }

  /** What the last gap record announced, once (for the agent's log). */
  takeDropped(): DroppedRange | null {
    const d = this.lastDrop;
    this.lastDrop = null;
    return d;
  }

  close(): void {
    closeSync(this.fd);
  }

  private read(entry: IndexEntry): SpoolRecord {
    const buf = Buffer.alloc(entry.length);
    readSync(this.fd, buf, 0, entry.length, entry.offset);
    return { seq: entry.seq, createdAtMs: entry.createdAtMs, kind: entry.kind, payload: buf.subarray(HEADER_BYTES) };
  }

  private scan(): Omit<OpenReport, 'seqReset'> {
    let offset = 0;
    const header = Buffer.alloc(HEADER_BYTES);
    while (offset + HEADER_BYTES <= this.size) {
      readSync(this.fd, header, 0, HEADER_BYTES, offset);
      const length = header.readUInt32LE(0);
      const total = HEADER_BYTES + length;
      if (offset + total > this.size) break;
      const body = Buffer.alloc(total - 8);
      readSync(this.fd, body, 0, body.length, offset + 8);
      if (crc32(body) !== header.readUInt32LE(4)) break;
      const kind = header.readUInt8(24) as RecordKind;
      this.index.push({ seq: Number(header.readBigUInt64LE(8)), createdAtMs: header.readDoubleLE(16), kind, offset, length: total });
      offset += total;
    }
    const truncatedBytes = this.size - offset;
    if (truncatedBytes > 0) {
      // Everything after the first bad record is unreadable without its length; cut it.
      ftruncateSync(this.fd, offset);
      fsyncSync(this.fd);
      this.size = offset;
    }
    return { records: this.index.length, truncatedBytes };
  }

  /**
   * Drops the oldest unacknowledged records until `needed` bytes fit with a
   * quarter of the bound free, remembering what went. Freeing a chunk, not
   * one record, keeps a spool that stays full from writing a gap per report.
   */
  private makeRoom(needed: number): void {
    this.dropAcked();
    const target = Math.floor(this.options.maxBytes * 0.75);
    let bytes = this.index.reduce((n, e) => n + e.length, 0);
    let cut = 0;
    while (cut < this.index.length && bytes + needed > target) {
      bytes -= this.index[cut]!.length;
      cut++;
    }
    let dropped = this.dropped;
    for (const entry of this.index.slice(0, cut)) {
      // A gap record pushed out folds into the next one, so no loss goes unannounced.
      const range = entry.kind === RECORD_KIND.gap
        ? decodeGap(this.read(entry).payload)
        : { count: 1, firstSeq: entry.seq, lastSeq: entry.seq, firstAtMs: entry.createdAtMs, lastAtMs: entry.createdAtMs };
      dropped = mergeDropped(dropped, range);
    }
    // Counted as dropped only once they are really gone (a full disk can fail the rewrite).
    this.rewrite(this.index.slice(cut));
    this.dropped = dropped;
  }

  /**
   * Forgets acknowledged records. The file is compacted only when the dead
   * prefix outweighs the live records (or everything is acknowledged, which
   * is a cheap truncate), so a long backlog drains in linear time.
   */
  private dropAcked(): void {
    const keepFrom = this.index.findIndex((e) => e.seq > this.state.ackedSeq);
    if (keepFrom === -1) {
      this.index = [];
      if (this.size > 0) {
        ftruncateSync(this.fd, 0);
        fsyncSync(this.fd);
        this.size = 0;
      }
      return;
    }
    if (keepFrom === 0) return;
    this.index = this.index.slice(keepFrom);
    if (this.index[0]!.offset > this.size / 2) {
      try {
        this.rewrite(this.index);
      } catch {
        // No room for the compacted copy: the dead prefix stays until there is.
      }
    }
  }

  /** Atomically replaces the file with just `entries` (write, fsync, rename). */
  private rewrite(entries: IndexEntry[]): void {
    const parts = entries.map((e) => {
      const buf = Buffer.alloc(e.length);
      readSync(this.fd, buf, 0, e.length, e.offset);
      return buf;
    });
    this.rewriteBuffers(entries, parts);
  }

  /** Writes `parts` (whole records for `entries`) to a new file and swaps it in; on failure the old file stays. */
  private rewriteBuffers(entries: IndexEntry[], parts: Buffer[]): void {
    const tmp = `${this.file}.tmp`;
    let offset = 0;
    const next: IndexEntry[] = [];
    try {
      const fd = openSync(tmp, 'w', 0o600);
      try {
        for (let i = 0; i < parts.length; i++) {
          writeAll(fd, parts[i]!, offset);
          next.push({ ...entries[i]!, offset });
          offset += parts[i]!.length;
        }
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, this.file);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw spoolWriteError(err, `cannot rewrite spool ${this.file}`);
    }
    fsyncDir(dirname(this.file));
    closeSync(this.fd);
    this.fd = openSync(this.file, 'r+');
    this.size = offset;
    this.index = next;
  }

  private saveState(): void {
    const tmp = `${this.stateFile}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(this.state), { mode: 0o600 });
      const fd = openSync(tmp, 'r+');
      fdatasyncSync(fd);
      closeSync(fd);
      renameSync(tmp, this.stateFile);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  }
}

function encodeRecord(seq: number, createdAtMs: number, kind: RecordKind, payload: Uint8Array): Buffer {
  const buf = Buffer.alloc(HEADER_BYTES + payload.length);
  buf.writeUInt32LE(payload.length, 0);
  buf.writeBigUInt64LE(BigInt(seq), 8);
  buf.writeDoubleLE(createdAtMs, 16);
  buf.writeUInt8(kind, 24);
  buf.set(payload, HEADER_BYTES);
  buf.writeUInt32LE(crc32(buf.subarray(8)), 4);
  return buf;
}

/** Gap records carry a DroppedRange as JSON: the spool must read them back when they are pushed out. */
export function encodeGap(range: DroppedRange): Buffer {
  return Buffer.from(JSON.stringify(range));
}

export function decodeGap(payload: Uint8Array): DroppedRange {
  return JSON.parse(Buffer.from(payload).toString('utf8')) as DroppedRange;
}

/**
 * writeSync may write only part of a buffer when the disk fills up (it
 * reports the short count instead of failing): keep writing, so the real
 * error (ENOSPC) surfaces instead of a record cut short and counted as written.
 */
function writeAll(fd: number, buf: Buffer, position: number): void {
  for (let done = 0; done < buf.length;) {
    const n = writeSync(fd, buf, done, buf.length - done, position + done);
    if (n <= 0) throw Object.assign(new Error('write made no progress'), { code: 'ENOSPC' });
    done += n;
  }
}

function shiftGap(range: DroppedRange, shift: number): DroppedRange {
  return { ...range, firstSeq: range.firstSeq + shift, lastSeq: range.lastSeq + shift };
}

/** A disk-full failure is its own code: the caller keeps the report and retries. */
function spoolWriteError(err: unknown, what: string): AgentError {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (DISK_FULL_CODES.has(code)) return new AgentError('AGT_ERR_SPOOL_FULL', `${what}: the disk is full (${code})`, { cause: err });
  return new AgentError('AGT_ERR_SPOOL', `${what}: ${(err as Error).message}`, { cause: err });
}

function mergeDropped(a: DroppedRange | null, b: DroppedRange): DroppedRange {
  if (!a) return b;
  return {
    count: a.count + b.count,
    firstSeq: Math.min(a.firstSeq, b.firstSeq),
    lastSeq: Math.max(a.lastSeq, b.lastSeq),
    firstAtMs: Math.min(a.firstAtMs, b.firstAtMs),
    lastAtMs: Math.max(a.lastAtMs, b.lastAtMs),
  };
}

function readState(file: string): { state: SpoolState; problem: string | null } {
  const fresh = { lastSeq: 0, ackedSeq: 0, seqConfirmed: false, sentSeq: 0 };
  if (!existsSync(file)) return { state: fresh, problem: null };
  let s: Partial<SpoolState>;
  try {
    s = JSON.parse(readFileSync(file, 'utf8')) as Partial<SpoolState>;
  } catch (err) {
    return { state: fresh, problem: `spool state ${file} is unreadable: ${(err as Error).message}` };
  }
  const lastSeq = Number(s.lastSeq ?? 0);
  const ackedSeq = Number(s.ackedSeq ?? 0);
  // A state poisoned by a hostile Welcome before seqs were bounded (2^60 + 1 === 2^60) would silence the agent for good.
  for (const [key, v] of [['lastSeq', lastSeq], ['ackedSeq', ackedSeq]] as const) {
    if (!plausibleSeq(v)) return { state: fresh, problem: `spool state ${file} has ${key} ${v}, which is not a plausible seq` };
  }
  const sentSeq = s.sentSeq === undefined ? lastSeq : Number(s.sentSeq);
  if (!plausibleSeq(sentSeq)) return { state: fresh, problem: `spool state ${file} has sentSeq ${sentSeq}, which is not a plausible seq` };
  // A state file from before seqConfirmed and sentSeq existed was written by an
  // agent that had its own record and may have sent everything it wrote.
  return { state: { lastSeq, ackedSeq, seqConfirmed: s.seqConfirmed ?? true, sentSeq }, problem: null };
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    fsyncSync(fd);
    closeSync(fd);
  } catch {
    // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
  }
}
