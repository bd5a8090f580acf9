import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const migrationDevicePolicy: Migration = {
  async up(db: Kysely<unknown>) {
    // Collection schedules per topic pushed to the device (JSON), null = agent defaults.
    await db.schema.alterTable('devices').addColumn('policy', 'text').execute();
  },
};
