// A hostile collector against a real agent process: a real WebSocket server
// on loopback speaking the tandem.v1 protobuf frames, saying what a rogue
// collector (or anyone on a plain ws:// path) might. The agent must refuse
// each claim with a clear reason, keep its spool, raise its own "delivery
// stuck" fact, and afterwards deliver everything, once each, to an honest
// collector.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, frameBody } from '@tandem/proto';
import type { Frame, FrameInit } from '@tandem/proto';
import { startCollector, waitUntil } from '../support/processes.js';
import type { Proc, RunningCollector } from '../support/processes.js';
import { agentLastSeq, contiguous, enrollAgent, startWindowsAgent, storedReports } from '../support/agents.js';
import { dfPrograms, windowsPrograms } from '../support/recorded-endpoints.mjs';
import type { AgentHome } from '../support/agents.js';

const NEVER = '0 0 1 1 *';
/** The agent's own config may collect every two seconds; a pushed policy may not. */
const agentYaml = (url: string) => `dataDir: data
collectors: ["${url}"]
schedules: { disk: "*/2 * * * * *", inventory: "${NEVER}", patch: "${NEVER}", backup: "${NEVER}", security: "${NEVER}" }
backoff: { baseMs: 200, capMs: 1000 }
heartbeatSeconds: 5
delivery: { stuckAfterSeconds: 3 }
`;

interface Connection {
  ws: WebSocket;
  frames: Frame[];
  closeCode: number | null;
}

/** A collector that says whatever `behaviour` tells it to, and records what the agent sends. */
class HostileCollector {
  readonly connections: Connection[] = [];
  private constructor(private readonly server: WebSocketServer, readonly url: string) {}

