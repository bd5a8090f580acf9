// Who is calling an /api/v1 route: a person with a session cookie (and, for
// changes, a CSRF token), or a machine with a bearer API token. Both end up
// as one ApiPrincipal whose role and tenant scope come from the account or
// token assignment in the store, never from the request.
import type { FastifyReply, FastifyRequest } from 'fastify';
// Type-only imports: they bring in the request.cookies and csrfProtection declarations.
import type {} from '@fastify/cookie';
import type {} from '@fastify/csrf-protection';
import type { ApiPrincipal, Store } from '../store/store.js';
import { CollectorError } from '../errors.js';
import type { CredentialLimiter, CredentialLimiters } from '../auth/credential-limiter.js';
import { RateLimitedError } from '../auth/rate-limited.js';
import type { AccountStore } from '../auth/account-store.js';
import { principalForUser } from '../auth/account-store.js';
import { READ_ONLY_ROLES } from '../auth/roles.js';
import type { TokenScope } from '../auth/roles.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: ApiPrincipal | null;
    /** The server-side session behind the cookie; what CSRF tokens are checked against. */
    session: { id: string; csrfSecret: string; expiresAt: number } | null;
  }
  interface FastifyContextConfig {
    /** A change even read-only roles may make (signing out). */
    readOnlyRolesMayWrite?: boolean;
  }
}

export const ADMIN_ROLES = new Set(['provider-admin', 'internal-admin']);

export const SESSION_COOKIE = 'tandem_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

export interface AuthenticateOptions {
  store: Store;
  accounts: AccountStore;
  limiters: Pick<CredentialLimiters, 'api-token' | 'session'>;
  /** A session unused this long is refused. */
  sessionIdleMs: number;
}

const unauthorized = (message: string) => new CollectorError('COL_ERR_UNAUTHORIZED', message, { statusCode: 401 });

/**
 * The answer to a credential that failed: 401, or 429 once this address (or
 * the identity it claims) has failed too often. Only failures count, and only
 * after the credential was checked, so a valid credential always gets in.
 */
export function refusal(req: FastifyRequest, limiter: CredentialLimiter, message: string, identity?: string | null): CollectorError {
  const verdict = limiter.failed(req.ip, identity);
  if (!verdict.limited) {
    req.log.warn({ ip: req.ip, kind: limiter.kind, reason: message }, 'credential refused');
    return unauthorized(message);
  }
  // Past the limit the refusals are not logged one by one: a flood must not flood the log too.
  if (verdict.firstLimited) req.log.warn({ ip: req.ip, kind: limiter.kind }, 'too many failed credentials; refusing with 429 for a while');
  return new RateLimitedError(`too many failed ${limiter.kind} authentications from this address; try again in ${verdict.retryAfterSeconds} seconds`, verdict.retryAfterSeconds);
}

/**
 * onRequest hook for the authenticated /api/v1 scope. Runs before the body is
 * even parsed, so an unauthenticated client learns nothing from validation.
 * An Authorization header wins over a cookie: a token request carries no
 * ambient browser credential, so it needs no CSRF token.
 */
export function requireCaller(options: AuthenticateOptions) {
  const { store, accounts, limiters } = options;
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    let principal: ApiPrincipal;
    if (req.headers.authorization !== undefined) {
      const token = bearerToken(req.headers.authorization);
      if (!token) throw unauthorized('the Authorization header must be "Bearer <token>"');
      const verified = await store.verifyApiToken(token);
      if (!verified) throw refusal(req, limiters['api-token'], 'API token is unknown, expired or revoked');
      principal = verified;
      const needed: TokenScope = SAFE_METHODS.has(req.method) ? 'read' : 'write';
      requireTokenScope(principal, needed);
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      if (!cookie) throw unauthorized('sign in, or send "Authorization: Bearer <token>"');
      const found = await accounts.verifySession(cookie, options.sessionIdleMs);
      if (!found) throw refusal(req, limiters.session, 'the session has ended; sign in again');
      req.session = { id: found.session.id, csrfSecret: found.session.csrfSecret, expiresAt: found.session.expiresAt };
      principal = principalForUser(found.user, found.session.id);
      if (!SAFE_METHODS.has(req.method)) await checkCsrf(req);
    }
    // Read-only roles are refused every change here, whatever a handler checks later.
    if ((READ_ONLY_ROLES as readonly string[]).includes(principal.role) && !SAFE_METHODS.has(req.method) && !req.routeOptions.config.readOnlyRolesMayWrite) {
      throw new CollectorError('COL_ERR_FORBIDDEN', `role ${principal.role} cannot change anything`, { statusCode: 403 });
    }
    req.principal = principal;
  };
}

/** Verifies the request's CSRF token against its session's secret (via @fastify/csrf-protection). */
function checkCsrf(req: FastifyRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    // The plugin answers a bad token by sending an error on the reply; catching
    // that send turns it into this API's own error instead.
    const capture = { send: () => reject(new CollectorError('COL_ERR_CSRF', `a signed-in change needs the ${CSRF_HEADER} header from GET /api/v1/session`, { statusCode: 403 })) };
    req.server.csrfProtection(req, capture as unknown as FastifyReply, () => resolve());
  });
}

export function principalOf(req: FastifyRequest): ApiPrincipal {
  if (!req.principal) throw new CollectorError('COL_ERR_UNAUTHORIZED', 'not authenticated', { statusCode: 401 });
  return req.principal;
}

/** API tokens carry scopes; a session may do whatever its role allows. */
export function requireTokenScope(p: ApiPrincipal, scope: TokenScope): void {
  if (p.via === 'session' || p.scopes === undefined) return;
  if (!p.scopes.includes(scope)) throw new CollectorError('COL_ERR_FORBIDDEN', `this API token lacks the ${scope} scope`, { statusCode: 403 });
}

/** Writes need an admin role; provider-only operations also need the all-tenants scope. */
export function requireAdmin(req: FastifyRequest, options: { providerOnly?: boolean } = {}): ApiPrincipal {
  const p = principalOf(req);
  if (!ADMIN_ROLES.has(p.role)) throw new CollectorError('COL_ERR_FORBIDDEN', `role ${p.role} cannot change anything`, { statusCode: 403 });
  if (options.providerOnly && !p.scope.all) throw new CollectorError('COL_ERR_FORBIDDEN', 'only provider administrators can do this', { statusCode: 403 });
  return p;
}

export function canSeeTenant(p: ApiPrincipal, tenantId: string): boolean {
  return p.scope.all || p.scope.tenantIds.includes(tenantId);
}
