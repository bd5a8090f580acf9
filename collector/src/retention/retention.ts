// Retention: report history, alert history and notification records pruned
// by age on a timer. Each batch is one short statement (or transaction) and
// the event loop is given back between batches, so pruning a large backlog
// never holds up ingest for longer than one batch.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { RetentionConfig } from './config.js';
import { pruneDeviceReports, pruneNotifications, pruneResolvedAlerts } from './prune.js';
import type { Cutoffs } from './prune.js';

const DAY_MS = 86_400_000;

export interface RetentionRun {
  reports: number;
  alerts: number;
  notifications: number;
  batches: number;
}

export interface RetentionLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface RetentionOptions {
  db: Kysely<Database>;
  config: RetentionConfig;
  log: RetentionLog;
  now?: () => number;
  /**
   * Whether this node runs the timer's pass: with several nodes, only the
   * leader prunes. One node: always.
   */
  isLeader?: () => boolean | Promise<boolean>;
  /** Delay of the first pass after start; by default a minute, so a restarting collector takes its agents' reports first. */
  firstPassDelayMs?: number;
}

export interface Retention {
  /** Starts the timer (a first pass soon after start); safe to call twice. */
  start(): void;
  /** Stops the timer and lets a pass in progress end after its current batch; safe to call twice. */
  stop(): Promise<void>;
  /** One full pass now, whoever leads. */
  runOnce(): Promise<RetentionRun>;
}

export function cutoffsAt(now: number, config: RetentionConfig): Cutoffs {
  return {
    reportsBefore: now - config.reportsDays * DAY_MS,
    alertsBefore: now - config.alertsDays * DAY_MS,
    notificationsBefore: now - config.notificationsDays * DAY_MS,
  };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createRetention(options: RetentionOptions): Retention {
  const { db, config, log } = options;
  const now = options.now ?? Date.now;
  const isLeader = options.isLeader ?? (() => true);
  let timer: NodeJS.Timeout | null = null;
  let stopping = false;
  let running: Promise<RetentionRun> | null = null;

  /** Runs `batch` until it deletes less than a full batch (or the module stops), yielding in between. */
  async function drain(batch: () => Promise<number>, run: RetentionRun): Promise<number> {
    let total = 0;
    while (!stopping) {
      const n = await batch();
      run.batches++;
      total += n;
      await yieldToEventLoop();
      if (n < config.batchSize) break;
    }
    return total;
  }

  async function pass(): Promise<RetentionRun> {
    const cut = cutoffsAt(now(), config);
    const run: RetentionRun = { reports: 0, alerts: 0, notifications: 0, batches: 0 };
    // Device by device: each statement uses the (device_id, collected_at) index and touches one device's rows.
    const devices = await db.selectFrom('devices').select('id').orderBy('id').execute();
    for (const { id } of devices) {
      if (stopping) break;
      run.reports += await drain(() => pruneDeviceReports(db, id, cut.reportsBefore, config.batchSize), run);
    }
    run.alerts = await drain(() => pruneResolvedAlerts(db, cut.alertsBefore, config.batchSize), run);
    run.notifications = await drain(() => pruneNotifications(db, cut.notificationsBefore, config.batchSize), run);
    if (run.reports + run.alerts + run.notifications > 0) log.info({ ...run }, 'retention: pruned old history');
    return run;
  }

  function runOnce(): Promise<RetentionRun> {
    // One pass at a time: a slow pass is not overlapped by the next tick.
    running ??= pass().finally(() => { running = null; });
    return running;
  }

  async function tick(): Promise<void> {
    try {
      if (!(await isLeader())) return;
      await runOnce();
    } catch (err) {
      log.warn({ reason: (err as Error).message }, 'retention: pass failed; trying again at the next interval');
    }
  }

  return {
    start() {
      if (timer || stopping) return;
      timer = setTimeout(function again() {
        void tick().finally(() => {
          if (!stopping) timer = setTimeout(again, config.intervalMinutes * 60_000).unref();
        });
      }, options.firstPassDelayMs ?? Math.min(60_000, config.intervalMinutes * 60_000)).unref();
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => {});
    },
    runOnce,
  };
}