  static async start(behaviour: (conn: Connection, frame: Frame, send: (f: FrameInit) => void) => void): Promise<HostileCollector> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/agent/v1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as { port: number };
    const rogue = new HostileCollector(server, `ws://127.0.0.1:${port}/agent/v1`);
    server.on('connection', (ws) => {
      const conn: Connection = { ws, frames: [], closeCode: null };
      rogue.connections.push(conn);
      const send = (f: FrameInit) => ws.send(encodeFrame(f));
      ws.on('message', (data: Buffer) => {
        const frame = decodeFrame(data);
        conn.frames.push(frame);
        behaviour(conn, frame, send);
      });
      ws.on('close', (code) => { conn.closeCode = code; });
    });
    return rogue;
  }

  frames(body: string): Frame[] {
    return this.connections.flatMap((c) => c.frames.filter((f) => frameBody(f) === body));
  }

  async stop(): Promise<void> {
    for (const c of this.connections) c.ws.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const welcome = (fields: Record<string, unknown> = {}): FrameInit => ({
  welcome: { collectorVersion: 'hostile', protocolVersion: '1.0', lastCommittedSeq: 0, heartbeatIntervalSeconds: 0, maxInFlight: 32, ...fields },
});

let honest: RunningCollector;
let apiToken: string;
let home: AgentHome;
const rogues: HostileCollector[] = [];
let agent: Proc | null = null;

/** A Windows endpoint on recorded tool outputs: quick to collect, the same on any machine. */
function startAgent(): Proc {
  agent = startWindowsAgent(home, { ...windowsPrograms(), ...dfPrograms([{ device: '/dev/sda1', fsType: 'ext4', mount: '/', sizeGb: 95, usedPercent: 40 }]) });
  return agent;
}

beforeAll(async () => {
  honest = await startCollector();
  await honest.cli(['tenant', 'create', '--id', 'hostile', '--name', 'Hostile']);
  apiToken = (await honest.cli(['token', 'create', '--name', 'hostile'])).stdout.trim();
  // Enrolled with the honest collector; then pointed at each hostile one in turn.
  home = await enrollAgent(honest, 'hostile', '');
});

afterAll(async () => {
  await agent?.stop('SIGKILL');
  await Promise.all(rogues.map((r) => r.stop()));
  await honest?.proc.stop();
});

/** Runs the agent against a hostile collector until `done`, then stops it; returns the agent's log. */
async function against(behaviour: Parameters<typeof HostileCollector.start>[0], done: (log: string, rogue: HostileCollector) => boolean, what: string) {
  const rogue = await HostileCollector.start(behaviour);
  rogues.push(rogue);
  writeFileSync(home.config, agentYaml(rogue.url));
  const running = startAgent();
  await waitUntil(async () => {
    if (running.exited) throw new Error(`agent exited: ${running.output}`);
    return done(running.output, rogue);
  }, 30_000, what);
  await running.stop('SIGTERM');
  return { log: running.output, rogue };
}

function highestSentToRogues(): number {
  return Math.max(0, ...rogues.flatMap((r) => r.frames('report').map((f) => Number(f.seq))));
}

/** The refusal lines the agent logged. */
function refusals(log: string): { reason: string; code: string }[] {
  return log.split('\n').filter((l) => l.includes('refused what the collector said')).map((l) => JSON.parse(l) as { reason: string; code: string });
}

function spoolState(): { lastSeq: number; ackedSeq: number } {
  return JSON.parse(readFileSync(join(home.dataDir, 'spool', 'spool-state.json'), 'utf8')) as { lastSeq: number; ackedSeq: number };
}

/** Nothing was ever acknowledged by anyone honest, so everything the agent wrote must still be spooled. */
function expectSpoolKept(): void {
  const state = spoolState();
  expect(state.ackedSeq).toBe(0);
  expect(state.lastSeq).toBeGreaterThan(0);
  expect(state.lastSeq).toBeLessThan(2 ** 48);
}

describe('an agent facing a hostile collector', () => {
  it('refuses a Welcome claiming lastCommittedSeq 2^60 (which once silenced agents for good), and retries with backoff', async () => {
    const { log, rogue } = await against(
      (_c, f, send) => { if (frameBody(f) === 'hello') send(welcome({ lastCommittedSeq: 2 ** 60 })); },
      (_log, r) => r.connections.length >= 3, 'three refused connections',
    );
    expect(refusals(log)[0]).toEqual(expect.objectContaining({
      code: 'AGT_ERR_COLLECTOR_CLAIM',
      reason: `Welcome.lastCommittedSeq ${2 ** 60} is above the largest plausible seq (${2 ** 48}, 2^48)`,
    }));
    // The agent dropped each connection itself, with its refusal close code.
    expect(rogue.connections.slice(0, 2).map((c) => c.closeCode)).toEqual([4400, 4400]);
    expect(rogue.frames('report')).toEqual([]);
    expectSpoolKept();
  });

  it('refuses a Welcome with a negative seq (uint64 on the wire: it arrives as 2^64 - 1)', async () => {
    const { log } = await against(
      (_c, f, send) => { if (frameBody(f) === 'hello') send(welcome({ lastCommittedSeq: -1 })); },
      (l) => refusals(l).length >= 1, 'the refusal',
    );
    expect(refusals(log)[0]!.reason).toMatch(/^Welcome\.lastCommittedSeq 18446744073709552000 is above the largest plausible seq/);
    expectSpoolKept();
  });

  it('clamps a huge heartbeat interval (it once overflowed into a heartbeat every millisecond) and delivery-stuck is raised when nothing is acknowledged', async () => {
    const { log, rogue } = await against(
      (_c, f, send) => { if (frameBody(f) === 'hello') send(welcome({ heartbeatIntervalSeconds: 4_294_967_295 })); },
      (l, r) => /"msg":"delivery stuck"/.test(l) && r.frames('report').some((f) => f.report?.delivery?.reason?.startsWith('connected to')),
      'delivery stuck, in the log and in a report',
    );
    expect(log).toContain('"note":"Welcome.heartbeatIntervalSeconds 4294967295 is outside 5..3600; using 3600"');
    // With 3600 s there is no heartbeat within this test; the bug sent thousands a second.
    expect(rogue.frames('heartbeat').length).toBeLessThanOrEqual(1);
    const stuck = rogue.frames('report').find((f) => f.report?.delivery?.reason?.startsWith('connected to'))!;
    expect(stuck.report!.delivery!.stuck).toBe(true);
    expect(stuck.report!.delivery!.reason).toMatch(/^connected to ws:\/\/127\.0\.0\.1:\d+\/agent\/v1, but none of the \d+ waiting reports has been acknowledged since /);
    const local = JSON.parse(readFileSync(join(home.dataDir, 'delivery.json'), 'utf8')) as { stuck: boolean; reason: string; pendingCount: number };
    expect(local.stuck).toBe(true);
    expect(local.pendingCount).toBeGreaterThan(0);
    expectSpoolKept();
  });

  it('refuses an Ack far ahead of what was sent (it once dropped the whole unacknowledged spool)', async () => {
    const { log, rogue } = await against(
      (c, f, send) => {
        if (frameBody(f) === 'hello') send(welcome());
        if (frameBody(f) === 'report' && c.frames.filter((x) => frameBody(x) === 'report').length === 2) send({ ack: { seq: 2 ** 40 } });
      },
      (l) => refusals(l).length >= 1, 'the refusal',
    );
    expect(refusals(log)[0]!.reason).toMatch(new RegExp(`^Ack\\.seq ${2 ** 40} is beyond the highest seq sent on this connection \\(\\d+\\)$`));
    expect(rogue.frames('report').length).toBeGreaterThanOrEqual(2);
    expectSpoolKept();
  });

  it('refuses an Ack for a seq it never sent (one above the highest it sent)', async () => {
    const { log } = await against(
      (c, f, send) => {
        if (frameBody(f) !== 'report') { if (frameBody(f) === 'hello') send(welcome({ maxInFlight: 1 })); return; }
        send({ ack: { seq: Number(f.seq) + 1 } });
      },
      (l) => refusals(l).length >= 1, 'the refusal',
    );
    const [first] = refusals(log);
    const m = /^Ack\.seq (\d+) is beyond the highest seq sent on this connection \((\d+)\)$/.exec(first!.reason);
    expect(m, first!.reason).not.toBeNull();
    expect(Number(m![1])).toBe(Number(m![2]) + 1);
    expectSpoolKept();
  });

  it('refuses a Welcome that claims one report more than the agent ever wrote', async () => {
    const lastSeq = agentLastSeq(home);
    const { log } = await against(
      // The start-up report may be written before the Hello: claim one above whatever the Hello says.
      (_c, f, send) => { if (frameBody(f) === 'hello') send(welcome({ lastCommittedSeq: Number(f.hello!.lastSeq) + 1 })); },
      // Until it has also written a report no collector was sent, for the next case.
      (l) => refusals(l).length >= 1 && agentLastSeq(home) > highestSentToRogues(), 'the refusal, and an unsent report',
    );
    expect(refusals(log)[0]!.reason).toMatch(/^Welcome\.lastCommittedSeq (\d+) is beyond the highest seq this agent has sent \(\d+(; it has written up to \d+ but not sent those)?\)$/);
    expect(agentLastSeq(home)).toBeGreaterThanOrEqual(lastSeq);
    expectSpoolKept();
  });

  it('refuses a Welcome that claims reports the agent wrote but never sent (it would delete an offline backlog)', async () => {
    const sent = highestSentToRogues();
    expect(agentLastSeq(home)).toBeGreaterThan(sent);
    const { log } = await against(
      (_c, f, send) => { if (frameBody(f) === 'hello') send(welcome({ lastCommittedSeq: Number(f.hello!.lastSeq) })); },
      (l) => refusals(l).length >= 1, 'the refusal',
    );
    expect(refusals(log)[0]!.reason).toMatch(new RegExp(`^Welcome\\.lastCommittedSeq \\d+ is beyond the highest seq this agent has sent \\(${sent}; it has written up to \\d+ but not sent those\\)$`));
    expectSpoolKept();
  });

  it('refuses a pushed policy of every-second schedules and keeps its own', async () => {
    const { log } = await against(
      (_c, f, send) => {
        if (frameBody(f) !== 'hello') return;
        send(welcome());
        send({ policy: { version: 9, schedules: { inventory: '* * * * * *', patch: '* * * * * *', disk: '*/1 * * * * *', backup: '* * * * * *', security: '* * * * * *' } } });
      },
      (l) => /refused the schedule the collector pushed/.test(l), 'the policy refusal',
    );
    const line = JSON.parse(log.split('\n').find((l) => l.includes('refused the schedule'))!) as { code: string; problems: string[] };
    expect(line.code).toBe('AGT_ERR_COLLECTOR_CLAIM');
    expect(line.problems).toHaveLength(5);
    expect(line.problems[0]).toBe('schedules.inventory: seconds field "*" fires more than once a minute; a pushed schedule may run a topic at most once a minute');
    expect(existsSync(join(home.dataDir, 'policy.json'))).toBe(false);
    expectSpoolKept();
  });

  it('then delivers everything to an honest collector: every seq once, nothing lost, and the stuck fact stored with the reports', async () => {
    const honestWs = `${honest.url.replace(/^http/, 'ws')}/agent/v1`;
    writeFileSync(home.config, agentYaml(honestWs).replace('*/2 * * * * *', NEVER));
    const spooledBefore = agentLastSeq(home);
    // Every report a hostile collector was sent is still owed to the honest one.
    const sentToRogues = new Set(rogues.flatMap((r) => r.frames('report').map((f) => Number(f.seq))));
    expect(sentToRogues.size).toBeGreaterThanOrEqual(3);
    const running = startAgent();
    const reports = await waitUntil(async () => {
      if (running.exited) throw new Error(`agent exited: ${running.output}`);
      const stored = await storedReports(honest, apiToken, home.deviceId);
      const last = agentLastSeq(home);
      return stored.length > 0 && stored.at(-1)!.seq === last && spoolState().ackedSeq === last ? stored : null;
    }, 60_000, 'the spool drained to the honest collector');
    expect(contiguous(reports), reports.map((r) => r.seq).join(',')).toBe(true);
    expect(reports.every((r) => r.kind === 'report')).toBe(true);
    expect(reports.length).toBeGreaterThanOrEqual(spooledBefore);
    const stored = new Set(reports.map((r) => r.seq));
    expect([...sentToRogues].filter((seq) => !stored.has(seq))).toEqual([]);
    // The reports collected while the hostile collector acknowledged nothing say so.
    const stuck = reports.filter((r) => (r.body.delivery as { stuck?: boolean } | undefined)?.stuck === true);
    expect(stuck.length).toBeGreaterThan(0);
    await waitUntil(async () => /"msg":"delivery recovered"/.test(running.output) || !(JSON.parse(readFileSync(join(home.dataDir, 'delivery.json'), 'utf8')) as { stuck: boolean }).stuck, 30_000, 'delivery no longer stuck');
    expect(refusals(running.output)).toEqual([]);
    await running.stop('SIGTERM');
  });
});
