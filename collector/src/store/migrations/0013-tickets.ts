import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// Tickets: which ticket each alert has in each team's ticket system.
export const migrationTickets: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('alert_tickets')
      .addColumn('alert_id', 'text', (c) => c.notNull())
      .addColumn('alert_key', 'text', (c) => c.notNull())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('team', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('system', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      .addColumn('ticket_ref', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('applied', 'text', (c) => c.notNull())
      .addColumn('linked', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('closed_at', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('alert_tickets_pk', ['alert_id', 'team', 'channel'])
      .execute();
    await db.schema.createIndex('alert_tickets_key').on('alert_tickets').columns(['tenant_id', 'alert_key', 'team', 'channel']).execute();
  },
};
