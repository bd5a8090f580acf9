// Writes reports to the spool, and rides out a full disk: a report the spool
// cannot take (AGT_ERR_SPOOL_FULL) waits in memory, in order, and is written
// as soon as there is room again (on a retry timer and before each new
// report). What is already in the spool is never touched by this. Memory is
// bounded: beyond MAX_WAITING reports the oldest waiting one is dropped and
// counted, and the count is logged when writing works again.
import type { Snapshot } from '@tandem/proto';
import { AgentError } from '../errors.js';
import type { Logger } from '../log.js';
import type { FileSpool } from './file-spool.js';
import { spoolSnapshot } from './spool-snapshot.js';

export const MAX_WAITING = 16;
export const RETRY_MS = 5000;

export interface SpoolWriterOptions {
  spool: FileSpool;
  log: Logger;
  /** Called after reports reached the spool (the transport can send them). */
  onWritten: () => void;
  retryMs?: number;
}

export class SpoolWriter {
  private waiting: Snapshot[] = [];
  private lostWhileFull = 0;
  private fullSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SpoolWriterOptions) {}

  /** Why reports are waiting in memory, or null when the spool takes them. */
  get problem(): string | null {
    return this.fullSince === null ? null : `the disk under the spool is full since ${new Date(this.fullSince).toISOString()}; ${this.waiting.length} report(s) wait in memory`;
  }

  /** Spools the snapshot (after any still waiting). Returns its seq, or null when it waits in memory. */
  write(snapshot: Snapshot): number | null {
    this.waiting.push(snapshot);
    if (this.waiting.length > MAX_WAITING) {
      this.waiting.shift();
      this.lostWhileFull++;
    }
    return this.drain();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private drain(): number | null {
    let seq: number | null = null;
    let wrote = false;
    while (this.waiting.length > 0) {
      const next = this.waiting[0]!;
      try {
        const written = spoolSnapshot(this.options.spool, next);
        if (written.dropped) this.options.log.warn('spool bound reached; oldest reports dropped', { count: written.dropped.count });
        seq = written.seq;
      } catch (err) {
        if (!(err instanceof AgentError && err.code === 'AGT_ERR_SPOOL_FULL')) {
          // Not a full disk (a report too large, say): this one cannot be spooled, the rest can.
          this.waiting.shift();
          this.options.log.error('report could not be spooled', { error: (err as Error).message, code: (err as AgentError).code });
          continue;
        }
        if (this.fullSince === null) {
          this.fullSince = Date.now();
          this.options.log.error('spool write failed: disk full; keeping reports in memory and retrying', { code: err.code, error: err.message, retryMs: this.retryMs });
        }
        this.schedule();
        if (wrote) this.options.onWritten();
        return null;
      }
      this.waiting.shift();
      wrote = true;
    }
    if (this.fullSince !== null) {
      const fields = { fullForMs: Date.now() - this.fullSince, lostWhileFull: this.lostWhileFull };
      if (this.lostWhileFull > 0) this.options.log.error('spool writable again; reports beyond the in-memory bound were lost while the disk was full', fields);
      else this.options.log.info('spool writable again; every report kept in memory is spooled', fields);
      this.fullSince = null;
      this.lostWhileFull = 0;
    }
    if (wrote) this.options.onWritten();
    return seq;
  }

  private get retryMs(): number {
    return this.options.retryMs ?? RETRY_MS;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.drain();
    }, this.retryMs);
    this.timer.unref();
  }
}
