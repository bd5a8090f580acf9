// The store: every read and write the collector makes, behind one interface.
// Written against Kysely so the SQLite (embedded) and PostgreSQL backends
// share the queries and the schema. Tenant scope is applied in the queries
// themselves, never left to the caller to filter.
import { Migrator } from 'kysely/migration';
import type { MigrationProvider } from 'kysely/migration';
import type { Kysely, Selectable } from 'kysely';
import type { Snapshot } from '@tandem/proto';
import type { ApiTokensTable, Database, DevicesTable } from './schema.js';
import '../auth/account-schema.js';
import { MIGRATIONS } from './migrations.js';
import type { CommitOutcome, CommitResult, GapRecord, IngestItem } from './group-commit.js';
import { kyselyGroupRunner } from './group-runners.js';
import type { GroupRunner } from './group-runners.js';
import { LatestCache } from './latest-cache.js';
import { transactionPerWrite } from './write-batch.js';
import type { WriteBatch } from './write-batch.js';
import { hashSecret, newId, newSecret, secretMatches } from '../auth/secrets.js';
import { CollectorError } from '../errors.js';
import { enrollLabels } from './enroll-labels.js';

/** Which tenants a caller may see: all of them (provider staff) or a list. */
export type TenantScope = { all: true } | { all: false; tenantIds: string[] };

export const ALL_TENANTS: TenantScope = { all: true };

export interface Tenant {
  id: string;
  name: string;
  createdAt: string;
}

export interface ApiPrincipal {
  /** The credential: an API token id, or a session id for a signed-in person. */
  tokenId: string;
  name: string;
  role: string;
  scope: TenantScope;
  /** How the caller proved who it is (absent: an API token). */
  via?: 'token' | 'session';
  /** The person behind a session or the creator of a token, when known. */
  userId?: string | null;
  /** What an API token may do (read, write, admin); sessions may do all their role allows. */
  scopes?: readonly string[];
}

export interface ApiTokenInfo {
  id: string;
  name: string;
  role: string;
  allTenants: boolean;
  tenantIds: string[];
  scopes: string[];
  createdBy: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** The tenants a scoped caller may see, as a non-empty list for SQL `in` (an impossible id when none). */
export const scopedTenantIds = (scope: { all: false; tenantIds: string[] }): string[] => (scope.tenantIds.length > 0 ? scope.tenantIds : ['']);

const INTERNAL_TOKEN_ROLES = ['internal-admin', 'internal-viewer'];

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

export type { CommitResult, CommitOutcome, CommittedDevice, GapRecord, IngestItem } from './group-commit.js';

export interface StoredReport {
  seq: number;
  kind: 'report' | 'gap';
  collectedAt: string;
  receivedAt: string;
  body: Snapshot | GapRecord;
  /** Values the plausibility layer changed on the way in, and why. */
  adjustments: Array<{ path: string; problem: string }>;
}

const iso = (ms: number | string | null): string | null => (ms === null ? null : new Date(Number(ms)).toISOString());

export function deviceRecord(row: Selectable<DevicesTable>): DeviceRecord {
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

export interface StoreOptions {
  /**
   * Lock a device's row inside write transactions (SELECT … FOR UPDATE).
   * PostgreSQL needs it; SQLite's immediate transactions already hold the
   * database's single write lock.
   */
  lockRows: boolean;
  /** How a group of agent frames is stored in one transaction (default: through Kysely). */
  groupRunner?: GroupRunner;
  /** Devices whose latest status is kept parsed between commits (default LATEST_CACHE_DEFAULT_SIZE; 0: none). */
  latestCacheSize?: number;
  /** How small writes for agent events are committed (default: one transaction each). */
  writeBatch?: WriteBatch;
}

export class Store {
  private readonly runGroup: GroupRunner;
  /** The reporting devices' latest status, parsed (see latest-cache.ts). */
  private readonly latestCache: LatestCache;
  /** Small writes made for agent events go through here (batched on SQLite, see write-batch.ts). */
  readonly writes: WriteBatch;

  constructor(
    readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
    options: StoreOptions = { lockRows: false },
  ) {
    this.runGroup = options.groupRunner ?? kyselyGroupRunner(db, options.lockRows);
    this.latestCache = new LatestCache(options.latestCacheSize);
    this.writes = options.writeBatch ?? transactionPerWrite(db);
  }

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

  /**
   * Creates an API token; the secret is returned once and only its hash is
   * kept. `tenantId` (one tenant, null for all) is the short form of
   * `allTenants`/`tenantIds`.
   */
  async createApiToken(input: {
    tenantId?: string | null; tenantIds?: string[]; allTenants?: boolean; name: string; role: string;
    scopes?: string[]; expiresAt?: number | null; createdBy?: string | null;
  }): Promise<{ id: string; token: string }> {
    const tenantIds = [...new Set(input.tenantIds ?? (input.tenantId ? [input.tenantId] : []))];
    const allTenants = input.allTenants ?? tenantIds.length === 0;
    if (allTenants && tenantIds.length > 0) throw new CollectorError('COL_ERR_BAD_REQUEST', 'a token sees either all tenants or a list, not both', { statusCode: 400 });
    if (!allTenants && tenantIds.length === 0) throw new CollectorError('COL_ERR_BAD_REQUEST', 'a token needs a list of tenants, or all tenants', { statusCode: 400 });
    for (const tenantId of tenantIds) {
      if (!(await this.getTenant(tenantId))) throw new CollectorError('COL_ERR_NOT_FOUND', `tenant ${tenantId} does not exist`, { statusCode: 404 });
    }
    const id = newId('tok');
    const token = newSecret('tdm');
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('api_tokens').values({
        id, tenant_id: tenantIds.length === 1 ? tenantIds[0]! : null, name: input.name, role: input.role, token_hash: hashSecret(token),
        created_at: this.now(), expires_at: input.expiresAt ?? null, revoked_at: null, last_used_at: null,
        scopes: JSON.stringify(input.scopes ?? ['read', 'write', 'admin']), all_tenants: allTenants ? 1 : 0, created_by: input.createdBy ?? null,
      }).execute();
      if (tenantIds.length > 0) await trx.insertInto('api_token_tenants').values(tenantIds.map((t) => ({ token_id: id, tenant_id: t }))).execute();
    });
    return { id, token };
  }

