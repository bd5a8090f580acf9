// The metrics sink stage: each committed report's numbers to InfluxDB. It
// runs after the report is stored and acknowledged, and nothing it does can
// hold up ingest or alerting: mapping is synchronous and cheap, writing is
// buffered and bounded (influx-writer.ts).
import type { Kysely } from 'kysely';
import { CollectorError } from '../errors.js';
import type { Database } from '../store/schema.js';
import { rememberSecret } from '../auth/redact.js';
import { resolveSecret } from '../notify/channel-config.js';
import { trackFirstSeen } from '../rules/update-first-seen.js';
import type { InfluxConfig } from './config.js';
import { createInfluxWriter } from './influx-writer.js';
import type { PointWriter, WriterLog, WriterStats } from './influx-writer.js';
import { reportPoints } from './points.js';
import type { CommittedReport } from './points.js';

export interface MetricsSink {
  /** Hand it every committed report (the one subscription of this stage). */
  onReportCommitted(report: CommittedReport): void;
  stats(): WriterStats;
  close(): Promise<void>;
}

export interface MetricsSinkOptions {
  config: InfluxConfig;
  log: WriterLog;
  /**
   * When each update pending on a device was first seen (recorded by the
   * rules stage), read once per device per process, so the oldest pending
   * age survives a collector restart; afterwards the sink tracks it itself.
   */
  updatesFirstSeen?: (deviceId: string) => Promise<ReadonlyMap<string, number>>;
  env?: NodeJS.ProcessEnv;
  /** For tests: replaces the InfluxDB writer. */
  writer?: PointWriter;
}

/** Devices whose first-seen times are held in memory; the least recently reporting go first. */
const MAX_TRACKED_DEVICES = 100_000;

export function createMetricsSink(options: MetricsSinkOptions): MetricsSink {
  const writer = options.writer ?? createInfluxWriter(options.config, influxToken(options.config, options.env), options.log);
  const firstSeen = new Map<string, ReadonlyMap<string, number>>();

  const track = (deviceId: string, previous: ReadonlyMap<string, number>, report: CommittedReport): ReadonlyMap<string, number> => {
    const next = trackFirstSeen(previous, report.snapshot.patch, Date.parse(report.snapshot.collectedAt)).firstSeen;
    firstSeen.delete(deviceId);
    if (firstSeen.size >= MAX_TRACKED_DEVICES) firstSeen.delete(firstSeen.keys().next().value!);
    firstSeen.set(deviceId, next);
    return next;
  };

  const emit = (report: CommittedReport, seen: ReadonlyMap<string, number>) => writer.write(reportPoints(report, { updateFirstSeen: seen }));

  return {
    onReportCommitted(report) {
      const known = firstSeen.get(report.deviceId);
      if (known || !options.updatesFirstSeen || !report.snapshot.patch) {
        emit(report, track(report.deviceId, known ?? new Map(), report));
        return;
      }
      options.updatesFirstSeen(report.deviceId).then(
        (stored) => emit(report, track(report.deviceId, firstSeen.get(report.deviceId) ?? stored, report)),
        (err: unknown) => {
          options.log.debug({ reason: (err as Error).message }, 'could not read when pending updates were first seen; counting from now');
          emit(report, track(report.deviceId, new Map(), report));
        },
      );
    },
    stats: () => writer.stats(),
    close: () => writer.close(),
  };
}

/** The token the config names; a reference that does not resolve is a config error naming the key. */
export function influxToken(config: InfluxConfig, env: NodeJS.ProcessEnv = process.env): string {
  let token: string;
  try {
    token = resolveSecret(config.token, env);
  } catch (err) {
    throw new CollectorError('COL_ERR_CONFIG', `metrics.influx.token: ${(err as Error).message}`, { cause: err });
  }
  rememberSecret(token);
  return token;
}

/** Reads when each pending update was first seen on a device, as the rules stage recorded it. */
export function storedUpdatesFirstSeen(db: Kysely<Database>): (deviceId: string) => Promise<ReadonlyMap<string, number>> {
  return async (deviceId) => {
    const rows = await db.selectFrom('device_update_seen').select(['name', 'first_seen_at']).where('device_id', '=', deviceId).execute();
    return new Map(rows.map((r) => [r.name, Number(r.first_seen_at)]));
  };
}
