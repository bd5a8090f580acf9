// The benchmark itself, at its smallest: the load generator drives the
// reference server and a real collector process with a handful of agents,
// and the results file must hold every figure, with every report offered
// acknowledged and found in the store afterwards. Behaviour, not speed.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/processes.js';

const RUN = join(import.meta.dirname, '..', '..', 'bench', 'run.mjs');
let child: ChildProcess | null = null;
const dir = tempDir('bench-results');

afterAll(() => {
  // The bench stops everything it started on SIGTERM.
  if (child && child.exitCode === null) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

function runBench(resultsFile: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    child = spawn(process.execPath, [RUN, '--profile', 'smoke', '--results', resultsFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('pnpm bench (smoke profile)', () => {
  it('measures both servers with the same generator, and nothing acknowledged is missing from either store', async () => {
    const file = join(dir, 'smoke.json');
    const run = await runBench(file);
    expect(run.code, run.output).toBe(0);
    const r = JSON.parse(readFileSync(file, 'utf8'));

    expect(r.machine).toMatchObject({ cores: expect.any(Number), node: process.version, kernel: expect.any(String), cpuModel: expect.any(String) });
    expect(r.limits.openFilesHard).toBeGreaterThan(0);
    expect(r.generator.sources).toBeGreaterThan(1);

    const everyReportKept = (figures: any) => {
      expect(figures.offered).toBeGreaterThan(0);
      expect(figures.acked).toBe(figures.offered);
      expect(figures.stored).toBe(figures.acked);
      expect(figures.lost).toBe(0);
    };
    expect(r.scenarios.maxThroughput.map((row: any) => row.agents)).toEqual([1, 4]);
    for (const row of r.scenarios.maxThroughput) {
      for (const server of ['tandem', 'reference']) {
        expect(row[server].reportsPerSecond).toBeGreaterThan(0);
        for (const one of row[server].runs) everyReportKept(one);
      }
      expect(row.ratio).toBeGreaterThan(0);
    }
    for (const row of r.scenarios.fixedRate) {
      for (const server of ['tandem', 'reference']) {
        everyReportKept(row[server]);
        expect(row[server].ack).toMatchObject({ unfinished: 0, p50Ms: expect.any(Number), p99Ms: expect.any(Number) });
      }
    }
    const idle = r.scenarios.idle;
    for (const server of ['tandem', 'reference']) {
      expect(idle[server]).toMatchObject({ welcomed: idle.agents, stillConnected: idle.agents });
      expect(idle[server].rssMB).toBeGreaterThan(0);
      expect(idle[server].cpuPercent).toEqual(expect.any(Number));
    }
    const storm = r.scenarios.reconnectStorm;
    for (const server of ['tandem', 'reference']) {
      expect(storm[server].expected).toBe(storm.agents * storm.backlogPerAgent);
      expect(storm[server]).toMatchObject({ unacknowledged: 0, waitingAtLimit: 0, lost: 0, stored: storm[server].expected, secondsFromRestart: expect.any(Number) });
    }
    expect(r.failed).toBeUndefined();
    expect(r.scenarios.alertToWebhook).toMatchObject({ missed: 0, count: r.scenarios.alertToWebhook.alerts, p50Ms: expect.any(Number), p99Ms: expect.any(Number) });
  }, 300_000);
});
