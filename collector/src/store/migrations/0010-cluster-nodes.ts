import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// Several collector nodes on one store: the nodes alive (each refreshes its
// row; the leader removes rows gone stale) and which node holds each agent's
// connection, so a node's death disconnects its agents only.
export const migrationClusterNodes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('cluster_nodes')
      .addColumn('node_id', 'text', (c) => c.primaryKey())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('seen_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('device_presence').addColumn('node_id', 'text').execute();
    await db.schema.createIndex('device_presence_node').on('device_presence').columns(['node_id', 'connected']).execute();
  },
};
