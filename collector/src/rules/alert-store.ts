// The rules stage's reads and writes: alert records and their history, when
// updates were first seen, agent presence, and the rule pack set through the
// API. Portable Kysely (SQLite now, PostgreSQL later); times are integer ms,
// JSON is text; tenant scope is part of every query people can reach.
import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import { PostgresAdapter, sql } from 'kysely';
import type { Snapshot } from '@tandem/proto';
import type { AlertHistoryTable, AlertsTable, Database } from '../store/schema.js';
import type { TenantScope } from '../store/store.js';
import { transactionPerWrite } from '../store/write-batch.js';
import type { WriteBatch } from '../store/write-batch.js';
import type { AlertState, AlertStatus, AlertTransition } from './alert-state.js';
import type { Category, Severity } from './rule-pack.js';
import type { EvaluationResult } from './evaluate.js';

export interface AlertFilter {
  states?: AlertStatus[];
  severity?: Severity;
  category?: Category;
  tenantId?: string;
  deviceId?: string;
  ruleId?: string;
}

export interface AlertHistoryEntry {
  seq: number;
  at: number;
  from: string | null;
  to: string;
  severity: string;
  cause: string;
  actor: string | null;
  comment: string | null;
  notified: boolean;
}

export interface PresenceRecord {
  connected: boolean;
  changedAt: number;
  graceful: boolean;
  lastGapAt: number | null;
  lastGapDropped: number | null;
}

/** The device columns evaluation needs. */
export interface DeviceRow {
  id: string;
  tenantId: string;
  hostname: string;
  os: string | null;
  site: string | null;
  tags: string[];
  lastSeenAt: number | null;
  revoked: boolean;
  snapshot: Snapshot | null;
}

/** A device's labels and inventory: what routing and maintenance match alerts on, without its whole latest status. */
export type DeviceLabelsRow = Omit<DeviceRow, 'snapshot'> & { inventory: Snapshot['inventory'] };

/**
 * Which devices a node of a cluster evaluates, so each device is evaluated
 * by one node at a time: those whose connection it holds (or held last), and
 * on the leader also those no live node holds (never connected, or their
 * node died or left). `orphansOnly`: just the latter (a node that has just
 * become leader takes them on).
 */
export interface DeviceShare {
  leader: boolean;
  orphansOnly?: boolean;
}

/** Rows or values per statement, far below any backend's limit on bound values (10 columns × 50 rows = 500). */
const SQL_CHUNK = 500;

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

const scoped = (scope: TenantScope) => (scope.all ? null : scope.tenantIds.length > 0 ? scope.tenantIds : ['']);

function alertFromRow(r: Selectable<AlertsTable>): AlertState {
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: r.id, key: r.alert_key, tenantId: r.tenant_id, deviceId: r.device_id, ruleId: r.rule_id, instance: r.instance,
    category: r.category as Category, severity: r.severity as Severity, status: r.state as AlertStatus,
    flapping: Number(r.flapping) === 1, summary: r.summary, labels: JSON.parse(r.labels) as Record<string, string>,
    pendingSince: Number(r.pending_since), firedAt: num(r.fired_at), resolvedAt: num(r.resolved_at), updatedAt: Number(r.updated_at),
    ack: r.ack_by !== null ? { by: r.ack_by, comment: r.ack_comment ?? '', at: Number(r.ack_at) } : null,
    assignee: r.assignee !== null ? { to: r.assignee, by: r.assigned_by ?? '', at: Number(r.assigned_at) } : null,
    snoozedUntil: num(r.snoozed_until), tracking: JSON.parse(r.tracking) as AlertState['tracking'], historyCount: Number(r.history_count),
  };
}

function rowFromAlert(s: AlertState): AlertsTable {
  return {
    id: s.id, alert_key: s.key, tenant_id: s.tenantId, device_id: s.deviceId, rule_id: s.ruleId, instance: s.instance,
    category: s.category, severity: s.severity, state: s.status, flapping: s.flapping ? 1 : 0, summary: s.summary,
    labels: JSON.stringify(s.labels), pending_since: s.pendingSince, fired_at: s.firedAt, resolved_at: s.resolvedAt,
    updated_at: s.updatedAt, ack_by: s.ack?.by ?? null, ack_comment: s.ack?.comment ?? null, ack_at: s.ack?.at ?? null,
    assignee: s.assignee?.to ?? null, assigned_by: s.assignee?.by ?? null, assigned_at: s.assignee?.at ?? null,
    snoozed_until: s.snoozedUntil, tracking: JSON.stringify(s.tracking), history_count: s.historyCount, is_current: 1,
  };
}

