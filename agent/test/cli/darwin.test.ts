// The real agent CLI acting as a Mac: every macOS tool is a recorded fake on PATH.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '@tandem/proto';
import { createFakeBin, fakePath } from '../../../tests/support/fake-programs.mjs';
import type { FakePrograms } from '../../../tests/support/fake-programs.mjs';
import { runAgentCli } from '../support/run-cli.js';

const SU_HEADERS = 'Software Update Tool\n\nFinding available software\n';

const INSTALL_HISTORY = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<array>
	<dict>
		<key>date</key>
		<date>2026-11-20T09:15:03Z</date>
		<key>displayName</key>
		<string>macOS Sonoma 14.7.1</string>
		<key>displayVersion</key>
		<string>14.7.1</string>
		<key>packageIdentifiers</key>
		<array/>
		<key>processName</key>
		<string>softwareupdated</string>
	</dict>
</array>
</plist>
`;

function timeMachinePrefs(autoBackup: number, result: number, dates: string[]): string {
  return `{
    AutoBackup = ${autoBackup};
    Destinations =     (
                {
            BackupAlias = {length = 524, bytes = 0x00000000 020c0002 00000000 00000000 ... 00000000 00000000 };
            BytesAvailable = 812309987328;
            DestinationID = "5D2E7F10-8B3C-4A9D-B1E2-F3C4D5E6A7B8";
            FilesystemTypeName = apfs;
            LastKnownEncryptionState = Encrypted;
            LastKnownVolumeName = "Backup";
            RESULT = ${result};
            SnapshotDates =             (
${dates.map((d) => `                "${d}"`).join(',\n')}
            );
        }
    );
    LastDestinationID = "5D2E7F10-8B3C-4A9D-B1E2-F3C4D5E6A7B8";
    PreferencesVersion = 5;
}
`;
}

function setup(programs: FakePrograms, files: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-darwin-cli-'));
  const config = join(dir, 'agent.yaml');
  writeFileSync(config, 'dataDir: data\nbackup:\n  providers:\n    - type: time-machine\n');
  const fsRoot = join(dir, 'fs');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(fsRoot, path, '..'), { recursive: true });
    writeFileSync(join(fsRoot, path), text);
  }
  const env = {
    TANDEM_PLATFORM: 'darwin',
    PATH: fakePath(createFakeBin(programs, join(dir, 'fake'))),
    TANDEM_AGENT_CONFIG: config,
    TANDEM_FS_ROOT: fsRoot,
    TZ: 'Europe/Berlin',
  };
  return env;
}

async function collect(env: NodeJS.ProcessEnv): Promise<Snapshot> {
  const result = await runAgentCli(['collect', '--once', '--json', '--only', 'patch,security,backup'], env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Snapshot;
}

describe('tandem-agent collect on macOS', () => {
  it('reports a healthy Mac', async () => {
    const env = setup({
      softwareupdate: [{ match: '-l', stderr: `${SU_HEADERS}No new software available.\n` }],
      fdesetup: [{ match: 'status', stdout: 'FileVault is On.\n' }],
      socketfilterfw: [{ match: '--getglobalstate', stdout: 'Firewall is enabled. (State = 1)\n' }],
      spctl: [{ match: '--status', stdout: 'assessments enabled\n' }],
      csrutil: [{ match: 'status', stdout: 'System Integrity Protection status: enabled.\n' }],
      tmutil: [{ match: 'latestbackup', stdout: '/Volumes/.timemachine/4A1B2C3D-5E6F-4071-8293-A4B5C6D7E8F9/2026-11-28-101500.backup/2026-11-28-101500.backup\n' }],
      defaults: [{ match: 'com.apple.TimeMachine', stdout: timeMachinePrefs(1, 0, ['2026-11-27 09:02:11 +0000', '2026-11-28 09:15:00 +0000']) }],
    }, { '/Library/Receipts/InstallHistory.plist': INSTALL_HISTORY });
    const snap = await collect(env);
    expect(snap.inventory).toBeNull();
    expect(snap.patch).toEqual({
      state: 'ok', reason: null, source: 'softwareupdate', pendingCount: 0, securityCount: 0, rebootRequired: false,
      updates: [], lastInstalledAt: '2026-11-20T09:15:03.000Z',
    });
    expect(snap.security).toEqual({
      state: 'ok', reason: null, antivirus: [], firewall: { enabled: true, profiles: [] },
      encryption: [{ mount: '/', state: 'on', method: 'FileVault' }], checks: { gatekeeper: 'on', sip: 'on' },
      endpointProtection: [],
    });
    expect(snap.backup).toEqual({
      state: 'ok', reason: null,
      jobs: [{
        provider: 'time-machine', name: 'time-machine', lastSuccessAt: '2026-11-28T09:15:00.000Z', lastAttemptAt: null, lastResult: 'success',
        detail: 'last backup to "Backup" succeeded; latest completed backup: /Volumes/.timemachine/4A1B2C3D-5E6F-4071-8293-A4B5C6D7E8F9/2026-11-28-101500.backup/2026-11-28-101500.backup',
      }],
    });
  });

  it('reports an unhealthy Mac: FileVault and firewall off, restart-needing updates, stale Time Machine', async () => {
    const env = setup({
      softwareupdate: [{
        match: '-l',
        stdout: 'Software Update found the following new or updated software:\n'
          + '* Label: macOS Sonoma 14.7.2-23H311\n\tTitle: macOS Sonoma 14.7.2, Version: 14.7.2, Size: 1843227KiB, Recommended: YES, Action: restart,\n'
          + '* Label: macOS Security Response 14.7.1 (a)-23H222a\n\tTitle: macOS Security Response 14.7.1 (a), Version: 14.7.1 (a), Size: 97528KiB, Recommended: YES, Action: restart,\n',
        stderr: SU_HEADERS,
      }],
      fdesetup: [{ match: 'status', stdout: 'FileVault is Off.\n' }],
      socketfilterfw: [{ match: '--getglobalstate', stdout: 'Firewall is disabled. (State = 0)\n' }],
      spctl: [{ match: '--status', stdout: 'assessments enabled\n' }],
      csrutil: [{ match: 'status', stdout: 'System Integrity Protection status: enabled.\n' }],
      tmutil: [{ match: 'latestbackup', stdout: '/Volumes/Backup/Backups.backupdb/Mac/2026-08-02-194410\n' }],
      defaults: [{ match: 'com.apple.TimeMachine', stdout: timeMachinePrefs(0, 0, ['2026-08-02 17:44:10 +0000']) }],
    });
    const snap = await collect(env);
    expect(snap.patch).toMatchObject({
      state: 'ok', source: 'softwareupdate', pendingCount: 2, securityCount: null, rebootRequired: true, lastInstalledAt: null,
    });
    expect(snap.patch?.updates.map((u) => [u.name, u.availableVersion, u.security])).toEqual([
      ['macOS Sonoma 14.7.2', '14.7.2', null],
      ['macOS Security Response 14.7.1 (a)', '14.7.1 (a)', true],
    ]);
    expect(snap.security).toMatchObject({
      state: 'ok', firewall: { enabled: false }, encryption: [{ mount: '/', state: 'off', method: null }],
      checks: { gatekeeper: 'on', sip: 'on' },
    });
    expect(snap.backup?.jobs).toEqual([{
      provider: 'time-machine', name: 'time-machine', lastSuccessAt: '2026-08-02T17:44:10.000Z', lastAttemptAt: null, lastResult: 'success',
      detail: 'last backup to "Backup" succeeded; automatic backups are off; latest completed backup: /Volumes/Backup/Backups.backupdb/Mac/2026-08-02-194410',
    }]);
  });

  it('reports unknown with reasons when the macOS tools are missing', async () => {
    const snap = await collect(setup({}));
    expect(snap.patch).toMatchObject({ state: 'unknown', source: 'softwareupdate', pendingCount: null, rebootRequired: null });
    expect(snap.patch?.reason).toContain('softwareupdate not found');
    expect(snap.security).toMatchObject({
      state: 'unknown', firewall: { enabled: null }, encryption: [{ mount: '/', state: 'unknown', method: null }],
      checks: { gatekeeper: 'unknown', sip: 'unknown' },
    });
    for (const tool of ['fdesetup', 'socketfilterfw', 'spctl', 'csrutil']) expect(snap.security?.reason).toContain(`${tool} not found`);
    expect(snap.backup?.jobs).toHaveLength(1);
    expect(snap.backup?.jobs[0]).toMatchObject({ provider: 'time-machine', lastSuccessAt: null, lastResult: 'unknown' });
    expect(snap.backup?.jobs[0]?.detail).toContain('tmutil not found');
  });
});
