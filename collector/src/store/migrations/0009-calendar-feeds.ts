import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// Imported calendars: the last good copy of each feed, kept across restarts.
export const migrationCalendarFeeds: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('calendar_feeds')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('team', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('events', 'text', (c) => c.notNull())
      .addColumn('good_at', 'bigint')
      .addColumn('attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('truncated', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('calendar_feeds_pk', ['tenant_id', 'team', 'name'])
      .execute();
  },
};
