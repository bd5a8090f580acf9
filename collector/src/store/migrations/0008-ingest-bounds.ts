import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const migrationIngestBounds: Migration = {
  async up(db: Kysely<unknown>) {
    // Values the plausibility layer changed in a report, and why (JSON list).
    await db.schema.alterTable('reports').addColumn('adjustments', 'text').execute();
    // Which report each topic of the latest status came from (JSON topic → seq),
    // so a report arriving after a higher seq is merged where it is the newest.
    await db.schema.alterTable('devices').addColumn('topic_seqs', 'text').execute();
  },
};
