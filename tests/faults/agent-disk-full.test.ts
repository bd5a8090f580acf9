// The agent's disk fills up while it spools, with real processes: the
// agent's data folder is on a real 1 MiB tmpfs (mounted for the test; needs
// root, skipped otherwise). The collector is down while the disk is full, so
// acks arrive on a full disk too. Nothing already spooled is lost, the agent
// keeps running, the reports collected meanwhile wait in memory, and all of
// it arrives, each seq once, when there is room again.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restartCollector, startCollector, waitUntil } from '../support/processes.js';
import type { Proc, RunningCollector } from '../support/processes.js';
import { agentLastSeq, contiguous, enrollAgent, startWindowsAgent, storedReports } from '../support/agents.js';
import type { AgentHome } from '../support/agents.js';
import { dfPrograms, windowsPrograms } from '../support/recorded-endpoints.mjs';

const NEVER = '0 0 1 1 *';
const mountPoint = mkdtempSync(join(tmpdir(), 'tandem-agent-disk-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint], { stdio: 'ignore' });
  mounted = true;
} catch {
  // Not root: the spool's own disk-full test (agent/test/spool) is skipped the same way.
}

let collector: RunningCollector;
let apiToken: string;
let agent: Proc | null = null;

beforeAll(async () => {
  if (!mounted) return;
  collector = await startCollector();
  await collector.cli(['tenant', 'create', '--id', 'diskfull', '--name', 'Disk full']);
  apiToken = (await collector.cli(['token', 'create', '--name', 'diskfull'])).stdout.trim();
});

afterAll(async () => {
  await agent?.stop('SIGKILL');
  await collector?.proc.stop();
  if (mounted) execFileSync('umount', ['-l', mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

/** Fills the tiny filesystem until a write fails; returns the file to delete for room. */
function fill(): string {
  const filler = join(mountPoint, 'filler');
  const chunk = Buffer.alloc(4096, 1);
  for (;;) {
    try {
      writeFileSync(filler, chunk, { flag: 'a' });
    } catch {
      return filler;
    }
  }
}

describe.skipIf(!mounted)('agent disk full while spooling', () => {
  it('keeps what it spooled, keeps running, holds new reports in memory, and delivers everything once there is room', async () => {
    const enrolled = await enrollAgent(collector, 'diskfull', '');
    // The data folder moves onto the tiny filesystem.
    const dataDir = join(mountPoint, 'data');
    cpSync(enrolled.dataDir, dataDir, { recursive: true });
    const home: AgentHome = { ...enrolled, dataDir };
    writeFileSync(home.config, [
      `dataDir: ${dataDir}`,
      `schedules: { disk: "* * * * * *", inventory: "${NEVER}", patch: "${NEVER}", backup: "${NEVER}", security: "${NEVER}" }`,
      'backoff: { baseMs: 200, capMs: 1000 }',
      'heartbeatSeconds: 5',
      '',
    ].join('\n'));
    agent = startWindowsAgent(home, { ...windowsPrograms(), ...dfPrograms([{ device: '/dev/sda1', fsType: 'ext4', mount: '/', sizeGb: 95, usedPercent: 40 }]) });
    const running = agent;
    const alive = () => { if (running.exited) throw new Error(`agent exited: ${running.output}`); };
    await waitUntil(async () => { alive(); return (await storedReports(collector, apiToken, home.deviceId)).length >= 2; }, 30_000, 'reports stored');

    // Collector down: reports pile up in the spool, unacknowledged.
    await collector.proc.stop('SIGKILL');
    const offlineFrom = agentLastSeq(home);
    await waitUntil(async () => { alive(); return agentLastSeq(home) >= offlineFrom + 2; }, 30_000, 'reports spooled offline');

    // Disk full: appends fail, the agent says so and keeps the reports in memory.
    const filler = fill();
    // (The spool file's last page may still take a few records: tmpfs counts whole pages.)
    await waitUntil(async () => { alive(); return running.output.includes('spool write failed: disk full'); }, 60_000, 'the disk-full error in the log');
    const failure = JSON.parse(running.output.split('\n').find((l) => l.includes('spool write failed'))!) as { code: string; error: string; time: string };
    const failedAt = Date.parse(failure.time);
    expect(failure.code).toBe('AGT_ERR_SPOOL_FULL');
    expect(failure.error).toMatch(/the disk is full \(ENOSPC\)/);

    // The collector comes back while the disk is still full: the spooled reports
    // are delivered and their acks processed without room to save state.
    await restartCollector(collector);
    await waitUntil(async () => {
      alive();
      const stored = await storedReports(collector, apiToken, home.deviceId);
      // The state file on disk may lag (it cannot be saved while full), so "at least".
      return (stored.at(-1)?.seq ?? 0) >= agentLastSeq(home) && stored.length >= offlineFrom + 2;
    }, 30_000, 'the spooled reports delivered while the disk is full');
    // Let a few scheduled collections (every second) happen while the disk is full; the
    // assertion below checks that at least two of them were held and delivered.
    await new Promise((r) => setTimeout(r, 4000));
    const freedAt = Date.now();
    rmSync(filler);

    // Room again: the reports held in memory are spooled, in order, and delivered.
    const reports = await waitUntil(async () => {
      alive();
      const stored = await storedReports(collector, apiToken, home.deviceId);
      const heldInMemory = stored.filter((r) => Date.parse(r.collectedAt) > failedAt && Date.parse(r.collectedAt) < freedAt);
      return heldInMemory.length >= 2 && stored.at(-1)?.seq === agentLastSeq(home) ? stored : null;
    }, 30_000, 'the reports held in memory delivered');
    await running.stop('SIGTERM');

    expect(contiguous(reports), reports.map((r) => r.seq).join(',')).toBe(true);
    expect(reports.every((r) => r.kind === 'report')).toBe(true);
    // Across the full-disk episode, in collection order with their original times. (Only
    // there: the start-up report collects every topic and may finish after the first
    // scheduled one, which is ordinary.)
    const times = reports.map((r) => Date.parse(r.collectedAt)).filter((t) => t > failedAt - 3000);
    expect(times.length).toBeGreaterThanOrEqual(3);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(readdirSync(join(dataDir, 'spool')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(running.output).not.toMatch(/unexpected error|handling a collector frame failed/);
  });
});
