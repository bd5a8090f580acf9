// Two collector nodes (real processes) on one real PostgreSQL database, real
// agent processes (acting as Windows, fed recorded tool outputs) that know
// both nodes, a live stream, and a local HTTP receiver standing in for both
// teams' webhook channels:
//   - an agent on node A turns unhealthy and a live stream on node B sees it;
//   - the alert's fire and escalation are sent once, with both nodes' timers running;
//   - a threshold tuned through node B applies to the agent on node A;
//   - an agent that dies is detected offline once, not once per node;
//   - node A is SIGKILLed: the agent fails over to node B, every report is
//     stored exactly once, and node B takes over the cluster-wide work;
//   - node A, started again, sees the agent node B holds, and revoking it
//     through node A cuts its connection on node B.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startPostgres } from '../services/postgres.mjs';
import type { FakePrograms } from '../support/fake-programs.mjs';
import { dfPrograms, windowsPrograms } from '../support/recorded-endpoints.mjs';
import { COLLECTOR_CLI, Proc, freePort, runNode, tempDir, waitUntil } from '../support/processes.js';
import type { RunningCollector } from '../support/processes.js';
import { agentLastSeq, contiguous, enrollAgent, startWindowsAgent, storedReports } from '../support/agents.js';
import type { AgentHome } from '../support/agents.js';

const EVERY_2S = '*/2 * * * * *';

interface Post { team: 'internal' | 'noc'; at: number; body: Record<string, any> }
interface StreamMessage { type: string; alert?: Record<string, any>; [k: string]: unknown }

let pgServer: { url: string; stop: () => Promise<void> };
let dbName: string;
let dbUrl: string;
let nodeA: RunningCollector;
let nodeB: RunningCollector;
let receiver: Server;
let receiverUrl: string;
const posts: Post[] = [];
let apiToken: string;
let backups: string;
let home1: AgentHome;
let home2: AgentHome;
let agent1: Proc | null = null;
let agent2: Proc | null = null;
let stream: WebSocket | null = null;
const streamed: StreamMessage[] = [];
let diskAlertId: string;
let wsA: string;
let wsB: string;

const ownership = () => `
teams:
  internal:
    name: Acme IT
    channels: [{ name: it-hook, type: webhook, url: "${receiverUrl}/internal" }]
  provider:
    name: Northwind NOC
    channels: [{ name: noc-hook, type: webhook, url: "${receiverUrl}/noc" }]
defaults: { owner: provider }
lines:
  - id: disks
    match: { rule: disk-full }
    owner: internal
    sla: { critical: 0, warning: 0 }
escalation: { to: other, repeatEvery: 30m, maxReminders: 1 }
`;

function startReceiver(): Promise<void> {
  receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => {
      posts.push({ team: req.url === '/internal' ? 'internal' : 'noc', at: Date.now(), body: JSON.parse(body) as Record<string, any> });
      res.writeHead(200).end();
    });
  });
  return new Promise((r) => receiver.listen(0, '127.0.0.1', () => {
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    r();
  }));
}

const about = (p: Post, alertId: string) => p.body.alert?.id === alertId || (p.body.alerts ?? []).some((a: { id: string }) => a.id === alertId);
const sent = (alertId: string, kind: string, team?: Post['team']) => posts.filter((p) => p.body.kind === kind && about(p, alertId) && (!team || p.team === team));

