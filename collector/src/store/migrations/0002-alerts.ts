import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const migrationAlerts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('alerts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('alert_key', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('instance', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('flapping', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('labels', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('pending_since', 'bigint', (c) => c.notNull())
      .addColumn('fired_at', 'bigint')
      .addColumn('resolved_at', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('ack_by', 'text')
      .addColumn('ack_comment', 'text')
      .addColumn('ack_at', 'bigint')
      .addColumn('snoozed_until', 'bigint')
      .addColumn('tracking', 'text', (c) => c.notNull())
      .addColumn('history_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_current', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('alerts_device_current').on('alerts').columns(['device_id', 'is_current']).execute();
    await db.schema.createIndex('alerts_key').on('alerts').column('alert_key').execute();
    await db.schema.createIndex('alerts_tenant_state').on('alerts').columns(['tenant_id', 'state', 'updated_at']).execute();
    await db.schema.createIndex('alerts_state_updated').on('alerts').columns(['state', 'updated_at']).execute();
    await db.schema.createTable('alert_history')
      .addColumn('alert_id', 'text', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('from_state', 'text')
      .addColumn('to_state', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('cause', 'text', (c) => c.notNull())
      .addColumn('actor', 'text')
      .addColumn('comment', 'text')
      .addColumn('notified', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('alert_history_pk', ['alert_id', 'seq'])
      .execute();
    await db.schema.createTable('device_update_seen')
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('device_update_seen_pk', ['device_id', 'name'])
      .execute();
    await db.schema.createTable('device_presence')
      .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id'))
      .addColumn('connected', 'integer', (c) => c.notNull())
      .addColumn('changed_at', 'bigint', (c) => c.notNull())
      .addColumn('graceful', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_gap_at', 'bigint')
      .addColumn('last_gap_dropped', 'bigint')
      .execute();
    await db.schema.createTable('rule_sets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
  },
};
