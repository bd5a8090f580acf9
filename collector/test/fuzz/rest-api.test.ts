// Every REST route the OpenAPI document declares, called with arbitrary
// path parameters, query strings and JSON bodies by a provider admin (and
// sometimes by nobody): never a 5xx, every refusal a JSON error with a
// stable code and a message, and the collector healthy afterwards.
// Longer run: FUZZ_RUNS=20000 npx vitest run --project collector test/fuzz/rest-api.test.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { FuzzLog, fuzzTimeout } from '../../../tests/support/fuzz.js';

const log = new FuzzLog('collector-rest-api');

interface Operation {
  method: string;
  path: string;
  query: string[];
  pathParams: string[];
  bodyKeys: string[] | null;
}

let h: Harness;
let operations: Operation[] = [];
let deviceId = '';

beforeAll(async () => {
  h = await startHarness();
  deviceId = (await h.enroll()).deviceId;
  const doc = (await (await fetch(`${h.url}/api/v1/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: { content: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
    bodyKeys: op.requestBody ? Object.keys(op.requestBody.content['application/json']?.schema?.properties ?? {}) : null,
  })));
}, 60_000);
afterAll(async () => { await h.close(); }, 60_000);

const scalar = fc.oneof(
  fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.constantFrom('acme', 'provider-admin', 'internal-viewer', 'critical', 'open', 'all', '2026-12-24T08:00:00Z', '15m', '-1', '1e999', '__proto__', 'env:HOME', '<script>', "' or 1=1 --"),
);
const { json } = fc.letrec((tie) => ({
  json: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('json'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 10 }), tie('json'), { maxKeys: 5 })),
}));

/** A request for one declared operation, with arbitrary values where the document names keys. */
const requestArb = fc.integer({ min: 0, max: 10_000 }).chain((pick) => {
  const op = operations[pick % operations.length]!;
  const param = fc.oneof(fc.constantFrom('acme', 'other-tenant', '1', '0', '-1', 'x'.repeat(101), '%2e%2e', '..', 'DEVICE'), fc.string({ minLength: 1, maxLength: 20 }));
  const queryValue = fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String), fc.constantFrom('', 'true', 'false', '1e9', '-0', 'NaN'));
  const body = op.bodyKeys
    ? fc.oneof(
      { weight: 6, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...(op.bodyKeys.length > 0 ? op.bodyKeys : ['x'])), fc.string({ maxLength: 8 })), json, { maxKeys: 6 }).map((b) => JSON.stringify(b)) },
      { weight: 2, arbitrary: json.map((b) => JSON.stringify(b)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    )
    : fc.constant(null);
  return fc.record({
    op: fc.constant(op),
    params: fc.tuple(...op.pathParams.map(() => param), fc.constant('')),
    query: fc.dictionary(fc.oneof(fc.constantFrom(...(op.query.length > 0 ? op.query : ['x'])), fc.string({ maxLength: 8 })), queryValue, { maxKeys: 4 }),
    body,
    anonymous: fc.boolean().map((b) => b && pick % 5 === 0),
  });
});

describe('REST API on arbitrary input', () => {
  it('never answers 5xx; every refusal is a JSON error with a code and a message', async () => {
    expect(operations.length).toBeGreaterThan(30);
    await log.check('every OpenAPI route: arbitrary params, query and body', fc.asyncProperty(requestArb, async ({ op, params, query, body, anonymous }) => {
      let i = 0;
      const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(String(params[i++]).replace('DEVICE', deviceId)));
      const qs = new URLSearchParams(query).toString();
      const headers: Record<string, string> = anonymous ? {} : { authorization: `Bearer ${h.adminToken}` };
      if (body !== null) headers['content-type'] = 'application/json';
      const res = await fetch(`${h.url}${path}${qs ? `?${qs}` : ''}`, { method: op.method, headers, body: body ?? undefined });
      const text = await res.text();
      expect(res.status, `${op.method} ${path}?${qs} ${body ?? ''} -> ${text.slice(0, 300)}`).toBeLessThan(500);
      if (res.status >= 400) {
        expect(res.headers.get('content-type')).toMatch(/application\/json/);
        const err = (JSON.parse(text) as { error: { code: string; message: string } }).error;
        expect(err.code).toMatch(/^COL_ERR_[A-Z_]+$/);
        expect(err.message.trim().length).toBeGreaterThan(0);
        // A value that does not fit the schema is named by where it is (body, querystring, params).
        if (err.code === 'COL_ERR_BAD_REQUEST' && /must /.test(err.message)) expect(err.message).toMatch(/^(body|querystring|params|headers)/);
      }
    }), 300);

    // Still healthy, and the admin token still works.
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${h.url}/api/v1/tenants`, { headers: { authorization: `Bearer ${h.adminToken}` } })).status).toBe(200);
  }, fuzzTimeout(300, 200));
});

describe('REST API framework errors', () => {
  it('an over-long path parameter or a malformed URL gets the API error shape (it used to get fastify\'s own {"error":"Bad Request","code":"FST_ERR_..."})', async () => {
    for (const [path, status] of [[`/api/v1/devices/${'x'.repeat(101)}`, 414], ['/api/v1/devices/%E0%A4%A', 400]] as const) {
      const res = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${h.adminToken}` } });
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('COL_ERR_BAD_REQUEST');
      expect(body.error.message).toMatch(/max param length|not a valid url component/);
    }
  });
});
