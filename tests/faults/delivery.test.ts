// Delivery under faults, with real collector and agent processes on
// loopback: crashes on either side, a long offline spell, a full spool.
// Every report the agent created is stored exactly once (or, when the spool
// bound forced it out, accounted for by a gap record).
import { spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSpool } from '../../agent/dist/index.js';
import { freePort, restartCollector, startCollector, waitUntil } from '../support/processes.js';
import type { Proc, RunningCollector } from '../support/processes.js';
import { agentLastSeq, contiguous, enrollAgent, startAgentProcess, storedReports } from '../support/agents.js';
import type { AgentHome } from '../support/agents.js';

const WRITER = join(dirname(fileURLToPath(import.meta.url)), 'support', 'spool-writer.mjs');
const NEVER = '0 0 1 1 *';
const FAST = `backoff: { baseMs: 100, capMs: 1000 }\nheartbeatSeconds: 5\n`;
/** Only the initial collection at start-up; nothing scheduled afterwards. */
const QUIET = `schedules: { inventory: "${NEVER}", patch: "${NEVER}", disk: "${NEVER}", backup: "${NEVER}", security: "${NEVER}" }\n${FAST}`;

let collector: RunningCollector;
let apiToken: string;
const running: Proc[] = [];

beforeAll(async () => {
  collector = await startCollector();
  await collector.cli(['tenant', 'create', '--id', 'faults', '--name', 'Faults']);
  apiToken = (await collector.cli(['token', 'create', '--name', 'faults'])).stdout.trim();
});

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop('SIGKILL')));
  await collector?.proc.stop();
});

function start(home: AgentHome): Proc {
  const p = startAgentProcess(home);
  running.push(p);
  return p;
}

/** Waits until the collector has stored everything the agent has assigned a seq to. */
async function drained(home: AgentHome, agent?: Proc, atLeastSeq = 1) {
  return waitUntil(async () => {
    if (agent?.exited) throw new Error(`agent exited: ${agent.output}`);
    const reports = await storedReports(collector, apiToken, home.deviceId);
    const last = agentLastSeq(home);
    return last >= atLeastSeq && reports.at(-1)?.seq === last ? reports : null;
  }, 60_000, `device ${home.deviceId} drained`);
}

/** Runs the spool writer to completion (or until `killAfter` seqs, then SIGKILL); returns the printed seqs. */
function writeSpool(home: AgentHome, args: { count?: number; maxBytes?: number; startMs?: number; killAfter?: number }): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, home.dataDir, home.deviceId, String(args.count ?? 1e9), String(args.maxBytes ?? 64 * 1024 * 1024), String(args.startMs ?? Date.now())], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (args.killAfter && out.split('\n').length > args.killAfter) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', () => {
      // Only whole lines count: a seq is durable once its line was printed.
      resolve(out.split('\n').slice(0, -1).map(Number));
    });
  });
}

