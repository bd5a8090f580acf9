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
import { keepKnownLabels, reportPoints } from './points.js';
import type { CommittedReport, KnownLabels } from './points.js';

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

/** Devices whose first-seen times and labels are held in memory; the least recently reporting go first. */
const MAX_TRACKED_DEVICES = 100_000;

interface DeviceState {
  /** null until a report with a patch topic arrived (and the stored times were read for it). */
  firstSeen: ReadonlyMap<string, number> | null;
  labels: KnownLabels;
}

export function createMetricsSink(options: MetricsSinkOptions): MetricsSink {
  const writer = options.writer ?? createInfluxWriter(options.config, influxToken(options.config, options.env), options.log);
  const devices = new Map<string, DeviceState>();
  const noLabels: KnownLabels = new Map();

  /** Maps the report with the device's state, writes the points and keeps the state that follows. */
  const emit = (report: CommittedReport, stored: ReadonlyMap<string, number> | null) => {
    const previous = devices.get(report.deviceId);
    const patch = report.snapshot.patch;
    const seen = patch ? trackFirstSeen(previous?.firstSeen ?? stored ?? new Map(), patch, Date.parse(report.snapshot.collectedAt)).firstSeen : previous?.firstSeen ?? null;
    const { points, known } = keepKnownLabels(reportPoints(report, { updateFirstSeen: seen ?? undefined }), previous?.labels ?? noLabels);
    devices.delete(report.deviceId);
    if (devices.size >= MAX_TRACKED_DEVICES) devices.delete(devices.keys().next().value!);
    devices.set(report.deviceId, { firstSeen: seen, labels: known });
    writer.write(points);
  };

  return {
    onReportCommitted(report) {
      if (devices.get(report.deviceId)?.firstSeen || !options.updatesFirstSeen || !report.snapshot.patch) return emit(report, null);
      options.updatesFirstSeen(report.deviceId).then(
        (stored) => emit(report, stored),
        (err: unknown) => {
          options.log.debug({ reason: (err as Error).message }, 'could not read when pending updates were first seen; counting from now');
          emit(report, null);
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
