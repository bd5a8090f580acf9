// The thin I/O edge of the metrics sink: points to InfluxDB's write API
// through @influxdata/influxdb-client, which batches and retries. On top of
// it, one hard bound: points not yet written (queued, in flight or waiting
// for a retry) never exceed maxBufferPoints; past that new points are
// dropped and counted, so an InfluxDB that is down or hanging costs a
// bounded amount of memory and never slows ingest.
import { HttpError, InfluxDB, Point, setLogger } from '@influxdata/influxdb-client';
import type { WriteApi } from '@influxdata/influxdb-client';
import type { InfluxConfig } from './config.js';
import type { MetricPoint } from './points.js';

export type DropReason = 'buffer_full' | 'retries_exhausted' | 'rejected';

export interface WriterStats {
  written: number;
  dropped: Record<DropReason, number>;
  /** Points accepted but neither written nor dropped yet. */
  pending: number;
}

export interface WriterLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export interface PointWriter {
  write(points: MetricPoint[]): void;
  stats(): WriterStats;
  /** Sends what is queued and stops; safe to call twice. */
  close(): Promise<void>;
}

export function toLineProtocolPoint(p: MetricPoint): Point {
  const point = new Point(p.measurement).timestamp(new Date(p.time));
  for (const [k, v] of Object.entries(p.tags)) point.tag(k, v);
  // Every field is a float: InfluxDB fixes a field's type at its first write, so one type for all avoids conflicts later.
  for (const [k, v] of Object.entries(p.fields)) point.floatField(k, v);
  return point;
}

export function createInfluxWriter(config: InfluxConfig, token: string, log: WriterLog): PointWriter {
  const stats: WriterStats = { written: 0, dropped: { buffer_full: 0, retries_exhausted: 0, rejected: 0 }, pending: 0 };
  let reachable = true;
  const settle = (lines: number, outcome: 'written' | DropReason) => {
    stats.pending = Math.max(0, stats.pending - lines);
    if (outcome === 'written') stats.written += lines;
    else stats.dropped[outcome] += lines;
  };
  const markReachable = (now: boolean, err?: Error) => {
    if (now === reachable) return;
    reachable = now;
    if (now) log.info({ url: config.url }, 'InfluxDB is reachable again; metrics points are written');
    else log.warn({ url: config.url, reason: err?.message }, 'InfluxDB is unreachable; metrics points are held for retry, then dropped and counted');
  };
  // The library logs each failed attempt itself; those lines go to debug, this module says what matters once.
  setLogger({
    error: (message, error) => log.debug({ reason: (error as Error | undefined)?.message }, `influxdb client: ${message}`),
    warn: (message, error) => log.debug({ reason: (error as Error | undefined)?.message }, `influxdb client: ${message}`),
  });

  const influx = new InfluxDB({ url: config.url, token, timeout: 10_000 });
  const api: WriteApi = influx.getWriteApi(config.org, config.bucket, 'ms', {
    batchSize: config.batchSize,
    flushInterval: config.flushIntervalMs,
    maxBufferLines: config.maxBufferPoints,
    maxRetries: config.maxRetries,
    minRetryDelay: config.retryDelayMs,
    maxRetryDelay: Math.max(config.retryDelayMs, 30_000),
    maxRetryTime: 10 * 60_000,
    writeSuccess(lines) {
      markReachable(true);
      settle(lines.length, 'written');
    },
    writeFailed(error, lines, attempt, expires) {
      // Decided by the error's kind, as the library decides: a 4xx other than 429 is never retried.
      const permanent = error instanceof HttpError && error.statusCode < 429;
      if (!permanent) markReachable(false, error);
      if (permanent) settle(lines.length, 'rejected');
      else if (attempt > config.maxRetries || expires <= Date.now()) settle(lines.length, 'retries_exhausted');
      // undefined: the library goes on with its own retry schedule.
    },
    writeRetrySkipped(entry) {
      settle(entry.lines.length, 'buffer_full');
    },
  });

  let closed = false;
  return {
    write(points) {
      if (closed) return;
      for (const p of points) {
        if (stats.pending >= config.maxBufferPoints) {
          stats.dropped.buffer_full++;
          continue;
        }
        stats.pending++;
        api.writePoint(toLineProtocolPoint(p));
      }
    },
    stats: () => ({ ...stats, dropped: { ...stats.dropped } }),
    async close() {
      if (closed) return;
      closed = true;
      // What cannot be sent now is dropped; close never waits on an InfluxDB that is away for long.
      await Promise.race([api.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000).unref())]);
    },
  };
}
