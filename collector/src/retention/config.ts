// retention: in collector.yaml: how long history is kept. Latest status and
// open alerts are never pruned, whatever the ages say.
import { z } from 'zod';

const days = z.number().int().min(1).max(36_500);

export const retentionConfigSchema = z.object({
  /** Stored agent reports (the history behind each device's latest status). */
  reportsDays: days.default(30),
  /** Resolved alert episodes with their history, routing decisions and traces. */
  alertsDays: days.default(365),
  /** Notification records: failed deliveries kept for review and retry. */
  notificationsDays: days.default(90),
  /** How often pruning runs. */
  intervalMinutes: z.number().int().min(1).max(24 * 60).default(60),
  /** Rows deleted per statement; the event loop is given back between batches. */
  batchSize: z.number().int().min(10).max(100_000).default(1000),
}).strict();

export type RetentionConfig = z.infer<typeof retentionConfigSchema>;

export const RETENTION_DEFAULTS: RetentionConfig = retentionConfigSchema.parse({});
