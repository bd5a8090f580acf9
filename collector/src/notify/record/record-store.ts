// The notification record: every attempt to notify about an alert and every
// time one was held back (mute, maintenance, inhibition, the team's hours, a
// duplicate, grouping), with channel, outcome, reason and time. Kept in the
// store, so "who was told what and when" survives restarts; pruned by age.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../store/schema.js';
import { newId } from '../../auth/secrets.js';

export const RECORD_OUTCOMES = ['sent', 'failed', 'suppressed'] as const;
export type RecordOutcome = (typeof RECORD_OUTCOMES)[number];

export const SUPPRESSIONS = ['mute', 'maintenance', 'inhibition', 'time-window', 'dedup', 'grouping', 'other'] as const;
export type Suppression = (typeof SUPPRESSIONS)[number];

export interface NotificationRecord {
  id: string;
  tenantId: string;
  alertId: string;
  at: number;
  /** fire, escalation, reminder, resolve, or summary (a maintenance window's end). */
  kind: string;
  team: string | null;
  channel: string | null;
  outcome: RecordOutcome;
  suppressedBy: Suppression | null;
  reason: string | null;
}

export interface NotificationRecordsTable {
  id: string;
  tenant_id: string;
  alert_id: string;
  at: number;
  kind: string;
  team: string | null;
  channel: string | null;
  outcome: string;
  suppressed_by: string | null;
  reason: string | null;
}

declare module '../../store/schema.js' {
  interface Database {
    notification_records: NotificationRecordsTable;
  }
}

const fromRow = (r: NotificationRecordsTable): NotificationRecord => ({
  id: r.id, tenantId: r.tenant_id, alertId: r.alert_id, at: Number(r.at), kind: r.kind, team: r.team, channel: r.channel,
  outcome: r.outcome as RecordOutcome, suppressedBy: r.suppressed_by as Suppression | null, reason: r.reason,
});

export interface RecordQuery {
  from?: number;
  to?: number;
  outcome?: RecordOutcome;
  suppressedBy?: Suppression;
  limit: number;
  offset: number;
}

export class NotificationRecordStore {
  constructor(readonly db: Kysely<Database>) {}

  async add(entries: Array<Omit<NotificationRecord, 'id'>>): Promise<void> {
    if (entries.length === 0) return;
    await this.db.insertInto('notification_records').values(entries.map((e) => ({
      id: newId('ntf'), tenant_id: e.tenantId, alert_id: e.alertId, at: e.at, kind: e.kind, team: e.team, channel: e.channel,
      outcome: e.outcome, suppressed_by: e.suppressedBy, reason: e.reason,
    }))).execute();
  }

  /** An alert's record, oldest first. */
  async forAlert(alertId: string, limit = 500): Promise<NotificationRecord[]> {
    const rows = await this.db.selectFrom('notification_records').selectAll().where('alert_id', '=', alertId).orderBy('at', 'asc').orderBy('id', 'asc').limit(limit).execute();
    return rows.map(fromRow);
  }

  /** Whether anyone was told about the alert since `since`. */
  async sentSince(alertId: string, since: number): Promise<boolean> {
    const row = await this.db.selectFrom('notification_records').select('id').where('alert_id', '=', alertId).where('outcome', '=', 'sent').where('at', '>=', since).executeTakeFirst();
    return row !== undefined;
  }

  /** Alerts held by maintenance or inhibition since `since` (the board checks which are still held). */
  async recentlyHeld(tenantIds: string[] | 'all', since: number, limit = 500): Promise<string[]> {
    let q = this.db.selectFrom('notification_records').select('alert_id').distinct().where('outcome', '=', 'suppressed')
      .where('suppressed_by', 'in', ['maintenance', 'inhibition']).where('at', '>=', since);
    if (tenantIds !== 'all') q = q.where('tenant_id', 'in', tenantIds.length > 0 ? tenantIds : ['']);
    return (await q.limit(limit).execute()).map((r) => r.alert_id);
  }

  /** Site outages announced (a fire recorded under `site:…`) and not yet ended (no resolve under it), with the teams told. */
  async openSiteOutages(): Promise<Array<{ id: string; tenantId: string; teams: string[] }>> {
    const rows = await this.db.selectFrom('notification_records as r').select(['r.alert_id', 'r.tenant_id', 'r.team'])
      .where('r.alert_id', 'like', 'site:%').where('r.kind', '=', 'fire')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('notification_records as e').select('e.id').whereRef('e.alert_id', '=', 'r.alert_id').where('e.kind', '=', 'resolve'))))
      .orderBy('r.at', 'asc').limit(1000).execute();
    const out = new Map<string, { id: string; tenantId: string; teams: string[] }>();
    for (const r of rows) {
      const o = out.get(r.alert_id) ?? { id: r.alert_id, tenantId: r.tenant_id, teams: [] };
      if (r.team !== null && !o.teams.includes(r.team)) o.teams.push(r.team);
      out.set(r.alert_id, o);
    }
    return [...out.values()];
  }

  /** Alerts a site outage held since it started (their record names the site outage). */
  async heldBySiteOutage(tenantId: string, site: string, since: number): Promise<string[]> {
    // The site is compared in code: LIKE escapes differ between the stores.
    const prefix = `inhibited by the site outage at ${site}: `;
    const rows = await this.db.selectFrom('notification_records').select(['alert_id', 'reason']).where('tenant_id', '=', tenantId)
      .where('suppressed_by', '=', 'inhibition').where('reason', 'like', 'inhibited by the site outage at %')
      .where('at', '>=', since).limit(5000).execute();
    return [...new Set(rows.filter((r) => (r.reason ?? '').startsWith(prefix)).map((r) => r.alert_id))];
  }

  /** A tenant's record, newest first, with the total for paging. */
  async query(tenantId: string, q: RecordQuery): Promise<{ total: number; records: NotificationRecord[] }> {
    let base = this.db.selectFrom('notification_records').where('tenant_id', '=', tenantId);
    if (q.from !== undefined) base = base.where('at', '>=', q.from);
    if (q.to !== undefined) base = base.where('at', '<', q.to);
    if (q.outcome) base = base.where('outcome', '=', q.outcome);
    if (q.suppressedBy) base = base.where('suppressed_by', '=', q.suppressedBy);
    const [count, rows] = await Promise.all([
      base.select(sql<number>`count(*)`.as('n')).executeTakeFirst(),
      base.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute(),
    ]);
    return { total: Number(count?.n ?? 0), records: rows.map(fromRow) };
  }
}
