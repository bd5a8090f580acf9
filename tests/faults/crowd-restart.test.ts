// Several hundred agents connected when the collector is killed and
// restarted: they come back spread over time (full-jitter backoff) and none
// loses a report. The agents are real transports and spools, many in this one
// process so the machine can hold them; the collector is a real process.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSpool, WsTransport, createLogger, spoolSnapshot } from '../../agent/dist/index.js';
import type { DeviceCredentials } from '../../agent/dist/index.js';
import { ARTIFACTS, restartCollector, startCollector, tempDir, waitUntil } from '../support/processes.js';
import type { RunningCollector } from '../support/processes.js';

const AGENTS = 300;
const BACKOFF = { baseMs: 500, capMs: 8000 };

interface SimAgent {
  creds: DeviceCredentials;
  spool: FileSpool;
  transport: WsTransport;
  welcomes: number[];
}

let collector: RunningCollector;
let apiToken: string;
const agents: SimAgent[] = [];
let producing: NodeJS.Timeout | null = null;

beforeAll(async () => {
  collector = await startCollector('heartbeatSeconds: 5\nlimits: { authFailuresPerMinute: 1000 }\n');
  await collector.cli(['tenant', 'create', '--id', 'crowd', '--name', 'Crowd']);
  apiToken = (await collector.cli(['token', 'create', '--name', 'crowd'])).stdout.trim();
  const enrollToken = (await collector.cli(['enroll-token', 'create', '--tenant', 'crowd', '--max-uses', String(AGENTS)])).stdout.trim();
  const root = tempDir('crowd');
  const log = createLogger(process.env.CROWD_LOG as 'warn' ?? 'error');
  for (let i = 0; i < AGENTS; i++) {
    const res = await fetch(`${collector.url}/api/v1/enroll`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: enrollToken, hostname: `crowd-${i}`, os: 'linux' }),
    });
    const body = (await res.json()) as { deviceId: string; tenantId: string; deviceSecret: string; agentUrls: string[] };
    const creds: DeviceCredentials = { deviceId: body.deviceId, tenantId: body.tenantId, secret: body.deviceSecret, collectors: body.agentUrls, enrolledAt: new Date().toISOString() };
    const dir = join(root, String(i));
    mkdirSync(dir);
    const spool = FileSpool.open({ dir, maxBytes: 1 << 20 });
    const agent: SimAgent = { creds, spool, welcomes: [], transport: null as unknown as WsTransport };
    agent.transport = new WsTransport({
      urls: creds.collectors, credentials: creds, spool, hello: { hostname: hostname(), os: 'linux' },
      heartbeatSeconds: 5, backoff: BACKOFF, tls: {}, log,
      onWelcome: () => agent.welcomes.push(Date.now()),
    });
    agents.push(agent);
  }
});

afterAll(async () => {
  if (producing) clearInterval(producing);
  await Promise.all(agents.map((a) => a.transport.stop()));
  for (const a of agents) a.spool.close();
  await collector?.proc.stop();
});

function produce(): void {
  const now = new Date().toISOString();
  for (const a of agents) {
    spoolSnapshot(a.spool, { deviceId: a.creds.deviceId, collectedAt: now, agentVersion: 'crowd', inventory: null, patch: null, backup: null, security: null, disk: { state: 'ok', reason: null, volumes: [] } });
    a.transport.flush();
  }
}

async function lastStoredSeq(deviceId: string): Promise<number[]> {
  const res = await fetch(`${collector.url}/api/v1/devices/${deviceId}/reports?limit=1000`, { headers: { authorization: `Bearer ${apiToken}` } });
  return ((await res.json()) as { reports: Array<{ seq: number }> }).reports.map((r) => r.seq);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

describe(`${AGENTS} agents and a collector restart`, () => {
  it('reconnect spread over time and lose no report', async () => {
    for (const a of agents) a.transport.start();
    await waitUntil(async () => agents.every((a) => a.welcomes.length >= 1), 60_000, 'all agents connected');
    produce();
    producing = setInterval(produce, 1000);
    await new Promise((r) => setTimeout(r, 2000));

    await collector.proc.stop('SIGKILL');
    await new Promise((r) => setTimeout(r, 3000));
    // Agents may get in between the new process listening and its first readiness answer,
    // so delays count from the restart command.
    const readyAt = Date.now();
    await restartCollector(collector);
    await waitUntil(async () => agents.every((a) => a.welcomes.some((t) => t >= readyAt)), 60_000, 'all agents reconnected').catch((e: Error) => { throw new Error(`${e.message}: ${agents.filter((a) => !a.welcomes.some((t) => t >= readyAt)).length} not back; collector: ${collector.proc.output.slice(-2000)}`); });
    await new Promise((r) => setTimeout(r, 2000));
    clearInterval(producing);
    producing = null;

    const delays = agents.map((a) => a.welcomes.find((t) => t >= readyAt)! - readyAt).sort((x, y) => x - y);
    const perSecond = new Array(Math.ceil((delays.at(-1)! + 1) / 1000)).fill(0);
    for (const d of delays) perSecond[Math.floor(d / 1000)]++;
    const spread = {
      agents: AGENTS, backoff: BACKOFF, collectorDownMs: 3000,
      reconnectAfterRestartMs: { min: delays[0], p50: percentile(delays, 50), p90: percentile(delays, 90), max: delays.at(-1) },
      reconnectsPerSecond: perSecond,
    };
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'reconnect-spread.json'), `${JSON.stringify(spread, null, 2)}\n`);
    console.log(`reconnect spread: ${JSON.stringify(spread)}`);
    // Spread, not a stampede: the crowd comes back over several seconds. (How
    // evenly depends on the machine's load; the numbers are written down.)
    expect(perSecond.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);

    for (const a of agents) {
      const last = a.spool.lastSeq;
      const stored = await waitUntil(async () => {
        const seqs = await lastStoredSeq(a.creds.deviceId);
        return seqs.at(-1) === last ? seqs : null;
      }, 30_000, `device ${a.creds.deviceId} drained`);
      expect(stored).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    }
  });
});
