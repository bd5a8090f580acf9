// The routing stage's reads and writes: ownership config versions and each
// alert's routing. Portable Kysely; tenant scope is applied by the callers
// that serve people (the API checks the tenant before it gets here).
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { transactionPerWrite } from '../store/write-batch.js';
import type { WriteBatch } from '../store/write-batch.js';
import type { AlertRouteDecisionsTable, AlertRoutesTable, OwnershipConfigsTable } from './routing-tables.js';
import type { RouteDecision } from './decide-route.js';
import type { DeliveryReport } from '../notify/notify-pipeline.js';
import { auditEntry, listAudit } from './audit-log.js';
import type { AuditEntry } from './audit-log.js';

export interface StoredOwnership {
  tenantId: string;
  version: number;
  document: Record<string, unknown>;
  text: string;
  createdAt: number;
  createdBy: string;
}

export interface AlertRoute {
  alertId: string;
  tenantId: string;
  configVersion: number | null;
  decision: RouteDecision;
  firedAt: number;
  escalatedAt: number | null;
  reminders: number;
  lastReminderAt: number | null;
  state: string;
  updatedAt: number;
}

/** A channel that received an episode's notifications, and the pager dedup keys they went out with. */
export interface NotifiedChannel {
  team: 'internal' | 'provider';
  channel: string;
  keys: string[];
}

export interface DecisionRecord {
  seq: number;
  at: number;
  reason: string;
  owner: string;
  slaMinutes: number;
  configVersion: number | null;
  trace: string[];
  deliveries: DeliveryReport[];
}

const ownershipFrom = (r: OwnershipConfigsTable): StoredOwnership => ({
  tenantId: r.tenant_id, version: Number(r.version), document: JSON.parse(r.document) as Record<string, unknown>, text: r.text,
  createdAt: Number(r.created_at), createdBy: r.created_by,
});

const num = (v: number | null) => (v === null ? null : Number(v));

const routeFrom = (r: AlertRoutesTable): AlertRoute => ({
  alertId: r.alert_id, tenantId: r.tenant_id, configVersion: num(r.config_version), decision: JSON.parse(r.decision) as RouteDecision,
  firedAt: Number(r.fired_at), escalatedAt: num(r.escalated_at), reminders: Number(r.reminders), lastReminderAt: num(r.last_reminder_at),
  state: r.state, updatedAt: Number(r.updated_at),
});

export class RoutingStore {
  /**
   * `writes`: how the writes made for each alert change are committed (on
   * SQLite, batched with the other small writes of the moment; see
   * store/write-batch.ts). Ownership changes keep their own transactions.
   */
  constructor(readonly db: Kysely<Database>, private readonly writes: WriteBatch = transactionPerWrite(db)) {}

  async currentOwnership(tenantId: string): Promise<StoredOwnership | null> {
    const r = await this.db.selectFrom('ownership_configs').selectAll().where('tenant_id', '=', tenantId).where('is_current', '=', 1).executeTakeFirst();
    return r ? ownershipFrom(r) : null;
  }

  async ownershipVersion(tenantId: string, version: number): Promise<StoredOwnership | null> {
    const r = await this.db.selectFrom('ownership_configs').selectAll().where('tenant_id', '=', tenantId).where('version', '=', version).executeTakeFirst();
    return r ? ownershipFrom(r) : null;
  }

  async ownershipVersions(tenantId: string): Promise<Array<Omit<StoredOwnership, 'document' | 'text'> & { current: boolean }>> {
    const rows = await this.db.selectFrom('ownership_configs').select(['tenant_id', 'version', 'created_at', 'created_by', 'is_current'])
      .where('tenant_id', '=', tenantId).orderBy('version', 'desc').execute();
    return rows.map((r) => ({ tenantId: r.tenant_id, version: Number(r.version), createdAt: Number(r.created_at), createdBy: r.created_by, current: Number(r.is_current) === 1 }));
  }

