// The store: every read and write the collector makes, behind one interface.
// Written against Kysely so the SQLite (embedded) and PostgreSQL backends
// share the queries and the schema. Tenant scope is applied in the queries
// themselves, never left to the caller to filter.
import { Migrator } from 'kysely/migration';
import type { MigrationProvider } from 'kysely/migration';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { mergeSnapshot } from '@tandem/proto';
import type { Snapshot } from '@tandem/proto';
import type { Database, DevicesTable } from './schema.js';
import { MIGRATIONS } from './migrations.js';
import { hashSecret, newId, newSecret, secretMatches } from '../auth/secrets.js';
import { CollectorError } from '../errors.js';

/** Which tenants a caller may see: all of them (provider staff) or a list. */
export type TenantScope = { all: true } | { all: false; tenantIds: string[] };

export const ALL_TENANTS: TenantScope = { all: true };

export interface Tenant {
  id: string;
  name: string;
  createdAt: string;
}

export interface ApiPrincipal {
  tokenId: string;
  name: string;
  role: string;
  scope: TenantScope;
}

export interface DeviceRecord {
  id: string;
  tenantId: string;
  hostname: string;
  os: string | null;
  site: string | null;
  tags: string[];
  enrolledAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  lastReportAt: string | null;
  stoppedAt: string | null;
  lastSeq: number;
  agentVersion: string | null;
  /** Collection schedules pushed to the agent (topic → cron); empty = agent defaults. */
  policy: Record<string, string>;
  status: Snapshot | null;
}

export interface EnrolledDevice {
  deviceId: string;
  tenantId: string;
  deviceSecret: string;
}

export interface CommitResult {
  /** The report was already stored (a resend after a lost ack). */
  duplicate: boolean;
  /** Highest seq stored for the device after this call. */
  lastSeq: number;
  /** The merged latest snapshot, when a report was stored. */
  latest: Snapshot | null;
}

export interface GapRecord {
  droppedCount: number;
  firstDroppedAt: string | null;
  lastDroppedAt: string | null;
  firstDroppedSeq: number;
  lastDroppedSeq: number;
  reason: string;
}

export interface StoredReport {
  seq: number;
  kind: 'report' | 'gap';
  collectedAt: string;
  receivedAt: string;
  body: Snapshot | GapRecord;
}

const iso = (ms: number | string | null): string | null => (ms === null ? null : new Date(Number(ms)).toISOString());

function deviceRecord(row: Selectable<DevicesTable>): DeviceRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    hostname: row.hostname,
    os: row.os,
    site: row.site,
    tags: JSON.parse(row.tags) as string[],
    enrolledAt: iso(row.enrolled_at)!,
    revokedAt: iso(row.revoked_at),
    lastSeenAt: iso(row.last_seen_at),
    lastReportAt: iso(row.last_report_at),
    stoppedAt: iso(row.stopped_at),
    lastSeq: Number(row.last_seq),
    agentVersion: row.agent_version,
    policy: row.policy ? (JSON.parse(row.policy) as Record<string, string>) : {},
    status: row.latest_snapshot ? (JSON.parse(row.latest_snapshot) as Snapshot) : null,
  };
}

export class Store {
  constructor(readonly db: Kysely<Database>, private readonly now: () => number = Date.now) {}

