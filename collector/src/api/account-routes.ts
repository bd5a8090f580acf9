// Users and API tokens. Provider administrators manage everyone; an internal
// administrator manages the internal users and tokens of its own tenant and
// cannot hand out more than it has. The store applies the tenant scope to
// every query, so anything outside it is "not found".
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiPrincipal, ApiTokenInfo, Store } from '../store/store.js';
import { CollectorError } from '../errors.js';
import type { AccountStore, User } from '../auth/account-store.js';
import { hashPassword, PASSWORD_MAX_LENGTH, passwordProblem, verifyPassword } from '../auth/password.js';
import { defaultAssignment, isInternalRole, ROLES, TOKEN_SCOPES } from '../auth/roles.js';
import type { TenantAssignment } from '../auth/roles.js';
import { ADMIN_ROLES, principalOf, requireTokenScope } from './auth.js';
import { idParams, isoTime, nullableTime, pageFields, pageProperties, responses, stringList } from './api-schemas.js';

export const userSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: [...ROLES] },
    allTenants: { type: 'boolean' },
    tenantIds: stringList,
    hasPassword: { type: 'boolean', description: 'can sign in with a local password' },
    oidcLinked: { type: 'boolean', description: 'linked to an identity at the OIDC provider' },
    disabledAt: nullableTime,
    createdAt: isoTime,
    updatedAt: isoTime,
    lastSignInAt: nullableTime,
  },
} as const;

const tokenSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    allTenants: { type: 'boolean' },
    tenantIds: stringList,
    scopes: { type: 'array', items: { type: 'string', enum: [...TOKEN_SCOPES] } },
    createdBy: { type: ['string', 'null'], description: 'the user who created it through the API' },
    createdAt: isoTime,
    expiresAt: nullableTime,
    revokedAt: nullableTime,
    lastUsedAt: nullableTime,
  },
} as const;

export function userJson(u: User) {
  return { ...u };
}

const tokenJson = (t: ApiTokenInfo) => ({ ...t });

const email = { type: 'string', minLength: 3, maxLength: 320, pattern: '^[^\\s@]+@[^\\s@]+$' } as const;
const personName = { type: 'string', minLength: 1, maxLength: 200 } as const;
const tenantIdList = { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, maxItems: 1000, uniqueItems: true } as const;
const password = { type: 'string', minLength: 1, maxLength: PASSWORD_MAX_LENGTH } as const;

const notFound = (what: string, id: string) => new CollectorError('COL_ERR_NOT_FOUND', `${what} ${id} not found`, { statusCode: 404 });
const badRequest = (message: string) => new CollectorError('COL_ERR_BAD_REQUEST', message, { statusCode: 400 });

/** Managing accounts needs an admin role and, for API tokens, the admin scope. */
function requireAccountAdmin(req: FastifyRequest): ApiPrincipal {
  const p = principalOf(req);
  if (!ADMIN_ROLES.has(p.role)) throw new CollectorError('COL_ERR_FORBIDDEN', `role ${p.role} cannot manage users or tokens`, { statusCode: 403 });
  requireTokenScope(p, 'admin');
  return p;
}

/**
 * What a tenant-scoped administrator may hand out: internal roles, in its own
 * tenants. A tenant outside its scope is reported as not found, like any
 * other resource it cannot see.
 */
function checkGrant(p: ApiPrincipal, role: string, a: TenantAssignment): void {
  if (p.scope.all) return;
  if (!isInternalRole(role)) throw new CollectorError('COL_ERR_FORBIDDEN', `only provider administrators can give the ${role} role`, { statusCode: 403 });
  if (a.allTenants) throw new CollectorError('COL_ERR_FORBIDDEN', 'only provider administrators can give access to every tenant', { statusCode: 403 });
  const scope = p.scope;
  const outside = a.tenantIds.filter((t) => !scope.tenantIds.includes(t));
  if (outside.length > 0) throw new CollectorError('COL_ERR_NOT_FOUND', `tenant ${outside.join(', ')} not found`, { statusCode: 404 });
}

/** An assignment from a request body; a tenant-scoped admin's own tenant is the default. */
function assignmentFrom(p: ApiPrincipal, role: string, body: { tenantIds?: string[]; allTenants?: boolean }): TenantAssignment {
  if (body.allTenants !== undefined || body.tenantIds !== undefined) {
    return { allTenants: body.allTenants ?? false, tenantIds: body.tenantIds ?? [] };
  }
  if (!p.scope.all && p.scope.tenantIds.length === 1 && isInternalRole(role)) return { allTenants: false, tenantIds: [p.scope.tenantIds[0]!] };
  return defaultAssignment(role, []);
}

