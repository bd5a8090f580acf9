// Headers on every answer, and the API's refusal of fields it does not know.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

const auth = () => ({ authorization: `Bearer ${h.adminToken}` });

describe('security headers', () => {
  it('API answers, including errors, are never cached and never sniffed', async () => {
    for (const [path, headers] of [['/api/v1/tenants', auth()], ['/api/v1/tenants', {}], ['/api/v1/nothing-here', auth()], ['/auth/oidc/login', {}]] as const) {
      const res = await fetch(`${h.url}${path}`, { headers, redirect: 'manual' });
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('the UI is not sniffed either, and keeps its own caching', async () => {
    const res = await fetch(`${h.url}/`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).not.toBe('no-store');
  });

  it('sends HSTS only when configured or serving TLS', async () => {
    expect((await fetch(`${h.url}/healthz`)).headers.get('strict-transport-security')).toBeNull();
    const h2 = await startHarness('hsts: { maxAgeSeconds: 86400, includeSubDomains: true }\n');
    try {
      expect((await fetch(`${h2.url}/healthz`)).headers.get('strict-transport-security')).toBe('max-age=86400; includeSubDomains');
    } finally {
      await h2.close();
    }
  });
});

describe('unknown fields', () => {
  it('a misspelled body field is refused with a 400 naming it instead of silently dropped', async () => {
    const res = await fetch(`${h.url}/api/v1/enroll-tokens`, {
      method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify({ tenantId: 'acme', expireInHours: 1 }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'COL_ERR_BAD_REQUEST', message: 'body: unknown field "expireInHours"' } });
  });

  it('an unknown query parameter is refused the same way', async () => {
    const res = await fetch(`${h.url}/api/v1/devices?tennant=acme`, { headers: auth() });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'COL_ERR_BAD_REQUEST', message: 'querystring: unknown field "tennant"' } });
  });

  it('a misspelled tuning field is refused too (it used to be dropped, and the mute never ended)', async () => {
    const res = await fetch(`${h.url}/api/v1/tenants/acme/tuning/preview`, {
      method: 'POST', headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'mute', reason: 'r', match: { rule: 'disk-full' }, untill: '2030-01-01T00:00:00Z' }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe('body: unknown field "untill"');
  });
});
