// Channel credentials are write-only: no role reads a secret back from the
// ownership config, its versions or the audit log; internal roles do not see
// the provider's channels beyond name and type; and a config read from the
// API and written back keeps every stored secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';

const MARK = {
  hmac: 'hmac-MARKER-4f1e2d3c',
  header: 'hdr-MARKER-9a8b7c6d',
  urlKey: 'urlkey-MARKER-5e6f7a8b',
  pager: 'pd-MARKER-1a2b3c4d5e6f',
  smtp: 'smtp-MARKER-0f9e8d7c',
  providerHook: 'noc-MARKER-7777aaaa',
};

const ownershipYaml = `# who gets what at Acme
teams:
  internal:
    name: Acme IT
    channels:
      - name: it-hook
        type: webhook
        url: https://hooks.example/acme/${MARK.urlKey}
        hmacSecret: ${MARK.hmac}
        headers: { X-Api-Key: ${MARK.header}, X-From: env:TANDEM_TEST_UNSET }
      - name: it-mail
        type: email
        to: [it@acme.example]
        smtp: { host: 127.0.0.1, port: 2525, user: alerts, password: ${MARK.smtp}, from: tandem@acme.example }
  provider:
    name: NOC
    channels:
      - { name: noc-pager, type: pagerduty, routingKey: ${MARK.pager} }
      - { name: noc-hook, type: slack, url: "https://hooks.slack.example/services/${MARK.providerHook}" }
lines: []
`;

let h: Harness;
let viewer: string;
let internalAdmin: string;
let noc: string;

async function api(path: string, token: string, init: { method?: string; body?: string; type?: string } = {}) {
  const res = await fetch(`${h.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': init.type ?? 'application/yaml' } : {}) },
    body: init.body,
  });
  return { status: res.status, text: await res.text() };
}

const leaks = (text: string) => Object.values(MARK).filter((m) => text.includes(m) || text.includes(m.slice(0, -4)));

beforeAll(async () => {
  h = await startHarness();
  viewer = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'viewer', role: 'internal-viewer' })).token;
  internalAdmin = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme it', role: 'internal-admin' })).token;
  noc = (await h.server.store.createApiToken({ tenantId: null, name: 'noc', role: 'provider-noc' })).token;
  const put = await api('/api/v1/tenants/acme/ownership', h.adminToken, { method: 'PUT', body: ownershipYaml });
  expect(put.status).toBe(200);
  // Even the answer to the write carries no secret.
  expect(leaks(put.text)).toEqual([]);
}, 60_000);
afterAll(async () => { await h.close(); });

describe('channel secrets in the API', () => {
  it('a read-only viewer no longer reads HMAC secrets, URL keys, headers, the PagerDuty key or the SMTP password', async () => {
    for (const path of ['/api/v1/tenants/acme/ownership', '/api/v1/tenants/acme/ownership/versions/1', '/api/v1/tenants/acme/audit']) {
      const r = await api(path, viewer);
      expect(r.status, path).toBe(200);
      expect(leaks(r.text), path).toEqual([]);
    }
    const doc = JSON.parse((await api('/api/v1/tenants/acme/ownership', viewer)).text);
    const hook = doc.document.teams.internal.channels[0];
    expect(hook.hmacSecret).toBe(`••••${MARK.hmac.slice(-4)}`);
    expect(hook.url).toBe(`https://hooks.example/••••${MARK.urlKey.slice(-4)}`);
    expect(hook.headers).toEqual({ 'X-Api-Key': `••••${MARK.header.slice(-4)}`, 'X-From': 'env:TANDEM_TEST_UNSET' });
    // The text keeps its comment and layout, secrets masked.
    expect(doc.text).toContain('# who gets what at Acme');
    expect(doc.text).toContain(`hmacSecret: "••••${MARK.hmac.slice(-4)}"`);
  });

  it('internal roles see the provider\'s channels by name and type only', async () => {
    for (const token of [viewer, internalAdmin]) {
      const doc = JSON.parse((await api('/api/v1/tenants/acme/ownership', token)).text);
      expect(doc.document.teams.provider.channels).toEqual([{ name: 'noc-pager', type: 'pagerduty' }, { name: 'noc-hook', type: 'slack' }]);
      expect(doc.text).toContain('{ name: "noc-pager", type: "pagerduty" }');
      expect(doc.text).not.toContain('routingKey');
    }
    // Provider staff see them, masked.
    const asNoc = JSON.parse((await api('/api/v1/tenants/acme/ownership', noc)).text);
    expect(asNoc.document.teams.provider.channels[0]).toEqual({ name: 'noc-pager', type: 'pagerduty', routingKey: `••••${MARK.pager.slice(-4)}` });
    expect(leaks(JSON.stringify(asNoc))).toEqual([]);
  });

  it('writing back a config read from the API keeps the stored secrets instead of destroying them', async () => {
    const read = JSON.parse((await api('/api/v1/tenants/acme/ownership', h.adminToken)).text);
    const changed = read.text.replace('name: Acme IT', 'name: Acme IT team');
    const put = await api('/api/v1/tenants/acme/ownership', h.adminToken, { method: 'PUT', body: changed });
    expect(put.status).toBe(200);
    const stored = await h.server.routing.engine.ownership('acme');
    expect(stored.version).toBe(2);
    const channels = (stored.document as any).teams;
    expect(channels.internal.name).toBe('Acme IT team');
    expect(channels.internal.channels[0]).toMatchObject({ url: `https://hooks.example/acme/${MARK.urlKey}`, hmacSecret: MARK.hmac, headers: { 'X-Api-Key': MARK.header } });
    expect(channels.internal.channels[1].smtp.password).toBe(MARK.smtp);
    expect(channels.provider.channels[0].routingKey).toBe(MARK.pager);
    // The stored text holds the real secret (it is what a restart loads), with the edit and the comment.
    expect(stored.text).toContain(`"${MARK.hmac}"`);
    expect(stored.text).toContain('# who gets what at Acme');
    // As JSON too.
    const asJson = await api('/api/v1/tenants/acme/ownership', h.adminToken, { method: 'PUT', body: JSON.stringify(read.document), type: 'application/json' });
    expect(asJson.status).toBe(200);
    expect(((await h.server.routing.engine.ownership('acme')).document as any).teams.provider.channels[0].routingKey).toBe(MARK.pager);
  });

  it('refuses a masked value that stands for no stored secret (a renamed channel) instead of storing the mask', async () => {
    const read = JSON.parse((await api('/api/v1/tenants/acme/ownership', h.adminToken)).text);
    const renamed = read.text.replace('name: it-hook', 'name: it-hook-2');
    const put = await api('/api/v1/tenants/acme/ownership', h.adminToken, { method: 'PUT', body: renamed });
    expect(put.status).toBe(400);
    const error = JSON.parse(put.text).error;
    expect(error.code).toBe('COL_ERR_OWNERSHIP_INVALID');
    expect(error.message).toContain('teams.internal.channels.0.hmacSecret: ');
    expect(error.message).toContain('channel "it-hook-2" of team internal has no stored secret');
  });
});
