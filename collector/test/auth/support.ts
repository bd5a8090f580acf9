// Helpers for sign-in tests: accounts created straight in the store, and a
// small HTTP client that keeps cookies and the CSRF token like a browser page.
import { AccountStore } from '../../src/auth/account-store.js';
import type { User } from '../../src/auth/account-store.js';
import { hashPassword } from '../../src/auth/password.js';
import type { Harness } from '../support/harness.js';

export const PASSWORD = 'correct horse battery staple';

export function accountsOf(h: Harness): AccountStore {
  return new AccountStore(h.server.store.db);
}

let cachedHash: Promise<string> | null = null;

export async function createUser(h: Harness, input: { email: string; role: string; tenantIds?: string[]; allTenants?: boolean; password?: string | null }): Promise<User> {
  // One scrypt hash shared by test accounts keeps the suite fast; each account still verifies it for real.
  cachedHash ??= hashPassword(PASSWORD);
  const passwordHash = input.password === null ? null : input.password ? await hashPassword(input.password) : await cachedHash;
  const allTenants = input.allTenants ?? (input.tenantIds === undefined || input.tenantIds.length === 0);
  return accountsOf(h).createUser({
    email: input.email, name: input.email.split('@')[0]!, role: input.role,
    assignment: { allTenants, tenantIds: input.tenantIds ?? [] }, passwordHash,
  });
}

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** Cookies by name, from the Set-Cookie headers of every answer so far. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  store(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** A signed-in browser: session cookie plus the CSRF token the page would hold. */
export class Browser {
  readonly jar = new CookieJar();
  csrfToken: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, options: { csrf?: boolean; headers?: Record<string, string> } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (this.jar.cookies.size > 0) headers.cookie = this.jar.header();
    if (body !== undefined) headers['content-type'] = 'application/json';
    if ((options.csrf ?? true) && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    this.jar.store(res.headers);
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  async signIn(email: string, password = PASSWORD): Promise<Answer> {
    const r = await this.request('POST', '/api/v1/session', { email, password });
    if (r.status === 200) this.csrfToken = r.body.csrfToken;
    return r;
  }
}

export async function signedIn(h: Harness, email: string): Promise<Browser> {
  const b = new Browser(h.url);
  const r = await b.signIn(email);
  if (r.status !== 200) throw new Error(`sign-in of ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return b;
}

export async function withToken(h: Harness, token: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${h.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'manual',
  });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: res.status, body: parsed, headers: res.headers };
}
