// Headers every response carries. API and sign-in answers hold tokens,
// secrets (shown once) and personal data: no cache, shared or private, may
// keep them. Nothing is sniffed into another content type. HSTS is sent when
// this collector serves TLS itself (or as configured): behind a proxy that
// terminates TLS, the proxy owns that promise unless `hsts` says otherwise.
import type { FastifyInstance } from 'fastify';
import type { HstsConfig } from '../auth/auth-config.js';

export interface SecurityHeaderOptions {
  hsts: HstsConfig;
}

const PRIVATE_PREFIXES = ['/api/', '/auth/'];

export function registerSecurityHeaders(app: FastifyInstance, o: SecurityHeaderOptions): void {
  const hsts = o.hsts ? `max-age=${o.hsts.maxAgeSeconds}${o.hsts.includeSubDomains ? '; includeSubDomains' : ''}` : null;
  // onRequest, so the headers are there whatever answers: a handler, a validation error, a 401 or a 404.
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    if (hsts) reply.header('strict-transport-security', hsts);
    const path = req.url.split('?')[0]!;
    if (PRIVATE_PREFIXES.some((p) => path.startsWith(p)) || path === '/api') reply.header('cache-control', 'no-store');
  });
}
