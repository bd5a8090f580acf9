// Reports, the contract document and the coverage forecast through the API,
// on a seeded history whose figures are known; tenant isolation and formats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { healthySnapshot } from '../rules/support.js';
import { pdfAvailable } from '../../src/reports/print-pdf.js';
import { contractText, versionDiffText } from '../../src/contract/contract-cli.js';

let h: Harness;
let acmeAdmin: string;
let globexAdmin: string;
const MIN = 60_000;
const T = Date.parse('2026-10-05T08:00:00Z');

async function get(path: string, token: string) {
  const res = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const type = res.headers.get('content-type') ?? '';
  const raw = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type, disposition: res.headers.get('content-disposition'), raw, text: raw.toString('utf8'), json: type.includes('json') ? JSON.parse(raw.toString('utf8')) as Record<string, any> : null };
}

/** One fired alert with its history and routing decisions, written as the stages write them. */
async function seedAlert(id: string, tenant: string, firedAt: number, owner: string, sla: number, events: Array<[number, string]>, decisions: Array<[number, string, string]> = []) {
  const db = h.server.store.db;
  await db.insertInto('alerts').values({
    id, alert_key: `${tenant}/dev/${id}`, tenant_id: tenant, device_id: 'dev-1', rule_id: 'disk-full', instance: '/', category: 'disk', severity: 'warning',
    state: events.at(-1)?.[1] ?? 'firing', flapping: 0, summary: 'disk', labels: '{}', pending_since: firedAt, fired_at: firedAt, resolved_at: null, updated_at: firedAt,
    ack_by: null, ack_comment: null, ack_at: null, assignee: null, assigned_by: null, assigned_at: null, snoozed_until: null, tracking: '{}', history_count: 0, is_current: 0,
  }).execute();
  const history = [[0, 'firing'] as [number, string], ...events];
  await db.insertInto('alert_history').values(history.map(([m, to], i) => ({
    alert_id: id, seq: i + 1, at: firedAt + m * MIN, from_state: i === 0 ? 'pending' : history[i - 1]![1], to_state: to, severity: 'warning', cause: 'test', actor: null, comment: null, notified: 0,
  }))).execute();
  const ds = [[0, 'fire', owner] as [number, string, string], ...decisions];
  await db.insertInto('alert_route_decisions').values(ds.map(([m, reason, o], i) => ({
    alert_id: id, seq: i + 1, at: firedAt + m * MIN, reason, owner: o, sla_minutes: sla, config_version: null, trace: '[]', deliveries: '[]',
  }))).execute();
}

beforeAll(async () => {
  h = await startHarness();
  await h.server.store.createTenant({ id: 'globex', name: 'Globex' });
  acmeAdmin = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme it', role: 'internal-admin' })).token;
  globexAdmin = (await h.server.store.createApiToken({ tenantId: 'globex', name: 'globex it', role: 'internal-admin' })).token;
  await seedAlert('r-1', 'acme', T, 'internal', 60, [[10, 'acknowledged'], [30, 'resolved']]);
  await seedAlert('r-2', 'acme', T + 60 * MIN, 'internal', 60, [[90, 'acknowledged']], [[60, 'escalation', 'both']]);
  await seedAlert('r-3', 'acme', T + 120 * MIN, 'provider', 30, [[20, 'acknowledged']]);
  await seedAlert('g-1', 'globex', T, 'provider', 30, [[5, 'acknowledged']]);
  const snap = healthySnapshot('dev-1', Date.now());
  await h.server.store.db.insertInto('devices').values({
    id: 'dev-1', tenant_id: 'acme', hostname: 'ws-1', os: 'linux', site: null, tags: '[]', secret_hash: 'x', enrolled_at: T, revoked_at: null,
    last_seen_at: Date.now(), last_report_at: Date.now(), stopped_at: null, agent_version: null, latest_snapshot: JSON.stringify(snap), policy: null,
  }).execute();
});
afterAll(async () => {
  await h.close();
});

