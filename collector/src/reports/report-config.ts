// collector.yaml `reports:`: which tenants get their service report by
// email, and to whom. Validated at load with the rest of the config.
import { z } from 'zod';

const tenantReports = z.object({
  schedule: z.enum(['monthly'], { error: 'expected monthly' }),
  contacts: z.array(z.string().regex(/^[^\s@<>]+@[^\s@<>]+$/, 'expected an email address')).min(1, 'name at least one contact'),
}).strict();

export const reportsConfigSchema = z.object({
  /** How often the schedule looks for a period whose report is due; a report goes out once per period. */
  checkEveryMinutes: z.number().min(1).max(1440).default(60),
  /** Tenant id → schedule and contacts. */
  tenants: z.record(z.string().min(1), tenantReports).default({}),
}).strict();

export type ReportsConfig = z.infer<typeof reportsConfigSchema>;
export const REPORTS_DEFAULTS: ReportsConfig = { checkEveryMinutes: 60, tenants: {} };
