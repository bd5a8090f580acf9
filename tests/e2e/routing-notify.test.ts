// Routing and notifications end to end: a real collector process with a
// frequent escalation check, a real agent process (acting as Windows, fed
// recorded tool outputs) whose disk fills up, and a local HTTP receiver
// standing in for both teams' signed webhook channels. The alert reaches
// exactly its owner with the routing trace, escalates to the other team once
// its one-minute SLA passes unacknowledged, and when the disk is fine again
// both teams hear it is resolved.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FakePrograms } from '../support/fake-programs.mjs';
import { dfPrograms, windowsPrograms } from '../support/recorded-endpoints.mjs';
import { Proc, startCollector, tempDir, waitUntil } from '../support/processes.js';
import type { RunningCollector } from '../support/processes.js';
import { enrollAgent, startWindowsAgent } from '../support/agents.js';
import type { AgentHome } from '../support/agents.js';

const EVERY_2S = '*/2 * * * * *';
const INTERNAL_KEY = 'internal-signing-key-5c1d';
const NOC_KEY = 'noc-signing-key-77ab';
const started = Date.now();
/** The whole file must finish well inside two minutes. */
const BUDGET_MS = 110_000;
const left = () => Math.max(1000, BUDGET_MS - (Date.now() - started));

interface Post { team: 'internal' | 'noc'; at: number; body: Record<string, any>; signed: boolean }

let collector: RunningCollector;
let receiver: Server;
let receiverUrl: string;
const posts: Post[] = [];
let apiToken: string;
let home: AgentHome;
let backups: string;
let agent: Proc | null = null;
let alertId: string;
let firedAt: number;

function verify(body: string, header: string | string[] | undefined, key: string): boolean {
  if (typeof header !== 'string') return false;
  const want = Buffer.from(`sha256=${createHmac('sha256', key).update(body).digest('hex')}`);
  const got = Buffer.from(header);
  return got.length === want.length && timingSafeEqual(got, want);
}

function startReceiver(): Promise<void> {
  receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => {
      const team = req.url === '/internal' ? 'internal' : 'noc';
      const signed = verify(body, req.headers['x-tandem-signature'], team === 'internal' ? INTERNAL_KEY : NOC_KEY);
      posts.push({ team, at: Date.now(), body: JSON.parse(body) as Record<string, any>, signed });
      res.writeHead(signed ? 200 : 401).end();
    });
  });
  return new Promise((r) => receiver.listen(0, '127.0.0.1', () => {
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    r();
  }));
}

/** The recorded tools of a healthy Windows endpoint; only the system volume's fill level changes. */
function programs(diskUsedPercent: number): FakePrograms {
  return { ...windowsPrograms(), ...dfPrograms([{ device: '/dev/sda1', fsType: 'ext4', mount: '/', sizeGb: 95, usedPercent: diskUsedPercent }]) };
}

function startAgent(diskUsedPercent: number): void {
  writeFileSync(join(backups, 'nightly.zip'), 'backup');
  agent = startWindowsAgent(home, programs(diskUsedPercent));
}

const ownership = () => `
teams:
  internal:
    name: Acme IT
    channels: [{ name: it-hook, type: webhook, url: "${receiverUrl}/internal", hmacSecret: env:TANDEM_E2E_INTERNAL_KEY }]
  provider:
    name: Northwind NOC
    channels: [{ name: noc-hook, type: webhook, url: "${receiverUrl}/noc", hmacSecret: env:TANDEM_E2E_NOC_KEY }]
defaults: { owner: provider }
lines:
  - id: disks
    match: { rule: disk-full }
    owner: internal
    sla: { critical: 1m, warning: 1m }
escalation: { to: other, repeatEvery: 30m, maxReminders: 1 }
`;

const about = (p: Post) => p.body.alert?.id === alertId || (p.body.alerts ?? []).some((a: { id: string }) => a.id === alertId);
const got = (team: Post['team'], kind: string) => posts.filter((p) => p.team === team && p.body.kind === kind && about(p));

