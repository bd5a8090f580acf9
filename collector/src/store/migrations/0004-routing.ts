import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// Routing: ownership config versions, each alert's routing and decisions, and the audit log.
export const migrationRouting: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('ownership_configs')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('is_current', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('ownership_configs_pk', ['tenant_id', 'version'])
      .execute();
    await db.schema.createTable('alert_routes')
      .addColumn('alert_id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('config_version', 'integer')
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('sla_minutes', 'integer', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('fired_at', 'bigint', (c) => c.notNull())
      .addColumn('escalated_at', 'bigint')
      .addColumn('reminders', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_reminder_at', 'bigint')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('alert_routes_state').on('alert_routes').columns(['state', 'tenant_id']).execute();
    await db.schema.createTable('alert_route_decisions')
      .addColumn('alert_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('sla_minutes', 'integer', (c) => c.notNull())
      .addColumn('config_version', 'integer')
      .addColumn('trace', 'text', (c) => c.notNull())
      .addColumn('deliveries', 'text', (c) => c.notNull().defaultTo('[]'))
      .addPrimaryKeyConstraint('alert_route_decisions_pk', ['alert_id', 'seq'])
      .execute();
    await db.schema.createTable('routing_audit')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('side', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('before', 'text')
      .addColumn('after', 'text')
      .addColumn('version_before', 'integer')
      .addColumn('version_after', 'integer', (c) => c.notNull())
      .addColumn('reverts', 'text')
      .addColumn('reverted_by', 'text')
      .execute();
    await db.schema.createIndex('routing_audit_tenant').on('routing_audit').columns(['tenant_id', 'at']).execute();
  },
};
