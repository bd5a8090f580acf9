// Users and API tokens through the API: who may manage whom, what a token
// may do, and that secrets are shown once and never listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { Browser, createUser, PASSWORD, signedIn, withToken } from './support.js';
import type { Browser as BrowserType } from './support.js';

let h: Harness;
let provider: BrowserType;
let acmeAdmin: BrowserType;

beforeAll(async () => {
  h = await startHarness();
  await h.server.store.createTenant({ id: 'globex', name: 'Globex' });
  await createUser(h, { email: 'admin@provider.example', role: 'provider-admin' });
  await createUser(h, { email: 'it@acme.example', role: 'internal-admin', tenantIds: ['acme'] });
  await createUser(h, { email: 'it@globex.example', role: 'internal-admin', tenantIds: ['globex'] });
  await createUser(h, { email: 'noc@provider.example', role: 'provider-noc', tenantIds: ['acme', 'globex'] });
  provider = await signedIn(h, 'admin@provider.example');
  acmeAdmin = await signedIn(h, 'it@acme.example');
}, 120_000);
afterAll(async () => { await h.close(); }, 60_000);

describe('users', () => {
  it('lets a provider admin create a user who can then sign in; the password never comes back', async () => {
    const r = await provider.request('POST', '/api/v1/users', { email: 'New.Person@acme.example', name: 'New Person', role: 'internal-viewer', tenantIds: ['acme'], password: 'a sufficiently long secret' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ email: 'new.person@acme.example', role: 'internal-viewer', tenantIds: ['acme'], hasPassword: true, disabledAt: null });
    expect(JSON.stringify(r.body)).not.toMatch(/secret|scrypt/);
    expect((await new Browser(h.url).signIn('new.person@acme.example', 'a sufficiently long secret')).status).toBe(200);
    const again = await provider.request('POST', '/api/v1/users', { email: 'new.person@acme.example', name: 'Twin', role: 'internal-viewer', tenantIds: ['acme'] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('COL_ERR_CONFLICT');
    const weak = await provider.request('POST', '/api/v1/users', { email: 'weak@acme.example', name: 'Weak', role: 'internal-viewer', tenantIds: ['acme'], password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/at least 12/);
  });

  it('refuses an assignment that does not fit the role', async () => {
    const r = await provider.request('POST', '/api/v1/users', { email: 'x@acme.example', name: 'X', role: 'internal-admin', tenantIds: ['acme', 'globex'] });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/exactly one tenant/);
    const noc = await provider.request('POST', '/api/v1/users', { email: 'noc2@provider.example', name: 'NOC', role: 'provider-noc', tenantIds: ['globex'] });
    expect(noc.status).toBe(201);
    expect(noc.body).toMatchObject({ allTenants: false, tenantIds: ['globex'] });
  });

  it('gives a provider-noc user with a tenant list exactly those tenants', async () => {
    const noc = await signedIn(h, 'noc@provider.example');
    const me = await noc.request('GET', '/api/v1/session');
    expect(me.body).toMatchObject({ role: 'provider-noc', allTenants: false });
    expect(me.body.tenants.map((t: { id: string }) => t.id).sort()).toEqual(['acme', 'globex']);
    expect((await noc.request('GET', '/api/v1/users')).status).toBe(403);
  });

  it("shows an internal admin only its own tenant's internal users", async () => {
    const r = await acmeAdmin.request('GET', '/api/v1/users?limit=100');
    expect(r.status).toBe(200);
    const emails = r.body.users.map((u: { email: string }) => u.email);
    expect(emails).toContain('it@acme.example');
    expect(emails.some((e: string) => e.endsWith('@globex.example') || e.endsWith('@provider.example'))).toBe(false);
    expect(r.body.total).toBe(emails.length);
    const paged = await acmeAdmin.request('GET', '/api/v1/users?limit=1&offset=0');
    expect(paged.body.users).toHaveLength(1);
    expect(paged.body.total).toBe(r.body.total);
  });

  it('lets an internal admin manage its own tenant only, and hand out no more than it has', async () => {
    const viewer = await acmeAdmin.request('POST', '/api/v1/users', { email: 'viewer@acme.example', name: 'Viewer', role: 'internal-viewer' });
    expect(viewer.status).toBe(201);
    expect(viewer.body.tenantIds).toEqual(['acme']);
    expect((await acmeAdmin.request('POST', '/api/v1/users', { email: 'x@globex.example', name: 'X', role: 'internal-viewer', tenantIds: ['globex'] })).status).toBe(404);
    expect((await acmeAdmin.request('POST', '/api/v1/users', { email: 'x@acme.example', name: 'X', role: 'provider-noc', tenantIds: ['acme'] })).status).toBe(403);
    expect((await acmeAdmin.request('POST', '/api/v1/users', { email: 'x@acme.example', name: 'X', role: 'internal-admin', allTenants: true })).status).toBe(403);
    // Promoting a user into another tenant or a provider role is the same as creating one there.
    expect((await acmeAdmin.request('PATCH', `/api/v1/users/${viewer.body.id}`, { tenantIds: ['globex'] })).status).toBe(404);
    expect((await acmeAdmin.request('PATCH', `/api/v1/users/${viewer.body.id}`, { role: 'provider-admin', allTenants: true })).status).toBe(403);
    const promoted = await acmeAdmin.request('PATCH', `/api/v1/users/${viewer.body.id}`, { role: 'internal-admin' });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ role: 'internal-admin', tenantIds: ['acme'] });
    const globexUser = (await h.server.store.db.selectFrom('users').select('id').where('email', '=', 'it@globex.example').executeTakeFirstOrThrow()).id;
    expect((await acmeAdmin.request('GET', `/api/v1/users/${globexUser}`)).status).toBe(404);
    expect((await acmeAdmin.request('DELETE', `/api/v1/users/${globexUser}`)).status).toBe(404);
    expect((await acmeAdmin.request('DELETE', `/api/v1/users/${viewer.body.id}`)).status).toBe(200);
  });

  it('does not let an administrator lock itself out', async () => {
    const me = await acmeAdmin.request('GET', '/api/v1/session');
    const r = await acmeAdmin.request('PATCH', `/api/v1/users/${me.body.user.id}`, { disabled: true });
    expect(r.status).toBe(409);
    expect((await acmeAdmin.request('DELETE', `/api/v1/users/${me.body.user.id}`)).status).toBe(409);
    // Its own name is fine.
    expect((await acmeAdmin.request('PATCH', `/api/v1/users/${me.body.user.id}`, { name: 'Acme IT' })).body.name).toBe('Acme IT');
  });
});

