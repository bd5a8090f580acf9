// Alerts end to end: a real agent process (acting as Windows, fed recorded
// tool outputs) turns unhealthy, then is killed, then comes back healthy; the
// real collector raises exactly the expected alerts and resolves them.
import { utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FakePrograms } from '../support/fake-programs.mjs';
import { dfPrograms, windowsPrograms } from '../support/recorded-endpoints.mjs';
import { Proc, startCollector, tempDir, waitUntil } from '../support/processes.js';
import type { RunningCollector } from '../support/processes.js';
import { enrollAgent, startWindowsAgent } from '../support/agents.js';
import type { AgentHome } from '../support/agents.js';

const EVERY_2S = '*/2 * * * * *';

let collector: RunningCollector;
let apiToken: string;
let home: AgentHome;
let backups: string;
let agent: Proc | null = null;

interface AlertJson { id: string; ruleId: string; instance: string; severity: string; state: string }

/** A Windows endpoint: healthy, or with real-time AV off and a 96 % full system volume. */
function programs(health: 'healthy' | 'unhealthy'): FakePrograms {
  return {
    ...windowsPrograms({ realTime: health === 'healthy' }),
    ...dfPrograms([{ device: '/dev/sda1', fsType: 'ext4', mount: '/', sizeGb: 95, usedPercent: health === 'healthy' ? 40 : 96 }]),
  };
}

function startAgent(health: 'healthy' | 'unhealthy'): Proc {
  const age = health === 'healthy' ? 60 : 4 * 86_400;
  const when = new Date(Date.now() - age * 1000);
  utimesSync(join(backups, 'nightly.zip'), when, when);
  agent = startWindowsAgent(home, programs(health));
  return agent;
}

async function openAlerts(): Promise<AlertJson[]> {
  const res = await fetch(`${collector.url}/api/v1/alerts?device=${home.deviceId}&limit=100`, { headers: { authorization: `Bearer ${apiToken}` } });
  const body = (await res.json()) as { alerts: AlertJson[] };
  return body.alerts.filter((a) => a.state !== 'resolved');
}

function summary(alerts: AlertJson[]): string[] {
  return alerts.map((a) => `${a.ruleId}:${a.severity}:${a.state}`).sort();
}

beforeAll(async () => {
  collector = await startCollector([
    'rules:',
    '  evaluateEverySeconds: 1',
    '  overrides:',
    '    - { rule: disk-full, for: 2s }',
    '    - { rule: agent-offline, for: 3s }',
    '',
  ].join('\n'));
  await collector.cli(['tenant', 'create', '--id', 'alerts', '--name', 'Alerts']);
  apiToken = (await collector.cli(['token', 'create', '--name', 'alerts'])).stdout.trim();
  backups = join(tempDir('backups'), 'nightly');
  mkdirSync(backups);
  writeFileSync(join(backups, 'nightly.zip'), 'backup');
  const schedules = `schedules: { inventory: "${EVERY_2S}", patch: "${EVERY_2S}", disk: "${EVERY_2S}", backup: "${EVERY_2S}", security: "${EVERY_2S}" }`;
  home = await enrollAgent(collector, 'alerts', `${schedules}\nbackoff: { baseMs: 100, capMs: 1000 }\nbackup: { providers: [{ type: file-freshness, name: nightly, path: ${backups} }] }\n`);
});

afterAll(async () => {
  await agent?.stop('SIGKILL');
  await collector?.proc.stop();
});

describe('alerts from a real agent', () => {
  it('raises nothing while the endpoint is healthy', async () => {
    startAgent('healthy');
    await waitUntil(async () => {
      const res = await fetch(`${collector.url}/api/v1/devices/${home.deviceId}`, { headers: { authorization: `Bearer ${apiToken}` } });
      const d = (await res.json()) as { status: { security: unknown; disk: unknown; backup: unknown } | null };
      return d.status?.security && d.status.disk && d.status.backup;
    }, 30_000, 'a full report');
    await new Promise((r) => setTimeout(r, 4000));
    expect(summary(await openAlerts())).toEqual([]);
  });

  it('raises exactly the expected alerts when the endpoint turns unhealthy', async () => {
    await agent!.stop('SIGTERM');
    startAgent('unhealthy');
    const expected = ['antivirus-off:critical:firing', 'backup-stale:critical:firing', 'disk-full:critical:firing'];
    const got = await waitUntil(async () => {
      const s = summary(await openAlerts());
      return s.length === expected.length && s.every((x) => x.endsWith(':firing')) ? s : null;
    }, 30_000, 'the unhealthy alerts').catch(async (e: Error) => { throw new Error(`${e.message}; open: ${summary(await openAlerts()).join(', ')}`); });
    expect(got).toEqual(expected);
  });

  it('raises agent-offline when the agent is killed', async () => {
    await agent!.stop('SIGKILL');
    const offline = await waitUntil(async () => (await openAlerts()).find((a) => a.ruleId === 'agent-offline' && a.state === 'firing'), 30_000, 'agent-offline');
    // Critical for servers, warning for everything else (the role comes from the reported chassis).
    const res = await fetch(`${collector.url}/api/v1/devices/${home.deviceId}`, { headers: { authorization: `Bearer ${apiToken}` } });
    const chassis = ((await res.json()) as { status: { inventory: { chassis: string | null } } }).status.inventory.chassis;
    expect(offline.severity).toBe(chassis === 'server' ? 'critical' : 'warning');
  });

  it('resolves every alert when the endpoint comes back healthy', async () => {
    startAgent('healthy');
    await waitUntil(async () => (await openAlerts()).length === 0, 40_000, 'all alerts resolved')
      .catch(async (e: Error) => { throw new Error(`${e.message}; open: ${summary(await openAlerts()).join(', ')}`); });
    const res = await fetch(`${collector.url}/api/v1/alerts?device=${home.deviceId}&state=resolved&limit=100`, { headers: { authorization: `Bearer ${apiToken}` } });
    const resolved = ((await res.json()) as { alerts: AlertJson[] }).alerts.map((a) => a.ruleId).sort();
    expect(resolved).toEqual(['agent-offline', 'antivirus-off', 'backup-stale', 'disk-full']);
  });
});