async function serveNode(port: number, agentUrls: string[]): Promise<RunningCollector> {
  const dir = tempDir('cluster-node');
  const configFile = join(dir, 'collector.yaml');
  writeFileSync(configFile, [
    `listen: { host: 127.0.0.1, port: ${port} }`,
    'dataDir: data',
    'logLevel: warn',
    `store: { kind: postgres, url: "${dbUrl}" }`,
    `cluster: { heartbeatSeconds: 1, nodeDeadAfterSeconds: 4, agentUrls: [${agentUrls.map((u) => `"${u}"`).join(', ')}] }`,
    'heartbeatSeconds: 5',
    'rules:',
    '  evaluateEverySeconds: 1',
    '  overrides:',
    '    - { rule: disk-full, for: 2s }',
    '    - { rule: agent-offline, for: 2s }',
    'routing:',
    '  escalationCheckSeconds: 1',
    '  notify: { attempts: 3, backoffMs: 200, timeoutMs: 3000, groupWaitSeconds: 0 }',
    '',
  ].join('\n'));
  const url = `http://127.0.0.1:${port}`;
  const proc = Proc.start(COLLECTOR_CLI, ['serve', '--config', configFile]);
  await waitUntil(async () => {
    if (proc.exited) throw new Error(`collector exited: ${proc.output}`);
    return fetch(`${url}/readyz`).then((r) => r.ok, () => false);
  }, 60_000, `collector on port ${port} ready`);
  return { proc, url, configFile, dir, cli: (args) => runNode(COLLECTOR_CLI, [...args, '--config', configFile]) };
}