  /**
   * Stores a new current version, refusing (null) when another change got in
   * first: `expected` is the version the change was computed from.
   */
  async storeOwnership(tenantId: string, expected: number | null, document: Record<string, unknown>, text: string, by: string, at: number,
    audit?: (version: number, trx: Kysely<Database>) => Promise<void>): Promise<number | null> {
    return this.db.transaction().execute(async (trx) => {
      // Nodes of a cluster may store a change for one tenant at the same moment: the second waits here, then sees the first.
      await lockTenant(trx, tenantId);
      const current = await trx.selectFrom('ownership_configs').select('version').where('tenant_id', '=', tenantId).where('is_current', '=', 1).executeTakeFirst();
      if ((current ? Number(current.version) : null) !== expected) return null;
      const last = await trx.selectFrom('ownership_configs').select((eb) => eb.fn.max<number>('version').as('v')).where('tenant_id', '=', tenantId).executeTakeFirst();
      const version = Number(last?.v ?? 0) + 1;
      await trx.updateTable('ownership_configs').set({ is_current: 0 }).where('tenant_id', '=', tenantId).where('is_current', '=', 1).execute();
      await trx.insertInto('ownership_configs').values({
        tenant_id: tenantId, version, document: JSON.stringify(document), text, created_at: at, created_by: by, is_current: 1,
      }).execute();
      await audit?.(version, trx);
      return version;
    });
  }

  async route(alertId: string): Promise<AlertRoute | null> {
    const r = await this.db.selectFrom('alert_routes').selectAll().where('alert_id', '=', alertId).executeTakeFirst();
    return r ? routeFrom(r) : null;
  }

  async saveRoute(route: AlertRoute): Promise<void> {
    const row: AlertRoutesTable = {
      alert_id: route.alertId, tenant_id: route.tenantId, config_version: route.configVersion, owner: route.decision.owner,
      sla_minutes: route.decision.slaMinutes, decision: JSON.stringify(route.decision), fired_at: route.firedAt, escalated_at: route.escalatedAt,
      reminders: route.reminders, last_reminder_at: route.lastReminderAt, state: route.state, updated_at: route.updatedAt, notified: '[]',
    };
    // `notified` is written only by deliveries (addNotified); a new decision keeps it.
    const { alert_id: _id, notified: _n, ...rest } = row;
    await this.writes.run((db) => db.insertInto('alert_routes').values(row).onConflict((oc) => oc.column('alert_id').doUpdateSet(rest)).execute());
  }

  async setRouteState(alertId: string, state: string, at: number): Promise<void> {
    await this.writes.run((db) => db.updateTable('alert_routes').set({ state, updated_at: at }).where('alert_id', '=', alertId).execute());
  }

  async recordDecision(alertId: string, d: Omit<DecisionRecord, 'seq'>): Promise<number> {
    return this.writes.run(async (db) => {
      const last = await db.selectFrom('alert_route_decisions').select((eb) => eb.fn.max<number>('seq').as('s')).where('alert_id', '=', alertId).executeTakeFirst();
      const seq = Number(last?.s ?? 0) + 1;
      const row: AlertRouteDecisionsTable = {
        alert_id: alertId, seq, at: d.at, reason: d.reason, owner: d.owner, sla_minutes: d.slaMinutes, config_version: d.configVersion,
        trace: JSON.stringify(d.trace), deliveries: JSON.stringify(d.deliveries),
      };
      await db.insertInto('alert_route_decisions').values(row).execute();
      return seq;
    });
  }

  async setDeliveries(alertId: string, seq: number, deliveries: DeliveryReport[]): Promise<void> {
    await this.writes.run((db) => db.updateTable('alert_route_decisions').set({ deliveries: JSON.stringify(deliveries) }).where('alert_id', '=', alertId).where('seq', '=', seq).execute());
  }

  async decisions(alertId: string): Promise<DecisionRecord[]> {
    const rows = await this.db.selectFrom('alert_route_decisions').selectAll().where('alert_id', '=', alertId).orderBy('seq').execute();
    return rows.map((r) => ({
      seq: Number(r.seq), at: Number(r.at), reason: r.reason, owner: r.owner, slaMinutes: Number(r.sla_minutes), configVersion: num(r.config_version),
      trace: JSON.parse(r.trace) as string[], deliveries: JSON.parse(r.deliveries) as DeliveryReport[],
    }));
  }

