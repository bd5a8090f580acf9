// Alerts end to end: a real agent process (acting as Windows, fed recorded
// tool outputs) turns unhealthy, then is killed, then comes back healthy; the
// real collector raises exactly the expected alerts and resolves them.
import { symlinkSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeBin, fakePath } from '../support/fake-programs.mjs';
import type { FakePrograms } from '../support/fake-programs.mjs';
import { Proc, startCollector, tempDir, waitUntil, AGENT_CLI } from '../support/processes.js';
import type { RunningCollector } from '../support/processes.js';
import { enrollAgent } from '../support/agents.js';
import type { AgentHome } from '../support/agents.js';

const CASES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'agent', 'test', 'parse', 'cases');
const EVERY_2S = '*/2 * * * * *';

let collector: RunningCollector;
let apiToken: string;
let home: AgentHome;
let backups: string;
let agent: Proc | null = null;

interface AlertJson { id: string; ruleId: string; instance: string; severity: string; state: string }

/** `df -kPT` as systeminformation runs it, for one volume at `usedPercent`. */
function dfOutput(usedPercent: number): string {
  const size = 100_000_000;
  const used = Math.round((size * usedPercent) / 100);
  return `Filesystem     Type 1024-blocks      Used Available Capacity Mounted on\n/dev/sda1      ext4 ${size} ${used} ${size - used} ${usedPercent}% /\n`;
}

function programs(health: 'healthy' | 'unhealthy'): FakePrograms {
  const now = new Date().toISOString();
  const defender = { AMRunningMode: 'Normal', AMServiceEnabled: true, AntivirusEnabled: true, RealTimeProtectionEnabled: health === 'healthy', AntivirusSignatureLastUpdated: now, AntivirusSignatureAge: 0, IsTamperProtected: true };
  return {
    'powershell.exe': [
      { match: 'Get-MpComputerStatus', stdout: JSON.stringify(defender) },
      { match: 'SecurityCenter2', stdoutFile: join(CASES, 'securitycenter2-av-json', 'defender-only-on', 'stdout.txt') },
      { match: 'Get-NetFirewallProfile', stdout: JSON.stringify(['Domain', 'Private', 'Public'].map((Name) => ({ Name, Enabled: 'True' }))) },
      { match: 'Get-BitLockerVolume', stdout: JSON.stringify([{ MountPoint: 'C:', VolumeStatus: 'FullyEncrypted', ProtectionStatus: 'On', EncryptionPercentage: 100, EncryptionMethod: 'XtsAes256' }]) },
      { match: 'Confirm-SecureBootUEFI', stdoutFile: join(CASES, 'confirm-securebootuefi', 'on-json', 'stdout.txt') },
      { match: 'Microsoft.Update.Session', stdoutFile: join(CASES, 'wua-search-json', 'nothing-pending', 'stdout.txt') },
      { match: 'RebootPending', stdoutFile: join(CASES, 'reboot-pending-json', 'none-pending', 'stdout.txt') },
      { match: 'Get-HotFix', stdoutFile: join(CASES, 'hotfix-json', 'single-object', 'stdout.txt') },
    ],
    // systeminformation reads volumes with `df -kPTx squashfs`.
    df: [{ stdout: dfOutput(health === 'healthy' ? 40 : 96) }],
  };
}

function startAgent(health: 'healthy' | 'unhealthy'): Proc {
  const bin = createFakeBin(programs(health));
  symlinkSync('/bin/cat', join(bin, 'cat'));
  const age = health === 'healthy' ? 60 : 4 * 86_400;
  const when = new Date(Date.now() - age * 1000);
  utimesSync(join(backups, 'nightly.zip'), when, when);
  agent = Proc.start(AGENT_CLI, ['run', '--config', home.config], { TANDEM_PLATFORM: 'win32', PATH: fakePath(bin), TANDEM_LOG_LEVEL: 'warn' });
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
