// The route tester answers what the live router does: the same ownership
// YAML set on a running collector and given to `routes test`, the same
// alert (its labels and fire time) — the same owner, SLA and trace.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawAgent, startHarness } from '../support/harness.js';
import type { Harness } from '../support/harness.js';
import { healthySnapshot } from '../rules/support.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

// Hours, away periods, coverage and tuning-free lines: the answer depends on the labels and the time.
const YAML = `
teams:
  internal:
    name: Acme IT
    channels: [{ name: it-mail, type: email, to: [it@acme.example], activeDuring: hours }]
    hours: { timeZone: Europe/Berlin, days: [mon, tue, wed, thu, fri], from: "08:00", to: "17:30" }
  provider:
    name: NOC
    channels: [{ name: noc-hook, type: webhook, url: "http://127.0.0.1:9/noc" }]
defaults: { owner: provider, sla: { critical: 45m } }
lines:
  - id: hq-security
    match: { category: security, site: hq, tags: "/^fin/" }
    owner: internal
    sla: { critical: 20m }
  - { id: laptops, match: { role: [laptop] }, owner: internal }
coverage: { outsideHours: other }
escalation: { to: both, repeatEvery: 10m, maxReminders: 2 }
`;

let h: Harness;
let dir: string;
let agent: RawAgent;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tandem-routes-live-'));
  writeFileSync(join(dir, 'ownership.yaml'), YAML);
  h = await startHarness('routing: { escalationCheckSeconds: 3600, notify: { attempts: 1, groupWaitSeconds: 0 } }');
  const res = await fetch(`${h.url}/api/v1/tenants/acme/ownership`, { method: 'PUT', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/yaml' }, body: YAML });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  agent?.close();
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('routes test and the live router', { timeout: 60_000 }, () => {
  it('answer the same owner, SLA and trace for the same alert and time', async () => {
    const { token } = await h.server.store.createEnrollToken({ tenantId: 'acme', site: 'hq', tags: ['finance', 'floor-2'] });
    const d = await h.server.store.enrollDevice(token, { hostname: 'fin-ws-07', os: 'linux', agentVersion: '0.1.0' });
    agent = await RawAgent.connect(h.wsUrl, d.deviceId, d.deviceSecret);
    agent.hello(d.deviceId);
    const s = healthySnapshot(d.deviceId, Date.now());
    s.security!.firewall.enabled = false;
    agent.report(1, s);
    await agent.waitFor((fs) => fs.some((f) => f.body === 'ack'));

    const auth = { authorization: `Bearer ${h.adminToken}` };
    let alert: { id: string; ruleId: string; category: string; severity: string } | undefined;
    for (let i = 0; i < 100 && !alert; i++) {
      const r = (await (await fetch(`${h.url}/api/v1/alerts?device=${d.deviceId}&state=firing`, { headers: auth })).json()) as { alerts: Array<typeof alert & object> };
      alert = r.alerts.find((a) => a.ruleId === 'firewall-off');
      if (!alert) await new Promise((r2) => setTimeout(r2, 50));
    }
    expect(alert).toBeDefined();
    const live = (await (await fetch(`${h.url}/api/v1/alerts/${alert!.id}/routing`, { headers: auth })).json()) as { routed: boolean; owner: string; slaMinutes: number; trace: string[]; firedAt: string };
    expect(live.routed).toBe(true);

    // The alert's labels as the router saw them: the device's enrollment and its reported inventory.
    const device = (await (await fetch(`${h.url}/api/v1/devices/${d.deviceId}`, { headers: auth })).json()) as { site: string; tags: string[]; status: { inventory: { os: string; chassis: string } } };
    const labels = [
      `category=${alert!.category}`, `severity=${alert!.severity}`, `rule=${alert!.ruleId}`, `site=${device.site}`, `tags=${device.tags.join(',')}`,
      `os=${device.status.inventory.os}`, `role=${device.status.inventory.chassis}`,
    ];
    const { stdout } = await run(process.execPath, [CLI, 'routes', 'test', '--config', join(dir, 'ownership.yaml'), '--tenant', 'acme', '--at', live.firedAt, '--json', ...labels]);
    const tested = JSON.parse(stdout) as { owner: string; slaMinutes: number; trace: string[] };
    expect({ owner: tested.owner, slaMinutes: tested.slaMinutes, trace: tested.trace }).toEqual({ owner: live.owner, slaMinutes: live.slaMinutes, trace: live.trace });
    expect(tested.trace[0]).toBe('line 1 (hq-security): category=security, site=hq, tags=/^fin/ → internal');
    expect(tested.slaMinutes).toBe(20);
  });
});
