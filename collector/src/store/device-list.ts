// The device list as people search it: narrowed by tenant, site, OS and a
// search text in SQL, paged in SQL, each device with its health (status per
// topic, from the latest snapshot and its fired alerts). Filtering or sorting
// by status needs every narrowed device's health, so it reads them in chunks
// and yields between chunks, instead of holding the event loop for a fleet.
// Tenant scope is part of every query.
import type { Kysely, Selectable } from 'kysely';
import type { Snapshot } from '@tandem/proto';
import type { Database, DevicesTable } from './schema.js';
import type { DeviceRecord, TenantScope } from './store.js';
import { deviceRecord as deviceRecordFromRow } from './store.js';
import { COLOURING_STATES, STATUS_ORDER, deviceHealth } from '../api/device-health.js';
import type { DeviceHealth, HealthAlert, TopicHealthStatus } from '../api/device-health.js';

export const DEVICE_SORTS = ['hostname', 'tenant', 'site', 'os', 'lastSeen', 'status'] as const;
export type DeviceSort = (typeof DEVICE_SORTS)[number];
/** `offline`: not connected to any collector node (device presence). */
export const DEVICE_STATUS_FILTERS = [...STATUS_ORDER, 'offline'] as const;
export type DeviceStatusFilter = (typeof DEVICE_STATUS_FILTERS)[number];

export interface DeviceListQuery {
  q?: string;
  tenantId?: string;
  site?: string;
  os?: string;
  status?: DeviceStatusFilter;
  sort: DeviceSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface DeviceWithHealth {
  device: DeviceRecord;
  health: DeviceHealth;
}

const CHUNK = 500;

const columnOf: Record<Exclude<DeviceSort, 'status'>, 'hostname' | 'tenant_id' | 'site' | 'os' | 'last_seen_at'> = {
  hostname: 'hostname', tenant: 'tenant_id', site: 'site', os: 'os', lastSeen: 'last_seen_at',
};

function narrowed(db: Kysely<Database>, scope: TenantScope, query: DeviceListQuery) {
  let q = db.selectFrom('devices');
  if (!scope.all) q = q.where('tenant_id', 'in', scope.tenantIds.length > 0 ? scope.tenantIds : ['']);
  if (query.tenantId) q = q.where('tenant_id', '=', query.tenantId);
  if (query.site) q = q.where('site', '=', query.site);
  if (query.os) q = q.where('os', '=', query.os);
  if (query.q) {
    // Wildcards are dropped rather than escaped: LIKE escapes differ between SQLite and PostgreSQL.
    const like = `%${query.q.toLowerCase().replace(/[\\%_]/g, '')}%`;
    q = q.where((eb) => eb.or([eb(eb.fn('lower', ['hostname']), 'like', like), eb(eb.fn('lower', ['id']), 'like', like)]));
  }
  if (query.status === 'offline') {
    q = q.where('id', 'not in', (eb) => eb.selectFrom('device_presence').select('device_id').where('connected', '=', 1));
  }
  return q;
}

/** The open alerts of these devices, by device. */
export async function openAlertsOf(db: Kysely<Database>, deviceIds: string[]): Promise<Map<string, HealthAlert[]>> {
  const out = new Map<string, HealthAlert[]>();
  if (deviceIds.length === 0) return out;
  const rows = await db.selectFrom('alerts').select(['device_id', 'category', 'severity', 'state', 'summary'])
    .where('device_id', 'in', deviceIds).where('state', 'in', [...COLOURING_STATES]).execute();
  for (const r of rows) out.set(r.device_id, [...(out.get(r.device_id) ?? []), { category: r.category, severity: r.severity, state: r.state, summary: r.summary }]);
  return out;
}

async function withHealth(db: Kysely<Database>, rows: Array<Selectable<DevicesTable>>): Promise<DeviceWithHealth[]> {
  const alerts = await openAlertsOf(db, rows.map((r) => r.id));
  return rows.map((r) => {
    const device = deviceRecordFromRow(r);
    return { device, health: deviceHealth(device.status as Snapshot | null, alerts.get(r.id) ?? []) };
  });
}

/** One device with its health, or null when it is outside the scope. */
export async function deviceWithHealth(db: Kysely<Database>, scope: TenantScope, deviceId: string): Promise<DeviceWithHealth | null> {
  const row = await narrowed(db, scope, { sort: 'hostname', order: 'asc', limit: 1, offset: 0 }).selectAll().where('id', '=', deviceId).executeTakeFirst();
  return row ? (await withHealth(db, [row]))[0]! : null;
}

export async function listDevicesWithHealth(db: Kysely<Database>, scope: TenantScope, query: DeviceListQuery): Promise<{ devices: DeviceWithHealth[]; total: number }> {
  const base = narrowed(db, scope, query);
  const byStatus = query.sort === 'status' || (query.status !== undefined && query.status !== 'offline');
  if (!byStatus) {
    const column = columnOf[query.sort as Exclude<DeviceSort, 'status'>];
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy(column, query.order).orderBy('hostname').orderBy('id').limit(query.limit).offset(query.offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { devices: await withHealth(db, rows), total: Number(count.n) };
  }
  const all: DeviceWithHealth[] = [];
  for (let after = ''; ;) {
    const rows = await base.selectAll().where('id', '>', after).orderBy('id').limit(CHUNK).execute();
    for (const d of await withHealth(db, rows)) if (query.status === undefined || query.status === 'offline' || d.health.status === query.status) all.push(d);
    if (rows.length < CHUNK) break;
    after = rows[rows.length - 1]!.id;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const rank = (s: TopicHealthStatus) => STATUS_ORDER.indexOf(s);
  const sign = query.order === 'desc' ? -1 : 1;
  all.sort((a, b) => (query.sort === 'status' ? sign * (rank(a.health.status) - rank(b.health.status)) : 0)
    || (query.sort !== 'status' ? sign * compare(sortValue(a.device, query.sort), sortValue(b.device, query.sort)) : 0)
    || compare(a.device.hostname, b.device.hostname) || compare(a.device.id, b.device.id));
  return { devices: all.slice(query.offset, query.offset + query.limit), total: all.length };
}

function sortValue(d: DeviceRecord, sort: DeviceSort): string {
  switch (sort) {
    case 'tenant': return d.tenantId;
    case 'site': return d.site ?? '';
    case 'os': return d.os ?? '';
    case 'lastSeen': return d.lastSeenAt ?? '';
    default: return d.hostname;
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The sites in the scope (narrowed by tenant), for a filter's choices. */
export async function deviceSites(db: Kysely<Database>, scope: TenantScope, tenantId: string | undefined): Promise<string[]> {
  const rows = await narrowed(db, scope, { tenantId, sort: 'hostname', order: 'asc', limit: 1, offset: 0 })
    .select('site').distinct().where('site', 'is not', null).orderBy('site').execute();
  return rows.map((r) => r.site!).filter(Boolean);
}