async function api<T = Record<string, any>>(node: RunningCollector, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${node.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${apiToken}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function alertsOf(node: RunningCollector, deviceId: string, ruleId: string, state?: string): Promise<Array<Record<string, any>>> {
  const r = await api<{ alerts: Array<Record<string, any>> }>(node, `/api/v1/alerts?device=${deviceId}&rule=${ruleId}${state ? `&state=${state}` : ''}&limit=100`);
  return r.body.alerts ?? [];
}

async function connectedAgents(node: RunningCollector): Promise<number> {
  const text = await (await fetch(`${node.url}/metrics`)).text();
  return Number(/^tandem_agents_connected (\d+)/m.exec(text)?.[1] ?? NaN);
}

function programs(diskUsedPercent: number): FakePrograms {
  return { ...windowsPrograms(), ...dfPrograms([{ device: '/dev/sda1', fsType: 'ext4', mount: '/', sizeGb: 95, usedPercent: diskUsedPercent }]) };
}

function startAgent(home: AgentHome, diskUsedPercent: number): Proc {
  writeFileSync(join(backups, 'nightly.zip'), 'backup');
  return startWindowsAgent(home, programs(diskUsedPercent));
}

beforeAll(async () => {
  pgServer = await startPostgres();
  dbName = `tandem_cluster_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgServer.url });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const u = new URL(pgServer.url);
  u.pathname = `/${dbName}`;
  dbUrl = u.toString();
  await startReceiver();

  const [portA, portB] = [await freePort(), await freePort()];
  wsA = `ws://127.0.0.1:${portA}/agent/v1`;
  wsB = `ws://127.0.0.1:${portB}/agent/v1`;
  // Node A starts first and leads; agents learn both nodes at enrollment, A first.
  nodeA = await serveNode(portA, [wsA, wsB]);
  nodeB = await serveNode(portB, [wsA, wsB]);

  await nodeA.cli(['tenant', 'create', '--id', 'acme', '--name', 'Acme']);
  apiToken = (await nodeA.cli(['token', 'create', '--name', 'noc lead'])).stdout.trim();
  const put = await fetch(`${nodeA.url}/api/v1/tenants/acme/ownership`, {
    method: 'PUT', headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/yaml' }, body: ownership(),
  });
  expect(put.status).toBe(200);

  backups = join(tempDir('backups'), 'nightly');
  mkdirSync(backups);
  const agentYaml = (urls: string[]) => [
    `schedules: { inventory: "${EVERY_2S}", patch: "${EVERY_2S}", disk: "${EVERY_2S}", backup: "${EVERY_2S}", security: "${EVERY_2S}" }`,
    'backoff: { baseMs: 100, capMs: 1000 }',
    `backup: { providers: [{ type: file-freshness, name: nightly, path: ${backups} }] }`,
    `collectors: [${urls.map((x) => `"${x}"`).join(', ')}]`,
    '',
  ].join('\n');
  home1 = await enrollAgent(nodeA, 'acme', agentYaml([wsA, wsB]));
  // The second agent reports to node B only.
  home2 = await enrollAgent(nodeB, 'acme', agentYaml([wsB]));

  stream = new WebSocket(`${nodeB.url.replace(/^http/, 'ws')}/api/v1/stream`, { headers: { authorization: `Bearer ${apiToken}` } });
  stream.on('message', (data: Buffer) => streamed.push(JSON.parse(data.toString()) as StreamMessage));
  await new Promise<void>((resolve, reject) => {
    stream!.once('open', () => resolve());
    stream!.once('error', reject);
  });
}, 120_000);

afterAll(async () => {
  stream?.terminate();
  await agent1?.stop('SIGKILL');
  await agent2?.stop('SIGKILL');
  await nodeA?.proc.stop();
  await nodeB?.proc.stop();
  await new Promise<void>((r) => { receiver?.closeAllConnections(); receiver?.close(() => r()); });
  if (dbName) {
    const admin = new pg.Client({ connectionString: pgServer.url });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
  await pgServer?.stop();
}, 60_000);

describe('two collector nodes on one PostgreSQL', () => {
  it('an agent on node A turns unhealthy and a live stream on node B sees the alert', async () => {
    agent1 = startAgent(home1, 96);
    await waitUntil(async () => (await connectedAgents(nodeA)) === 1, 30_000, 'the agent on node A');
    expect(await connectedAgents(nodeB)).toBe(0);
    const seen = await waitUntil(async () => streamed.find((m) => m.type === 'alert' && m.alert?.ruleId === 'disk-full' && m.alert?.deviceId === home1.deviceId && m.alert?.state === 'firing'),
      60_000, 'the disk-full alert on node B\'s stream');
    diskAlertId = seen.alert!.id as string;
    // Node B's stream also shows the owner the leader decided.
    await waitUntil(async () => streamed.some((m) => m.type === 'alert' && m.alert?.id === diskAlertId && (m.alert?.routing as { owner?: string } | null)?.owner === 'internal'),
      30_000, 'the routed alert on node B\'s stream');
  });

  it('sends the fire and the escalation once, with both nodes\' timers running', async () => {
    await waitUntil(async () => sent(diskAlertId, 'fire').length > 0 && sent(diskAlertId, 'escalation').length > 0, 30_000, 'fire and escalation');
    // Several more rule sweeps and escalation checks on both nodes.
    await new Promise((r) => setTimeout(r, 5000));
    expect(sent(diskAlertId, 'fire').map((p) => p.team)).toEqual(['internal']);
    // Escalated to the other team, so both teams hear it: each once.
    expect(sent(diskAlertId, 'escalation').map((p) => p.team).sort()).toEqual(['internal', 'noc']);
    const history = (await api(nodeB, `/api/v1/alerts/${diskAlertId}`)).body.history as Array<{ to: string }>;
    expect(history.map((h) => h.to)).toEqual(['pending', 'firing']);
  });

  it('a threshold tuned through node B applies to the agent on node A', async () => {
    const tuned = await api(nodeB, '/api/v1/tenants/acme/tuning', {
      method: 'POST', body: { action: 'threshold', rule: 'disk-full', match: { os: 'win32' }, params: { warnPercent: 98, critPercent: 99, clearPercent: 97 }, reason: 'large disks fill slowly' },
    });
    expect(tuned.status).toBe(201);
    // The agent still reports 96 % to node A, which now clears it under the tuned threshold.
    const [resolved] = await waitUntil(async () => {
      const found = await alertsOf(nodeA, home1.deviceId, 'disk-full', 'resolved');
      return found.length > 0 && found;
    }, 30_000, 'the disk alert resolved on node A');
    expect(resolved!.id).toBe(diskAlertId);
    expect(await connectedAgents(nodeA)).toBe(1);
    await waitUntil(async () => sent(diskAlertId, 'resolve').length === 2, 30_000, 'the resolve to both teams');
    await waitUntil(async () => streamed.some((m) => m.type === 'alert' && m.alert?.id === diskAlertId && m.alert?.state === 'resolved'), 30_000, 'the resolve on node B\'s stream');
    await new Promise((r) => setTimeout(r, 3000));
    expect(sent(diskAlertId, 'resolve').map((p) => p.team).sort()).toEqual(['internal', 'noc']);
    expect(await alertsOf(nodeB, home1.deviceId, 'disk-full', 'firing')).toEqual([]);
  });

  it('an agent that dies is detected offline once, not once per node', async () => {
    agent2 = startAgent(home2, 40);
    await waitUntil(async () => (await connectedAgents(nodeB)) === 1 && (await storedReports(nodeB, apiToken, home2.deviceId)).length > 0, 30_000, 'the second agent on node B');
    await agent2.stop('SIGKILL');
    agent2 = null;
    const [offline] = await waitUntil(async () => {
      const found = await alertsOf(nodeA, home2.deviceId, 'agent-offline', 'firing');
      return found.length > 0 && found;
    }, 30_000, 'agent-offline firing');
    await waitUntil(async () => sent(offline!.id as string, 'fire').length > 0, 30_000, 'the offline notification');
    await new Promise((r) => setTimeout(r, 5000));
    expect(await alertsOf(nodeA, home2.deviceId, 'agent-offline')).toHaveLength(1);
    const history = (await api(nodeA, `/api/v1/alerts/${offline!.id}`)).body.history as Array<{ to: string }>;
    expect(history.map((h) => h.to)).toEqual(['pending', 'firing']);
    expect(sent(offline!.id as string, 'fire').map((p) => p.team)).toEqual(['noc']);
  });

  it('node A is SIGKILLed: its agent fails over to node B and every report is stored once', async () => {
    const before = agentLastSeq(home1);
    expect(before).toBeGreaterThan(0);
    await nodeA.proc.stop('SIGKILL');
    await waitUntil(async () => (await connectedAgents(nodeB)) === 1, 30_000, 'the agent on node B');
    // Reports keep coming every 2 s; wait for several made after the kill.
    await waitUntil(async () => agentLastSeq(home1) >= before + 4, 60_000, 'reports after the failover');
    await agent1!.stop('SIGTERM');
    agent1 = null;
    const last = agentLastSeq(home1);
    const reports = await waitUntil(async () => {
      const r = await storedReports(nodeB, apiToken, home1.deviceId);
      return r.length > 0 && r.at(-1)!.seq === last && r;
    }, 30_000, 'every report stored');
    expect(reports).toHaveLength(last);
    expect(contiguous(reports)).toBe(true);
    // The connection moved without a gap worth an alert.
    expect(await alertsOf(nodeB, home1.deviceId, 'agent-offline')).toEqual([]);
  });

  it('node B takes over the cluster-wide work: it routes the offline agent\'s return', async () => {
    const [offline] = await alertsOf(nodeB, home2.deviceId, 'agent-offline', 'firing');
    expect(offline).toBeDefined();
    agent2 = startAgent(home2, 40);
    await waitUntil(async () => sent(offline!.id as string, 'resolve').length > 0, 60_000, 'the offline alert\'s resolve');
    await new Promise((r) => setTimeout(r, 3000));
    expect(sent(offline!.id as string, 'resolve').map((p) => p.team)).toEqual(['noc']);
    const routing = (await api(nodeB, `/api/v1/alerts/${offline!.id}/routing`)).body;
    expect(routing.state).toBe('resolved');
    expect((routing.decisions as Array<{ reason: string }>).map((d) => d.reason)).toEqual(['fire', 'resolve']);
  });

  it('a node started later sees the agents other nodes hold, and a revocation there cuts the connection where it is', async () => {
    nodeA = await serveNode(Number(new URL(nodeA.url).port), [wsA, wsB]);
    await waitUntil(async () => (await connectedAgents(nodeB)) === 1, 30_000, 'the second agent on node B');
    const device = (await api(nodeA, `/api/v1/devices/${home2.deviceId}`)).body;
    expect(device.connected).toBe(true);
    expect(await connectedAgents(nodeA)).toBe(0);
    const revoked = await api(nodeA, `/api/v1/devices/${home2.deviceId}/revoke`, { method: 'POST' });
    expect(revoked.status).toBe(200);
    await waitUntil(async () => (await connectedAgents(nodeB)) === 0, 30_000, 'node B to cut the revoked agent');
    // Its credential is refused on every node from now on.
    await new Promise((r) => setTimeout(r, 2000));
    expect([await connectedAgents(nodeA), await connectedAgents(nodeB)]).toEqual([0, 0]);
  });
});
