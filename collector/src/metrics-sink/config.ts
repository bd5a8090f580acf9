// metrics.influx in collector.yaml: where each report's numbers go, and how
// much may wait for InfluxDB while it is away.
import { z } from 'zod';

/** A credential is named, never written into the file: env:NAME or file:/absolute/path. */
const SECRET_REFERENCE = /^(env:[A-Za-z_][A-Za-z0-9_]*|file:\/\S+)$/;

export const influxConfigSchema = z.object({
  /** InfluxDB 2.x (or a server speaking its write API) base URL. */
  url: z.string().regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, 'expected an http:// or https:// URL'),
  org: z.string().min(1),
  bucket: z.string().min(1),
  /** The API token, as a reference so the file holds no secret. */
  token: z.string().regex(SECRET_REFERENCE, 'expected a reference to the token, env:NAME or file:/absolute/path (the token itself does not belong in the file)'),
  /** Points sent in one request; a batch is sent sooner when flushIntervalMs passes. */
  batchSize: z.number().int().min(1).max(10_000).default(500),
  flushIntervalMs: z.number().int().min(10).max(60_000).default(1000),
  /** Points held for retry while InfluxDB is unreachable; beyond this the oldest are dropped (and counted). */
  maxBufferPoints: z.number().int().min(100).max(1_000_000).default(20_000),
  /** Retries of one batch before its points are dropped (and counted). */
  maxRetries: z.number().int().min(0).max(20).default(3),
  /** First retry delay; later ones grow up to 30 s. */
  retryDelayMs: z.number().int().min(10).max(60_000).default(2000),
}).strict();

export type InfluxConfig = z.infer<typeof influxConfigSchema>;

export const metricsConfigSchema = z.object({
  influx: influxConfigSchema.optional(),
}).strict();
