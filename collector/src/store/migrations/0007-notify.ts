import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// Notify: the dead-letter list, and which channels actually received an
// alert's notifications (so its resolve goes to exactly those).
export const migrationNotify: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('notify_dead_letters')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('team', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('channel_type', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('alert_ids', 'text', (c) => c.notNull())
      .addColumn('alert_count', 'integer', (c) => c.notNull())
      .addColumn('error', 'text', (c) => c.notNull())
      .addColumn('retryable', 'integer', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('notification', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('retried_at', 'bigint')
      .addColumn('retried_by', 'text')
      .execute();
    await db.schema.createIndex('notify_dead_letters_tenant').on('notify_dead_letters').columns(['tenant_id', 'at']).execute();
    // JSON [{team, channel, type, keys}]; null for routes made before this column (their resolve uses the decision's channels).
    await db.schema.alterTable('alert_routes').addColumn('notified', 'text').execute();
  },
};
