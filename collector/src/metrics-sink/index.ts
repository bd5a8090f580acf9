export { createMetricsSink, influxToken, storedUpdatesFirstSeen } from './metrics-sink.js';
export type { MetricsSink, MetricsSinkOptions } from './metrics-sink.js';
export { reportPoints, keepKnownLabels, MEASUREMENTS, FIELDS, MAX_PER_DEVICE } from './points.js';
export type { CommittedReport, KnownLabels, MetricPoint } from './points.js';
export type { WriterStats, DropReason } from './influx-writer.js';
export { influxConfigSchema, metricsConfigSchema } from './config.js';
export type { InfluxConfig } from './config.js';