function historyFromRow(r: Selectable<AlertHistoryTable>): AlertHistoryEntry {
  return {
    seq: Number(r.seq), at: Number(r.at), from: r.from_state, to: r.to_state, severity: r.severity, cause: r.cause,
    actor: r.actor, comment: r.comment, notified: Number(r.notified) === 1,
  };
}

/** The device columns both device reads hand on. */
function labelsFromRow(r: { id: string; tenant_id: string; hostname: string; os: string | null; site: string | null; tags: string; last_seen_at: number | null; revoked_at: number | null }): Omit<DeviceRow, 'snapshot'> {
  return {
    id: r.id, tenantId: r.tenant_id, hostname: r.hostname, os: r.os, site: r.site, tags: JSON.parse(r.tags) as string[],
    lastSeenAt: r.last_seen_at === null ? null : Number(r.last_seen_at), revoked: r.revoked_at !== null,
  };
}

export class AlertStore {
  /**
   * `node`: this collector node, recorded with the connections it holds
   * (several nodes share one store). `writes`: how the writes made for agent
   * events and evaluations commit (the store's batch, Store.writes, so they
   * share commits with the other small writes of the moment).
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly node: string | null = null,
    private readonly writes: WriteBatch = transactionPerWrite(db),
  ) {}

  /** Open records and the newest resolved record of each key of a device. */
  async currentForDevice(deviceId: string): Promise<AlertState[]> {
    const rows = await this.db.selectFrom('alerts').selectAll().where('device_id', '=', deviceId).where('is_current', '=', 1).execute();
    return rows.map(alertFromRow);
  }

  /**
   * Saves one evaluation (or action) atomically: records, removals and
   * history, and with `updatesSeen` the first-seen times it used, as one
   * write (one savepoint of a batch on SQLite, one transaction on PostgreSQL).
   */
  async save(result: EvaluationResult, updatesSeen?: { deviceId: string; added: Array<[string, number]>; removed: string[] }): Promise<void> {
    const seenChanged = !!updatesSeen && (updatesSeen.added.length > 0 || updatesSeen.removed.length > 0);
    if (result.changed.length === 0 && result.cancelled.length === 0 && !seenChanged) return;
    const created = new Set(result.transitions.filter((t) => t.from === null).map((t) => t.alertId));
    const cancelled = new Set(result.cancelled.map((c) => c.id));
    await this.writes.run(async (trx) => {
      if (seenChanged) await writeUpdatesSeen(trx, updatesSeen!.deviceId, updatesSeen!.added, updatesSeen!.removed);
      for (const s of result.changed) {
        const row = rowFromAlert(s);
        if (created.has(s.id)) {
          await trx.updateTable('alerts').set({ is_current: 0 }).where('alert_key', '=', s.key).where('is_current', '=', 1).execute();
          await trx.insertInto('alerts').values(row).execute();
        } else {
          const { id: _id, ...rest } = row;
          await trx.updateTable('alerts').set(rest).where('id', '=', s.id).execute();
        }
      }
      for (const c of result.cancelled) {
        await trx.deleteFrom('alert_history').where('alert_id', '=', c.id).execute();
        await trx.deleteFrom('alerts').where('id', '=', c.id).execute();
        // The key's previous episode (if any) carries its flapping history again.
        const previous = await trx.selectFrom('alerts').select('id').where('alert_key', '=', c.key).orderBy('updated_at', 'desc').limit(1).executeTakeFirst();
        if (previous) await trx.updateTable('alerts').set({ is_current: 1 }).where('id', '=', previous.id).execute();
      }
      const history = result.transitions.filter((t) => !cancelled.has(t.alertId)).map(historyRow);
      for (const rows of chunks(history, SQL_CHUNK / 10)) await trx.insertInto('alert_history').values(rows).execute();
    });
  }

  async get(id: string, scope: TenantScope): Promise<AlertState | null> {
    let q = this.db.selectFrom('alerts').selectAll().where('id', '=', id);
    const tenants = scoped(scope);
    if (tenants) q = q.where('tenant_id', 'in', tenants);
    const row = await q.executeTakeFirst();
    return row ? alertFromRow(row) : null;
  }

  async history(alertId: string): Promise<AlertHistoryEntry[]> {
    const rows = await this.db.selectFrom('alert_history').selectAll().where('alert_id', '=', alertId).orderBy('seq').execute();
    return rows.map(historyFromRow);
  }

