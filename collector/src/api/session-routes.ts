// Signing in and out: local passwords and the organization's OIDC provider
// both end in a server-side session, named by an HttpOnly cookie, with a
// CSRF token the page sends back on every change.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
// Type-only: declares the `hide` schema flag used to keep browser redirects out of the API document.
import type {} from '@fastify/swagger';
import type { Store } from '../store/store.js';
import { CollectorError } from '../errors.js';
import type { AccountStore, Session, User } from '../auth/account-store.js';
import { normalizeEmail } from '../auth/account-store.js';
import type { AuthConfig } from '../auth/auth-config.js';
import type { SignInThrottle, ThrottleVerdict } from '../auth/sign-in-throttle.js';
import { QueueFull } from '../auth/admission-queue.js';
import type { AdmissionQueue } from '../auth/admission-queue.js';
import { RateLimitedError } from '../auth/rate-limited.js';
import type { OidcRelyingParty } from '../auth/oidc.js';
import { burnPasswordCheck, PASSWORD_MAX_LENGTH, verifyPassword } from '../auth/password.js';
import { principalOf, SESSION_COOKIE } from './auth.js';
import { isoTime, nullableTime, responses, stringList, tenantSchema } from './api-schemas.js';
import { userJson, userSchema } from './account-routes.js';

export const OIDC_COOKIE = 'tandem_oidc';
const OIDC_PATH = '/auth/oidc';
export const OIDC_CALLBACK_PATH = `${OIDC_PATH}/callback`;
const OIDC_LOGIN_TTL_MS = 10 * 60_000;

export interface SignInOptions {
  store: Store;
  accounts: AccountStore;
  config: AuthConfig;
  /** Cookies get `Secure` when the collector is reached over TLS. */
  secureCookies: boolean;
  oidc: OidcRelyingParty | null;
  /** Failed sign-ins per (address, account) and per address; never per account alone. */
  throttle: SignInThrottle;
  /** Password checks of sign-ins: a few at once, a short queue shared fairly between addresses. */
  passwordChecks: AdmissionQueue;
}

const sessionAnswer = {
  type: 'object',
  properties: {
    via: { type: 'string', enum: ['session', 'token'] },
    user: { anyOf: [userSchema, { type: 'null' }] },
    name: { type: 'string' },
    role: { type: 'string' },
    allTenants: { type: 'boolean' },
    tenants: { type: 'array', items: tenantSchema, description: 'the tenants this caller can see' },
    scopes: stringList,
    csrfToken: { type: ['string', 'null'], description: 'send as the x-csrf-token header on every change made with the session cookie' },
    expiresAt: nullableTime,
  },
} as const;

/** OIDC failures are counted per address only: there is no account to name before the provider answers. */
const OIDC_ACCOUNT = '(oidc)';

function throttled(v: ThrottleVerdict): void {
  if (!v.ok) throw new RateLimitedError(`${v.why}; try again in ${v.retryAfterSeconds} seconds`, v.retryAfterSeconds);
}

