import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const migrationRouting: Migration = {
  async up(_db: Kysely<unknown>) {
    // Tables are added here by the feature that owns them.
  },
};
