// The store failing under a real collector and a real agent: PostgreSQL
// restarted during ingest (a throwaway cluster of this test's own, never the
// machine's shared server), and the embedded store's disk full (a tiny tmpfs
// as the data folder). Nothing acknowledged is lost, what cannot be stored is
// not acknowledged, and once the store is back the agent's resends fill in
// every seq exactly once.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startCollector, tempDir, waitUntil } from '../support/processes.js';
import type { Proc, RunningCollector } from '../support/processes.js';
import { agentLastSeq, contiguous, enrollAgent, startAgentProcess, storedReports } from '../support/agents.js';
import type { AgentHome } from '../support/agents.js';
import { startPostgres } from '../services/postgres.mjs';
import type { TestPostgres } from '../services/postgres.mjs';

const EVERY_SECOND = 'schedules: { inventory: "0 0 1 1 *", patch: "0 0 1 1 *", disk: "* * * * * *", backup: "0 0 1 1 *", security: "0 0 1 1 *" }\nbackoff: { baseMs: 100, capMs: 1000 }\n';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
});

function ackedSeq(home: AgentHome): number {
  try {
    return (JSON.parse(readFileSync(join(home.dataDir, 'spool', 'spool-state.json'), 'utf8')) as { ackedSeq: number }).ackedSeq;
  } catch {
    return 0;
  }
}

async function setup(collectorYaml: string): Promise<{ collector: RunningCollector; apiToken: string; home: AgentHome; agent: Proc }> {
  const collector = await startCollector(collectorYaml);
  cleanups.push(() => collector.proc.stop());
  await collector.cli(['tenant', 'create', '--id', 'faults', '--name', 'Faults']);
  const apiToken = (await collector.cli(['token', 'create', '--name', 'faults'])).stdout.trim();
  const home = await enrollAgent(collector, 'faults', EVERY_SECOND);
  const agent = startAgentProcess(home);
  cleanups.push(() => agent.stop());
  return { collector, apiToken, home, agent };
}

/** Everything the agent acknowledged is stored; in the end every seq it made is stored once. */
async function expectNothingLost(s: { collector: RunningCollector; apiToken: string; home: AgentHome }, ackedBeforeFault: number): Promise<void> {
  const target = agentLastSeq(s.home);
  const reports = await waitUntil(async () => {
    const all = await storedReports(s.collector, s.apiToken, s.home.deviceId).catch(() => null);
    return all && all.length >= target && ackedSeq(s.home) >= target ? all : false;
  }, 60_000, `every report up to seq ${target} stored and acknowledged`);
  expect(contiguous(reports)).toBe(true);
  expect(reports.length).toBeGreaterThanOrEqual(ackedBeforeFault);
  expect(reports.length).toBeGreaterThanOrEqual(target);
}

describe('store faults during ingest', () => {
  it('PostgreSQL restarted: reports during the outage are not acked, then resent and stored once', async () => {
    const server: TestPostgres = await startPostgres({ own: true });
    cleanups.push(() => server.stop());
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('create database tandem_faults');
    await admin.end();
    const url = new URL(server.url);
    url.pathname = '/tandem_faults';
    const s = await setup(`store: { kind: postgres, url: "${url.toString()}", poolSize: 4 }\n`);
    await waitUntil(async () => ackedSeq(s.home) >= 3, 30_000, 'three reports acknowledged');
    const ackedBefore = ackedSeq(s.home);

    await server.stopServer!();
    // While the database is down the agent keeps collecting; nothing new can be acknowledged.
    const lastBeforeDown = ackedSeq(s.home);
    await waitUntil(async () => agentLastSeq(s.home) >= lastBeforeDown + 3, 30_000, 'reports collected during the outage');
    expect(ackedSeq(s.home)).toBeLessThanOrEqual(lastBeforeDown + 1);
    await server.startServer!();

    await waitUntil(async () => ackedSeq(s.home) > lastBeforeDown + 3, 60_000, 'acknowledgements again after the restart');
    await s.agent.stop();
    expect(s.collector.proc.exited).toBe(false);
    await expectNothingLost(s, ackedBefore);
  });

  it('embedded store on a full disk: nothing is acked that is not stored, and it recovers when space is back', async () => {
    const mountPoint = tempDir('full-disk');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint]);
    cleanups.push(() => {
      execFileSync('umount', ['-l', mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    });
    // The store file lives on the tmpfs (its path is relative to the collector's data folder).
    const s = await setup(`store: { kind: sqlite, path: "${'../'.repeat(30)}${mountPoint.slice(1)}/tandem.db" }\n`);
    await waitUntil(async () => ackedSeq(s.home) >= 3, 30_000, 'three reports acknowledged');
    const ackedBefore = ackedSeq(s.home);

    // Fill what is left of the disk.
    const filler = join(mountPoint, 'filler');
    const fd = openSync(filler, 'w');
    const block = Buffer.alloc(64 * 1024, 1);
    try {
      for (let i = 0; i < 1000; i++) writeSync(fd, block);
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      closeSync(fd);
    }
    // SQLite may still fit a few rows in pages it already has; then acks stop.
    const stuckAt = await waitUntil(async () => {
      const a = ackedSeq(s.home);
      await new Promise((r) => setTimeout(r, 3000));
      return ackedSeq(s.home) === a && agentLastSeq(s.home) > a ? a : false;
    }, 60_000, 'acknowledgements to stop on the full disk');
    expect(s.collector.proc.output).toMatch(/storing agent frame failed/);

    rmSync(filler);
    await waitUntil(async () => ackedSeq(s.home) > stuckAt + 2, 60_000, 'acknowledgements again once space is back');
    await s.agent.stop();
    expect(s.collector.proc.exited).toBe(false);
    await expectNothingLost(s, Math.max(ackedBefore, stuckAt));
  });
});
