import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// Scheduled reports: which tenant's report for which period went out (or is
// going out: a node claims a period by inserting its row first, so several
// nodes send it once).
export const migrationReportDeliveries: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('report_deliveries')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('claimed_at', 'bigint', (c) => c.notNull())
      .addColumn('sent_at', 'bigint')
      .addColumn('contacts', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('report_deliveries_pk', ['tenant_id', 'kind', 'period'])
      .execute();
  },
};
