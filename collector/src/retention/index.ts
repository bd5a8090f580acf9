export { createRetention, cutoffsAt } from './retention.js';
export type { Retention, RetentionOptions, RetentionRun } from './retention.js';
export { retentionConfigSchema, RETENTION_DEFAULTS } from './config.js';
export type { RetentionConfig } from './config.js';
