// The live alert stream against an in-process collector with real sockets:
// agents report over the wire, stream clients see the snapshot and every
// change, only within their tenant scope and filters; a client that does not
// read is dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '@tandem/proto';
import { RawAgent, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { healthySnapshot } from '../rules/support.js';
import type { AlertState } from '../../src/rules/alert-state.js';
import { StreamTestClient } from './stream-client.js';

let h: Harness;
let globexToken: string;
let acmeViewer: string;
let acmeDevice: string;

const broken = (deviceId: string): Snapshot => {
  const s = healthySnapshot(deviceId, Date.now());
  s.security!.firewall.enabled = false;
  s.backup!.jobs[0]!.lastResult = 'failed';
  s.backup!.jobs[0]!.detail = 'repository locked';
  return s;
};

async function report(tenant: string, snapshot: (deviceId: string) => Snapshot): Promise<string> {
  const d = await h.enroll(tenant);
  const agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.secret);
  agent.hello(d.deviceId);
  agent.report(1, snapshot(d.deviceId));
  await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));
  agent.close();
  return d.deviceId;
}

async function alertsOf(deviceId: string, state: string, want: (alerts: Array<{ ruleId: string }>) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await fetch(`${h.url}/api/v1/alerts?device=${deviceId}&state=${state}`, { headers: { authorization: `Bearer ${h.adminToken}` } });
    if (want(((await res.json()) as { alerts: Array<{ ruleId: string }> }).alerts)) return;
    if (Date.now() > deadline) throw new Error(`device ${deviceId}: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  h = await startHarness();
  await h.server.store.createTenant({ id: 'globex', name: 'Globex' });
  globexToken = (await h.server.store.createApiToken({ tenantId: 'globex', name: 'globex it', role: 'internal-admin' })).token;
  acmeViewer = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme viewer', role: 'internal-viewer' })).token;
  acmeDevice = await report('acme', broken);
  await alertsOf(acmeDevice, 'firing', (a) => a.length >= 2, 'fewer than 2 firing alerts');
  // The agent hung up without a Goodbye: agent-offline is pending once the collector has noticed.
  await alertsOf(acmeDevice, 'pending', (a) => a.some((x) => x.ruleId === 'agent-offline'), 'no pending agent-offline alert');
});
// Teardown closes every stream client and agent socket and the store; on a
// busy machine, after the 40 MB burst below, that can take a while.
afterAll(async () => { await h.close(); }, 60_000);

describe('alert stream', () => {
  it('greets with who is connected, then sends the open alerts', async () => {
    const c = await StreamTestClient.withToken(h.url, h.adminToken);
    try {
      const snapshot = await c.snapshot();
      expect(c.messages[0]).toMatchObject({ type: 'hello', principal: { name: 'test admin', role: 'provider-admin', tenants: 'all' }, filter: {}, heartbeatSeconds: 30 });
      const mine = snapshot.alerts.filter((a: { deviceId: string }) => a.deviceId === acmeDevice);
      expect(mine.map((a: { ruleId: string; state: string }) => `${a.ruleId}:${a.state}`).sort()).toEqual(['agent-offline:pending', 'backup-failed:firing', 'firewall-off:firing']);
      const firewall = mine.find((a: { ruleId: string }) => a.ruleId === 'firewall-off');
      expect(firewall).toMatchObject({ tenantId: 'acme', severity: 'critical', category: 'security', version: expect.any(Number) });
      expect(firewall).toHaveProperty('owner');
      expect(firewall).toHaveProperty('slaDueAt');
    } finally {
      c.close();
    }
  });

  it('sends a change live when a device reports a problem', async () => {
    const c = await StreamTestClient.withToken(h.url, h.adminToken);
    try {
      await c.snapshot();
      const d = await report('acme', broken);
      const live = await c.waitFor((ms) => ms.find((m) => m.type === 'alert' && m.alert.deviceId === d && m.alert.ruleId === 'firewall-off'));
      expect(live.alert).toMatchObject({ state: 'firing', severity: 'critical', tenantId: 'acme' });
      expect(live.transition).toMatchObject({ from: null, to: 'firing', notify: true });
    } finally {
      c.close();
    }
  });

  it('filters by severity, category and tenant', async () => {
    const critical = await StreamTestClient.withToken(h.url, h.adminToken, '?severity=critical');
    const backup = await StreamTestClient.withToken(h.url, h.adminToken, '?category=backup,disk');
    const globexOnly = await StreamTestClient.withToken(h.url, h.adminToken, '?tenant=globex');
    try {
      const [s1, s2, s3] = await Promise.all([critical.snapshot(), backup.snapshot(), globexOnly.snapshot()]);
      expect(s1.alerts.length).toBeGreaterThan(0);
      expect(s1.alerts.every((a: { severity: string }) => a.severity === 'critical')).toBe(true);
      expect(s2.alerts.length).toBeGreaterThan(0);
      expect(s2.alerts.every((a: { category: string }) => a.category === 'backup')).toBe(true);
      expect(s3.alerts).toEqual([]);
      const g = await report('globex', broken);
      await critical.waitFor((ms) => ms.find((m) => m.type === 'alert' && m.alert.deviceId === g));
      await globexOnly.waitFor((ms) => ms.find((m) => m.type === 'alert' && m.alert.deviceId === g && m.alert.ruleId === 'firewall-off'));
      await backup.waitFor((ms) => ms.find((m) => m.type === 'alert' && m.alert.deviceId === g && m.alert.ruleId === 'backup-failed'));
      expect(critical.alertsSeen().every((a) => a.severity === 'critical')).toBe(true);
      expect(backup.alertsSeen().every((a) => a.ruleId.startsWith('backup-'))).toBe(true);
      expect(globexOnly.alertsSeen().every((a) => a.tenantId === 'globex')).toBe(true);
    } finally {
      critical.close();
      backup.close();
      globexOnly.close();
    }
  });

  it("never sends tenant B's token tenant A's alerts", async () => {
    const globex = await StreamTestClient.withToken(h.url, globexToken);
    const viewer = await StreamTestClient.withToken(h.url, acmeViewer);
    try {
      await Promise.all([globex.snapshot(), viewer.snapshot()]);
      expect(globex.messages[0]).toMatchObject({ type: 'hello', principal: { tenants: ['globex'] } });
      const a = await report('acme', broken);
      const g = await report('globex', broken);
      await viewer.waitFor((ms) => ms.find((m) => m.type === 'alert' && m.alert.deviceId === a));
      await globex.waitFor((ms) => ms.find((m) => m.type === 'alert' && m.alert.deviceId === g));
      // Every message that reached it, snapshot included, is its own tenant's.
      expect(globex.alertsSeen().length).toBeGreaterThan(0);
      expect(globex.alertsSeen().every((x) => x.tenantId === 'globex')).toBe(true);
      expect(viewer.alertsSeen().every((x) => x.tenantId === 'acme')).toBe(true);
      expect(JSON.stringify(globex.messages)).not.toContain(acmeDevice);
      // Asking for the other tenant is "not found", as on the REST API.
      await expect(StreamTestClient.withToken(h.url, globexToken, '?tenant=acme')).rejects.toThrow(/HTTP 404 .*COL_ERR_NOT_FOUND/);
    } finally {
      globex.close();
      viewer.close();
    }
  });

  it('shows each alert\'s owner and response time, and moves it when internal IT keeps the rule', async () => {
    const acmeAdmin = (await h.server.store.createApiToken({ tenantId: 'acme', name: 'acme it', role: 'internal-admin' })).token;
    const provider = await StreamTestClient.withToken(h.url, h.adminToken, '?owner=provider&tenant=acme');
    const internal = await StreamTestClient.withToken(h.url, acmeAdmin, '?owner=internal');
    try {
      await Promise.all([provider.snapshot(), internal.snapshot()]);
      // Routed when it fired (in the snapshot, or just after if routing was still deciding): the default owner is the provider.
      const firewall = await provider.waitFor(() => provider.alertsSeen().find((a) => a.deviceId === acmeDevice && a.ruleId === 'firewall-off')) as any;
      expect(firewall).toMatchObject({ owner: 'provider', slaMinutes: expect.any(Number), routing: { owner: 'provider' } });
      expect(Date.parse(firewall.slaDueAt) - Date.parse(firewall.firedAt)).toBe(firewall.slaMinutes * 60_000);
      const res = await fetch(`${h.url}/api/v1/tenants/acme/tuning`, {
        method: 'POST',
        headers: { authorization: `Bearer ${acmeAdmin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'keep', match: { rule: 'firewall-off' }, reason: 'we run the firewalls ourselves' }),
      });
      expect(res.status).toBe(201);
      const moved = await internal.waitFor((ms) => ms.find((m) => m.type === 'alert' && m.alert.id === firewall.id));
      expect(moved).toMatchObject({ alert: { owner: 'internal', state: 'firing' }, transition: null });
      const gone = await provider.waitFor((ms) => ms.find((m) => m.type === 'remove' && m.id === firewall.id));
      expect(gone.reason).toBe('filtered');
    } finally {
      provider.close();
      internal.close();
    }
  });

  it('refuses missing credentials, bad filters and other sites', async () => {
    await expect(StreamTestClient.open(h.url)).rejects.toThrow(/HTTP 401 .*COL_ERR_UNAUTHORIZED/);
    await expect(StreamTestClient.withToken(h.url, 'tdm_forged')).rejects.toThrow(/HTTP 401/);
    await expect(StreamTestClient.withToken(h.url, h.adminToken, '?severity=huge')).rejects.toThrow(/HTTP 400 .*querystring\/severity: \\"huge\\" is not one of info, warning, critical/);
    await expect(StreamTestClient.open(h.url, '', { authorization: `Bearer ${h.adminToken}`, origin: 'https://evil.example' })).rejects.toThrow(/HTTP 403 .*COL_ERR_FORBIDDEN/);
    const sameSite = await StreamTestClient.open(h.url, '', { authorization: `Bearer ${h.adminToken}`, origin: h.url });
    sameSite.close();
  });

  it('accepts an API token offered as a subprotocol, as a browser page does', async () => {
    const c = await StreamTestClient.open(h.url, '', { origin: h.url }, ['tandem.v1', `tandem.bearer.${acmeViewer}`]);
    try {
      expect(c.ws.protocol).toBe('tandem.v1');
      await c.snapshot();
      expect(c.messages[0]).toMatchObject({ principal: { name: 'acme viewer', role: 'internal-viewer' } });
    } finally {
      c.close();
    }
  });

  it('drops a client that stops reading, and keeps serving the others', async () => {
    const slow = await StreamTestClient.withToken(h.url, h.adminToken);
    const fast = await StreamTestClient.withToken(h.url, h.adminToken, '?tenant=acme');
    try {
      await Promise.all([slow.snapshot(), fast.snapshot()]);
      // Stop reading: the kernel buffers fill, then the collector's.
      const raw = (slow.ws as unknown as { _socket: import('node:net').Socket })._socket;
      raw.pause();
      const big = 'x'.repeat(10_000);
      let sent = 0;
      // A burst of changes (about 40 MB of messages).
      for (let batch = 0; batch < 80; batch++) {
        for (let i = 0; i < 50; i++) {
          sent++;
          const alert = { id: `burst_${sent}`, key: `acme/${acmeDevice}/burst/${sent}`, tenantId: 'acme', deviceId: acmeDevice, ruleId: 'burst', instance: String(sent), category: 'disk', severity: 'warning', status: 'firing', flapping: false, summary: big, labels: {}, pendingSince: Date.now(), firedAt: Date.now(), resolvedAt: null, updatedAt: Date.now(), ack: null, snoozedUntil: null, tracking: { changes: [], clearSince: null, lowerSince: null, rearm: false }, historyCount: 1 } as AlertState;
          h.server.bus.publish('alert.changed', { alert, transition: { alertId: alert.id, key: alert.key, seq: 1, at: Date.now(), from: null, to: 'firing', severity: 'warning', cause: 'burst', actor: null, comment: null, notify: true } });
        }
        // Paced by the reading client: it shares this process's event loop with the collector, so on a
        // busy machine an unpaced burst would make it too slow as well.
        const last = `burst_${sent}`;
        await fast.waitFor((ms) => ms.some((m) => m.type === 'alert' && m.alert.id === last), 60_000);
      }
      expect(fast.closeCode).toBeNull();
      raw.resume();
      // The close frame waits behind what the slow client never read; if it does not read it
      // within the collector's grace period (a busy machine), the socket is cut instead (1006).
      const code = await slow.waitClosed(30_000);
      expect([4429, 1006]).toContain(code);
      if (code === 4429) expect(slow.closeReason).toMatch(/client too slow: more than \d+ bytes waiting/);
      // It got part of the burst, never all of it.
      expect(slow.messages.filter((m) => m.type === 'alert').length).toBeLessThan(sent);
    } finally {
      // The slow client may still have megabytes in flight: cut it rather than wait for a close handshake.
      slow.ws.terminate();
      fast.close();
    }
  }, 150_000);
});