/** Only a path on this site: an open redirect would hand a signed-in browser to anyone. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 500 ? value : '/';
}

export function registerSignInRoutes(app: FastifyInstance, options: SignInOptions): void {
  const { accounts, config } = options;
  const lifetimeMs = config.sessions.absoluteHours * 3_600_000;

  const cookieOptions = (maxAgeSeconds: number, path = '/') => ({
    path, httpOnly: true, sameSite: 'lax' as const, secure: options.secureCookies, maxAge: maxAgeSeconds,
  });

  const startSession = async (req: FastifyRequest, reply: FastifyReply, user: User, method: 'password' | 'oidc'): Promise<Session> => {
    // A fresh session id at every sign-in: a cookie planted before sign-in is worth nothing after it.
    const previous = req.cookies[SESSION_COOKIE];
    if (previous) {
      const old = await accounts.verifySession(previous, Number.MAX_SAFE_INTEGER);
      if (old) await accounts.revokeSession(old.session.id);
    }
    const { token, session } = await accounts.createSession({
      userId: user.id, method, lifetimeMs, address: req.ip, userAgent: req.headers['user-agent'] ?? null,
    });
    reply.setCookie(SESSION_COOKIE, token, cookieOptions(Math.floor(lifetimeMs / 1000)));
    req.session = { id: session.id, csrfSecret: session.csrfSecret, expiresAt: session.expiresAt };
    req.log.info({ userId: user.id, method, sessionId: session.id }, 'signed in');
    return session;
  };

  app.post('/api/v1/session', {
    schema: {
      summary: 'Sign in with email and password',
      body: {
        type: 'object',
        properties: {
          email: { type: 'string', minLength: 3, maxLength: 320 },
          password: { type: 'string', minLength: 1, maxLength: PASSWORD_MAX_LENGTH },
        },
        required: ['email', 'password'],
        additionalProperties: false,
      },
      response: responses({
        200: { type: 'object', properties: { user: userSchema, csrfToken: { type: 'string' }, expiresAt: isoTime } },
      }),
    },
  }, async (req, reply) => {
    if (!config.signIn.localPasswords) throw new CollectorError('COL_ERR_FORBIDDEN', 'password sign-in is turned off; sign in through your organization', { statusCode: 403 });
    const body = req.body as { email: string; password: string };
    const email = normalizeEmail(body.email);
    throttled(options.throttle.check(req.ip, email));
    const found = await accounts.getUserForSignIn(email);
    let ok: boolean;
    try {
      ok = await options.passwordChecks.run(req.ip, () => (found?.passwordHash ? verifyPassword(body.password, found.passwordHash) : burnPasswordCheck(body.password)));
    } catch (err) {
      // Refused before any hashing: a burst of sign-ins waits in a short queue or is told to come back, never starves the rest.
      if (err instanceof QueueFull) throw new RateLimitedError('too many sign-ins in progress; try again in a few seconds', 2);
      throw err;
    }
    if (!found || !ok || found.user.disabledAt !== null) {
      options.throttle.failed(req.ip, email);
      // One answer for unknown email, wrong password and disabled account: it must not tell which accounts exist.
      req.log.warn({ ip: req.ip }, 'password sign-in refused');
      throw new CollectorError('COL_ERR_UNAUTHORIZED', 'wrong email or password', { statusCode: 401 });
    }
    options.throttle.succeeded(req.ip, email);
    const session = await startSession(req, reply, found.user, 'password');
    return { user: userJson(found.user), csrfToken: reply.generateCsrf(), expiresAt: new Date(session.expiresAt).toISOString() };
  });

  app.get(`${OIDC_PATH}/login`, {
    schema: {
      hide: true,
      querystring: { type: 'object', properties: { returnTo: { type: 'string', maxLength: 500 } }, additionalProperties: false },
    },
  }, async (req, reply) => {
    if (!options.oidc) throw new CollectorError('COL_ERR_NOT_FOUND', 'sign-in through an identity provider is not configured (auth.oidc)', { statusCode: 404 });
    throttled(options.throttle.check(req.ip, OIDC_ACCOUNT));
    const flow = await options.oidc.begin();
    const key = await accounts.saveOidcLogin({
      state: flow.state, nonce: flow.nonce, codeVerifier: flow.codeVerifier,
      returnTo: safeReturnTo((req.query as { returnTo?: string }).returnTo), lifetimeMs: OIDC_LOGIN_TTL_MS,
    });
    // Lax, not Strict: the provider sends the browser back with a cross-site top-level GET.
    reply.setCookie(OIDC_COOKIE, key, cookieOptions(OIDC_LOGIN_TTL_MS / 1000, OIDC_PATH));
    return reply.redirect(flow.url.href, 302);
  });

  app.get(OIDC_CALLBACK_PATH, { schema: { hide: true } }, async (req, reply) => {
    if (!options.oidc) throw new CollectorError('COL_ERR_NOT_FOUND', 'sign-in through an identity provider is not configured (auth.oidc)', { statusCode: 404 });
    throttled(options.throttle.check(req.ip, OIDC_ACCOUNT));
    reply.clearCookie(OIDC_COOKIE, { path: OIDC_PATH });
    const key = req.cookies[OIDC_COOKIE];
    const login = key ? await accounts.takeOidcLogin(key) : null;
    if (!login) throw new CollectorError('COL_ERR_UNAUTHORIZED', 'this sign-in expired or was started in another browser; start again', { statusCode: 401 });
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    let user: User;
    try {
      const identity = await options.oidc.finish(query, login);
      const mapped = await accounts.userForOidc(identity);
      if ('refused' in mapped) throw new CollectorError('COL_ERR_UNAUTHORIZED', mapped.refused, { statusCode: 401 });
      if (mapped.user.disabledAt !== null) throw new CollectorError('COL_ERR_UNAUTHORIZED', 'this account is disabled', { statusCode: 401 });
      user = mapped.user;
    } catch (err) {
      options.throttle.failed(req.ip, OIDC_ACCOUNT);
      req.log.warn({ ip: req.ip, reason: (err as Error).message }, 'OIDC sign-in refused');
      throw err;
    }
    await startSession(req, reply, user, 'oidc');
    return reply.redirect(login.returnTo, 302);
  });
}

/** Who am I, and signing out; inside the authenticated scope. */
export function registerSessionRoutes(api: FastifyInstance, options: { store: Store; accounts: AccountStore; secureCookies: boolean }): void {
  api.get('/api/v1/session', {
    schema: { summary: 'The caller: account, role, tenants and CSRF token', response: responses({ 200: sessionAnswer }) },
  }, async (req, reply) => {
    const p = principalOf(req);
    const user = p.via === 'session' && p.userId ? await options.accounts.getUser(p.userId, { all: true }) : null;
    return {
      via: p.via ?? 'token',
      user: user ? userJson(user) : null,
      name: p.name,
      role: p.role,
      allTenants: p.scope.all,
      tenants: await options.store.listTenants(p.scope),
      scopes: [...(p.scopes ?? ['read', 'write', 'admin'])],
      csrfToken: req.session ? reply.generateCsrf() : null,
      expiresAt: req.session ? new Date(req.session.expiresAt).toISOString() : null,
    };
  });

  api.delete('/api/v1/session', {
    config: { readOnlyRolesMayWrite: true },
    schema: { summary: 'Sign out', response: responses({ 200: { type: 'object', properties: { signedOut: { type: 'boolean' } } } }) },
  }, async (req, reply) => {
    if (!req.session) throw new CollectorError('COL_ERR_BAD_REQUEST', 'this request uses an API token, not a session; revoke the token instead', { statusCode: 400 });
    await options.accounts.revokeSession(req.session.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secureCookies });
    req.log.info({ sessionId: req.session.id }, 'signed out');
    return { signedOut: true };
  });
}