/**
 * A tenant-scoped administrator may not leave its tenant without an enabled
 * internal administrator (by disabling, demoting or deleting the last other
 * one through an API token): nobody inside could then manage its people.
 */
async function keepAnAdmin(accounts: AccountStore, p: ApiPrincipal, user: User, change: string): Promise<void> {
  if (p.scope.all || user.role !== 'internal-admin' || user.disabledAt !== null) return;
  for (const tenantId of user.tenantIds) {
    if ((await accounts.otherEnabledAdmins(tenantId, user.id)) === 0) {
      throw new CollectorError('COL_ERR_CONFLICT', `${user.email} is the last enabled internal-admin of ${tenantId}; ${change} would leave nobody to manage its people (make another admin first)`, { statusCode: 409 });
    }
  }
}

/** A first password for an invited person, shown once to the admin who invited them. */
const initialPassword = (): string => randomBytes(18).toString('base64url');

export function registerAccountRoutes(api: FastifyInstance, options: { store: Store; accounts: AccountStore }): void {
  const { store, accounts } = options;

  // ── users ───────────────────────────────────────────────────────────────

  api.get('/api/v1/users', {
    schema: {
      summary: 'Users the caller may manage',
      querystring: {
        type: 'object',
        properties: {
          ...pageProperties,
          role: { type: 'string', enum: [...ROLES] },
          tenant: { type: 'string', minLength: 1, maxLength: 100 },
          q: { type: 'string', minLength: 1, maxLength: 200, description: 'part of the email or name' },
          includeDisabled: { type: 'boolean', default: false },
        },
        additionalProperties: false,
      },
      response: responses({ 200: { type: 'object', properties: { users: { type: 'array', items: userSchema }, ...pageFields } } }),
    },
  }, async (req) => {
    const p = requireAccountAdmin(req);
    const q = req.query as { limit: number; offset: number; role?: string; tenant?: string; q?: string; includeDisabled: boolean };
    const { users, total } = await accounts.listUsers(p.scope, { role: q.role, tenantId: q.tenant, q: q.q, includeDisabled: q.includeDisabled }, { limit: q.limit, offset: q.offset });
    return { users: users.map(userJson), total, limit: q.limit, offset: q.offset };
  });

  api.post('/api/v1/users', {
    schema: {
      summary: 'Create a user (no self-sign-up: OIDC sign-in maps onto users created here)',
      body: {
        type: 'object',
        properties: {
          email, name: personName, role: { type: 'string', enum: [...ROLES] }, tenantIds: tenantIdList, allTenants: { type: 'boolean' },
          password: { ...password, description: 'for local sign-in; leave out for OIDC-only accounts' },
          generatePassword: { type: 'boolean', description: 'the collector picks a first password and returns it once as initialPassword' },
        },
        required: ['email', 'name', 'role'],
        additionalProperties: false,
      },
      response: responses({ 201: { type: 'object', properties: { ...userSchema.properties, initialPassword: { type: 'string', description: 'shown once, when generatePassword was asked for' } } } }),
    },
  }, async (req, reply) => {
    const p = requireAccountAdmin(req);
    const body = req.body as { email: string; name: string; role: string; tenantIds?: string[]; allTenants?: boolean; password?: string; generatePassword?: boolean };
    const assignment = assignmentFrom(p, body.role, body);
    checkGrant(p, body.role, assignment);
    if (body.generatePassword && body.password !== undefined) throw badRequest('body: give either password or generatePassword, not both');
    const generated = body.generatePassword ? initialPassword() : undefined;
    if (generated !== undefined) body.password = generated;
    else if (body.password !== undefined) {
      const problem = passwordProblem(body.password);
      if (problem) throw badRequest(`body/password: ${problem}`);
    }
    const user = await accounts.createUser({
      email: body.email, name: body.name, role: body.role, assignment,
      passwordHash: body.password === undefined ? null : await hashPassword(body.password),
    });
    req.log.info({ userId: user.id, role: user.role, by: p.userId ?? p.tokenId }, 'user created');
    return reply.code(201).send({ ...userJson(user), ...(generated !== undefined ? { initialPassword: generated } : {}) });
  });

  api.get('/api/v1/users/:id', { schema: { params: idParams, response: responses({ 200: userSchema }) } }, async (req) => {
    const p = requireAccountAdmin(req);
    const { id } = req.params as { id: string };
    const user = await accounts.getUser(id, p.scope);
    if (!user) throw notFound('user', id);
    return userJson(user);
  });

  api.patch('/api/v1/users/:id', {
    schema: {
      summary: 'Change a user; a change of role, tenants, password or disabling ends their sessions',
      params: idParams,
      body: {
        type: 'object',
        properties: {
          name: personName, role: { type: 'string', enum: [...ROLES] }, tenantIds: tenantIdList, allTenants: { type: 'boolean' },
          password: { anyOf: [password, { type: 'null' }], description: 'null removes local sign-in' }, disabled: { type: 'boolean' },
        },
        additionalProperties: false,
      },
      response: responses({ 200: userSchema }),
    },
  }, async (req) => {
    const p = requireAccountAdmin(req);
    const { id } = req.params as { id: string };
    const body = req.body as { name?: string; role?: string; tenantIds?: string[]; allTenants?: boolean; password?: string | null; disabled?: boolean };
    const current = await accounts.getUser(id, p.scope);
    if (!current) throw notFound('user', id);
    const role = body.role ?? current.role;
    const assignment = body.tenantIds !== undefined || body.allTenants !== undefined
      ? { allTenants: body.allTenants ?? false, tenantIds: body.tenantIds ?? [] }
      : body.role !== undefined ? assignmentFrom(p, role, {}) : undefined;
    checkGrant(p, role, assignment ?? { allTenants: current.allTenants, tenantIds: current.tenantIds });
    if (current.id === p.userId && (body.role !== undefined || assignment !== undefined || body.disabled)) {
      throw new CollectorError('COL_ERR_CONFLICT', 'you cannot change your own role, tenants or disable yourself; ask another administrator', { statusCode: 409 });
    }
    if (body.disabled === true || (body.role !== undefined && body.role !== 'internal-admin')) await keepAnAdmin(accounts, p, current, body.disabled ? 'disabling them' : 'a new role');
    let passwordHash: string | null | undefined;
    if (typeof body.password === 'string') {
      const problem = passwordProblem(body.password);
      if (problem) throw badRequest(`body/password: ${problem}`);
      passwordHash = await hashPassword(body.password);
    } else if (body.password === null) {
      passwordHash = null;
    }
    const user = await accounts.updateUser(id, p.scope, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.role !== undefined ? { role: body.role } : {}),
      ...(assignment !== undefined ? { assignment } : {}),
      ...(passwordHash !== undefined ? { passwordHash } : {}),
      ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
    });
    if (!user) throw notFound('user', id);
    req.log.info({ userId: id, fields: Object.keys(body), by: p.userId ?? p.tokenId }, 'user changed');
    return userJson(user);
  });

  api.delete('/api/v1/users/:id', {
    schema: { params: idParams, response: responses({ 200: { type: 'object', properties: { id: { type: 'string' }, deleted: { type: 'boolean' } } } }) },
  }, async (req) => {
    const p = requireAccountAdmin(req);
    const { id } = req.params as { id: string };
    if (id === p.userId) throw new CollectorError('COL_ERR_CONFLICT', 'you cannot delete your own account', { statusCode: 409 });
    const current = await accounts.getUser(id, p.scope);
    if (!current) throw notFound('user', id);
    await keepAnAdmin(accounts, p, current, 'deleting them');
    if (!(await accounts.deleteUser(id, p.scope))) throw notFound('user', id);
    req.log.info({ userId: id, by: p.userId ?? p.tokenId }, 'user deleted');
    return { id, deleted: true };
  });

  // ── one's own account ───────────────────────────────────────────────────

  api.post('/api/v1/account/password', {
    // Everyone may change their own password, viewers included.
    config: { readOnlyRolesMayWrite: true },
    schema: {
      summary: 'Change your own password (the current one is required); your other sessions end',
      body: {
        type: 'object',
        properties: { currentPassword: password, newPassword: password },
        required: ['currentPassword', 'newPassword'],
        additionalProperties: false,
      },
      response: responses({ 200: { type: 'object', properties: { changed: { type: 'boolean' } } } }),
    },
  }, async (req) => {
    const p = principalOf(req);
    if (p.via !== 'session' || !p.userId || !req.session) throw badRequest('this request uses an API token; a password belongs to a signed-in person');
    const body = req.body as { currentPassword: string; newPassword: string };
    const me = await accounts.getUser(p.userId, { all: true });
    const found = me ? await accounts.getUserForSignIn(me.email) : null;
    if (!found?.passwordHash) throw new CollectorError('COL_ERR_CONFLICT', 'this account signs in through your organization and has no local password', { statusCode: 409 });
    if (!(await verifyPassword(body.currentPassword, found.passwordHash))) {
      req.log.warn({ userId: p.userId }, 'own password change refused: wrong current password');
      throw new CollectorError('COL_ERR_FORBIDDEN', 'body/currentPassword: that is not your current password', { statusCode: 403 });
    }
    const problem = passwordProblem(body.newPassword);
    if (problem) throw badRequest(`body/newPassword: ${problem}`);
    if (body.newPassword === body.currentPassword) throw badRequest('body/newPassword: is the same as the current one');
    await accounts.setOwnPassword(p.userId, await hashPassword(body.newPassword), req.session.id);
    req.log.info({ userId: p.userId }, 'own password changed');
    return { changed: true };
  });

  // ── API tokens ──────────────────────────────────────────────────────────

  api.get('/api/v1/tokens', {
    schema: {
      summary: 'API tokens the caller may manage (never their secrets)',
      querystring: {
        type: 'object',
        properties: {
          ...pageProperties,
          role: { type: 'string', enum: [...ROLES] },
          tenant: { type: 'string', minLength: 1, maxLength: 100 },
          includeRevoked: { type: 'boolean', default: false },
        },
        additionalProperties: false,
      },
      response: responses({ 200: { type: 'object', properties: { tokens: { type: 'array', items: tokenSchema }, ...pageFields } } }),
    },
  }, async (req) => {
    const p = requireAccountAdmin(req);
    const q = req.query as { limit: number; offset: number; role?: string; tenant?: string; includeRevoked: boolean };
    const { tokens, total } = await store.listApiTokens(p.scope, { role: q.role, tenantId: q.tenant, includeRevoked: q.includeRevoked }, { limit: q.limit, offset: q.offset });
    return { tokens: tokens.map(tokenJson), total, limit: q.limit, offset: q.offset };
  });

  api.post('/api/v1/tokens', {
    schema: {
      summary: 'Create an API token; its secret is in this answer only',
      body: {
        type: 'object',
        properties: {
          name: personName,
          role: { type: 'string', enum: [...ROLES] },
          tenantIds: tenantIdList,
          allTenants: { type: 'boolean' },
          scopes: { type: 'array', items: { type: 'string', enum: [...TOKEN_SCOPES] }, minItems: 1, uniqueItems: true, default: ['read'] },
          expiresInDays: { type: 'integer', minimum: 1, maximum: 3650 },
        },
        required: ['name', 'role'],
        additionalProperties: false,
      },
      response: responses({ 201: { type: 'object', properties: { ...tokenSchema.properties, token: { type: 'string', description: 'shown once; only its hash is kept' } } } }),
    },
  }, async (req, reply) => {
    const p = requireAccountAdmin(req);
    const body = req.body as { name: string; role: string; tenantIds?: string[]; allTenants?: boolean; scopes: string[]; expiresInDays?: number };
    const assignment = assignmentFrom(p, body.role, body);
    checkGrant(p, body.role, assignment);
    // A token cannot do more than the one that made it.
    const missing = body.scopes.filter((s) => !(p.scopes ?? TOKEN_SCOPES).includes(s));
    if (missing.length > 0) throw new CollectorError('COL_ERR_FORBIDDEN', `this caller cannot grant the ${missing.join(', ')} scope`, { statusCode: 403 });
    const created = await store.createApiToken({
      name: body.name, role: body.role, allTenants: assignment.allTenants, tenantIds: assignment.tenantIds, scopes: body.scopes,
      expiresAt: body.expiresInDays ? Date.now() + body.expiresInDays * 86_400_000 : null, createdBy: p.userId ?? null,
    });
    const info = (await store.getApiToken(created.id, { all: true }))!;
    req.log.info({ tokenId: created.id, role: body.role, by: p.userId ?? p.tokenId }, 'API token created');
    return reply.code(201).send({ ...tokenJson(info), token: created.token });
  });

  api.delete('/api/v1/tokens/:id', {
    schema: { params: idParams, response: responses({ 200: { type: 'object', properties: { id: { type: 'string' }, revoked: { type: 'boolean' } } } }) },
  }, async (req) => {
    const p = requireAccountAdmin(req);
    const { id } = req.params as { id: string };
    if (!(await store.revokeApiToken(id, p.scope))) throw notFound('API token', id);
    req.log.info({ tokenId: id, by: p.userId ?? p.tokenId }, 'API token revoked');
    return { id, revoked: true };
  });
}