  async migrate(): Promise<void> {
    const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };
    const { error, results } = await new Migrator({ db: this.db, provider }).migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new CollectorError('COL_ERR_STORE', `migration ${failed} failed: ${(error as Error).message}`, { cause: error });
    }
  }

  async ping(): Promise<void> {
    await this.db.selectFrom('tenants').select('id').limit(1).execute();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  // ── tenants ──────────────────────────────────────────────────────────────

  async createTenant(input: { id?: string; name: string }): Promise<Tenant> {
    const tenant = { id: input.id ?? newId('tnt'), name: input.name, created_at: this.now() };
    await this.db.insertInto('tenants').values(tenant).execute();
    return { id: tenant.id, name: tenant.name, createdAt: iso(tenant.created_at)! };
  }

  async listTenants(scope: TenantScope): Promise<Tenant[]> {
    let q = this.db.selectFrom('tenants').selectAll().orderBy('name');
    if (!scope.all) q = q.where('id', 'in', scope.tenantIds.length > 0 ? scope.tenantIds : ['']);
    const rows = await q.execute();
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: iso(r.created_at)! }));
  }

  async getTenant(id: string): Promise<Tenant | null> {
    const r = await this.db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? { id: r.id, name: r.name, createdAt: iso(r.created_at)! } : null;
  }

  // ── API tokens ───────────────────────────────────────────────────────────

  /** Creates an API token; the secret is returned once and only its hash is kept. */
  async createApiToken(input: { tenantId: string | null; name: string; role: string; expiresAt?: number | null }): Promise<{ id: string; token: string }> {
    if (input.tenantId && !(await this.getTenant(input.tenantId))) {
      throw new CollectorError('COL_ERR_NOT_FOUND', `tenant ${input.tenantId} does not exist`, { statusCode: 404 });
    }
    const id = newId('tok');
    const token = newSecret('tdm');
    await this.db.insertInto('api_tokens').values({
      id, tenant_id: input.tenantId, name: input.name, role: input.role, token_hash: hashSecret(token),
      created_at: this.now(), expires_at: input.expiresAt ?? null, revoked_at: null, last_used_at: null,
    }).execute();
    return { id, token };
  }

  async verifyApiToken(token: string): Promise<ApiPrincipal | null> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
    if (!row || row.revoked_at !== null) return null;
    if (row.expires_at !== null && Number(row.expires_at) <= this.now()) return null;
    return {
      tokenId: row.id,
      name: row.name,
      role: row.role,
      scope: row.tenant_id === null ? ALL_TENANTS : { all: false, tenantIds: [row.tenant_id] },
    };
  }

  async revokeApiToken(id: string): Promise<boolean> {
    const r = await this.db.updateTable('api_tokens').set({ revoked_at: this.now() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  // ── enrollment ───────────────────────────────────────────────────────────

  async createEnrollToken(input: { tenantId: string; site?: string | null; tags?: string[]; maxUses?: number | null; expiresAt?: number | null }): Promise<{ id: string; token: string; expiresAt: string | null }> {
    if (!(await this.getTenant(input.tenantId))) {
      throw new CollectorError('COL_ERR_NOT_FOUND', `tenant ${input.tenantId} does not exist`, { statusCode: 404 });
    }
    const id = newId('enr');
    const token = newSecret('tde');
    await this.db.insertInto('enroll_tokens').values({
      id, tenant_id: input.tenantId, token_hash: hashSecret(token), site: input.site ?? null, tags: JSON.stringify(input.tags ?? []),
      max_uses: input.maxUses ?? null, created_at: this.now(), expires_at: input.expiresAt ?? null, revoked_at: null,
    }).execute();
    return { id, token, expiresAt: iso(input.expiresAt ?? null) };
  }

  /** Redeems an enrollment token for a new device with its own secret. */
  async enrollDevice(token: string, device: { hostname: string; os: string | null; agentVersion: string | null }): Promise<EnrolledDevice> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('enroll_tokens').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
      const refuse = (why: string) => new CollectorError('COL_ERR_ENROLL', `enrollment token ${why}`, { statusCode: 403 });
      if (!row) throw refuse('is not known');
      if (row.revoked_at !== null) throw refuse('was revoked');
      if (row.expires_at !== null && Number(row.expires_at) <= this.now()) throw refuse('has expired');
      // The conditional update makes "max uses" hold even with concurrent enrollments.
      const used = await trx.updateTable('enroll_tokens').set((eb) => ({ uses: eb('uses', '+', 1) }))
        .where('id', '=', row.id)
        .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) === 0) throw refuse('has no uses left');
      const deviceId = newId('dev');
      const deviceSecret = newSecret('tdd');
      await trx.insertInto('devices').values({
        id: deviceId, tenant_id: row.tenant_id, hostname: device.hostname, os: device.os, site: row.site, tags: row.tags,
        secret_hash: hashSecret(deviceSecret), enrolled_at: this.now(), revoked_at: null, last_seen_at: null,
        last_report_at: null, stopped_at: null, agent_version: device.agentVersion, latest_snapshot: null, policy: null,
      }).execute();
      return { deviceId, tenantId: row.tenant_id, deviceSecret };
    });
  }

  /** The device a credential belongs to, or why it is refused. */
  async verifyDeviceCredential(deviceId: string, secret: string): Promise<{ ok: true; device: DeviceRecord } | { ok: false; reason: string }> {
    const row = await this.db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirst();
    if (!row || !secretMatches(secret, row.secret_hash)) return { ok: false, reason: 'unknown device or wrong secret' };
    if (row.revoked_at !== null) return { ok: false, reason: 'device was revoked' };
    return { ok: true, device: deviceRecord(row) };
  }

  async revokeDevice(deviceId: string, scope: TenantScope): Promise<boolean> {
    let q = this.db.updateTable('devices').set({ revoked_at: this.now() }).where('id', '=', deviceId).where('revoked_at', 'is', null);
    if (!scope.all) q = q.where('tenant_id', 'in', scope.tenantIds.length > 0 ? scope.tenantIds : ['']);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Replaces the schedules pushed to a device; returns the device or null when not visible. */
  async setDevicePolicy(deviceId: string, scope: TenantScope, schedules: Record<string, string>): Promise<DeviceRecord | null> {
    let q = this.db.updateTable('devices').set({ policy: JSON.stringify(schedules) }).where('id', '=', deviceId);
    if (!scope.all) q = q.where('tenant_id', 'in', scope.tenantIds.length > 0 ? scope.tenantIds : ['']);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) > 0 ? this.getDevice(deviceId, scope) : null;
  }

  // ── devices ──────────────────────────────────────────────────────────────

  async listDevices(scope: TenantScope, page: { limit: number; offset: number } = { limit: 500, offset: 0 }): Promise<DeviceRecord[]> {
    let q = this.db.selectFrom('devices').selectAll().orderBy('hostname').orderBy('id').limit(page.limit).offset(page.offset);
    if (!scope.all) q = q.where('tenant_id', 'in', scope.tenantIds.length > 0 ? scope.tenantIds : ['']);
    return (await q.execute()).map(deviceRecord);
  }

  async getDevice(deviceId: string, scope: TenantScope): Promise<DeviceRecord | null> {
    let q = this.db.selectFrom('devices').selectAll().where('id', '=', deviceId);
    if (!scope.all) q = q.where('tenant_id', 'in', scope.tenantIds.length > 0 ? scope.tenantIds : ['']);
    const row = await q.executeTakeFirst();
    return row ? deviceRecord(row) : null;
  }

  async listReports(deviceId: string, scope: TenantScope, page: { limit: number; afterSeq: number } = { limit: 100, afterSeq: 0 }): Promise<StoredReport[] | null> {
    if (!(await this.getDevice(deviceId, scope))) return null;
    const rows = await this.db.selectFrom('reports').selectAll().where('device_id', '=', deviceId).where('seq', '>', page.afterSeq)
      .orderBy('seq').limit(page.limit).execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      kind: r.kind as 'report' | 'gap',
      collectedAt: iso(r.collected_at)!,
      receivedAt: iso(r.received_at)!,
      body: JSON.parse(r.body) as Snapshot | GapRecord,
    }));
  }

  /** Marks a device as connected (Hello) or stopped on purpose (Goodbye). */
  async markSeen(deviceId: string, fields: { agentVersion?: string; hostname?: string; stopped?: boolean }): Promise<void> {
    await this.db.updateTable('devices').set({
      last_seen_at: this.now(),
      ...(fields.agentVersion ? { agent_version: fields.agentVersion } : {}),
      ...(fields.hostname ? { hostname: fields.hostname } : {}),
      stopped_at: fields.stopped ? this.now() : null,
    }).where('id', '=', deviceId).execute();
  }

  /**
   * Stores one report exactly once: a seq at or below the device's highest
   * stored seq is a resend and changes nothing. Returns after the commit, so
   * the caller may acknowledge.
   */
  async commitReport(deviceId: string, seq: number, snapshot: Snapshot): Promise<CommitResult> {
    return this.db.transaction().execute(async (trx) => {
      const device = await this.lockDevice(trx, deviceId);
      const lastSeq = Number(device.last_seq);
      if (seq <= lastSeq) return { duplicate: true, lastSeq, latest: null };
      const previous = device.latest_snapshot ? (JSON.parse(device.latest_snapshot) as Snapshot) : null;
      // An older report resent after a newer partial one must not roll topics back.
      const latest = previous && Date.parse(previous.collectedAt) > Date.parse(snapshot.collectedAt)
        ? mergeSnapshot(snapshot, previous)
        : mergeSnapshot(previous, snapshot);
      const now = this.now();
      await trx.insertInto('reports').values({
        device_id: deviceId, seq, kind: 'report', collected_at: Date.parse(snapshot.collectedAt), received_at: now, body: JSON.stringify(snapshot),
      }).execute();
      await trx.updateTable('devices').set({
        last_seq: seq, last_report_at: now, last_seen_at: now, latest_snapshot: JSON.stringify(latest),
        ...(snapshot.inventory?.hostname ? { hostname: snapshot.inventory.hostname } : {}),
      }).where('id', '=', deviceId).execute();
      return { duplicate: false, lastSeq: seq, latest };
    });
  }

  /** Stores an agent's note that its spool dropped reports; exactly once like reports. */
  async commitGap(deviceId: string, seq: number, gap: GapRecord): Promise<CommitResult> {
    return this.db.transaction().execute(async (trx) => {
      const device = await this.lockDevice(trx, deviceId);
      const lastSeq = Number(device.last_seq);
      if (seq <= lastSeq) return { duplicate: true, lastSeq, latest: null };
      const now = this.now();
      await trx.insertInto('reports').values({
        device_id: deviceId, seq, kind: 'gap', collected_at: now, received_at: now, body: JSON.stringify(gap),
      }).execute();
      await trx.updateTable('devices').set({ last_seq: seq, last_seen_at: now }).where('id', '=', deviceId).execute();
      return { duplicate: false, lastSeq: seq, latest: null };
    });
  }

  private async lockDevice(trx: Transaction<Database>, deviceId: string) {
    // SQLite serialises writers already; PostgreSQL needs the row lock.
    const base = trx.selectFrom('devices').selectAll().where('id', '=', deviceId);
    const row = await (this.isPostgres ? base.forUpdate() : base).executeTakeFirst();
    if (!row) throw new CollectorError('COL_ERR_NOT_FOUND', `device ${deviceId} does not exist`, { statusCode: 404 });
    return row;
  }

  /** Set by the PostgreSQL backend. */
  isPostgres = false;
}