  async verifyApiToken(token: string): Promise<ApiPrincipal | null> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
    if (!row || row.revoked_at !== null) return null;
    const now = this.now();
    if (row.expires_at !== null && Number(row.expires_at) <= now) return null;
    const tenants = await this.db.selectFrom('api_token_tenants').select('tenant_id').where('token_id', '=', row.id).orderBy('tenant_id').execute();
    // One write a minute at most: enough to answer "is this token still used?".
    if (row.last_used_at === null || now - Number(row.last_used_at) > 60_000) {
      await this.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
    }
    return {
      tokenId: row.id,
      name: row.name,
      role: row.role,
      scope: Number(row.all_tenants) === 1 ? ALL_TENANTS : { all: false, tenantIds: tenants.map((t) => t.tenant_id) },
      via: 'token',
      userId: row.created_by,
      scopes: JSON.parse(row.scopes) as string[],
    };
  }

  /**
   * Tokens a caller may manage: every token for all-tenant callers; for a
   * tenant-scoped caller only internal tokens of its own tenants.
   */
  private scopedTokens(scope: TenantScope) {
    let q = this.db.selectFrom('api_tokens');
    if (!scope.all) {
      q = q.where('role', 'in', INTERNAL_TOKEN_ROLES).where('all_tenants', '=', 0)
        .where('id', 'in', (eb) => eb.selectFrom('api_token_tenants').select('token_id').where('tenant_id', 'in', scopedTenantIds(scope)))
        .where('id', 'not in', (eb) => eb.selectFrom('api_token_tenants').select('token_id').where('tenant_id', 'not in', scopedTenantIds(scope)));
    }
    return q;
  }

  async listApiTokens(
    scope: TenantScope,
    filter: { tenantId?: string; role?: string; includeRevoked?: boolean } = {},
    page: { limit: number; offset: number } = { limit: 500, offset: 0 },
  ): Promise<{ tokens: ApiTokenInfo[]; total: number }> {
    let q = this.scopedTokens(scope);
    if (filter.role) q = q.where('role', '=', filter.role);
    if (filter.tenantId) q = q.where('id', 'in', (eb) => eb.selectFrom('api_token_tenants').select('token_id').where('tenant_id', '=', filter.tenantId!));
    if (!filter.includeRevoked) q = q.where('revoked_at', 'is', null);
    const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
    return { tokens: await this.tokenInfos(rows), total };
  }

  async getApiToken(id: string, scope: TenantScope): Promise<ApiTokenInfo | null> {
    const row = await this.scopedTokens(scope).selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await this.tokenInfos([row]))[0]! : null;
  }

  private async tokenInfos(rows: Array<Selectable<ApiTokensTable>>): Promise<ApiTokenInfo[]> {
    const ids = rows.map((r) => r.id);
    const links = ids.length === 0 ? [] : await this.db.selectFrom('api_token_tenants').selectAll().where('token_id', 'in', ids).orderBy('tenant_id').execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role,
      allTenants: Number(r.all_tenants) === 1,
      tenantIds: links.filter((l) => l.token_id === r.id).map((l) => l.tenant_id),
      scopes: JSON.parse(r.scopes) as string[],
      createdBy: r.created_by,
      createdAt: iso(r.created_at)!,
      expiresAt: iso(r.expires_at),
      revokedAt: iso(r.revoked_at),
      lastUsedAt: iso(r.last_used_at),
    }));
  }

  /** Revokes a token the caller may manage; false when not found, not visible or already revoked. */
  async revokeApiToken(id: string, scope: TenantScope = ALL_TENANTS): Promise<boolean> {
    const visible = await this.scopedTokens(scope).select('id').where('id', '=', id).executeTakeFirst();
    if (!visible) return false;
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
  async enrollDevice(token: string, device: { hostname: string; os: string | null; agentVersion: string | null; site?: string | undefined; tags?: readonly string[] | undefined }): Promise<EnrolledDevice> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('enroll_tokens').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
      const refuse = (why: string) => new CollectorError('COL_ERR_ENROLL', `enrollment token ${why}`, { statusCode: 403 });
      if (!row) throw refuse('is not known');
      if (row.revoked_at !== null) throw refuse('was revoked');
      if (row.expires_at !== null && Number(row.expires_at) <= this.now()) throw refuse('has expired');
      // Checked before a use is counted: a refused label leaves the token as it was.
      const labels = enrollLabels({ site: row.site, tags: JSON.parse(row.tags) as string[] }, { site: device.site, tags: device.tags });
      if (!labels.ok) throw new CollectorError('COL_ERR_FORBIDDEN', labels.reason, { statusCode: 403 });
      // The conditional update makes "max uses" hold even with concurrent enrollments.
      const used = await trx.updateTable('enroll_tokens').set((eb) => ({ uses: eb('uses', '+', 1) }))
        .where('id', '=', row.id)
        .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) === 0) throw refuse('has no uses left');
      const deviceId = newId('dev');
      const deviceSecret = newSecret('tdd');
      await trx.insertInto('devices').values({
        id: deviceId, tenant_id: row.tenant_id, hostname: device.hostname, os: device.os, site: labels.labels.site, tags: JSON.stringify(labels.labels.tags),
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
      adjustments: r.adjustments ? (JSON.parse(r.adjustments) as StoredReport['adjustments']) : [],
    }));
  }

  /**
   * Marks a device as connected (Hello) or stopped on purpose (Goodbye).
   * Committed with the other small writes of the moment (see write-batch.ts):
   * a reconnecting fleet's Hellos share fsyncs rather than queue one each.
   */
  async markSeen(deviceId: string, fields: { agentVersion?: string; hostname?: string; stopped?: boolean }): Promise<void> {
    const at = this.now();
    await this.writes.run((db) => db.updateTable('devices').set({
      last_seen_at: at,
      ...(fields.agentVersion ? { agent_version: fields.agentVersion } : {}),
      ...(fields.hostname ? { hostname: fields.hostname } : {}),
      stopped_at: fields.stopped ? at : null,
    }).where('id', '=', deviceId).execute());
  }

  /**
   * Stores a group of agent frames (reports and gaps of any devices) in one
   * transaction, each exactly once per (device, seq): a seq already stored is
   * a resend and changes nothing. A seq below the device's highest that is
   * not stored yet (it arrives late: a resend from an older spool, a second
   * connection) is stored too, and fills the latest status only where it is
   * the newest report for a topic. Frames of one device apply in the order
   * given. Resolves after the commit, so the caller may acknowledge; the
   * outcomes are in the order of `items`, and a frame that cannot be stored
   * fails alone (see group-commit.ts).
   */
  async commitGroup(items: readonly IngestItem[]): Promise<CommitOutcome[]> {
    if (items.length === 0) return [];
    try {
      return await this.runGroup(items, this.now(), this.latestCache);
    } catch (err) {
      if (items.length === 1) return [{ ok: false, error: err as Error }];
      // The statement that failed belongs to one frame; each is tried alone so the others are stored.
      const outcomes: CommitOutcome[] = [];
      for (const item of items) outcomes.push(...(await this.commitGroup([item])));
      return outcomes;
    }
  }

  /** Stores one report (see commitGroup). */
  async commitReport(deviceId: string, seq: number, snapshot: Snapshot, adjustments: ReadonlyArray<{ path: string; problem: string }> = []): Promise<CommitResult> {
    return this.commitOne({ kind: 'report', deviceId, seq, snapshot, adjustments });
  }

  /** Stores an agent's note that its spool dropped reports; exactly once per seq like reports. */
  async commitGap(deviceId: string, seq: number, gap: GapRecord, adjustments: ReadonlyArray<{ path: string; problem: string }> = []): Promise<CommitResult> {
    return this.commitOne({ kind: 'gap', deviceId, seq, gap, adjustments });
  }

  private async commitOne(item: IngestItem): Promise<CommitResult> {
    const [outcome] = await this.commitGroup([item]);
    if (!outcome!.ok) throw outcome!.error;
    return outcome!.result;
  }

}
