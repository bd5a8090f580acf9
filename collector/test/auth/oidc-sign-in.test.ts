// Sign-in through a real OpenID provider (oidc-provider on a loopback port):
// the whole authorization-code flow with PKCE, driven with plain HTTP like a
// browser would, ending with a collector session for the mapped account.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Provider from 'oidc-provider';
import { createCollectorServer } from '../../src/server.js';
import type { CollectorServer } from '../../src/server.js';
import { parseCollectorConfig } from '../../src/config.js';
import { AccountStore } from '../../src/auth/account-store.js';
import { CookieJar } from './support.js';

const CLIENT_SECRET = 'a-client-secret-for-tests-only-0123456789';

// People known to the identity provider; only some of them have a Tandem account.
const PEOPLE: Record<string, { email: string; verified: boolean }> = {
  'alice-sub': { email: 'alice@acme.example', verified: true },
  'mallory-sub': { email: 'mallory@elsewhere.example', verified: true },
  'unverified-sub': { email: 'bob@acme.example', verified: false },
};

let idp: Server;
let issuer: string;
let collector: CollectorServer;
let collectorUrl: string;
let dataDir: string;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

beforeAll(async () => {
  const collectorPort = await freePort();
  collectorUrl = `http://127.0.0.1:${collectorPort}`;

  idp = createServer();
  await new Promise<void>((ok) => idp.listen(0, '127.0.0.1', ok));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'tandem', client_secret: CLIENT_SECRET, redirect_uris: [`${collectorUrl}/auth/oidc/callback`],
      grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_post',
    }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx: unknown, id: string) => (PEOPLE[id] ? {
      accountId: id,
      claims: () => ({ sub: id, email: PEOPLE[id]!.email, email_verified: PEOPLE[id]!.verified, name: id }),
    } : undefined),
    cookies: { keys: ['oidc-provider-test-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
  });
  idp.on('request', provider.callback());

  dataDir = mkdtempSync(join(tmpdir(), 'tandem-oidc-'));
  const config = parseCollectorConfig([
    `listen: { host: 127.0.0.1, port: ${collectorPort} }`,
    `dataDir: ${dataDir}`,
    'logLevel: silent',
    'auth:',
    '  oidc:',
    `    issuer: ${issuer}`,
    '    clientId: tandem',
    `    clientSecret: ${CLIENT_SECRET}`,
    `    redirectUri: ${collectorUrl}/auth/oidc/callback`,
  ].join('\n'), join(dataDir, 'collector.yaml'));
  collector = await createCollectorServer(config);
  await collector.listen();
  await collector.store.createTenant({ id: 'acme', name: 'Acme' });
  const accounts = new AccountStore(collector.store.db);
  // Pre-created accounts: no password, OIDC only.
  await accounts.createUser({ email: 'Alice@Acme.example', name: 'Alice', role: 'internal-admin', assignment: { allTenants: false, tenantIds: ['acme'] } });
  await accounts.createUser({ email: 'bob@acme.example', name: 'Bob', role: 'internal-viewer', assignment: { allTenants: false, tenantIds: ['acme'] } });
});

afterAll(async () => {
  await collector?.close();
  await new Promise<void>((ok) => idp?.close(() => ok()));
  rmSync(dataDir, { recursive: true, force: true });
});

/** A browser with one cookie jar per origin, following redirects by hand. */
class Browser {
  private jars = new Map<string, CookieJar>();

