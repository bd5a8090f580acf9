// Durable outbox between the collectors and the transport: an append-only
// file of length-prefixed, checksummed records. A record is deleted (by
// compaction) only after the collector has acknowledged its seq.
//
// Record layout (little-endian):
//   u32 payloadLength | u32 crc32(header after crc + payload) | u64 seq | f64 createdAtMs | u8 kind | payload
// A crash can leave a torn last record; open() detects it by length or
// checksum, truncates it away and carries on.
import {
  closeSync, existsSync, fdatasyncSync, fstatSync, ftruncateSync, mkdirSync, openSync, readFileSync,
  readSync, renameSync, writeFileSync, writeSync, fsyncSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { AgentError } from '../errors.js';

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
}

export interface FileSpoolOptions {
  dir: string;
  maxBytes: number;
}

export interface OpenReport {
  records: number;
  /** Bytes cut from the end because the last record was torn or corrupt. */
  truncatedBytes: number;
}

export class FileSpool {
  private fd: number;
  private size: number;
  private index: IndexEntry[] = [];
  private state: SpoolState;
  private dropped: DroppedRange | null = null;
  private lastDrop: DroppedRange | null = null;
  readonly openReport: OpenReport;

  private constructor(private readonly options: FileSpoolOptions, private readonly file: string, private readonly stateFile: string) {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    this.state = readState(stateFile);
    this.fd = openSync(file, existsSync(file) ? 'r+' : 'w+', 0o600);
    this.size = fstatSync(this.fd).size;
    this.openReport = this.scan();
    const lastInFile = this.index.at(-1)?.seq ?? 0;
    this.state.lastSeq = Math.max(this.state.lastSeq, lastInFile);
    this.dropAcked();
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
    if (this.size + recordBytes + GAP_ALLOWANCE > this.options.maxBytes) this.makeRoom(recordBytes + GAP_ALLOWANCE);
    const seq = this.write(kind, payload, createdAtMs);
    if (this.dropped) {
      this.write(RECORD_KIND.gap, encodeGap(this.dropped), Date.now());
      this.lastDrop = this.dropped;
      this.dropped = null;
    }
    this.saveState();
    return seq;
  }

  private write(kind: RecordKind, payload: Uint8Array, createdAtMs: number): number {
    const seq = this.state.lastSeq + 1;
    const buf = encodeRecord(seq, createdAtMs, kind, payload);
    writeSync(this.fd, buf, 0, buf.length, this.size);
    fdatasyncSync(this.fd);
    this.index.push({ seq, createdAtMs, kind, offset: this.size, length: buf.length });
    this.size += buf.length;
    this.state.lastSeq = seq;
    return seq;
  }

  /**
   * Makes sure new records get a seq above `seq`: the collector's Welcome
   * says what it has stored, which matters when the state file was lost.
   */
  advanceSeq(seq: number): void {
    if (seq <= this.state.lastSeq) return;
    this.state.lastSeq = seq;
    this.saveState();
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
    this.saveState();
    this.dropAcked();
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

  private scan(): OpenReport {
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
    for (const entry of this.index.slice(0, cut)) {
      // A gap record pushed out folds into the next one, so no loss goes unannounced.
      const range = entry.kind === RECORD_KIND.gap
        ? decodeGap(this.read(entry).payload)
        : { count: 1, firstSeq: entry.seq, lastSeq: entry.seq, firstAtMs: entry.createdAtMs, lastAtMs: entry.createdAtMs };
      this.dropped = mergeDropped(this.dropped, range);
    }
    this.rewrite(this.index.slice(cut));
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
    if (this.index[0]!.offset > this.size / 2) this.rewrite(this.index);
  }

  /** Atomically replaces the file with just `entries` (write, fsync, rename). */
  private rewrite(entries: IndexEntry[]): void {
    const tmp = `${this.file}.tmp`;
    const parts = entries.map((e) => {
      const buf = Buffer.alloc(e.length);
      readSync(this.fd, buf, 0, e.length, e.offset);
      return buf;
    });
    const fd = openSync(tmp, 'w', 0o600);
    let offset = 0;
    const next: IndexEntry[] = [];
    for (let i = 0; i < parts.length; i++) {
      writeSync(fd, parts[i]!, 0, parts[i]!.length, offset);
      next.push({ ...entries[i]!, offset });
      offset += parts[i]!.length;
    }
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.file);
    fsyncDir(dirname(this.file));
    closeSync(this.fd);
    this.fd = openSync(this.file, 'r+');
    this.size = offset;
    this.index = next;
  }

  private saveState(): void {
    const tmp = `${this.stateFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state), { mode: 0o600 });
    const fd = openSync(tmp, 'r+');
    fdatasyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.stateFile);
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

function readState(file: string): SpoolState {
  if (!existsSync(file)) return { lastSeq: 0, ackedSeq: 0 };
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<SpoolState>;
    return { lastSeq: Number(s.lastSeq) || 0, ackedSeq: Number(s.ackedSeq) || 0 };
  } catch (err) {
    throw new AgentError('AGT_ERR_SPOOL', `spool state ${file} is unreadable: ${(err as Error).message}`, { cause: err });
  }
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