  async list(filter: AlertFilter, scope: TenantScope, page: { limit: number; offset: number }): Promise<{ alerts: AlertState[]; total: number }> {
    let q = this.db.selectFrom('alerts');
    const tenants = scoped(scope);
    if (tenants) q = q.where('tenant_id', 'in', tenants);
    if (filter.states) q = q.where('state', 'in', filter.states);
    if (filter.severity) q = q.where('severity', '=', filter.severity);
    if (filter.category) q = q.where('category', '=', filter.category);
    if (filter.tenantId) q = q.where('tenant_id', '=', filter.tenantId);
    if (filter.deviceId) q = q.where('device_id', '=', filter.deviceId);
    if (filter.ruleId) q = q.where('rule_id', '=', filter.ruleId);
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('updated_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { alerts: rows.map(alertFromRow), total: Number(count.n) };
  }

  // ── facts the collector keeps for rules ────────────────────────────────

  async device(deviceId: string): Promise<DeviceRow | null> {
    const r = await this.db.selectFrom('devices')
      .select(['id', 'tenant_id', 'hostname', 'os', 'site', 'tags', 'last_seen_at', 'revoked_at', 'latest_snapshot'])
      .where('id', '=', deviceId).executeTakeFirst();
    if (!r) return null;
    return { ...labelsFromRow(r), snapshot: r.latest_snapshot ? (JSON.parse(r.latest_snapshot) as Snapshot) : null };
  }

  /**
   * The device's labels and inventory. Only the inventory is taken out of the
   * latest status (by the database): that status is tens of kilobytes, read
   * for every alert change that routing or maintenance looks at.
   */
  async deviceLabels(deviceId: string): Promise<DeviceLabelsRow | null> {
    const inventory = this.db.getExecutor().adapter instanceof PostgresAdapter
      ? sql<string | null>`(latest_snapshot::json)->>'inventory'`
      : sql<string | null>`json_extract(latest_snapshot, '$.inventory')`;
    const r = await this.db.selectFrom('devices')
      .select(['id', 'tenant_id', 'hostname', 'os', 'site', 'tags', 'last_seen_at', 'revoked_at', inventory.as('inventory')])
      .where('id', '=', deviceId).executeTakeFirst();
    if (!r) return null;
    return { ...labelsFromRow(r), inventory: r.inventory ? (JSON.parse(r.inventory) as Snapshot['inventory']) : null };
  }

  /**
   * Ids of devices to evaluate when every device is (at start, when the rules
   * change): ever seen, and those with open alerts (e.g. just revoked). With
   * `share`, only this node's share of them in a cluster (see DeviceShare).
   */
  async deviceIdsAfter(afterId: string, limit: number, share?: DeviceShare): Promise<string[]> {
    const q = this.db.selectFrom('devices').select('id')
      .where('id', '>', afterId)
      .where((eb) => eb.or([
        eb.and([eb('last_seen_at', 'is not', null), eb('revoked_at', 'is', null)]),
        eb.exists(eb.selectFrom('alerts').select('alerts.id').whereRef('alerts.device_id', '=', 'devices.id').where('alerts.is_current', '=', 1).where('alerts.state', '!=', 'resolved')),
      ]));
    const rows = await this.inShareOf(q, share).orderBy('id').limit(limit).execute();
    return rows.map((r) => r.id);
  }

  /** Those of these devices that are this node's share (all of them outside a cluster). */
  async sharedOf(deviceIds: readonly string[], share: DeviceShare): Promise<string[]> {
    if (this.node === null) return [...deviceIds];
    const mine: string[] = [];
    for (const ids of chunks(deviceIds, SQL_CHUNK)) {
      const rows = await this.inShareOf(this.db.selectFrom('devices').select('id').where('id', 'in', ids), share).execute();
      mine.push(...rows.map((r) => r.id));
    }
    return mine;
  }

  private inShareOf(q: SelectQueryBuilder<Database, 'devices', { id: string }>, share: DeviceShare | undefined): SelectQueryBuilder<Database, 'devices', { id: string }> {
    const node = this.node;
    if (!share || node === null) return q;
    return q.where((eb) => {
      const mine = eb.exists(eb.selectFrom('device_presence').select('device_presence.device_id').whereRef('device_presence.device_id', '=', 'devices.id').where('device_presence.node_id', '=', node));
      const heldByLiveNode = eb.exists(eb.selectFrom('device_presence').innerJoin('cluster_nodes', 'cluster_nodes.node_id', 'device_presence.node_id')
        .select('device_presence.device_id').whereRef('device_presence.device_id', '=', 'devices.id'));
      if (share.orphansOnly) return eb.not(heldByLiveNode);
      if (!share.leader) return mine;
      return eb.or([mine, eb.not(heldByLiveNode)]);
    });
  }

  async updatesFirstSeen(deviceId: string): Promise<Map<string, number>> {
    const rows = await this.db.selectFrom('device_update_seen').select(['name', 'first_seen_at']).where('device_id', '=', deviceId).execute();
    return new Map(rows.map((r) => [r.name, Number(r.first_seen_at)]));
  }

  async recordUpdatesSeen(deviceId: string, added: Array<[string, number]>, removed: string[]): Promise<void> {
    if (added.length === 0 && removed.length === 0) return;
    await this.writes.run((trx) => writeUpdatesSeen(trx, deviceId, added, removed));
  }

  async presence(deviceId: string): Promise<PresenceRecord | null> {
    const r = await this.db.selectFrom('device_presence').selectAll().where('device_id', '=', deviceId).executeTakeFirst();
    return r ? {
      connected: Number(r.connected) === 1, changedAt: Number(r.changed_at), graceful: Number(r.graceful) === 1,
      lastGapAt: r.last_gap_at === null ? null : Number(r.last_gap_at), lastGapDropped: r.last_gap_dropped === null ? null : Number(r.last_gap_dropped),
    } : null;
  }

  async setConnection(deviceId: string, connected: boolean, graceful: boolean, at: number): Promise<void> {
    const values = { connected: connected ? 1 : 0, graceful: graceful ? 1 : 0, changed_at: at };
    const node = this.node;
    await this.writes.run(async (db) => {
      if (connected) {
        await db.insertInto('device_presence').values({ device_id: deviceId, ...values, last_gap_at: null, last_gap_dropped: null, node_id: node })
          .onConflict((oc) => oc.column('device_id').doUpdateSet({ ...values, node_id: node })).execute();
        return;
      }
      // A node records only the end of a connection it held: an agent that already reconnected to another node stays connected.
      let update = db.updateTable('device_presence').set(values).where('device_id', '=', deviceId);
      if (node !== null) update = update.where((eb) => eb.or([eb('node_id', '=', node), eb('node_id', 'is', null)]));
      const updated = await update.executeTakeFirst();
      if (Number(updated.numUpdatedRows) > 0) return;
      await db.insertInto('device_presence').values({ device_id: deviceId, ...values, last_gap_at: null, last_gap_dropped: null, node_id: node })
        .onConflict((oc) => oc.column('device_id').doNothing()).execute();
    });
  }

  async recordGap(deviceId: string, at: number, dropped: number): Promise<void> {
    const values = { last_gap_at: at, last_gap_dropped: dropped };
    await this.writes.run((db) => db.insertInto('device_presence').values({ device_id: deviceId, connected: 1, graceful: 0, changed_at: at, ...values, node_id: this.node })
      .onConflict((oc) => oc.column('device_id').doUpdateSet(values)).execute());
  }

  /**
   * When a node starts, no agent is connected to it yet: connections recorded
   * by nodes no longer in the cluster (this one's previous process, say) ended
   * with them. Connections other live nodes hold stay as they are.
   */
  async markAllDisconnected(at: number): Promise<void> {
    await this.db.updateTable('device_presence').set({ connected: 0, graceful: 0, changed_at: at }).where('connected', '=', 1)
      .where((eb) => eb.or([
        eb('node_id', 'is', null),
        eb.and([
          ...(this.node === null ? [] : [eb('node_id', '!=', this.node)]),
          eb('node_id', 'not in', eb.selectFrom('cluster_nodes').select('node_id')),
        ]),
      ])).execute();
  }

  async storedRuleSet(): Promise<{ body: string; updatedAt: number; updatedBy: string } | null> {
    const r = await this.db.selectFrom('rule_sets').selectAll().where('id', '=', 'active').executeTakeFirst();
    return r ? { body: r.body, updatedAt: Number(r.updated_at), updatedBy: r.updated_by } : null;
  }

  async storeRuleSet(body: string, by: string, at: number): Promise<void> {
    const values = { body, updated_at: at, updated_by: by };
    await this.db.insertInto('rule_sets').values({ id: 'active', ...values }).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
  }
}

async function writeUpdatesSeen(trx: Kysely<Database>, deviceId: string, added: Array<[string, number]>, removed: string[]): Promise<void> {
  // In chunks: one statement per list would pass SQLite's (32,766) or
  // PostgreSQL's (65,535) limit on bound values for a long enough list.
  for (const names of chunks(removed, SQL_CHUNK)) {
    await trx.deleteFrom('device_update_seen').where('device_id', '=', deviceId).where('name', 'in', names).execute();
  }
  for (const rows of chunks(added, SQL_CHUNK)) {
    await trx.insertInto('device_update_seen').values(rows.map(([name, at]) => ({ device_id: deviceId, name, first_seen_at: at })))
      .onConflict((oc) => oc.columns(['device_id', 'name']).doNothing()).execute();
  }
}

function historyRow(t: AlertTransition): AlertHistoryTable {
  return {
    alert_id: t.alertId, seq: t.seq, at: t.at, from_state: t.from, to_state: t.to, severity: t.severity, cause: t.cause,
    actor: t.actor, comment: t.comment, notified: t.notify ? 1 : 0,
  };
}
