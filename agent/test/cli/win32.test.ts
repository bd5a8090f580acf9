// The real agent CLI acting as Windows: powershell.exe, manage-bde.exe and
// wbadmin.exe are fakes on PATH replaying recorded output (the same files as
// the parser cases), recognised by a fragment of the script they are given.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '@tandem/proto';
import { createFakeBin, fakePath } from '../../../tests/support/fake-programs.mjs';
import type { FakeAnswer, FakePrograms } from '../../../tests/support/fake-programs.mjs';
import { runAgentCli } from '../support/run-cli.js';
import { caseFile } from '../support/recorded-cases.js';

const recorded = (match: string, file: string): FakeAnswer => ({ match, stdoutFile: caseFile(...(file.split('/') as [string, ...string[]])) });

function setup(programs: FakePrograms) {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-win32-cli-'));
  const config = join(dir, 'agent.yaml');
  writeFileSync(config, 'dataDir: data\nbackup:\n  providers:\n    - type: windows-server-backup\n    - type: veeam\n');
  return {
    TANDEM_PLATFORM: 'win32',
    PATH: fakePath(createFakeBin(programs, join(dir, 'fake'))),
    TANDEM_AGENT_CONFIG: config,
    TZ: 'Europe/Berlin',
  };
}

async function collect(env: NodeJS.ProcessEnv): Promise<Snapshot> {
  const result = await runAgentCli(['collect', '--once', '--json', '--only', 'patch,security,backup'], env);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Snapshot;
}