describe('delivery under faults', () => {
  it('collector killed with SIGKILL while agents stream: every report stored exactly once', async () => {
    const homes = await Promise.all([1, 2, 3].map(() => enrollAgent(collector, 'faults', `schedules: { disk: "* * * * * *", inventory: "${NEVER}", patch: "${NEVER}", backup: "${NEVER}", security: "${NEVER}" }\n${FAST}`)));
    const agents = homes.map(start);
    await waitUntil(async () => (await Promise.all(homes.map((h) => storedReports(collector, apiToken, h.deviceId)))).every((r) => r.length >= 2), 30_000, 'agents streaming');

    await collector.proc.stop('SIGKILL');
    const killedAt = Date.now();
    await new Promise((r) => setTimeout(r, 3000));
    await restartCollector(collector);
    const restartedAt = Date.now();
    await new Promise((r) => setTimeout(r, 2000));

    // Stop collecting (a graceful stop leaves unacknowledged reports in the spool),
    // then start again with nothing scheduled so the totals settle.
    await Promise.all(agents.map((a) => a.stop('SIGTERM')));
    for (const h of homes) writeFileSync(h.config, `dataDir: data\n${QUIET}`);
    for (const h of homes) start(h);
    for (const h of homes) {
      const reports = await drained(h);
      expect(contiguous(reports), `seqs of ${h.deviceId}: ${reports.map((r) => r.seq).join(',')}`).toBe(true);
      expect(reports.every((r) => r.kind === 'report')).toBe(true);
      const during = reports.filter((r) => Date.parse(r.collectedAt) > killedAt && Date.parse(r.collectedAt) < restartedAt);
      expect(during.length, 'reports created while the collector was down').toBeGreaterThanOrEqual(2);
    }
  });

  it('agent killed with SIGKILL mid spool write: the spool opens and the rest is delivered', async () => {
    const home = await enrollAgent(collector, 'faults', QUIET);
    const printed = await writeSpool(home, { killAfter: 300 });
    expect(printed.length).toBeGreaterThanOrEqual(300);
    const spool = FileSpool.open({ dir: join(home.dataDir, 'spool'), maxBytes: 64 * 1024 * 1024 });
    const seqs = [...spool.pending()].map((r) => r.seq);
    spool.close();
    // Everything reported durable is there; at most the one record being written is not.
    expect(seqs.slice(0, printed.length)).toEqual(printed);
    expect(seqs.length - printed.length).toBeLessThanOrEqual(1);

    // The restarted agent adds its start-up report after what survived.
    const reports = await drained(home, start(home), printed.length + 1);
    expect(contiguous(reports)).toBe(true);
  });

  it('agent offline for a thousand reports: all arrive, in order, with their original times', async () => {
    const home = await enrollAgent(collector, 'faults', QUIET);
    const startMs = Date.parse('2026-11-20T00:00:00Z');
    const printed = await writeSpool(home, { count: 1000, startMs });
    expect(printed).toHaveLength(1000);
    const reports = await drained(home, start(home), 1001);
    expect(reports).toHaveLength(1001);
    expect(contiguous(reports)).toBe(true);
    for (let i = 0; i < 1000; i++) expect(reports[i]!.collectedAt).toBe(new Date(startMs + i * 60_000).toISOString());
  });

  it('spool bound reached: a gap record arrives and the collector stores it', async () => {
    const maxBytes = 64 * 1024;
    const home = await enrollAgent(collector, 'faults', `${QUIET}spool: { maxBytes: ${maxBytes} }\n`);
    const startMs = Date.parse('2026-11-01T00:00:00Z');
    await writeSpool(home, { count: 600, maxBytes, startMs });
    const writtenUpTo = agentLastSeq(home);
    const reports = await drained(home, start(home), writtenUpTo + 1);
    const gaps = reports.filter((r) => r.kind === 'gap');
    expect(gaps.length).toBeGreaterThanOrEqual(1);
    const covered = new Set(reports.filter((r) => r.kind === 'report').map((r) => r.seq));
    let dropped = 0;
    for (const g of gaps) {
      const body = g.body as { droppedCount: number; firstDroppedSeq: number; lastDroppedSeq: number; firstDroppedAt: string };
      // Dropped reports keep their original collection times.
      expect(Date.parse(body.firstDroppedAt)).toBeGreaterThanOrEqual(startMs);
      expect(Date.parse(body.firstDroppedAt)).toBeLessThan(startMs + 600 * 60_000);
      dropped += body.droppedCount;
      covered.add(g.seq);
      for (let s = body.firstDroppedSeq; s <= body.lastDroppedSeq; s++) if (!covered.has(s)) covered.add(s);
    }
    expect(dropped).toBeGreaterThan(0);
    // The oldest reports go first.
    expect(gaps.map((g) => g.body)).toContainEqual(expect.objectContaining({ firstDroppedSeq: 1, firstDroppedAt: new Date(startMs).toISOString() }));
    const reportCount = reports.filter((r) => r.kind === 'report').length;
    // 600 written plus the agent's start-up report: each one stored or counted as dropped.
    expect(dropped + reportCount).toBe(601);
    // Every seq the agent ever assigned is either stored or accounted for by a gap.
    const last = agentLastSeq(home);
    for (let s = 1; s <= last; s++) expect(covered.has(s), `seq ${s}`).toBe(true);
  });

  it('fails over to the next collector URL when the first does not answer', async () => {
    const dead = await freePort();
    const wsUrl = `${collector.url.replace(/^http/, 'ws')}/agent/v1`;
    const home = await enrollAgent(collector, 'faults', `${QUIET}collectors: ["ws://127.0.0.1:${dead}/agent/v1", "${wsUrl}"]\n`);
    const reports = await drained(home, start(home), 1);
    expect(reports).toHaveLength(1);
  });
});