  private jar(url: URL): CookieJar {
    let jar = this.jars.get(url.origin);
    if (!jar) this.jars.set(url.origin, (jar = new CookieJar()));
    return jar;
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.cookies.get(name);
  }

  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const u = new URL(url);
    const jar = this.jar(u);
    const headers: Record<string, string> = {};
    if (jar.cookies.size > 0) headers.cookie = jar.header();
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(u, { method: init.method ?? 'GET', headers, body: init.form ? new URLSearchParams(init.form) : undefined, redirect: 'manual' });
    jar.store(res.headers);
    return res;
  }

  /** Follows redirects until a page answers; returns it and the URLs visited. */
  async follow(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ res: Response; url: string; visited: string[] }> {
    const visited: string[] = [];
    let res = await this.go(url, init);
    let current = url;
    for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 20; hops++) {
      current = new URL(res.headers.get('location')!, current).href;
      visited.push(current);
      res = await this.go(current);
    }
    return { res, url: current, visited };
  }

  /** Submits the provider's dev login form, then its consent form when asked. */
  async signInAtProvider(startUrl: string, login: string) {
    let step = await this.follow(startUrl);
    for (let i = 0; i < 3; i++) {
      if (!step.url.startsWith(issuer)) return step;
      const html = await step.res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`no form at ${step.url} (${step.res.status}): ${html.slice(0, 300)}`);
      const form: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'anything' } : { prompt };
      step = await this.follow(new URL(action, step.url).href, { method: 'POST', form });
    }
    return step;
  }
}

describe('OIDC sign-in', () => {
  it('starts the authorization-code flow with PKCE, state and nonce', async () => {
    const b = new Browser();
    const res = await b.go(`${collectorUrl}/auth/oidc/login`);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      response_type: 'code', client_id: 'tandem', redirect_uri: `${collectorUrl}/auth/oidc/callback`, code_challenge_method: 'S256',
    });
    for (const p of ['state', 'nonce', 'code_challenge']) expect(to.searchParams.get(p)).toMatch(/^[\w-]{20,}$/);
    expect(to.searchParams.get('scope')!.split(' ')).toContain('openid');
    const flowCookie = res.headers.getSetCookie().find((c) => c.startsWith('tandem_oidc='))!;
    expect(flowCookie).toMatch(/HttpOnly/i);
    expect(flowCookie).toMatch(/SameSite=Lax/i);
  });

  it('ends with a collector session for the pre-created account the email maps to', async () => {
    const b = new Browser();
    const done = await b.signInAtProvider(`${collectorUrl}/auth/oidc/login?returnTo=/alerts`, 'alice-sub');
    expect(done.visited.some((u) => u.startsWith(`${collectorUrl}/auth/oidc/callback?code=`))).toBe(true);
    expect(done.url).toBe(`${collectorUrl}/alerts`);
    const session = b.cookie(collectorUrl, 'tandem_session');
    expect(session).toBeTruthy();
    const me = await fetch(`${collectorUrl}/api/v1/session`, { headers: { cookie: `tandem_session=${session}` } });
    expect(me.status).toBe(200);
    const body = (await me.json()) as any;
    expect(body).toMatchObject({ via: 'session', role: 'internal-admin', tenants: [{ id: 'acme' }] });
    expect(body.user).toMatchObject({ email: 'alice@acme.example', oidcLinked: true, hasPassword: false });
  });

  it('refuses an identity whose email has no account, and one whose email is not verified', async () => {
    for (const login of ['mallory-sub', 'unverified-sub']) {
      const b = new Browser();
      const done = await b.signInAtProvider(`${collectorUrl}/auth/oidc/login`, login);
      expect(done.url.startsWith(`${collectorUrl}/auth/oidc/callback`)).toBe(true);
      expect(done.res.status).toBe(401);
      expect(((await done.res.json()) as any).error.code).toBe('COL_ERR_UNAUTHORIZED');
      expect(b.cookie(collectorUrl, 'tandem_session')).toBeUndefined();
    }
  });

  it('refuses a callback without the browser that started the sign-in (state bound to a cookie)', async () => {
    const starter = new Browser();
    const res = await starter.go(`${collectorUrl}/auth/oidc/login`);
    const authUrl = res.headers.get('location')!;
    // Someone else completes the provider step and lands on the callback without the flow cookie.
    const other = new Browser();
    const done = await other.signInAtProvider(authUrl, 'alice-sub');
    expect(done.res.status).toBe(401);
    expect(other.cookie(collectorUrl, 'tandem_session')).toBeUndefined();
  });

  it('does not redirect anywhere but this site after sign-in', async () => {
    const b = new Browser();
    const done = await b.signInAtProvider(`${collectorUrl}/auth/oidc/login?returnTo=//evil.example/x`, 'alice-sub');
    expect(done.url).toBe(`${collectorUrl}/`);
  });
});