beforeAll(async () => {
  await startReceiver();
  // Credentials reach the collector through its environment; the stored config names them only.
  process.env.TANDEM_E2E_INTERNAL_KEY = INTERNAL_KEY;
  process.env.TANDEM_E2E_NOC_KEY = NOC_KEY;
  collector = await startCollector([
    'rules:',
    '  evaluateEverySeconds: 1',
    '  overrides:',
    '    - { rule: disk-full, for: 2s }',
    'routing:',
    '  escalationCheckSeconds: 1',
    '  notify: { attempts: 3, backoffMs: 200, timeoutMs: 3000, groupWaitSeconds: 1 }',
    '',
  ].join('\n'));
  await collector.cli(['tenant', 'create', '--id', 'acme', '--name', 'Acme']);
  apiToken = (await collector.cli(['token', 'create', '--name', 'noc lead'])).stdout.trim();
  const put = await fetch(`${collector.url}/api/v1/tenants/acme/ownership`, {
    method: 'PUT', headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/yaml' }, body: ownership(),
  });
  expect(put.status).toBe(200);
  backups = join(tempDir('backups'), 'nightly');
  mkdirSync(backups);
  const schedules = `schedules: { inventory: "${EVERY_2S}", patch: "${EVERY_2S}", disk: "${EVERY_2S}", backup: "${EVERY_2S}", security: "${EVERY_2S}" }`;
  home = await enrollAgent(collector, 'acme', `${schedules}\nbackoff: { baseMs: 100, capMs: 1000 }\nbackup: { providers: [{ type: file-freshness, name: nightly, path: ${backups} }] }\n`);
}, 30_000);

afterAll(async () => {
  await agent?.stop('SIGKILL');
  await collector?.proc.stop();
  await new Promise<void>((r) => { receiver?.closeAllConnections(); receiver?.close(() => r()); });
  delete process.env.TANDEM_E2E_INTERNAL_KEY;
  delete process.env.TANDEM_E2E_NOC_KEY;
});

describe('an alert from a real agent, routed and notified', () => {
  it('reaches exactly the owner\'s channel, signed, with the routing trace', async () => {
    startAgent(96);
    const alert = await waitUntil(async () => {
      const res = await fetch(`${collector.url}/api/v1/alerts?device=${home.deviceId}&state=firing`, { headers: { authorization: `Bearer ${apiToken}` } });
      return ((await res.json()) as { alerts: Array<{ id: string; ruleId: string }> }).alerts.find((a) => a.ruleId === 'disk-full');
    }, 30_000, 'disk-full firing');
    alertId = alert.id;
    const routing = (await (await fetch(`${collector.url}/api/v1/alerts/${alertId}/routing`, { headers: { authorization: `Bearer ${apiToken}` } })).json()) as Record<string, any>;
    expect(routing).toMatchObject({ owner: 'internal', slaMinutes: 1, channels: [{ team: 'internal', channel: 'it-hook' }] });
    firedAt = Date.parse(routing.firedAt);

    const [fire] = await waitUntil(async () => got('internal', 'fire').length > 0 && got('internal', 'fire'), 10_000, 'the fire notification');
    expect(fire!.signed).toBe(true);
    expect(fire!.body.alert).toMatchObject({ id: alertId, ruleId: 'disk-full', tenantId: 'acme', deviceId: home.deviceId });
    expect(fire!.body.routing).toEqual({ owner: 'internal', slaMinutes: 1, trace: routing.trace });
    expect(fire!.body.routing.trace).toEqual([
      'line 1 (disks): rule=disk-full → internal',
      'SLA 1 min for critical',
      'unacknowledged after 1 min → escalates to provider, reminders every 30 min (at most 1)',
    ]);
    // Only the owner heard of it.
    expect(posts.filter((p) => p.team === 'noc' && about(p))).toEqual([]);
  }, left());

  it('escalates to the other team once the SLA passes unacknowledged', async () => {
    const [esc] = await waitUntil(async () => got('noc', 'escalation').length > 0 && got('noc', 'escalation'), left() - 15_000, 'the escalation to the provider');
    expect(esc!.signed).toBe(true);
    expect(esc!.at - firedAt).toBeGreaterThanOrEqual(60_000);
    expect(esc!.at - firedAt).toBeLessThan(60_000 + 8_000);
    expect(esc!.body.routing.owner).toBe('both');
    expect(esc!.body.routing.trace.at(-1)).toMatch(/^unacknowledged 1 min after firing \(SLA 1 min\) → escalated to provider$/);
    expect(got('noc', 'fire')).toEqual([]);
  }, left());

  it('when the disk is fine again, both teams hear it is resolved', async () => {
    await agent!.stop('SIGTERM');
    startAgent(40);
    await waitUntil(async () => got('internal', 'resolve').length > 0 && got('noc', 'resolve').length > 0, left() - 2000, 'the resolve to both teams');
    for (const p of [...got('internal', 'resolve'), ...got('noc', 'resolve')]) expect(p.signed).toBe(true);
    expect(got('internal', 'resolve')).toHaveLength(1);
    expect(got('noc', 'resolve')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(BUDGET_MS);
  }, left());
});
