// Refusals with real processes: a wrong device secret, a revoked device and
// an expired enrollment token are refused with the documented error, and
// nothing is stored for them. (The key-pin refusal is in e2e/tls.test.ts.)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_CLI, runNode, startCollector, tempDir, waitUntil } from '../support/processes.js';
import type { Proc, RunningCollector } from '../support/processes.js';
import { agentLastSeq, enrollAgent, startAgentProcess, storedReports } from '../support/agents.js';

const QUIET = 'schedules: { inventory: "0 0 1 1 *", patch: "0 0 1 1 *", disk: "* * * * * *", backup: "0 0 1 1 *", security: "0 0 1 1 *" }\nbackoff: { baseMs: 100, capMs: 500 }\n';

let collector: RunningCollector;
let apiToken: string;
const running: Proc[] = [];

beforeAll(async () => {
  collector = await startCollector('limits: { authFailuresPerMinute: 1000 }\n');
  await collector.cli(['tenant', 'create', '--id', 'refusals', '--name', 'Refusals']);
  apiToken = (await collector.cli(['token', 'create', '--name', 'refusals'])).stdout.trim();
});
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop('SIGKILL')));
  await collector?.proc.stop();
});

async function device(id: string): Promise<{ lastSeenAt: string | null; revokedAt: string | null }> {
  const res = await fetch(`${collector.url}/api/v1/devices/${id}`, { headers: { authorization: `Bearer ${apiToken}` } });
  return (await res.json()) as { lastSeenAt: string | null; revokedAt: string | null };
}

describe('refused, and nothing stored', () => {
  it('a wrong device secret gets 401 at the upgrade', async () => {
    const home = await enrollAgent(collector, 'refusals', QUIET);
    const credsFile = join(home.dataDir, 'credentials.json');
    const creds = JSON.parse(readFileSync(credsFile, 'utf8')) as { secret: string };
    writeFileSync(credsFile, JSON.stringify({ ...creds, secret: 'tdd_guessed' }));
    const agent = startAgentProcess(home);
    running.push(agent);
    await waitUntil(async () => /"status":401/.test(agent.output) && agentLastSeq(home) > 0, 15_000, 'the 401 in the agent log');
    expect(await storedReports(collector, apiToken, home.deviceId)).toEqual([]);
    expect((await device(home.deviceId)).lastSeenAt).toBeNull();
  });

  it('a revoked device is cut off and refused; nothing after the revocation is stored', async () => {
    const home = await enrollAgent(collector, 'refusals', QUIET);
    const agent = startAgentProcess(home);
    running.push(agent);
    await waitUntil(async () => (await storedReports(collector, apiToken, home.deviceId)).length >= 2, 20_000, 'reports before revocation');
    const revoked = await collector.cli(['device', 'revoke', home.deviceId]);
    expect(revoked.code).toBe(0);
    // Revoked behind the running collector's back (the CLI writes the store): the
    // next report is refused with 4401, and so is every reconnect.
    await waitUntil(async () => /"code":"COL_ERR_UNAUTHORIZED"/.test(agent.output) && /"status":401/.test(agent.output), 15_000, 'the refusals after revocation');
    const before = (await storedReports(collector, apiToken, home.deviceId)).length;
    await new Promise((r) => setTimeout(r, 2000));
    expect((await storedReports(collector, apiToken, home.deviceId)).length).toBe(before);
    expect((await device(home.deviceId)).revokedAt).not.toBeNull();
    // The agent keeps what it could not deliver: the spool still has it.
    expect(agentLastSeq(home)).toBeGreaterThan(before);
  });

  it('an expired enrollment token is refused, and no device appears', async () => {
    const res = await fetch(`${collector.url}/api/v1/enroll-tokens`, {
      method: 'POST', headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId: 'refusals', expiresInHours: 0.0002 }),
    });
    const { token } = (await res.json()) as { token: string };
    await new Promise((r) => setTimeout(r, 1500));
    const countBefore = ((await (await fetch(`${collector.url}/api/v1/devices`, { headers: { authorization: `Bearer ${apiToken}` } })).json()) as { devices: unknown[] }).devices.length;
    const dir = tempDir('expired');
    writeFileSync(join(dir, 'agent.yaml'), 'dataDir: data\n');
    const r = await runNode(AGENT_CLI, ['enroll', '--url', collector.url, '--token', token, '--config', join(dir, 'agent.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('collector refused enrollment (HTTP 403): enrollment token has expired');
    const countAfter = ((await (await fetch(`${collector.url}/api/v1/devices`, { headers: { authorization: `Bearer ${apiToken}` } })).json()) as { devices: unknown[] }).devices.length;
    expect(countAfter).toBe(countBefore);
  });
});
