// Comments and assignment: notes in the alert's history that change neither
// its state nor page anyone; tenant-scoped like every other action.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawAgent, sampleSnapshot, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';

let h: Harness;
let otherTenant: string;
let alertId: string;

async function post(path: string, token: string, body: unknown) {
  const res = await fetch(`${h.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

beforeAll(async () => {
  h = await startHarness('rules: { overrides: [{ rule: disk-full, for: 0s }] }');
  await h.server.store.createTenant({ id: 'globex', name: 'Globex' });
  otherTenant = (await h.server.store.createApiToken({ tenantId: 'globex', name: 'globex it', role: 'internal-admin' })).token;
  const d = await h.enroll();
  const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
  agent.hello(d.deviceId);
  agent.report(1, sampleSnapshot(d.deviceId, 97));
  await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
  agent.close();
  for (let i = 0; i < 100 && !alertId; i++) {
    const res = await fetch(`${h.url}/api/v1/alerts?device=${d.deviceId}&state=firing`, { headers: { authorization: `Bearer ${h.adminToken}` } });
    alertId = ((await res.json()) as { alerts: Array<{ id: string }> }).alerts[0]?.id ?? '';
    if (!alertId) await new Promise((r) => setTimeout(r, 50));
  }
});
afterAll(async () => { await h.close(); });

describe('comment and assign', () => {
  it('records a comment in the history without changing the state', async () => {
    const r = await post(`/api/v1/alerts/${alertId}/comment`, h.adminToken, { comment: 'Vendor ticket 4711 opened' });
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('firing');
    const full = await (await fetch(`${h.url}/api/v1/alerts/${alertId}`, { headers: { authorization: `Bearer ${h.adminToken}` } })).json() as { history: Array<{ cause: string; comment: string; notified: boolean }> };
    expect(full.history.at(-1)).toMatchObject({ cause: 'comment', comment: 'Vendor ticket 4711 opened', notified: false });
  });

  it('assigns the alert to a person', async () => {
    const r = await post(`/api/v1/alerts/${alertId}/assign`, h.adminToken, { assignee: 'kim@noc.example', comment: 'storage on-call' });
    expect(r.status).toBe(200);
    expect(r.body.assignee).toMatchObject({ to: 'kim@noc.example', by: 'test admin' });
    expect(r.body.state).toBe('firing');
  });

  it('refuses another tenant and a bad body', async () => {
    expect((await post(`/api/v1/alerts/${alertId}/comment`, otherTenant, { comment: 'x' })).status).toBe(404);
    expect((await post(`/api/v1/alerts/${alertId}/assign`, h.adminToken, { comment: 'no assignee' })).status).toBe(400);
  });
});
