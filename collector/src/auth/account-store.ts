// People, their sessions and OIDC sign-ins in flight. Tenant scope is part of
// every query a person can reach: a tenant-scoped admin sees only the internal
// users of its own tenants, and anyone else is "not found".
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../store/schema.js';
import type { ApiPrincipal, TenantScope } from '../store/store.js';
import { ALL_TENANTS, scopedTenantIds } from '../store/store.js';
import type { SessionsTable, UsersTable } from './account-schema.js';
import { INTERNAL_ROLES, assignmentProblem } from './roles.js';
import type { TenantAssignment } from './roles.js';
import { hashSecret, newId, newSecret } from './secrets.js';
import { CollectorError } from '../errors.js';

export interface User {
  id: string;
  email: string;
  name: string;
  role: string;
  allTenants: boolean;
  tenantIds: string[];
  /** Can sign in with a local password. */
  hasPassword: boolean;
  /** Bound to an identity at the organization's OIDC provider. */
  oidcLinked: boolean;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
  lastSignInAt: string | null;
}

export interface Session {
  id: string;
  userId: string;
  csrfSecret: string;
  method: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export interface UserFilter {
  role?: string;
  tenantId?: string;
  /** Part of the email or name. */
  q?: string;
  includeDisabled?: boolean;
}

export interface UserChanges {
  name?: string;
  role?: string;
  assignment?: TenantAssignment;
  passwordHash?: string | null;
  disabled?: boolean;
}

const iso = (ms: number | string | null): string | null => (ms === null ? null : new Date(Number(ms)).toISOString());

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** A signed-in person's principal: role and tenants come from the account, nowhere else. */
export function principalForUser(user: User, sessionId: string): ApiPrincipal {
  return {
    tokenId: sessionId,
    name: user.email,
    role: user.role,
    scope: user.allTenants ? ALL_TENANTS : { all: false, tenantIds: [...user.tenantIds] },
    via: 'session',
    userId: user.id,
    scopes: ['read', 'write', 'admin'],
  };
}

export class AccountStore {
  constructor(private readonly db: Kysely<Database>, private readonly now: () => number = Date.now) {}

  // ── users ───────────────────────────────────────────────────────────────

  private scopedUsers(scope: TenantScope) {
    let q = this.db.selectFrom('users');
    if (!scope.all) {
      // Tenant-scoped callers see internal users of their tenants, never provider staff.
      q = q.where('role', 'in', INTERNAL_ROLES as string[]).where('all_tenants', '=', 0)
        .where('id', 'in', (eb) => eb.selectFrom('user_tenants').select('user_id').where('tenant_id', 'in', scopedTenantIds(scope)));
    }
    return q;
  }