  /** The channels that received the episode's notifications; null when not recorded (routes older than this record). */
  async notified(alertId: string): Promise<NotifiedChannel[] | null> {
    const r = await this.db.selectFrom('alert_routes').select('notified').where('alert_id', '=', alertId).executeTakeFirst();
    return r?.notified ? JSON.parse(r.notified) as NotifiedChannel[] : null;
  }

  /** Adds channels (and their dedup keys) that received a notification of the alert. Callers serialize per alert. */
  async addNotified(alertId: string, add: NotifiedChannel[]): Promise<void> {
    if (add.length === 0) return;
    await this.writes.run(async (db) => {
      const r = await db.selectFrom('alert_routes').select('notified').where('alert_id', '=', alertId).executeTakeFirst();
      const list = r?.notified ? JSON.parse(r.notified) as NotifiedChannel[] : [];
      for (const a of add) {
        const have = list.find((x) => x.team === a.team && x.channel === a.channel);
        if (have) have.keys = [...new Set([...have.keys, ...a.keys])];
        else list.push({ ...a, keys: [...new Set(a.keys)] });
      }
      await db.updateTable('alert_routes').set({ notified: JSON.stringify(list) }).where('alert_id', '=', alertId).execute();
    });
  }

  /** Other unresolved routed alerts of the tenant whose notifications on `channel` went out under `key` (a group's pager incident). */
  async openSharingKey(tenantId: string, alertId: string, team: string, channel: string, key: string): Promise<number> {
    const rows = await this.db.selectFrom('alert_routes').select(['alert_id', 'notified']).where('tenant_id', '=', tenantId).where('state', '!=', 'resolved')
      .where('alert_id', '!=', alertId).where('notified', 'like', `%${JSON.stringify(key)}%`).execute();
    // LIKE narrows the rows (`_` in an id matches itself among others); the exact test is here.
    return rows.filter((r) => (JSON.parse(r.notified ?? '[]') as NotifiedChannel[]).some((n) => n.team === team && n.channel === channel && n.keys.includes(key))).length;
  }

  /** Routed alerts that are firing: what the escalation timer looks at. */
  async firingRoutes(afterId: string, limit: number): Promise<AlertRoute[]> {
    const rows = await this.db.selectFrom('alert_routes').selectAll().where('state', '=', 'firing').where('alert_id', '>', afterId)
      .orderBy('alert_id').limit(limit).execute();
    return rows.map(routeFrom);
  }

  /** Firing alerts with no route (they changed while no node routed): what a new leader routes first. */
  async unroutedFiring(afterId: string, limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('alerts').select('id').where('state', '=', 'firing').where('is_current', '=', 1).where('id', '>', afterId)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('alert_routes').select('alert_routes.alert_id').whereRef('alert_routes.alert_id', '=', 'alerts.id'))))
      .orderBy('id').limit(limit).execute();
    return rows.map((r) => r.id);
  }

  /** The current ownership document of every tenant that has one. */
  async currentOwnershipDocuments(): Promise<Array<{ tenantId: string; document: Record<string, unknown> }>> {
    const rows = await this.db.selectFrom('ownership_configs').select(['tenant_id', 'document']).where('is_current', '=', 1).execute();
    return rows.map((r) => ({ tenantId: r.tenant_id, document: JSON.parse(r.document) as Record<string, unknown> }));
  }

  audit(tenantId: string, page: { limit: number; offset: number }): Promise<AuditEntry[]> {
    return listAudit(this.db, tenantId, page);
  }

  auditEntry(tenantId: string, id: string): Promise<AuditEntry | null> {
    return auditEntry(this.db, tenantId, id);
  }
}

/** On PostgreSQL, a transaction-level advisory lock on the tenant's ownership; SQLite runs one write transaction at a time anyway. */
async function lockTenant(trx: Kysely<Database>, tenantId: string): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select pg_advisory_xact_lock(${OWNERSHIP_LOCK}, hashtext(${tenantId}))`.execute(trx);
}

/** The first key of ownership-change locks ("TDM" and 2; 1 is the leader's). */
const OWNERSHIP_LOCK = 0x54444d02;