describe('tandem-agent collect on Windows', () => {
  it('reports a healthy PC', async () => {
    const snap = await collect(setup({
      'powershell.exe': [
        recorded('Get-MpComputerStatus', 'mpcomputerstatus-json/healthy-ps51-crlf/stdout.txt'),
        recorded('Windows Advanced Threat Protection', 'endpoint-protection-json/nothing-installed/stdout.txt'),
        recorded('root/SecurityCenter2', 'securitycenter2-av-json/defender-only-on/stdout.txt'),
        recorded('Get-NetFirewallProfile', 'netfirewallprofile-json/all-on-gpoboolean-ints/stdout.txt'),
        recorded('Get-BitLockerVolume', 'bitlockervolume-json/single-volume-ints-ps51/stdout.txt'),
        recorded('Confirm-SecureBootUEFI', 'confirm-securebootuefi/on-json/stdout.txt'),
        recorded('CreateUpdateSearcher', 'wua-search-json/nothing-pending/stdout.txt'),
        recorded('Component Based Servicing', 'reboot-pending-json/none-pending/stdout.txt'),
        recorded('Get-HotFix', 'hotfix-json/ps51-datetime-wrappers/stdout.txt'),
        recorded('Get-WBSummary', 'wbsummary-json/success-ps51/stdout.txt'),
        recorded("LogName = 'Veeam Agent'", 'veeam-agent-events-json/success/stdout.txt'),
      ],
    }));
    expect(snap.inventory).toBeNull();
    expect(snap.patch).toEqual({
      state: 'ok', reason: null, source: 'windows-update', pendingCount: 0, securityCount: 0, rebootRequired: false,
      updates: [], lastInstalledAt: '2026-11-19T23:00:00.000Z',
    });
    expect(snap.security).toEqual({
      state: 'ok', reason: null,
      antivirus: [{ product: 'Microsoft Defender Antivirus', enabled: true, realTime: true, upToDate: true, signaturesUpdatedAt: '2026-11-28T06:41:12.000Z' }],
      firewall: { enabled: true, profiles: [{ name: 'Domain', enabled: true }, { name: 'Private', enabled: true }, { name: 'Public', enabled: true }] },
      encryption: [{ mount: 'C:', state: 'on', method: 'XTS-AES 128' }],
      checks: { tamperProtection: 'on', secureBoot: 'on' },
      endpointProtection: [],
    });
    expect(snap.backup).toEqual({
      state: 'ok', reason: null,
      jobs: [
        { provider: 'windows-server-backup', name: 'windows-server-backup', lastSuccessAt: '2026-11-27T22:47:13.000Z', lastAttemptAt: '2026-11-27T22:47:13.000Z', lastResult: 'success', detail: '34 versions available' },
        { provider: 'veeam', name: 'veeam', lastSuccessAt: '2026-11-27T21:14:55.000Z', lastAttemptAt: '2026-11-27T21:14:55.000Z', lastResult: 'success', detail: 'Backup Job WS-ACC-07 finished with Success' },
      ],
    });
  });

  it('reports an unhealthy PC: real-time off, Public firewall off, no BitLocker, security updates and a restart pending, failed backups', async () => {
    const snap = await collect(setup({
      'powershell.exe': [
        recorded('Get-MpComputerStatus', 'mpcomputerstatus-json/realtime-off-ps7-iso/stdout.txt'),
        recorded('Windows Advanced Threat Protection', 'endpoint-protection-json/nothing-installed/stdout.txt'),
        { match: 'root/SecurityCenter2', stdout: '[{"displayName":"Windows Defender","productState":397312,"timestamp":"Sat, 28 Nov 2026 06:41:13 GMT"}]' },
        recorded('Get-NetFirewallProfile', 'netfirewallprofile-json/public-off-agent-strings/stdout.txt'),
        { match: 'Get-BitLockerVolume', stdout: '[{"MountPoint":"C:","VolumeStatus":"FullyDecrypted","ProtectionStatus":"Off","EncryptionPercentage":0,"EncryptionMethod":"None"}]' },
        recorded('Confirm-SecureBootUEFI', 'confirm-securebootuefi/off-json/stdout.txt'),
        recorded('CreateUpdateSearcher', 'wua-search-json/security-only-compact/stdout.txt'),
        recorded('Component Based Servicing', 'reboot-pending-json/cbs-pending-pretty/stdout.txt'),
        recorded('Get-HotFix', 'hotfix-json/ps51-datetime-wrappers/stdout.txt'),
        recorded('Get-WBSummary', 'wbsummary-json/failed-device-missing/stdout.txt'),
        recorded("LogName = 'Veeam Agent'", 'veeam-agent-events-json/failed-after-success/stdout.txt'),
      ],
    }));
    expect(snap.patch).toMatchObject({ state: 'ok', source: 'windows-update', pendingCount: 3, securityCount: 3, rebootRequired: true });
    expect(snap.patch?.updates.map((u) => u.kb)).toEqual(['KB5046615', 'KB5046543', 'KB5046860']);
    expect(snap.security).toMatchObject({
      state: 'ok',
      antivirus: [{ product: 'Microsoft Defender Antivirus', enabled: true, realTime: false }],
      firewall: { enabled: false, profiles: [{ name: 'Domain', enabled: true }, { name: 'Private', enabled: true }, { name: 'Public', enabled: false }] },
      encryption: [{ mount: 'C:', state: 'off', method: null }],
      checks: { tamperProtection: 'off', secureBoot: 'off' },
    });
    expect(snap.backup?.jobs).toMatchObject([
      { provider: 'windows-server-backup', lastResult: 'failed', lastSuccessAt: '2026-11-20T22:51:42.000Z', detail: 'last backup failed with 0x807800C5: A device which does not exist was specified.' },
      { provider: 'veeam', lastResult: 'failed', lastSuccessAt: '2026-11-25T21:20:44.000Z' },
    ]);
  });

  it('reads PowerShell 5.1 output as it really arrives: BOMs, UTF-16LE, single objects instead of arrays', async () => {
    const snap = await collect(setup({
      'powershell.exe': [
        recorded('Get-MpComputerStatus', 'mpcomputerstatus-json/signatures-out-of-date-utf8-bom/stdout.bin'),
        recorded('Windows Advanced Threat Protection', 'endpoint-protection-json/nothing-installed/stdout.txt'),
        recorded('root/SecurityCenter2', 'securitycenter2-av-json/single-object-out-of-date/stdout.txt'),
        recorded('Get-NetFirewallProfile', 'netfirewallprofile-json/utf16-redirected/stdout.bin'),
        recorded('Get-BitLockerVolume', 'bitlockervolume-json/single-volume-ints-ps51/stdout.txt'),
        recorded('Confirm-SecureBootUEFI', 'confirm-securebootuefi/on-json/stdout.txt'),
        recorded('CreateUpdateSearcher', 'wua-search-json/restart-required-single-object/stdout.txt'),
        recorded('Component Based Servicing', 'reboot-pending-json/computer-rename-utf16/stdout.bin'),
        recorded('Get-HotFix', 'hotfix-json/utf16-redirected/stdout.bin'),
        recorded('Get-WBSummary', 'wbsummary-json/success-with-warning-utf16/stdout.bin'),
        recorded("LogName = 'Veeam Agent'", 'veeam-agent-events-json/warning-ps7-iso-single/stdout.txt'),
      ],
    }));
    expect(snap.security).toMatchObject({
      state: 'ok',
      antivirus: [
        { product: 'Microsoft Defender Antivirus', enabled: true, upToDate: false, signaturesUpdatedAt: '2026-11-14T09:00:00.000Z' },
        { product: 'ESET Security', enabled: true, upToDate: false },
      ],
      firewall: { enabled: false },
      encryption: [{ mount: 'C:', state: 'on' }],
    });
    expect(snap.patch).toMatchObject({ state: 'ok', pendingCount: 1, securityCount: 1, rebootRequired: true, lastInstalledAt: '2026-11-19T23:00:00.000Z' });
    expect(snap.backup?.jobs.map((j) => [j.provider, j.lastResult])).toEqual([['windows-server-backup', 'success'], ['veeam', 'success']]);
  });

  it('falls back to manage-bde and wbadmin when the cmdlets are missing', async () => {
    const snap = await collect(setup({
      'powershell.exe': [
        recorded('Get-MpComputerStatus', 'mpcomputerstatus-json/healthy-ps51-crlf/stdout.txt'),
        recorded('Windows Advanced Threat Protection', 'endpoint-protection-json/nothing-installed/stdout.txt'),
        { match: 'root/SecurityCenter2', stderr: 'Get-CimInstance : Invalid namespace \r\n    + FullyQualifiedErrorId : HRESULT 0x8004100e,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand\r\n', exitCode: 1 },
        recorded('Get-NetFirewallProfile', 'netfirewallprofile-json/all-on-gpoboolean-ints/stdout.txt'),
        { match: 'Get-BitLockerVolume', stderr: readFileSync(caseFile('bitlockervolume-json', 'cmdlet-missing', 'stderr.txt'), 'utf8'), exitCode: 1 },
        recorded('Confirm-SecureBootUEFI', 'confirm-securebootuefi/on-json/stdout.txt'),
        recorded('CreateUpdateSearcher', 'wua-search-json/nothing-pending/stdout.txt'),
        recorded('Component Based Servicing', 'reboot-pending-json/none-pending/stdout.txt'),
        recorded('Get-HotFix', 'hotfix-json/ps51-datetime-wrappers/stdout.txt'),
        { match: 'Get-WBSummary', stderr: "Get-WBSummary : The term 'Get-WBSummary' is not recognized as the name of a cmdlet, function, script file, or operable program.\r\n", exitCode: 1 },
        recorded("LogName = 'Veeam Agent'", 'veeam-agent-events-json/success/stdout.txt'),
      ],
      'manage-bde.exe': [recorded('-status', 'manage-bde-status/german-oem-codepage/stdout.bin')],
      'wbadmin.exe': [recorded('get versions', 'wbadmin-get-versions/english-two-versions-berlin/stdout.txt')],
    }));
    expect(snap.security).toMatchObject({ state: 'ok', encryption: [{ mount: 'C:', state: 'on', method: 'XTS-AES 128' }, { mount: 'D:', state: 'off', method: null }] });
    expect(snap.backup?.jobs[0]).toMatchObject({ provider: 'windows-server-backup', lastSuccessAt: '2026-11-27T22:00:00.000Z', lastResult: 'unknown' });
  });

  it('decodes manage-bde and wbadmin with the computer\'s OEM code page from the registry', async () => {
    const snap = await collect(setup({
      'powershell.exe': [
        { match: 'Get-BitLockerVolume', stderr: readFileSync(caseFile('bitlockervolume-json', 'cmdlet-missing', 'stderr.txt'), 'utf8'), exitCode: 1 },
        { match: 'Get-WBSummary', stderr: "Get-WBSummary : The term 'Get-WBSummary' is not recognized as the name of a cmdlet, function, script file, or operable program.\r\n", exitCode: 1 },
      ],
      'reg.exe': [{ match: 'OEMCP', stdout: '\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage\r\n    OEMCP    REG_SZ    850\r\n\r\n' }],
      'manage-bde.exe': [{ match: '-status', stdoutFile: caseFile('manage-bde-status', 'german-access-denied-oem850', 'stdout.bin'), exitCode: 1 }],
      'wbadmin.exe': [recorded('get versions', 'wbadmin-get-versions/german-versions-oem850/stdout.bin')],
    }));
    expect(snap.security?.reason).toContain('Stellen Sie sicher, dass Sie über Administratorrechte für den Computer verfügen.');
    expect(snap.backup?.jobs[0]?.detail).toContain('Festplatte mit der Bezeichnung Büro-NAS(F:)');
  });

  it('reports every topic unknown, never off or zero, when the tools are missing', async () => {
    const snap = await collect(setup({}));
    expect(snap.patch).toMatchObject({ state: 'unknown', pendingCount: null, securityCount: null, rebootRequired: null, lastInstalledAt: null });
    expect(snap.patch?.reason).toContain('powershell.exe not found on PATH');
    expect(snap.security).toMatchObject({
      state: 'unknown', antivirus: [], firewall: { enabled: null, profiles: [] }, encryption: [], checks: { secureBoot: 'unknown' },
    });
    expect(snap.security?.reason).toContain('manage-bde.exe not found on PATH');
    expect(snap.backup?.jobs).toEqual([
      { provider: 'windows-server-backup', name: 'windows-server-backup', lastSuccessAt: null, lastAttemptAt: null, lastResult: 'unknown', detail: 'powershell.exe not found on PATH, and wbadmin.exe not found on PATH' },
      { provider: 'veeam', name: 'veeam', lastSuccessAt: null, lastAttemptAt: null, lastResult: 'unknown', detail: 'the Veeam Agent event log could not be read: powershell.exe not found on PATH' },
    ]);
  });
});

describe('tandem-agent parse with a code page', () => {
  it('reads a paste saved as ANSI with --code-page 1252, and refuses a code page it cannot decode', async () => {
    const file = caseFile('manage-bde-status', 'french-suspended-ansi1252-paste', 'stdout.bin');
    const read = await runAgentCli(['parse', 'manage-bde-status', file, '--code-page', '1252']);
    expect(read.code).toBe(0);
    expect((JSON.parse(read.stdout) as { security: Snapshot['security'] }).security?.encryption).toEqual([{ mount: 'C:', state: 'suspended', method: 'XTS-AES 128' }]);
    const bad = await runAgentCli(['parse', 'manage-bde-status', file, '--code-page', '4711']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--code-page: 4711 is not a code page this agent can decode');
  });
});
