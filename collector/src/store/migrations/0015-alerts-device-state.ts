import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// A device's alerts in given states (what holds or inhibits a notification,
// what a leader routes when it takes over): without this index the query
// walked every open alert of the tenant, for each alert it looked at.
export const migrationAlertsDeviceState: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('alerts_device_state').on('alerts').columns(['device_id', 'state', 'updated_at']).execute();
  },
};