describe('API tokens', () => {
  it('shows a new token once, never lists secrets, and honours its scopes', async () => {
    const created = await acmeAdmin.request('POST', '/api/v1/tokens', { name: 'dashboard', role: 'internal-viewer', scopes: ['read'], expiresInDays: 30 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'dashboard', role: 'internal-viewer', tenantIds: ['acme'], scopes: ['read'], revokedAt: null });
    expect(created.body.token).toMatch(/^tdm_/);
    expect(Date.parse(created.body.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const list = await acmeAdmin.request('GET', '/api/v1/tokens');
    expect(list.body.tokens.map((t: { id: string }) => t.id)).toContain(created.body.id);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect(list.body.tokens.every((t: { token?: string }) => t.token === undefined)).toBe(true);
    expect((await withToken(h, created.body.token, 'GET', '/api/v1/devices')).status).toBe(200);

    const writer = await acmeAdmin.request('POST', '/api/v1/tokens', { name: 'automation', role: 'internal-admin', scopes: ['read'] });
    const refused = await withToken(h, writer.body.token, 'POST', '/api/v1/enroll-tokens', { tenantId: 'acme' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/write scope/);
    // Managing accounts takes the admin scope, even for an admin role.
    const rw = await acmeAdmin.request('POST', '/api/v1/tokens', { name: 'rw', role: 'internal-admin', scopes: ['read', 'write'] });
    expect((await withToken(h, rw.body.token, 'POST', '/api/v1/enroll-tokens', { tenantId: 'acme' })).status).toBe(201);
    expect((await withToken(h, rw.body.token, 'GET', '/api/v1/users')).status).toBe(403);
    // And a token cannot mint one with more scopes than it has.
    const full = await acmeAdmin.request('POST', '/api/v1/tokens', { name: 'full', role: 'internal-admin', scopes: ['read', 'write', 'admin'] });
    const limited = await withToken(h, full.body.token, 'POST', '/api/v1/tokens', { name: 'child', role: 'internal-viewer', scopes: ['read'] });
    expect(limited.status).toBe(201);

    const revoked = await acmeAdmin.request('DELETE', `/api/v1/tokens/${created.body.id}`);
    expect(revoked.status).toBe(200);
    expect((await withToken(h, created.body.token, 'GET', '/api/v1/devices')).status).toBe(401);
    expect((await acmeAdmin.request('DELETE', `/api/v1/tokens/${created.body.id}`)).status).toBe(404);
  });

  it("keeps one tenant's admin away from provider and other tenants' tokens", async () => {
    const globexToken = await h.server.store.createApiToken({ tenantId: 'globex', name: 'globex', role: 'internal-admin' });
    const providerToken = await h.server.store.createApiToken({ tenantId: null, name: 'provider', role: 'provider-noc' });
    const ids = (await acmeAdmin.request('GET', '/api/v1/tokens?includeRevoked=true&limit=1000')).body.tokens.map((t: { id: string }) => t.id);
    expect(ids).not.toContain(globexToken.id);
    expect(ids).not.toContain(providerToken.id);
    expect((await acmeAdmin.request('DELETE', `/api/v1/tokens/${globexToken.id}`)).status).toBe(404);
    expect((await acmeAdmin.request('DELETE', `/api/v1/tokens/${providerToken.id}`)).status).toBe(404);
    expect((await acmeAdmin.request('POST', '/api/v1/tokens', { name: 'x', role: 'provider-noc', allTenants: true, scopes: ['read'] })).status).toBe(403);
    expect((await acmeAdmin.request('POST', '/api/v1/tokens', { name: 'x', role: 'internal-admin', tenantIds: ['globex'], scopes: ['read'] })).status).toBe(404);
    const all = await provider.request('GET', '/api/v1/tokens?limit=1000');
    expect(all.body.tokens.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining([globexToken.id, providerToken.id]));
  });
});

// Each password hash and sign-in runs scrypt: generous timeouts for a busy machine.
describe('internal admin self-service', { timeout: 60_000 }, () => {
  it('invites a viewer with a first password shown once; the viewer signs in and can change nothing', async () => {
    const invited = await acmeAdmin.request('POST', '/api/v1/users', { email: 'reader@acme.example', name: 'Reader', role: 'internal-viewer', generatePassword: true });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ role: 'internal-viewer', tenantIds: ['acme'], hasPassword: true });
    expect(invited.body.initialPassword).toMatch(/^[\w-]{24}$/);
    const got = await acmeAdmin.request('GET', `/api/v1/users/${invited.body.id}`);
    expect(got.body.initialPassword).toBeUndefined();
    expect(JSON.stringify((await acmeAdmin.request('GET', '/api/v1/users')).body)).not.toContain(invited.body.initialPassword);
    const reader = new Browser(h.url);
    expect((await reader.signIn('reader@acme.example', invited.body.initialPassword)).status).toBe(200);
    const refused = await reader.request('POST', '/api/v1/users', { email: 'x2@acme.example', name: 'X', role: 'internal-viewer' });
    expect(refused.status).toBe(403);
    expect((await reader.request('POST', '/api/v1/tokens', { name: 'x', role: 'internal-viewer' })).status).toBe(403);
    expect((await acmeAdmin.request('POST', '/api/v1/users', { email: 'both@acme.example', name: 'B', role: 'internal-viewer', generatePassword: true, password: 'a sufficiently long secret' })).status).toBe(400);
  });

  it('never lets an internal admin create provider roles, even with a generated password', async () => {
    for (const role of ['provider-admin', 'provider-noc']) {
      const r = await acmeAdmin.request('POST', '/api/v1/users', { email: `${role}@acme.example`, name: 'P', role, generatePassword: true });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('COL_ERR_FORBIDDEN');
    }
  });

  it('disables and enables a user of its own tenant; a disabled user cannot sign in and loses its session', async () => {
    const u = await acmeAdmin.request('POST', '/api/v1/users', { email: 'temp@acme.example', name: 'Temp', role: 'internal-viewer', generatePassword: true });
    const temp = new Browser(h.url);
    await temp.signIn('temp@acme.example', u.body.initialPassword);
    const off = await acmeAdmin.request('PATCH', `/api/v1/users/${u.body.id}`, { disabled: true });
    expect(off.status).toBe(200);
    expect(off.body.disabledAt).toMatch(/^\d{4}-/);
    expect((await temp.request('GET', '/api/v1/session')).status).toBe(401);
    expect((await new Browser(h.url).signIn('temp@acme.example', u.body.initialPassword)).status).toBe(401);
    const listed = await acmeAdmin.request('GET', '/api/v1/users?includeDisabled=true&q=temp');
    expect(listed.body.users.map((x: { email: string }) => x.email)).toEqual(['temp@acme.example']);
    expect((await acmeAdmin.request('PATCH', `/api/v1/users/${u.body.id}`, { disabled: false })).body.disabledAt).toBeNull();
    expect((await new Browser(h.url).signIn('temp@acme.example', u.body.initialPassword)).status).toBe(200);
  });

  it("answers another tenant's user id with not found, for every change", async () => {
    const globexUser = (await h.server.store.db.selectFrom('users').select('id').where('email', '=', 'it@globex.example').executeTakeFirstOrThrow()).id;
    for (const [method, body] of [['PATCH', { disabled: true }], ['PATCH', { name: 'x' }], ['DELETE', undefined]] as const) {
      const r = await acmeAdmin.request(method, `/api/v1/users/${globexUser}`, body);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('COL_ERR_NOT_FOUND');
    }
  });

  it('keeps one enabled internal admin in the tenant, even when a token acts', async () => {
    // Globex has one admin user; a globex admin token must not disable, demote or delete it.
    const token = await acmeAdminToken('globex');
    const globexUser = (await h.server.store.db.selectFrom('users').select('id').where('email', '=', 'it@globex.example').executeTakeFirstOrThrow()).id;
    for (const [method, body] of [['PATCH', { disabled: true }], ['PATCH', { role: 'internal-viewer' }], ['DELETE', undefined]] as const) {
      const r = await withToken(h, token, method, `/api/v1/users/${globexUser}`, body);
      expect(r.status).toBe(409);
      expect(r.body.error.message).toMatch(/last enabled internal-admin of globex/);
    }
    // With a second admin, the first may go.
    const second = await withToken(h, token, 'POST', '/api/v1/users', { email: 'it2@globex.example', name: 'Second', role: 'internal-admin' });
    expect(second.status).toBe(201);
    expect((await withToken(h, token, 'PATCH', `/api/v1/users/${globexUser}`, { disabled: true })).status).toBe(200);
    expect((await withToken(h, token, 'PATCH', `/api/v1/users/${second.body.id}`, { disabled: true })).status).toBe(409);
    expect((await withToken(h, token, 'PATCH', `/api/v1/users/${globexUser}`, { disabled: false })).status).toBe(200);
  });

  async function acmeAdminToken(tenantId: string): Promise<string> {
    return (await h.server.store.createApiToken({ tenantId, name: `${tenantId} admin`, role: 'internal-admin', scopes: ['read', 'write', 'admin'] })).token;
  }
});

describe('changing your own password', { timeout: 60_000 }, () => {
  it('needs the current password, keeps this session and ends the others', async () => {
    await createUser(h, { email: 'self@acme.example', role: 'internal-viewer', tenantIds: ['acme'] });
    const here = await signedIn(h, 'self@acme.example');
    const elsewhere = await signedIn(h, 'self@acme.example');
    const wrong = await here.request('POST', '/api/v1/account/password', { currentPassword: 'not the password at all', newPassword: 'a brand new long password' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toMatch(/currentPassword/);
    const weak = await here.request('POST', '/api/v1/account/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/newPassword/);
    const ok = await here.request('POST', '/api/v1/account/password', { currentPassword: PASSWORD, newPassword: 'a brand new long password' });
    expect(ok.status).toBe(200);
    expect((await here.request('GET', '/api/v1/session')).status).toBe(200);
    expect((await elsewhere.request('GET', '/api/v1/session')).status).toBe(401);
    expect((await new Browser(h.url).signIn('self@acme.example')).status).toBe(401);
    expect((await new Browser(h.url).signIn('self@acme.example', 'a brand new long password')).status).toBe(200);
  });

  it('is for signed-in people, not API tokens, and needs the CSRF token', async () => {
    const token = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'pw', role: 'internal-admin', scopes: ['read', 'write', 'admin'] })).token;
    expect((await withToken(h, token, 'POST', '/api/v1/account/password', { currentPassword: 'x', newPassword: 'y' })).status).toBe(400);
    const b = await signedIn(h, 'it@acme.example');
    expect((await b.request('POST', '/api/v1/account/password', { currentPassword: PASSWORD, newPassword: 'another long password' }, { csrf: false })).status).toBe(403);
    expect((await b.request('POST', '/api/v1/account/password', { currentPassword: PASSWORD, newPassword: 'x', extra: 1 })).status).toBe(400);
  });
});
