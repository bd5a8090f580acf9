// Keeps the delivery-stuck fact current: logs each change, writes it to
// <dataDir>/delivery.json (local state an admin or a support script can
// read), and hands it to each new report so the collector sees it too.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeliveryHealth } from '@tandem/proto';
import type { FileSpool } from '../spool/file-spool.js';
import type { Logger } from '../log.js';
import { deliveryVerdict } from './delivery-health.js';
import type { DeliveryVerdict } from './delivery-health.js';

export interface DeliveryWatchOptions {
  dataDir: string;
  spool: FileSpool;
  log: Logger;
  stuckAfterMs: number;
  now?: () => number;
}

interface SavedState {
  lastAckAtMs?: number | null;
}

export class DeliveryWatch {
  private lastAckAtMs: number | null;
  private connectedTo: string | null = null;
  private lastProblem: string | null = null;
  private verdict: DeliveryVerdict = { stuck: false };
  private timer: NodeJS.Timeout | null = null;
  private savedAtMs = 0;
  private savedAckAtMs: number | null = null;
  private readonly file: string;
  private readonly now: () => number;

  constructor(private readonly options: DeliveryWatchOptions) {
    this.file = join(options.dataDir, 'delivery.json');
    this.now = options.now ?? Date.now;
    this.lastAckAtMs = readSaved(this.file).lastAckAtMs ?? null;
    this.savedAckAtMs = this.lastAckAtMs;
  }

  start(): void {
    this.save();
    this.check();
    this.timer = setInterval(() => this.check(), Math.max(1000, Math.min(this.options.stuckAfterMs / 4, 30_000)));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** A collector acknowledged something new: progress. */
  acked(): void {
    this.lastAckAtMs = this.now();
    this.lastProblem = null;
    this.check();
  }

  connected(url: string | null): void {
    this.connectedTo = url;
  }

  problem(text: string): void {
    this.lastProblem = text;
  }

  /** The fact as of now, for the next report. */
  current(): DeliveryHealth {
    this.check();
    return this.health();
  }

  check(): void {
    const spool = this.options.spool;
    const next = deliveryVerdict({
      nowMs: this.now(),
      pendingCount: spool.pendingCount,
      oldestPendingAtMs: spool.oldestPendingAtMs,
      lastAckAtMs: this.lastAckAtMs,
      connectedTo: this.connectedTo,
      lastProblem: this.lastProblem ?? spool.stateProblem,
    }, this.options.stuckAfterMs);
    const changed = next.stuck !== this.verdict.stuck;
    this.verdict = next;
    if (changed && next.stuck) {
      this.options.log.error('delivery stuck', { reason: next.reason, since: new Date(next.sinceMs).toISOString(), pending: spool.pendingCount });
    } else if (changed) {
      this.options.log.info('delivery recovered', { pending: spool.pendingCount });
    }
    // Saved on a change, at most every 5 s while stuck (so the counts stay current), and
    // now and then for lastAckAt (not on every ack: a draining backlog acks hundreds a second).
    const due = this.now() - this.savedAtMs >= 5000;
    if (changed || (due && (next.stuck || this.savedAckAtMs !== this.lastAckAtMs))) this.save();
  }

  private health(): DeliveryHealth {
    const v = this.verdict;
    return {
      stuck: v.stuck,
      reason: v.stuck ? v.reason : null,
      stuckSince: v.stuck ? new Date(v.sinceMs).toISOString() : null,
      pendingCount: this.options.spool.pendingCount,
      oldestPendingAt: isoOrNull(this.options.spool.oldestPendingAtMs),
      lastAckAt: isoOrNull(this.lastAckAtMs),
    };
  }

  private save(): void {
    this.savedAtMs = this.now();
    this.savedAckAtMs = this.lastAckAtMs;
    const body = { ...this.health(), lastAckAtMs: this.lastAckAtMs };
    try {
      writeFileSync(`${this.file}.tmp`, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
      renameSync(`${this.file}.tmp`, this.file);
    } catch (err) {
      // A full disk must not stop delivery; the log still says it.
      rmSync(`${this.file}.tmp`, { force: true });
      this.options.log.debug('cannot save delivery state', { error: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
    }
  }
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function readSaved(file: string): SavedState {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as SavedState;
    return typeof s.lastAckAtMs === 'number' && Number.isFinite(s.lastAckAtMs) ? s : {};
  } catch {
    return {};
  }
}
