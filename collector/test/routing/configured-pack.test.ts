// Routing's tuning checks and matrix read the built-in rule pack, not the one
// collector.yaml's rules.file names: a site's own rules were missing from the
// matrix, and a threshold change on one of them was refused as unknown.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_RULES_FILE } from '../../src/rules/load-rules.js';
import { startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';

let h: Harness;
let dir: string;
let internal: string;

const call = async (method: string, path: string, token: string, body?: unknown) => {
  const res = await fetch(`${h.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-configured-pack-'));
  const pack = parse(readFileSync(DEFAULT_RULES_FILE, 'utf8')) as { rules: unknown[] };
  pack.rules.push({ id: 'tape-old', category: 'backup', severity: 'warning', summary: 'Tape is old', params: { maxAgeDays: 30 }, when: 'inventory.os == tape' });
  writeFileSync(join(dir, 'rules.yaml'), stringify(pack));
  h = await startHarness(`rules: { file: ${join(dir, 'rules.yaml')} }\n`);
  internal = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme it', role: 'internal-admin' })).token;
  const put = await fetch(`${h.url}/api/v1/tenants/acme/ownership`, {
    method: 'PUT', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/yaml' },
    body: 'teams: { internal: {}, provider: {} }\nlines:\n  - { id: security, match: { category: security }, owner: provider }\nguardrails: { lockedLines: [security] }\n',
  });
  expect(put.status).toBe(200);
}, 60_000);
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('the configured rule pack', () => {
  it('the matrix lists the configured pack\'s own rules', async () => {
    const m = await call('GET', '/api/v1/tenants/acme/matrix', internal);
    expect(m.body.rows.filter((r: { rule: string }) => r.rule === 'tape-old').map((r: { category: string; severity: string }) => `${r.category}/${r.severity}`)).toEqual(['backup/warning']);
  });

  it('a threshold change on a rule of the configured pack is checked against it, and a hand-off of it passes the security lock', async () => {
    const threshold = await call('POST', '/api/v1/tenants/acme/tuning/preview', internal, { action: 'threshold', rule: 'tape-old', match: { role: 'server' }, params: { maxAgeDays: 60 }, reason: 'monthly tapes' });
    expect(threshold.status).toBe(200);
    const unknown = await call('POST', '/api/v1/tenants/acme/tuning/preview', internal, { action: 'threshold', rule: 'tape-old', params: { maxAge: 60 }, reason: 'typo' });
    expect(unknown.status).toBe(400);
    const handoff = await call('POST', '/api/v1/tenants/acme/tuning', internal, { action: 'handoff', match: { rule: 'tape-old', role: 'workstation' }, reason: 'the NOC runs tapes' });
    expect(handoff.status).toBe(201);
  });
});
