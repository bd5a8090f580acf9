// Tuning rewrote the provider's ownership YAML from the parsed document and
// dropped every comment in it. Tuning and its revert now change only the
// `tuning` list of the text as written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOwnership } from '../../src/routing/load-ownership.js';
import { withTuningText } from '../../src/routing/ownership-text.js';
import { startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';

const YAML = `# Acme and the NOC, contract 2026-04
teams:
  internal: {}   # nobody on call at night
  provider: {}
lines:
  # Security stays with the NOC by contract (section 4.2).
  - id: security
    match: { category: security }
    owner: provider
guardrails: { lockedLines: [security] }
`;

describe('withTuningText', () => {
  it('keeps comments and layout, replacing only the tuning list', () => {
    const entry = { id: 'tun_1', kind: 'keep', match: { category: 'disk' }, reason: 'ours', by: 'acme it', at: '2026-11-18T15:00:00.000Z' };
    const text = withTuningText(YAML, { tuning: [entry] });
    // Comments stay where they were (the yaml package puts one space before an inline comment).
    for (const comment of ['# Acme and the NOC, contract 2026-04', '# nobody on call at night', '# Security stays with the NOC by contract (section 4.2).']) expect(text).toContain(comment);
    expect(text.indexOf('# Security stays')).toBeLessThan(text.indexOf('- id: security'));
    const parsed = parseOwnership(text, 'o.yaml');
    expect(parsed.ok && parsed.config.tuning.map((t) => t.id)).toEqual(['tun_1']);
    const removed = withTuningText(text, { tuning: [] });
    expect(removed).not.toContain('tuning');
    expect(removed).toContain('# Security stays with the NOC by contract (section 4.2).');
  });
});

describe('through the API', () => {
  let h: Harness;
  let internal: string;
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(`${h.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': typeof body === 'string' ? 'application/yaml' : 'application/json' } : {}) }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  beforeAll(async () => {
    h = await startHarness('routing: { escalationCheckSeconds: 3600 }');
    internal = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme it', role: 'internal-admin' })).token;
    expect((await call('PUT', '/api/v1/tenants/acme/ownership', h.adminToken, YAML)).status).toBe(200);
  }, 60_000);
  afterAll(async () => { await h?.close(); }, 60_000);

  it('a tuning change keeps the comments of the ownership YAML, and so does its revert and a later replace', async () => {
    const tuned = await call('POST', '/api/v1/tenants/acme/tuning', internal, { action: 'keep', match: { category: 'disk' }, reason: 'we run the disks' });
    expect(tuned.status).toBe(201);
    const after = (await call('GET', '/api/v1/tenants/acme/ownership', internal)).body;
    expect(after.text).toContain('# Security stays with the NOC by contract (section 4.2).');
    expect(after.text).toContain('internal: {} # nobody on call at night');
    expect(after.text).toContain('reason: we run the disks');
    // The provider replaces the config with new text: internal IT's tuning is kept, and so are the new comments.
    const replaced = await call('PUT', '/api/v1/tenants/acme/ownership', h.adminToken, YAML.replace('contract 2026-04', 'contract 2026-11'));
    expect(replaced.body.text).toContain('# Acme and the NOC, contract 2026-11');
    expect(replaced.body.text).toContain('reason: we run the disks');
    const reverted = await call('POST', `/api/v1/tenants/acme/audit/${tuned.body.auditId}/revert`, internal);
    expect(reverted.status).toBe(201);
    const final = (await call('GET', '/api/v1/tenants/acme/ownership', internal)).body.text as string;
    expect(final).not.toContain('we run the disks');
    for (const comment of ['# Acme and the NOC, contract 2026-11', '# nobody on call at night', '# Security stays with the NOC by contract (section 4.2).']) expect(final).toContain(comment);
  });
});