describe('SLA report API', () => {
  it('gives the seeded figures per team as JSON', async () => {
    const r = await get('/api/v1/reports/sla?tenant=acme&from=2026-10&to=2026-10', acmeAdmin);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ tenantId: 'acme', tenantName: 'Acme', empty: false, alerts: 3, period: { from: '2026-10-01T00:00:00.000Z', until: '2026-11-01T00:00:00.000Z' } });
    const [internal, provider] = r.json!.teams;
    expect(internal).toMatchObject({ team: 'internal', owned: 2, acknowledge: { count: 2, median: 10, p90: 90 }, withinSla: 1, breachedSla: 1, escalationsOut: 1 });
    expect(provider).toMatchObject({ team: 'provider', owned: 1, acknowledge: { median: 20 }, withinSla: 1, escalationsIn: 1 });
    expect(r.json!.backup).toMatchObject({ devices: 1 });
  });

  it('a period without alerts renders, saying so', async () => {
    const r = await get('/api/v1/reports/sla?tenant=acme&from=2025-01-01&to=2025-01-31&format=html', acmeAdmin);
    expect(r.status).toBe(200);
    expect(r.type).toContain('text/html');
    expect(r.text).toContain('No alerts fired in this period');
    expect(r.text).toContain('2025-01-01 to 2025-01-31');
  });

  it('CSV has one row per team and figure', async () => {
    const r = await get('/api/v1/reports/sla?tenant=acme&from=2026-10&format=csv', acmeAdmin);
    expect(r.type).toContain('text/csv');
    expect(r.disposition).toBe('attachment; filename="sla-acme-2026-10-01.csv"');
    expect(r.text.split('\r\n')).toContain('acme,2026-10-01,2026-10-31,sla,internal,ack_p90_minutes,90');
  });

  it.runIf(pdfAvailable())('PDF is printed by Chromium', async () => {
    const r = await get('/api/v1/reports/sla?tenant=acme&from=2026-10&format=pdf', acmeAdmin);
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/pdf');
    expect(r.raw.subarray(0, 5).toString()).toBe('%PDF-');
    expect(r.raw.toString('latin1')).toContain('/Title (Service report Acme 2026-10-01 to 2026-10-31)');
    const contract = await get('/api/v1/tenants/acme/ownership/contract?format=pdf', acmeAdmin);
    expect(contract.type).toBe('application/pdf');
    expect(contract.raw.toString('latin1')).toContain('/Title (Who owns what: Acme)');
  }, 120_000);

  it('another tenant is not found; bad periods are named', async () => {
    expect((await get('/api/v1/reports/sla?tenant=acme&from=2026-10', globexAdmin)).status).toBe(404);
    expect((await get('/api/v1/reports/sla?tenant=nope&from=2026-10', h.adminToken)).status).toBe(404);
    const g = await get('/api/v1/reports/sla?tenant=globex&from=2026-10', globexAdmin);
    expect(g.json).toMatchObject({ alerts: 1 });
    const bad = await get('/api/v1/reports/sla?tenant=acme&from=2026-13-40', acmeAdmin);
    expect(bad.status).toBe(400);
    expect(bad.json!.error.message).toBe('query.from: "2026-13-40" is not a month (YYYY-MM), a date (YYYY-MM-DD) or an ISO time');
    const backwards = await get('/api/v1/reports/sla?tenant=acme&from=2026-10-05&to=2026-10-01', acmeAdmin);
    expect(backwards.json!.error.message).toMatch(/^query.to: the period must end after it starts/);
  });
});

describe('contract document API', () => {
  it('renders each version and says what changed between two', async () => {
    const put = async (owner: string, sla: string) => {
      const res = await fetch(`${h.url}/api/v1/tenants/acme/ownership`, {
        method: 'PUT', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/yaml' },
        body: `teams: { internal: {}, provider: {} }\nlines:\n  - { match: { category: backup, role: server }, owner: ${owner}, sla: { critical: ${sla} } }\n`,
      });
      expect(res.status).toBe(200);
    };
    await put('provider', '30m');
    await put('both', '15m');
    const versions = (await get('/api/v1/tenants/acme/ownership/versions', acmeAdmin)).json!.versions as Array<{ version: number }>;
    const [newer, older] = versions.map((v) => v.version);
    const doc = await get(`/api/v1/tenants/acme/ownership/contract?version=${older}`, acmeAdmin);
    expect(doc.json!.matrix).toContainEqual(expect.objectContaining({ category: 'backup', severity: 'critical', group: 'role=server', owner: 'provider', response: '30 min' }));
    const html = await get('/api/v1/tenants/acme/ownership/contract?format=html', acmeAdmin);
    expect(html.text).toContain('Who owns what: Acme');
    const md = await get('/api/v1/tenants/acme/ownership/contract?format=md', acmeAdmin);
    expect(md.text).toContain(`Ownership config version ${newer}`);
    const diff = await get(`/api/v1/tenants/acme/ownership/diff?from=${older}&to=${newer}`, acmeAdmin);
    expect(diff.json!.changes).toEqual(expect.arrayContaining([
      'backup alerts (critical, warning) on role=server: provider → both',
      'response time for backup alerts (critical) on role=server: 30 min → 15 min',
    ]));
    expect((await get('/api/v1/tenants/acme/ownership/contract?version=999', acmeAdmin)).status).toBe(404);
    // The CLI reads the same answers.
    const cli = { url: h.url, token: acmeAdmin, tenant: 'acme' };
    expect(await contractText({ ...cli, version: String(older) })).toContain(`Ownership config version ${older}`);
    await expect(versionDiffText({ ...cli, from: String(older), to: String(newer) })).resolves.toEqual({ changed: true, text: expect.stringContaining(`ownership of acme, version ${older} → version ${newer}\n- backup alerts (critical, warning) on role=server: provider → both`) });
    await expect(contractText({ ...cli, version: 'two' })).rejects.toThrow('--version must be a version number (1, 2, …), got "two"');
    await expect(contractText({ ...cli, version: '999' })).rejects.toThrow(`HTTP 404: ownership version 999 of tenant acme not found`);
    expect((await get('/api/v1/tenants/acme/ownership/contract', globexAdmin)).status).toBe(404);
  });

  it('the coverage forecast lists hours nobody would be reached', async () => {
    const r = await get('/api/v1/tenants/acme/coverage-forecast?weeks=1', acmeAdmin);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ weeks: 1 });
    expect(Array.isArray(r.json!.windows)).toBe(true);
    expect((await get('/api/v1/tenants/acme/coverage-forecast?weeks=99', acmeAdmin)).status).toBe(400);
  });
});
