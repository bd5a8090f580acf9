// What retention deletes, one bounded batch per statement group. Portable
// Kysely (SQLite and PostgreSQL): neither supports DELETE ... LIMIT in common,
// so each batch selects its keys first (limit N) and deletes those.
//
// Never deleted, whatever the ages: a device's row and its latest status
// (devices.latest_snapshot), the newest stored report of each device, and
// any alert that is not resolved.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

export interface Cutoffs {
  /** Reports received and collected before this (ms) go. */
  reportsBefore: number;
  /** Alert episodes resolved before this go, with their history and routing records. */
  alertsBefore: number;
  /** Notification records (dead letters) from before this go. */
  notificationsBefore: number;
}

/** Deletes at most `limit` old reports of one device; returns how many. */
export async function pruneDeviceReports(db: Kysely<Database>, deviceId: string, before: number, limit: number): Promise<number> {
  // The index on (device_id, collected_at) finds the candidates; received_at guards against an agent clock far behind.
  const old = db.selectFrom('reports').select('seq')
    .where('device_id', '=', deviceId).where('collected_at', '<', before).where('received_at', '<', before)
    // The newest report stays: it is what the device's latest status came from.
    .where('seq', '<', db.selectFrom('reports as newest').select((eb) => eb.fn.max('newest.seq').as('m')).where('newest.device_id', '=', deviceId))
    .orderBy('seq').limit(limit);
  const r = await db.deleteFrom('reports').where('device_id', '=', deviceId).where('seq', 'in', old).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Deletes at most `limit` resolved alert episodes and everything recorded about them; returns how many. */
export async function pruneResolvedAlerts(db: Kysely<Database>, before: number, limit: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // state and updated_at lead an index; a resolved episode is not updated after it resolved.
    const rows = await trx.selectFrom('alerts').select('id')
      .where('state', '=', 'resolved').where('updated_at', '<', before).where('resolved_at', '<', before)
      .orderBy('updated_at').limit(limit).execute();
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    await trx.deleteFrom('alert_history').where('alert_id', 'in', ids).execute();
    await trx.deleteFrom('alert_route_decisions').where('alert_id', 'in', ids).execute();
    await trx.deleteFrom('alert_routes').where('alert_id', 'in', ids).execute();
    // Checked again at delete time: an episode that fired again meanwhile is no longer resolved and stays.
    const r = await trx.deleteFrom('alerts').where('id', 'in', ids).where('state', '=', 'resolved').executeTakeFirst();
    return Number(r.numDeletedRows);
  });
}

/** Deletes at most `limit` old notification records (the record of attempts and suppressions, then dead letters); returns how many. */
export async function pruneNotifications(db: Kysely<Database>, before: number, limit: number): Promise<number> {
  const records = db.selectFrom('notification_records').select('id').where('at', '<', before).orderBy('at').limit(limit);
  const r1 = Number((await db.deleteFrom('notification_records').where('id', 'in', records).executeTakeFirst()).numDeletedRows);
  if (r1 >= limit) return r1;
  const letters = db.selectFrom('notify_dead_letters').select('id').where('at', '<', before).orderBy('at').limit(limit - r1);
  const r2 = await db.deleteFrom('notify_dead_letters').where('id', 'in', letters).executeTakeFirst();
  return r1 + Number(r2.numDeletedRows);
}
