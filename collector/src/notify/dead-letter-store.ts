// The dead-letter list: deliveries that failed for good, per tenant, with the
// (already redacted) reason, so both sides can see what never arrived and an
// admin can send it again. Portable Kysely; tenant scope is checked by the API.
import type { Kysely } from 'kysely';
import { newId } from '../auth/secrets.js';
import type { Database } from '../store/schema.js';
import type { Notification } from './notification.js';
import type { DeadLetter } from './stages/dead-letter.js';

export interface NotifyDeadLettersTable {
  id: string;
  tenant_id: string;
  at: number;
  team: string;
  channel: string;
  channel_type: string;
  kind: string;
  /** JSON array of alert ids (a group names all of its alerts). */
  alert_ids: string;
  alert_count: number;
  error: string;
  retryable: number;
  attempts: number;
  /** The notification as JSON, for a manual retry; no credential is in it. */
  notification: string;
  /** open, or delivered (a manual retry got through). */
  status: string;
  retried_at: number | null;
  retried_by: string | null;
}

declare module '../store/schema.js' {
  interface Database {
    notify_dead_letters: NotifyDeadLettersTable;
  }
}

export interface StoredDeadLetter extends Omit<DeadLetter, 'notification'> {
  id: string;
  status: 'open' | 'delivered';
  retriedAt: number | null;
  retriedBy: string | null;
  notification: Notification;
}

const fromRow = (r: NotifyDeadLettersTable): StoredDeadLetter => ({
  id: r.id, tenantId: r.tenant_id, at: Number(r.at), team: r.team as StoredDeadLetter['team'], channel: r.channel, channelType: r.channel_type,
  kind: r.kind as StoredDeadLetter['kind'], alertIds: JSON.parse(r.alert_ids) as string[], error: r.error, retryable: Number(r.retryable) === 1,
  attempts: Number(r.attempts), status: r.status as StoredDeadLetter['status'], retriedAt: r.retried_at === null ? null : Number(r.retried_at), retriedBy: r.retried_by,
  notification: JSON.parse(r.notification) as Notification,
});

export class DeadLetterStore {
  constructor(readonly db: Kysely<Database>) {}

  async add(l: DeadLetter): Promise<string> {
    const id = newId('dlq');
    await this.db.insertInto('notify_dead_letters').values({
      id, tenant_id: l.tenantId, at: l.at, team: l.team, channel: l.channel, channel_type: l.channelType, kind: l.kind,
      alert_ids: JSON.stringify(l.alertIds), alert_count: l.alertIds.length, error: l.error, retryable: l.retryable ? 1 : 0, attempts: l.attempts,
      notification: JSON.stringify(l.notification), status: 'open', retried_at: null, retried_by: null,
    }).execute();
    return id;
  }

  async list(tenantId: string, page: { limit: number; offset: number; status?: 'open' | 'delivered' }): Promise<{ total: number; letters: StoredDeadLetter[] }> {
    let q = this.db.selectFrom('notify_dead_letters').where('tenant_id', '=', tenantId);
    if (page.status) q = q.where('status', '=', page.status);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await q.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
    return { total: Number(total?.n ?? 0), letters: rows.map(fromRow) };
  }

  /** The open dead letters naming one alert, oldest first (the alert's page). */
  async forAlert(tenantId: string, alertId: string): Promise<StoredDeadLetter[]> {
    const rows = await this.db.selectFrom('notify_dead_letters').selectAll().where('tenant_id', '=', tenantId).where('status', '=', 'open')
      // LIKE narrows the rows (its `_` wildcard may over-match); the exact check follows.
      .where('alert_ids', 'like', `%${JSON.stringify(alertId)}%`).orderBy('at').limit(100).execute();
    return rows.map(fromRow).filter((l) => l.alertIds.includes(alertId));
  }

  async get(tenantId: string, id: string): Promise<StoredDeadLetter | null> {
    const r = await this.db.selectFrom('notify_dead_letters').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    return r ? fromRow(r) : null;
  }

  /** After a manual retry: delivered, or failed again (the new reason and attempts). */
  async retried(id: string, at: number, by: string, result: { delivered: true } | { delivered: false; error: string; retryable: boolean; attempts: number }): Promise<void> {
    const common = { retried_at: at, retried_by: by };
    if (result.delivered) await this.db.updateTable('notify_dead_letters').set({ ...common, status: 'delivered' }).where('id', '=', id).execute();
    else await this.db.updateTable('notify_dead_letters').set({ ...common, error: result.error, retryable: result.retryable ? 1 : 0, attempts: result.attempts }).where('id', '=', id).execute();
  }
}
