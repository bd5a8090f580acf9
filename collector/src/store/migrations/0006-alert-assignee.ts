import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const migrationAlertAssignee: Migration = {
  async up(db: Kysely<unknown>) {
    // Who is working an alert, when a NOC lead hands it to a person.
    await db.schema.alterTable('alerts').addColumn('assignee', 'text').execute();
    await db.schema.alterTable('alerts').addColumn('assigned_by', 'text').execute();
    await db.schema.alterTable('alerts').addColumn('assigned_at', 'bigint').execute();
  },
};
