// Clock skew between agent and collector, with real processes: agents whose
// clocks run hours ahead of and behind the collector's (libfaketime on the
// agent process only; timers keep the real monotonic clock).
//
// What is right: the collector trusts its own clock for everything it
// decides (when a report arrived, when a device was last seen, whether it is
// offline) and keeps the agent's `collectedAt` as the agent's claim. So a
// skewed agent's reports are all stored, in order, each with the collector's
// receive time; the skew is visible as receivedAt − collectedAt; and neither
// an "agent offline" alert nor a "stale" alert fires because of it.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Proc, startCollector, waitUntil } from '../support/processes.js';
import type { RunningCollector } from '../support/processes.js';
import { AGENT_CLI } from '../support/processes.js';
import { agentLastSeq, contiguous, enrollAgent, storedReports } from '../support/agents.js';
import type { AgentHome } from '../support/agents.js';

const FAKETIME_LIB = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
// Disk every second; the rest once a year, so reports come fast and stay small.
const QUIET = 'schedules: { inventory: "0 0 1 1 *", patch: "0 0 1 1 *", disk: "* * * * * *", backup: "0 0 1 1 *", security: "0 0 1 1 *" }\nbackoff: { baseMs: 100, capMs: 500 }\n';
const HOUR = 3_600_000;

let collector: RunningCollector;
let apiToken: string;
const running: Proc[] = [];

beforeAll(async () => {
  collector = await startCollector();
  await collector.cli(['tenant', 'create', '--id', 'skew', '--name', 'Skew']);
  apiToken = (await collector.cli(['token', 'create', '--name', 'skew'])).stdout.trim();
}, 60_000);
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop('SIGKILL')));
  await collector?.proc.stop();
}, 60_000);

/** An agent process whose wall clock is `offset` away from the real one (e.g. "+5h", "-7h"). */
function startSkewedAgent(home: AgentHome, offset: string): Proc {
  const proc = Proc.start(AGENT_CLI, ['run', '--config', home.config], {
    TANDEM_LOG_LEVEL: 'warn',
    LD_PRELOAD: FAKETIME_LIB,
    FAKETIME: offset,
    // Timers and backoff keep real time; only what the agent reads as "now" is off.
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
    FAKETIME_NO_CACHE: '1',
  });
  running.push(proc);
  return proc;
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${apiToken}` } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

describe.skipIf(!existsSync(FAKETIME_LIB))('an agent whose clock is hours off', () => {
  for (const [label, offset, skewMs] of [['not at all (control)', '+0', 0], ['ahead', '+5h', 5 * HOUR], ['behind', '-7h', -7 * HOUR]] as const) {
    it(`${label} (${offset}): no false alert while connected; every report stored in order with the collector's receive time`, async () => {
      const home = await enrollAgent(collector, 'skew', QUIET);
      const startedAt = Date.now();
      const agent = startSkewedAgent(home, offset);
      await waitUntil(async () => (await storedReports(collector, apiToken, home.deviceId)).length >= 5, 60_000, 'five reports from the skewed agent');

      // While it is connected: seen now by the collector's clock, and no alert because of the skew
      // (not offline, not stale, not unknown).
      const device = await api<{ lastSeenAt: string | null; connected: boolean }>(`/api/v1/devices/${home.deviceId}`);
      expect(device.connected).toBe(true);
      expect(Math.abs(Date.parse(device.lastSeenAt!) - Date.now())).toBeLessThan(HOUR / 2);
      const { alerts } = await api<{ alerts: Array<{ ruleId: string; state: string }> }>(`/api/v1/alerts?device=${home.deviceId}&state=all`);
      expect(alerts.map((a) => `${a.ruleId} (${a.state})`).filter((a) => /offline|stale|unknown/.test(a))).toEqual([]);

      await agent.stop();
      // Nothing lost: what the agent spooled is stored, seq 1..n, each once.
      await waitUntil(async () => (await storedReports(collector, apiToken, home.deviceId)).length >= agentLastSeq(home), 30_000, 'the last reports after the agent stopped');
      const reports = await storedReports(collector, apiToken, home.deviceId) as Array<{ seq: number; kind: string; collectedAt: string; receivedAt?: string }>;
      expect(contiguous(reports as never)).toBe(true);
      expect(reports.length).toBe(agentLastSeq(home));

      for (const r of reports) {
        // The agent's claim is kept as it was made: skewed by the offset (give or take the test's minutes).
        expect(Math.abs(Date.parse(r.collectedAt) - startedAt - skewMs)).toBeLessThan(HOUR / 2);
        // The collector's own receive time is the real one; the skew is visible as their difference.
        expect(r.receivedAt, 'each report carries the collector receive time').toBeDefined();
        const received = Date.parse(r.receivedAt!);
        expect(received).toBeGreaterThanOrEqual(startedAt - 1000);
        expect(received).toBeLessThanOrEqual(Date.now() + 1000);
        expect(Math.abs(received - Date.parse(r.collectedAt) + skewMs)).toBeLessThan(HOUR / 2);
      }
    }, 150_000);
  }
});
