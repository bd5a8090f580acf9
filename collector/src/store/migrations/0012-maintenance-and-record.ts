import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// Maintenance windows (one-off or recurring) and the notification record:
// every attempt and every suppression per alert. Numbered 0012 so that
// migrations added meanwhile (0010, 0011) keep their order.
export const migrationMaintenanceAndRecord: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('maintenance_windows')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('window', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('summarized_until', 'bigint')
      .execute();
    await db.schema.createIndex('maintenance_windows_tenant').on('maintenance_windows').column('tenant_id').execute();
    await db.schema.createTable('notification_records')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('alert_id', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('team', 'text')
      .addColumn('channel', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('suppressed_by', 'text')
      .addColumn('reason', 'text')
      .execute();
    await db.schema.createIndex('notification_records_alert').on('notification_records').columns(['alert_id', 'at']).execute();
    await db.schema.createIndex('notification_records_tenant').on('notification_records').columns(['tenant_id', 'at']).execute();
    // Retention deletes the oldest records first, in batches.
    await db.schema.createIndex('notification_records_at').on('notification_records').column('at').execute();
  },
};
