// Hostile agents against a real collector process: a client that floods
// without waiting for acks, slow and half-open connections, replayed and
// out-of-order seqs, absurd values. During each, a real, well-behaved agent
// in another tenant keeps getting its reports stored promptly and /healthz
// keeps answering. Every hostile loop is bounded in count and time, and
// talks to loopback only.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, PROTOCOL_VERSION, snapshotToReport } from '@tandem/proto';
import type { Frame, FrameInit, Snapshot } from '@tandem/proto';
import { startCollector, waitUntil } from '../support/processes.js';
import type { Proc, RunningCollector } from '../support/processes.js';
import { contiguous, enrollAgent, startAgentProcess, storedReports } from '../support/agents.js';
import type { AgentHome } from '../support/agents.js';

// Generous bounds, measured while the machine may be busy with other work.
const HEALTHZ_BOUND_MS = 2000;
const GOOD_ACK_BOUND_MS = 5000;

const QUIET = 'schedules: { inventory: "0 0 1 1 *", patch: "0 0 1 1 *", disk: "* * * * * *", backup: "0 0 1 1 *", security: "0 0 1 1 *" }\nbackoff: { baseMs: 100, capMs: 500 }\n';

let collector: RunningCollector;
let apiToken: string;
let good: AgentHome;
let goodAgent: Proc;
const sockets: Array<WebSocket | Socket> = [];

beforeAll(async () => {
  collector = await startCollector('limits: { authFailuresPerMinute: 1000 }\n');
  await collector.cli(['tenant', 'create', '--id', 'calm', '--name', 'Calm']);
  await collector.cli(['tenant', 'create', '--id', 'rogue', '--name', 'Rogue']);
  apiToken = (await collector.cli(['token', 'create', '--name', 'hostile-test'])).stdout.trim();
  good = await enrollAgent(collector, 'calm', QUIET);
  goodAgent = startAgentProcess(good);
  await waitUntil(async () => (await storedReports(collector, apiToken, good.deviceId)).length >= 2, 30_000, 'the good agent reporting');
});

afterAll(async () => {
  for (const s of sockets) {
    if (s instanceof WebSocket) s.terminate();
    else s.destroy();
  }
  await goodAgent?.stop();
  await collector?.proc.stop();
});

/** A hostile device: enrolled like any agent, then driven by hand. */
async function rogueDevice(): Promise<{ deviceId: string; secret: string }> {
  const home = await enrollAgent(collector, 'rogue', QUIET);
  return JSON.parse(readFileSync(join(home.dataDir, 'credentials.json'), 'utf8')) as { deviceId: string; secret: string };
}

class RogueClient {
  readonly frames: Frame[] = [];
  closeCode: number | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d: Buffer) => this.frames.push(decodeFrame(d)));
    ws.on('close', (code) => { this.closeCode = code; });
    ws.on('error', () => {});
  }

  static async open(device: { deviceId: string; secret: string }): Promise<RogueClient> {
    const ws = new WebSocket(`${collector.url.replace(/^http/, 'ws')}/agent/v1`, { headers: { authorization: `Bearer ${device.deviceId}.${device.secret}` } });
    sockets.push(ws);
    const c = new RogueClient(ws);
    await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
    c.send({ hello: { deviceId: device.deviceId, agentVersion: '0.1.0', protocolVersion: PROTOCOL_VERSION, hostname: 'rogue', os: 'linux' } });
    await waitUntil(async () => c.frames.some((f) => f.body === 'welcome'), 10_000, 'welcome');
    return c;
  }

  send(frame: FrameInit): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(encodeFrame(frame));
  }

  /** Many frames in one socket write: no waiting for acks, no flow control. */
  burst(frames: FrameInit[]): void {
    const raw = (this.ws as unknown as { _socket: Socket })._socket;
    raw.cork();
    for (const f of frames) this.send(f);
    raw.uncork();
  }

  acks(): number[] {
    return this.frames.filter((f) => f.body === 'ack').map((f) => Number(f.ack!.seq));
  }
}

