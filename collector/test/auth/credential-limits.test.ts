// Failed credentials against a real collector: one kind's failures never
// refuse a valid credential, of that kind or another, from the same address;
// behind a trusted proxy each client is counted on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RawAgent, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { parseCollectorConfig } from '../../src/config.js';

const get = async (h: Harness, path: string, headers: Record<string, string>) => {
  const res = await fetch(`${h.url}${path}`, { headers });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { error?: { code: string } } };
};
const badToken = (i: number) => `tdm_${'x'.repeat(40)}${String(i).padStart(3, '0')}`;

/** The agent socket's answer before the upgrade: 101 (open) or the refusal's status. */
function socketStatus(h: Harness, credential: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(h.wsUrl, { headers: { authorization: `Bearer ${credential}`, ...headers } });
    ws.once('open', () => { ws.terminate(); resolve(101); });
    ws.once('unexpected-response', (_req, res) => { res.resume(); resolve(res.statusCode ?? 0); });
    ws.once('error', reject);
  });
}

describe('without a trusted proxy', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness('limits: { authFailuresPerMinute: 5 }\n'); });
  afterAll(async () => { await h.close(); });

  it('bad bearer tokens from an address no longer lock out every valid token and agent socket from it', async () => {
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await get(h, '/api/v1/tenants', { authorization: `Bearer ${badToken(i)}` }));
    expect(answers.slice(0, 4).map((a) => a.status)).toEqual([401, 401, 401, 401]);
    expect(answers.slice(5).map((a) => a.status)).toEqual([429, 429, 429]);
    expect(answers[7]!.body.error!.code).toBe('COL_ERR_RATE_LIMITED');
    expect(Number(answers[7]!.retryAfter)).toBeGreaterThan(0);
    // The same address, valid credentials: the API token and the agent socket both get in.
    expect((await get(h, '/api/v1/tenants', { authorization: `Bearer ${h.adminToken}` })).status).toBe(200);
    const device = await h.enroll();
    const agent = await RawAgent.connect(h.wsUrl, device.deviceId, device.secret);
    agent.ws.terminate();
    // And a valid enrollment token still enrolls.
    const { token } = await h.server.store.createEnrollToken({ tenantId: 'acme' });
    const enrolled = await fetch(`${h.url}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, hostname: 'new-host' }) });
    expect(enrolled.status).toBe(201);
  });

  it('wrong device secrets are counted per claimed device id too, and never refuse that device\'s real secret', async () => {
    const device = await h.enroll();
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push(await socketStatus(h, `${device.deviceId}.tdd_${'y'.repeat(43)}`));
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    expect(await socketStatus(h, `${device.deviceId}.${device.secret}`)).toBe(101);
  });

  it('an X-Forwarded-For from a peer that is not a trusted proxy is ignored', async () => {
    const h2 = await startHarness('limits: { authFailuresPerMinute: 3 }\n');
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await get(h2, '/api/v1/tenants', { authorization: `Bearer ${badToken(i)}`, 'x-forwarded-for': `198.51.100.${i}` })).status);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await h2.close();
    }
  });
});

describe('behind a trusted reverse proxy', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness('trustProxy: [127.0.0.1]\nlimits: { authFailuresPerMinute: 3 }\n'); });
  afterAll(async () => { await h.close(); });

  it('one client guessing tokens does not rate-limit the other clients behind the same proxy', async () => {
    for (let i = 0; i < 5; i++) await get(h, '/api/v1/tenants', { authorization: `Bearer ${badToken(i)}`, 'x-forwarded-for': '198.51.100.66' });
    expect((await get(h, '/api/v1/tenants', { authorization: `Bearer ${badToken(9)}`, 'x-forwarded-for': '198.51.100.66' })).status).toBe(429);
    expect((await get(h, '/api/v1/tenants', { authorization: `Bearer ${badToken(9)}`, 'x-forwarded-for': '203.0.113.5' })).status).toBe(401);
    expect((await get(h, '/api/v1/tenants', { authorization: `Bearer ${h.adminToken}`, 'x-forwarded-for': '198.51.100.66' })).status).toBe(200);
  });
});

describe('trustProxy config', () => {
  it('names a proxy entry that is not an address or CIDR block', () => {
    expect(() => parseCollectorConfig('trustProxy: [10.0.0.0/8, "::1", proxy.example, 10.0.0.0/33]\n', 'collector.yaml'))
      .toThrow(/collector\.yaml: trustProxy\.2: expected an IP address or CIDR block like 10\.0\.0\.0\/8\n {2}collector\.yaml: trustProxy\.3: expected an IP address/);
  });
});
