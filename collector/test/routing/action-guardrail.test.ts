// Internal IT could acknowledge a provider-owned, contract-locked alert and
// so stop the provider's escalation clock. Who may acknowledge or snooze an
// alert owned by the other team is now the ownership config's guardrail
// (crossTeamActions); by default only an owner may (a `both` alert: either).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionRefusal } from '../../src/routing/action-guardrail.js';
import { parseOwnership } from '../../src/routing/load-ownership.js';
import type { Owner, Team } from '../../src/routing/ownership-config.js';
import { RawAgent, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { healthySnapshot } from '../rules/support.js';

const ownership = (crossTeam = '') => `
teams: { internal: {}, provider: {} }
lines:
  - { id: security, match: { category: security }, owner: provider }
  - { id: backups, match: { category: backup }, owner: both }
guardrails: { lockedLines: [security]${crossTeam} }
`;

function config(text: string) {
  const r = parseOwnership(text, 'ownership.yaml');
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.config;
}

describe('actionRefusal', () => {
  const strict = config(ownership());
  it.each<[Owner, Owner, Team, boolean]>([
    ['provider', 'provider', 'internal', false],
    ['provider', 'provider', 'provider', true],
    ['internal', 'internal', 'provider', false],
    ['both', 'both', 'internal', true],
    ['both', 'both', 'provider', true],
    // Internal IT owns it but is away: the provider covers, and either may act.
    ['provider', 'internal', 'internal', true],
    ['provider', 'internal', 'provider', true],
  ])('routed to %s, owned by %s: %s may act = %s', (owner, lineOwner, side, allowed) => {
    expect(actionRefusal(strict, { owner, lineOwner }, side, 'ack') === null).toBe(allowed);
  });

  it('names the guardrail, the owner and what was refused', () => {
    expect(actionRefusal(strict, { owner: 'provider', lineOwner: 'provider' }, 'internal', 'snooze')).toBe(
      'guardrail crossTeamActions: this alert is owned by the provider, and internal IT may not snooze it (guardrails.crossTeamActions.internal is off in the ownership config)');
  });

  it('the contract can let a team act on the other team\'s alerts, one side at a time', () => {
    const open = config(ownership(', crossTeamActions: { internal: true }'));
    expect(actionRefusal(open, { owner: 'provider', lineOwner: 'provider' }, 'internal', 'ack')).toBeNull();
    expect(actionRefusal(open, { owner: 'internal', lineOwner: 'internal' }, 'provider', 'ack')).not.toBeNull();
  });

  it('refuses an unknown key in crossTeamActions', () => {
    expect(parseOwnership(ownership(', crossTeamActions: { intern: true }'), 'o.yaml')).toEqual({ ok: false, problems: ['o.yaml: guardrails.crossTeamActions.intern: unknown key'] });
  });
});

describe('acknowledge and snooze through the API', () => {
  let h: Harness;
  let agent: RawAgent;
  let internalAdmin: string;
  let globexAdmin: string;
  let firewall: string;
  let backup: string;
  const call = async (path: string, token: string, body: unknown) => {
    const res = await fetch(`${h.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { state?: string; error?: { code: string; message: string } } };
  };
  const put = async (yaml: string) => {
    const res = await fetch(`${h.url}/api/v1/tenants/acme/ownership`, { method: 'PUT', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/yaml' }, body: yaml });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    h = await startHarness('routing: { escalationCheckSeconds: 3600, notify: { attempts: 1, groupWaitSeconds: 0 } }');
    await h.server.store.createTenant({ id: 'globex', name: 'Globex' });
    internalAdmin = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme it', role: 'internal-admin' })).token;
    globexAdmin = (await h.server.store.createApiToken({ tenantId: 'globex', name: 'globex it', role: 'internal-admin' })).token;
    await put(ownership());
    const { token } = await h.server.store.createEnrollToken({ tenantId: 'acme' });
    const d = await h.server.store.enrollDevice(token, { hostname: 'ws-1', os: 'linux', agentVersion: '0.1.0' });
    agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.deviceSecret);
    agent.hello(d.deviceId);
    const s = healthySnapshot(d.deviceId, Date.now());
    s.security!.firewall.enabled = false;
    s.backup!.jobs[0]!.lastResult = 'failed';
    agent.report(1, s);
    await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
    for (let i = 0; i < 200 && !(firewall && backup); i++) {
      const r = (await (await fetch(`${h.url}/api/v1/alerts?device=${d.deviceId}&state=firing`, { headers: { authorization: `Bearer ${h.adminToken}` } })).json()) as { alerts: Array<{ id: string; ruleId: string }> };
      firewall = r.alerts.find((a) => a.ruleId === 'firewall-off')?.id ?? '';
      backup = r.alerts.find((a) => a.ruleId === 'backup-failed')?.id ?? '';
      if (!(firewall && backup)) await new Promise((r2) => setTimeout(r2, 50));
    }
    expect(firewall && backup).toBeTruthy();
  }, 60_000);
  afterAll(async () => {
    agent?.close();
    await h?.close();
  }, 60_000);

  it('internal IT cannot acknowledge or snooze a provider-owned alert; the refusal says why', async () => {
    const ack = await call(`/api/v1/alerts/${firewall}/ack`, internalAdmin, { comment: 'mine now' });
    expect(ack).toMatchObject({ status: 403, body: { error: { code: 'COL_ERR_GUARDRAIL', message: expect.stringContaining('this alert is owned by the provider, and internal IT may not acknowledge it') } } });
    const snooze = await call(`/api/v1/alerts/${firewall}/snooze`, internalAdmin, { minutes: 30 });
    expect(snooze.body.error?.message).toContain('internal IT may not snooze it');
    // Still firing: the provider's escalation clock runs on.
    expect(((await (await fetch(`${h.url}/api/v1/alerts/${firewall}`, { headers: { authorization: `Bearer ${h.adminToken}` } })).json()) as { state: string }).state).toBe('firing');
  });

  it('an alert owned by both may be acknowledged by internal IT', async () => {
    expect(await call(`/api/v1/alerts/${backup}/ack`, internalAdmin, { comment: 'restarting the job' })).toMatchObject({ status: 200, body: { state: 'acknowledged' } });
  });

  it('another tenant\'s alert stays not found, guardrail or not', async () => {
    expect(await call(`/api/v1/alerts/${firewall}/ack`, globexAdmin, { comment: 'x' })).toMatchObject({ status: 404, body: { error: { code: 'COL_ERR_NOT_FOUND' } } });
  });

  it('with crossTeamActions.internal set by the provider, internal IT may acknowledge it', async () => {
    await put(ownership(', crossTeamActions: { internal: true }'));
    expect(await call(`/api/v1/alerts/${firewall}/ack`, internalAdmin, { comment: 'agreed with the NOC' })).toMatchObject({ status: 200, body: { state: 'acknowledged' } });
  });
});
