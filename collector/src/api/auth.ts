import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiPrincipal, Store } from '../store/store.js';
import { CollectorError } from '../errors.js';
import type { FailureLimiter } from '../auth/failure-limiter.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: ApiPrincipal | null;
  }
}

export const ADMIN_ROLES = new Set(['provider-admin', 'internal-admin']);

export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

/** preHandler for /api/v1 routes: a valid, unexpired, unrevoked API token. */
export function requireApiToken(store: Store, limiter: FailureLimiter) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (limiter.blocked(req.ip)) throw new CollectorError('COL_ERR_RATE_LIMITED', 'too many failed authentications from this address; try again in a minute', { statusCode: 429 });
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new CollectorError('COL_ERR_UNAUTHORIZED', 'missing "Authorization: Bearer <token>" header', { statusCode: 401 });
    const principal = await store.verifyApiToken(token);
    if (!principal) {
      limiter.fail(req.ip);
      throw new CollectorError('COL_ERR_UNAUTHORIZED', 'API token is unknown, expired or revoked', { statusCode: 401 });
    }
    req.principal = principal;
  };
}

export function principalOf(req: FastifyRequest): ApiPrincipal {
  if (!req.principal) throw new CollectorError('COL_ERR_UNAUTHORIZED', 'not authenticated', { statusCode: 401 });
  return req.principal;
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