function disk(deviceId: string, usedPercent: number): Snapshot {
  return {
    deviceId, collectedAt: new Date().toISOString(), agentVersion: '0.1.0', inventory: null, patch: null, backup: null, security: null,
    disk: { state: 'ok', reason: null, volumes: [{ mount: '/', fsType: 'ext4', sizeBytes: 1000, usedBytes: usedPercent * 10, freeBytes: 1000 - usedPercent * 10, usedPercent, inodesTotal: null, inodesUsed: null, inodesUsedPercent: null, device: '/dev/sda1', smartHealth: null }] },
  };
}

interface Watch {
  healthzMs: number[];
  stop(): Promise<void>;
}

/** Polls /healthz while a scenario runs, recording how long each answer took. */
function watchHealthz(): Watch {
  const healthzMs: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      const res = await fetch(`${collector.url}/healthz`, { signal: AbortSignal.timeout(30_000) });
      await res.text();
      healthzMs.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return { healthzMs, stop: async () => { running = false; await loop; } };
}

/**
 * Runs `hostile` and checks that meanwhile /healthz answered in time and the
 * good agent's reports collected during it were stored within the bound.
 */
async function whileHostile(hostile: () => Promise<void>): Promise<void> {
  const before = (await storedReports(collector, apiToken, good.deviceId)).length;
  const startedAt = Date.now();
  const watch = watchHealthz();
  try {
    await hostile();
  } finally {
    await watch.stop();
  }
  // The good agent reports every second; wait for at least one collected during the scenario.
  const reports = await waitUntil(async () => {
    const all = await storedReports(collector, apiToken, good.deviceId);
    return all.length > before && all.some((r) => Date.parse(r.collectedAt) >= startedAt) ? all : false;
  }, 20_000, 'a good report from during the scenario');
  const during = reports.filter((r) => Date.parse(r.collectedAt) >= startedAt) as Array<{ collectedAt: string; receivedAt?: string }>;
  const delays = during.map((r) => Date.parse(r.receivedAt!) - Date.parse(r.collectedAt));
  expect(watch.healthzMs.length).toBeGreaterThan(0);
  expect(Math.max(...watch.healthzMs)).toBeLessThan(HEALTHZ_BOUND_MS);
  expect(Math.max(...delays)).toBeLessThan(GOOD_ACK_BOUND_MS);
  expect(contiguous(reports)).toBe(true);
}