  private async users(rows: Array<Selectable<UsersTable>>): Promise<User[]> {
    const ids = rows.map((r) => r.id);
    const links = ids.length === 0 ? [] : await this.db.selectFrom('user_tenants').selectAll().where('user_id', 'in', ids).orderBy('tenant_id').execute();
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      role: r.role,
      allTenants: Number(r.all_tenants) === 1,
      tenantIds: links.filter((l) => l.user_id === r.id).map((l) => l.tenant_id),
      hasPassword: r.password_hash !== null,
      oidcLinked: r.oidc_subject !== null,
      disabledAt: iso(r.disabled_at),
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
      lastSignInAt: iso(r.last_sign_in_at),
    }));
  }

  private async checkAssignment(role: string, a: TenantAssignment): Promise<void> {
    const problem = assignmentProblem(role, a);
    if (problem) throw new CollectorError('COL_ERR_BAD_REQUEST', problem, { statusCode: 400 });
    const known = a.tenantIds.length === 0 ? [] : await this.db.selectFrom('tenants').select('id').where('id', 'in', a.tenantIds).execute();
    const missing = a.tenantIds.filter((t) => !known.some((k) => k.id === t));
    if (missing.length > 0) throw new CollectorError('COL_ERR_NOT_FOUND', `tenant ${missing.join(', ')} does not exist`, { statusCode: 404 });
  }

  async createUser(input: { email: string; name: string; role: string; assignment: TenantAssignment; passwordHash?: string | null }): Promise<User> {
    const email = normalizeEmail(input.email);
    await this.checkAssignment(input.role, input.assignment);
    if (await this.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) {
      throw new CollectorError('COL_ERR_CONFLICT', `a user with email ${email} already exists`, { statusCode: 409 });
    }
    const id = newId('usr');
    const now = this.now();
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('users').values({
        id, email, name: input.name, role: input.role, all_tenants: input.assignment.allTenants ? 1 : 0,
        password_hash: input.passwordHash ?? null, oidc_issuer: null, oidc_subject: null, disabled_at: null,
        created_at: now, updated_at: now, last_sign_in_at: null,
      }).execute();
      if (input.assignment.tenantIds.length > 0) {
        await trx.insertInto('user_tenants').values(input.assignment.tenantIds.map((t) => ({ user_id: id, tenant_id: t }))).execute();
      }
    });
    return (await this.getUser(id, ALL_TENANTS))!;
  }

  async listUsers(scope: TenantScope, filter: UserFilter = {}, page: { limit: number; offset: number } = { limit: 500, offset: 0 }): Promise<{ users: User[]; total: number }> {
    let q = this.scopedUsers(scope);
    if (filter.role) q = q.where('role', '=', filter.role);
    if (filter.tenantId) q = q.where('id', 'in', (eb) => eb.selectFrom('user_tenants').select('user_id').where('tenant_id', '=', filter.tenantId!));
    if (filter.q) {
      // Wildcards are dropped rather than escaped: LIKE escapes differ between SQLite and PostgreSQL.
      const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, '')}%`;
      q = q.where((eb) => eb.or([eb('email', 'like', like), eb(eb.fn('lower', ['name']), 'like', like)]));
    }
    if (!filter.includeDisabled) q = q.where('disabled_at', 'is', null);
    const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q.selectAll().orderBy('email').limit(page.limit).offset(page.offset).execute();
    return { users: await this.users(rows), total };
  }

  async getUser(id: string, scope: TenantScope): Promise<User | null> {
    const row = await this.scopedUsers(scope).selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await this.users([row]))[0]! : null;
  }

  /** For sign-in only: the account and its password hash, whatever its tenants. */
  async getUserForSignIn(email: string): Promise<{ user: User; passwordHash: string | null } | null> {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
    return row ? { user: (await this.users([row]))[0]!, passwordHash: row.password_hash } : null;
  }

  /** Applies changes to a user the caller may see; null when not visible. Disabling ends the user's sessions. */
  async updateUser(id: string, scope: TenantScope, changes: UserChanges): Promise<User | null> {
    const current = await this.getUser(id, scope);
    if (!current) return null;
    const role = changes.role ?? current.role;
    const assignment = changes.assignment ?? { allTenants: current.allTenants, tenantIds: current.tenantIds };
    if (changes.role !== undefined || changes.assignment !== undefined) await this.checkAssignment(role, assignment);
    const now = this.now();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({
        updated_at: now,
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.role !== undefined ? { role } : {}),
        ...(changes.assignment !== undefined ? { all_tenants: assignment.allTenants ? 1 : 0 } : {}),
        ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
        ...(changes.disabled !== undefined ? { disabled_at: changes.disabled ? (current.disabledAt ? Date.parse(current.disabledAt) : now) : null } : {}),
      }).where('id', '=', id).execute();
      if (changes.assignment !== undefined) {
        await trx.deleteFrom('user_tenants').where('user_id', '=', id).execute();
        if (assignment.tenantIds.length > 0) await trx.insertInto('user_tenants').values(assignment.tenantIds.map((t) => ({ user_id: id, tenant_id: t }))).execute();
      }
      // A change to who someone is or what they may do ends their sessions: they sign in again under the new rules.
      if (changes.disabled || changes.role !== undefined || changes.assignment !== undefined || changes.passwordHash !== undefined) {
        await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
      }
    });
    return this.getUser(id, ALL_TENANTS);
  }

  /**
   * A person's own new password. Their other sessions end (a stolen one stops
   * working); the one that made the change goes on.
   */
  async setOwnPassword(userId: string, passwordHash: string, keepSessionId: string): Promise<void> {
    const now = this.now();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', userId).execute();
      await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('id', '!=', keepSessionId).where('revoked_at', 'is', null).execute();
    });
  }

  /** Enabled internal administrators of a tenant other than `exceptUserId`: a tenant must keep one. */
  async otherEnabledAdmins(tenantId: string, exceptUserId: string): Promise<number> {
    const r = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'internal-admin').where('disabled_at', 'is', null).where('id', '!=', exceptUserId)
      .where('id', 'in', (eb) => eb.selectFrom('user_tenants').select('user_id').where('tenant_id', '=', tenantId))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async deleteUser(id: string, scope: TenantScope): Promise<boolean> {
    if (!(await this.getUser(id, scope))) return false;
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await trx.deleteFrom('user_tenants').where('user_id', '=', id).execute();
      await trx.deleteFrom('users').where('id', '=', id).execute();
    });
    return true;
  }

  async recordSignIn(userId: string): Promise<void> {
    await this.db.updateTable('users').set({ last_sign_in_at: this.now() }).where('id', '=', userId).execute();
  }

  /**
   * The account an OIDC identity maps to. An identity already linked matches
   * on issuer and subject; otherwise a verified email links it to the
   * pre-created account with that email, once. Nobody is created here.
   */
  async userForOidc(identity: { issuer: string; subject: string; email: string | null }): Promise<{ user: User } | { refused: string }> {
    const linked = await this.db.selectFrom('users').selectAll().where('oidc_issuer', '=', identity.issuer).where('oidc_subject', '=', identity.subject).executeTakeFirst();
    if (linked) return { user: (await this.users([linked]))[0]! };
    if (!identity.email) return { refused: 'the identity provider gave no verified email for this account' };
    const byEmail = await this.db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(identity.email)).executeTakeFirst();
    if (!byEmail) return { refused: `no account for ${normalizeEmail(identity.email)}; ask an administrator to create one` };
    if (byEmail.oidc_subject !== null) return { refused: `the account for ${byEmail.email} is linked to a different identity` };
    await this.db.updateTable('users').set({ oidc_issuer: identity.issuer, oidc_subject: identity.subject, updated_at: this.now() })
      .where('id', '=', byEmail.id).where('oidc_subject', 'is', null).execute();
    return { user: (await this.users([byEmail]))[0]! };
  }

  // ── sessions ────────────────────────────────────────────────────────────

  /** Starts a session; the returned token goes into the cookie and only its hash is kept. */
  async createSession(input: { userId: string; method: 'password' | 'oidc'; lifetimeMs: number; address: string | null; userAgent: string | null }): Promise<{ token: string; session: Session }> {
    const token = newSecret('tds');
    const now = this.now();
    const row = {
      id: newId('ses'), token_hash: hashSecret(token), user_id: input.userId, csrf_secret: newSecret('csrf'), method: input.method,
      created_at: now, last_seen_at: now, expires_at: now + input.lifetimeMs, revoked_at: null,
      address: input.address, user_agent: input.userAgent?.slice(0, 300) ?? null,
    };
    await this.db.insertInto('sessions').values(row).execute();
    await this.recordSignIn(input.userId);
    return { token, session: sessionOf(row) };
  }

  /**
   * The live session and enabled user behind a cookie value, or null when it
   * is unknown, revoked, idle too long, past its absolute end, or its user is
   * disabled. Activity is recorded at most once a minute.
   */
  async verifySession(token: string, idleMs: number): Promise<{ session: Session; user: User } | null> {
    const row = await this.db.selectFrom('sessions').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
    const now = this.now();
    if (!row || row.revoked_at !== null) return null;
    if (Number(row.expires_at) <= now || Number(row.last_seen_at) + idleMs <= now) return null;
    const user = await this.getUser(row.user_id, ALL_TENANTS);
    if (!user || user.disabledAt !== null) return null;
    if (now - Number(row.last_seen_at) > 60_000) {
      await this.db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', row.id).execute();
      row.last_seen_at = now;
    }
    return { session: sessionOf(row), user };
  }

  async revokeSession(id: string): Promise<void> {
    await this.db.updateTable('sessions').set({ revoked_at: this.now() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  /** Forgets sessions that ended a day ago or more (their rows only serve an audit of recent sign-ins). */
  async pruneSessions(): Promise<void> {
    const before = this.now() - 86_400_000;
    await this.db.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)])).execute();
    await this.db.deleteFrom('oidc_logins').where('expires_at', '<', this.now()).execute();
  }

  // ── OIDC sign-ins in flight ─────────────────────────────────────────────

  async saveOidcLogin(login: { state: string; nonce: string; codeVerifier: string; returnTo: string; lifetimeMs: number }): Promise<string> {
    const key = newSecret('oidc');
    const now = this.now();
    await this.db.insertInto('oidc_logins').values({
      id: hashSecret(key), state: login.state, nonce: login.nonce, code_verifier: login.codeVerifier, return_to: login.returnTo,
      created_at: now, expires_at: now + login.lifetimeMs,
    }).execute();
    return key;
  }

  /** Reads and deletes a sign-in in flight: each authorization response is used once. */
  async takeOidcLogin(key: string): Promise<{ state: string; nonce: string; codeVerifier: string; returnTo: string } | null> {
    const id = hashSecret(key);
    const row = await this.db.selectFrom('oidc_logins').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const r = await this.db.deleteFrom('oidc_logins').where('id', '=', id).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0 || Number(row.expires_at) <= this.now()) return null;
    return { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, returnTo: row.return_to };
  }
}

function sessionOf(row: Selectable<SessionsTable>): Session {
  return {
    id: row.id, userId: row.user_id, csrfSecret: row.csrf_secret, method: row.method,
    createdAt: Number(row.created_at), lastSeenAt: Number(row.last_seen_at), expiresAt: Number(row.expires_at),
  };
}
