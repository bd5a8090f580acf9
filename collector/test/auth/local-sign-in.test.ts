// Local password sign-in against a real collector: cookies, CSRF, sign-out,
// expiry and the rate limits on guessing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { Browser, createUser, PASSWORD, signedIn } from './support.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('auth:\n  signIn: { maxFailuresPerAccount: 3, maxFailuresPerAddress: 50 }\n');
  await createUser(h, { email: 'admin@provider.example', role: 'provider-admin' });
  await createUser(h, { email: 'it@acme.example', role: 'internal-admin', tenantIds: ['acme'] });
  await createUser(h, { email: 'guessed@acme.example', role: 'internal-viewer', tenantIds: ['acme'] });
});
afterAll(async () => { await h.close(); });

describe('local sign-in', () => {
  it('sets an HttpOnly, SameSite session cookie and answers who is signed in', async () => {
    const b = new Browser(h.url);
    const r = await b.signIn('IT@acme.example');
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ email: 'it@acme.example', role: 'internal-admin', tenantIds: ['acme'], allTenants: false });
    expect(r.body.csrfToken).toEqual(expect.any(String));
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith('tandem_session='))!;
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//i);
    // Plain http here: Secure would stop the browser from sending it back (TLS turns it on, see below).
    expect(cookie).not.toMatch(/; Secure/i);
    const me = await b.request('GET', '/api/v1/session');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ via: 'session', role: 'internal-admin', allTenants: false, tenants: [{ id: 'acme' }] });
    expect(me.body.csrfToken).toEqual(expect.any(String));
    // The secret never leaves the server: neither the cookie value nor the password is in any answer.
    expect(JSON.stringify(me.body)).not.toContain(b.jar.cookies.get('tandem_session'));
    expect(JSON.stringify(r.body)).not.toContain(PASSWORD);
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const b = new Browser(h.url);
    const wrong = await b.signIn('admin@provider.example', 'not the password at all');
    const unknown = await b.signIn('nobody@provider.example', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe('COL_ERR_UNAUTHORIZED');
    expect(wrong.headers.getSetCookie().some((c) => c.startsWith('tandem_session='))).toBe(false);
  });

  it('rate-limits guessing at one account, even with the right password afterwards', async () => {
    const b = new Browser(h.url);
    for (let i = 0; i < 3; i++) expect((await b.signIn('guessed@acme.example', `guess number ${i}`)).status).toBe(401);
    const limited = await b.signIn('guessed@acme.example');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('COL_ERR_RATE_LIMITED');
    // Other accounts are not locked by it.
    expect((await b.signIn('it@acme.example')).status).toBe(200);
  });

  it('needs the CSRF token for a change made with the session cookie', async () => {
    const b = await signedIn(h, 'admin@provider.example');
    const without = await b.request('POST', '/api/v1/tenants', { id: 'initech', name: 'Initech' }, { csrf: false });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('COL_ERR_CSRF');
    const forged = await b.request('POST', '/api/v1/tenants', { id: 'initech', name: 'Initech' }, { csrf: false, headers: { 'x-csrf-token': 'forged' } });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('COL_ERR_CSRF');
    // A token from another session is not accepted either.
    const other = await signedIn(h, 'it@acme.example');
    const crossed = await b.request('POST', '/api/v1/tenants', { id: 'initech', name: 'Initech' }, { csrf: false, headers: { 'x-csrf-token': other.csrfToken! } });
    expect(crossed.status).toBe(403);
    const ok = await b.request('POST', '/api/v1/tenants', { id: 'initech', name: 'Initech' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ id: 'initech', name: 'Initech' });
    // Reads need no token.
    expect((await b.request('GET', '/api/v1/tenants', undefined, { csrf: false })).status).toBe(200);
  });

  it('does not ask API-token callers for a CSRF token', async () => {
    const res = await fetch(`${h.url}/api/v1/tenants`, {
      method: 'POST', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Umbrella' }),
    });
    expect(res.status).toBe(201);
  });

  it('ends the session at sign-out, for good', async () => {
    const b = await signedIn(h, 'it@acme.example');
    const cookie = b.jar.cookies.get('tandem_session')!;
    const out = await b.request('DELETE', '/api/v1/session');
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().find((c) => c.startsWith('tandem_session='))).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
    // Replaying the old cookie does not bring it back.
    const replay = await fetch(`${h.url}/api/v1/session`, { headers: { cookie: `tandem_session=${cookie}` } });
    expect(replay.status).toBe(401);
  });

  it('refuses an expired session and an idle one', async () => {
    const b = await signedIn(h, 'admin@provider.example');
    const db = h.server.store.db;
    const user = await db.selectFrom('users').select('id').where('email', '=', 'admin@provider.example').executeTakeFirstOrThrow();
    await db.updateTable('sessions').set({ expires_at: Date.now() - 1000 }).where('user_id', '=', user.id).execute();
    const expired = await b.request('GET', '/api/v1/session');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('COL_ERR_UNAUTHORIZED');
    const idle = await signedIn(h, 'admin@provider.example');
    await db.updateTable('sessions').set({ last_seen_at: Date.now() - 61 * 60_000 }).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
    expect((await idle.request('GET', '/api/v1/session')).status).toBe(401);
  });

  it('ends every session of a user who is disabled', async () => {
    await createUser(h, { email: 'leaver@acme.example', role: 'internal-viewer', tenantIds: ['acme'] });
    const leaver = await signedIn(h, 'leaver@acme.example');
    const admin = await signedIn(h, 'it@acme.example');
    const list = await admin.request('GET', '/api/v1/users?q=leaver');
    const id = list.body.users[0].id;
    expect((await admin.request('PATCH', `/api/v1/users/${id}`, { disabled: true })).status).toBe(200);
    expect((await leaver.request('GET', '/api/v1/session')).status).toBe(401);
    expect((await new Browser(h.url).signIn('leaver@acme.example')).status).toBe(401);
  });
});

describe('session cookie over TLS', () => {
  it('is marked Secure when the collector is reached over https', async () => {
    const tls = await startHarness('publicUrl: https://tandem.example.net\n');
    try {
      await createUser(tls, { email: 'admin@provider.example', role: 'provider-admin' });
      const r = await new Browser(tls.url).signIn('admin@provider.example');
      expect(r.headers.getSetCookie().find((c) => c.startsWith('tandem_session='))).toMatch(/; Secure/i);
    } finally {
      await tls.close();
    }
  });
});