describe('a well-behaved agent is not slowed by', () => {
  it('a client that floods without waiting for acks (it is closed with 4429, and reconnecting does not help)', async () => {
    const device = await rogueDevice();
    const closes: number[] = [];
    await whileHostile(async () => {
      const until = Date.now() + 4000;
      let seq = 1;
      // At most 10 connections of at most 40 bursts of 200 frames, within 4 s.
      for (let conn = 0; conn < 10 && Date.now() < until; conn++) {
        const c = await RogueClient.open(device);
        for (let b = 0; b < 40 && c.closeCode === null && Date.now() < until; b++) {
          c.burst(Array.from({ length: 200 }, () => ({ seq: seq++, report: snapshotToReport(disk(device.deviceId, seq % 100)) })));
          await new Promise((r) => setTimeout(r, 20));
        }
        await waitUntil(async () => c.closeCode !== null || Date.now() > until, 10_000, 'the flood connection to end');
        if (c.closeCode !== null) closes.push(c.closeCode);
        c.ws.terminate();
      }
    });
    expect(closes.length).toBeGreaterThan(0);
    expect(new Set(closes)).toEqual(new Set([4429]));
  });

  it('slow and half-open connections (upgrades without Hello, half-sent requests, a client that never reads)', async () => {
    const device = await rogueDevice();
    const port = Number(new URL(collector.url).port);
    await whileHostile(async () => {
      // 30 TCP connections that send half a request and stop.
      for (let i = 0; i < 30; i++) {
        const s = connect(port, '127.0.0.1');
        s.on('error', () => {});
        s.write('GET /agent/v1 HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        sockets.push(s);
      }
      // Upgraded connections that never say Hello.
      const creds = await Promise.all(Array.from({ length: 4 }, () => rogueDevice()));
      for (const d of creds) {
        const ws = new WebSocket(`${collector.url.replace(/^http/, 'ws')}/agent/v1`, { headers: { authorization: `Bearer ${d.deviceId}.${d.secret}` } });
        ws.on('error', () => {});
        sockets.push(ws);
      }
      // One client that sends reports but never reads what the collector sends.
      const c = await RogueClient.open(device);
      (c.ws as unknown as { _socket: Socket })._socket.pause();
      for (let seq = 1; seq <= 16; seq++) c.send({ seq, report: snapshotToReport(disk(device.deviceId, seq)) });
      await new Promise((r) => setTimeout(r, 3000));
    });
  });

  it('replayed and out-of-order seqs: each seq is stored once, a late one too', async () => {
    const device = await rogueDevice();
    let c!: RogueClient;
    const order = [10, 5, 10, 5, 3, 12, 3, 11, 1, 12];
    await whileHostile(async () => {
      c = await RogueClient.open(device);
      // Within maxInFlight per round (this client keeps to the flow control; only its seqs are wrong).
      for (let round = 1; round <= 20; round++) {
        for (const seq of order) c.send({ seq, report: snapshotToReport(disk(device.deviceId, seq)) });
        await waitUntil(async () => c.acks().length === order.length * round, 15_000, `round ${round} acked`);
      }
    });
    expect(c.closeCode).toBeNull();
    expect((await storedReports(collector, apiToken, device.deviceId)).map((r) => r.seq)).toEqual([1, 3, 5, 10, 11, 12]);
    expect(Math.max(...c.acks())).toBe(12);
    c.ws.close();
  });

  it('absurd values: they are stored made safe, with the reasons', async () => {
    const device = await rogueDevice();
    let c!: RogueClient;
    await whileHostile(async () => {
      c = await RogueClient.open(device);
      const s = disk(device.deviceId, 40);
      s.disk!.volumes[0]!.sizeBytes = -1;
      s.disk!.volumes[0]!.usedPercent = Number.NaN;
      s.inventory = { state: 'ok', reason: null, hostname: 'h'.repeat(900_000), os: 'linux', osName: null, osVersion: null, arch: null, uptimeSeconds: null, kernel: null, serial: null, manufacturer: null, model: null, memoryBytes: null, cpuCores: null, chassis: null };
      c.send({ seq: 1, report: { ...snapshotToReport(s), collectedAtMs: -5_000_000_000_000 } });
      const updates = Array.from({ length: 11_000 }, (_, i) => ({ name: `pkg-${i}`, currentVersion: null, availableVersion: '2', security: true, kb: null, severity: null }));
      c.send({ seq: 2, report: snapshotToReport({ ...disk(device.deviceId, 1), disk: null, patch: { state: 'ok', reason: null, source: 'apt', pendingCount: 11_000, securityCount: 11_000, rebootRequired: false, updates, lastInstalledAt: null } }) });
      await waitUntil(async () => c.acks().includes(2), 20_000, 'the absurd reports acked');
    });
    const stored = (await storedReports(collector, apiToken, device.deviceId)) as Array<{ seq: number; adjustments?: Array<{ path: string }> }>;
    expect(stored.map((r) => r.seq)).toEqual([1, 2]);
    expect(stored[0]!.adjustments!.map((a) => a.path)).toEqual(['collectedAt', 'inventory.hostname', 'disk.volumes[0].sizeBytes', 'disk.volumes[0].usedPercent']);
    expect(stored[1]!.adjustments!.map((a) => a.path)).toEqual(['patch.updates']);
    const res = await fetch(`${collector.url}/api/v1/devices/${device.deviceId}`, { headers: { authorization: `Bearer ${apiToken}` } });
    const dev = (await res.json()) as { hostname: string; status: Snapshot };
    expect(dev.hostname).toHaveLength(255);
    expect(dev.status.patch!.state).toBe('unknown');
    c.ws.close();
  });
});
