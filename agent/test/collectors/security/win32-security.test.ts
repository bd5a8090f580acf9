// The Windows security collector with PowerShell and manage-bde replayed from recorded output.
import { describe, expect, it } from 'vitest';
import type { CollectContext } from '../../../src/collectors/collector.js';
import type { RunCommand, RunOutcome } from '../../../src/exec/run-command.js';
import { defaultAgentConfig } from '../../../src/config.js';
import { collectSecurityWin32 } from '../../../src/collectors/security/win32.js';

interface Answer { program?: string; match?: string; stdout?: string; stderr?: string; exitCode?: number | null }

/** Answers by program and a substring of the joined arguments; a program without answers is not installed. */
function windowsRun(answers: Answer[], calls: string[] = []): RunCommand {
  return async (command, args): Promise<RunOutcome> => {
    const line = args.join(' ');
    calls.push(`${command} ${line}`);
    const mine = answers.filter((a) => (a.program ?? 'powershell.exe') === command);
    if (mine.length === 0) return { command, args, notFound: true, message: `${command} not found on PATH` };
    const a = mine.find((x) => x.match === undefined || line.includes(x.match));
    if (!a) throw new Error(`no recorded answer for ${command} ${line}`);
    return { command, args, stdout: a.stdout ?? '', stderr: a.stderr ?? '', exitCode: a.exitCode === undefined ? 0 : a.exitCode, timedOut: false, truncated: false, durationMs: 1 };
  };
}

function context(run: RunCommand): CollectContext {
  return {
    platform: 'win32', run, now: () => new Date('2026-11-28T12:00:00Z'), config: defaultAgentConfig('/tmp/tandem-test-data'),
    env: {}, timeZone: 'Europe/Berlin', osPath: (p) => p,
  };
}

const DEFENDER_ON = '{"AMRunningMode":"Normal","AMServiceEnabled":true,"AntivirusEnabled":true,"RealTimeProtectionEnabled":true,"AntivirusSignatureLastUpdated":"\\/Date(1795848072000)\\/","AntivirusSignatureAge":0,"IsTamperProtected":true,"DefenderSignaturesOutOfDate":false}';
/** The endpoint protection script on a PC with no sensor onboarded. */
const NO_SENSORS = '{"Sense":{"Status":"Stopped","StartType":"Manual"},"SenseOnboardingState":null,"CSAgent":null,"SentinelAgent":null,"SophosDefense":null}';
const FIREWALL_ON = '[{"Name":"Domain","Enabled":"True"},{"Name":"Private","Enabled":"True"},{"Name":"Public","Enabled":"True"}]';
const NOT_RECOGNIZED = (cmd: string) => `${cmd} : The term '${cmd}' is not recognized as the name of a cmdlet, function, script file, or operable program.\r\nAt line:1 char:1\r\n    + CategoryInfo          : ObjectNotFound: (${cmd}:String) [], CommandNotFoundException\r\n    + FullyQualifiedErrorId : CommandNotFoundException\r\n`;

describe('collectSecurityWin32', () => {
  it('reads a healthy Windows 11 PC, dropping Security Center\'s duplicate Defender entry', async () => {
    const calls: string[] = [];
    const security = await collectSecurityWin32(context(windowsRun([
      { match: 'Get-MpComputerStatus', stdout: DEFENDER_ON },
      { match: 'Windows Advanced Threat Protection', stdout: NO_SENSORS },
      { match: 'root/SecurityCenter2', stdout: '[{"displayName":"Windows Defender","productState":397568,"timestamp":"Sat, 28 Nov 2026 06:41:13 GMT"}]' },
      { match: 'Get-NetFirewallProfile', stdout: FIREWALL_ON },
      { match: 'Get-BitLockerVolume', stdout: '[{"MountPoint":"C:","VolumeStatus":"FullyEncrypted","ProtectionStatus":"On","EncryptionPercentage":100,"EncryptionMethod":"XtsAes128"}]' },
      { match: 'Confirm-SecureBootUEFI', stdout: 'true' },
    ], calls)));
    expect(security).toEqual({
      state: 'ok', reason: null,
      antivirus: [{ product: 'Microsoft Defender Antivirus', enabled: true, realTime: true, upToDate: true, signaturesUpdatedAt: '2026-11-28T06:41:12.000Z' }],
      firewall: { enabled: true, profiles: [{ name: 'Domain', enabled: true }, { name: 'Private', enabled: true }, { name: 'Public', enabled: true }] },
      encryption: [{ mount: 'C:', state: 'on', method: 'XTS-AES 128' }],
      checks: { tamperProtection: 'on', secureBoot: 'on' },
      endpointProtection: [],
    });
    expect(calls.every((c) => c.startsWith('powershell.exe -NoProfile -NonInteractive -Command '))).toBe(true);
  });

  it('keeps a third-party antivirus when Defender is off', async () => {
    const security = await collectSecurityWin32(context(windowsRun([
      { match: 'Get-MpComputerStatus', stderr: 'Get-MpComputerStatus : Operation failed with the following error: 0x800106ba\r\nAt line:1 char:1\r\n', exitCode: 1 },
      { match: 'Windows Advanced Threat Protection', stdout: NO_SENSORS },
      { match: 'root/SecurityCenter2', stdout: '[{"displayName":"Windows Defender","productState":393472,"timestamp":"x"},{"displayName":"Sophos Anti-Virus","productState":266240,"timestamp":"x"}]' },
      { match: 'Get-NetFirewallProfile', stdout: FIREWALL_ON },
      { match: 'Get-BitLockerVolume', stdout: '[{"MountPoint":"C:","VolumeStatus":1,"ProtectionStatus":1,"EncryptionMethod":6}]' },
      { match: 'Confirm-SecureBootUEFI', stdout: 'true' },
    ])));
    expect(security.state).toBe('ok');
    expect(security.antivirus.map((a) => [a.product, a.enabled])).toEqual([
      ['Microsoft Defender Antivirus', false], ['Sophos Anti-Virus', true],
    ]);
  });

  it('on a BIOS server: no Security Center (quietly), manage-bde instead of the missing BitLocker module, Secure Boot off', async () => {
    const calls: string[] = [];
    const security = await collectSecurityWin32(context(windowsRun([
      { match: 'Get-MpComputerStatus', stdout: DEFENDER_ON },
      { match: 'Windows Advanced Threat Protection', stdout: NO_SENSORS },
      { match: 'root/SecurityCenter2', stderr: 'Get-CimInstance : Invalid namespace \r\n    + FullyQualifiedErrorId : HRESULT 0x8004100e,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand\r\n', exitCode: 1 },
      { match: 'Get-NetFirewallProfile', stdout: FIREWALL_ON },
      { match: 'Get-BitLockerVolume', stderr: NOT_RECOGNIZED('Get-BitLockerVolume'), exitCode: 1 },
      { match: 'Confirm-SecureBootUEFI', stderr: 'Confirm-SecureBootUEFI : Cmdlet not supported on this platform: 0xC0000002\r\nAt line:1 char:1\r\n', exitCode: 1 },
      { program: 'manage-bde.exe', match: '-status', stdout: 'Volume C: [OS]\r\n[OS Volume]\r\n\r\n    Conversion Status:    Fully Decrypted\r\n    Encryption Method:    None\r\n    Protection Status:    Protection Off\r\n' },
    ], calls)));
    expect(security.state).toBe('ok');
    expect(security.reason).toBeNull();
    expect(security.encryption).toEqual([{ mount: 'C:', state: 'off', method: null }]);
    expect(security.checks.secureBoot).toBe('off');
    expect(calls).toContain('manage-bde.exe -status');
  });

  it('reports what it read and says which part failed', async () => {
    const security = await collectSecurityWin32(context(windowsRun([
      { match: 'Get-MpComputerStatus', stdout: DEFENDER_ON },
      { match: 'Windows Advanced Threat Protection', stdout: NO_SENSORS },
      { match: 'root/SecurityCenter2', stdout: '[]' },
      { match: 'Get-NetFirewallProfile', stdout: FIREWALL_ON },
      { match: 'Get-BitLockerVolume', stderr: 'Get-CimInstance : Access denied \r\n    + CategoryInfo          : PermissionDenied: (:) [Get-CimInstance], CimException\r\n', exitCode: 1 },
      { match: 'Confirm-SecureBootUEFI', stderr: 'Confirm-SecureBootUEFI : Unable to set proper privileges. Access was denied.\r\n', exitCode: 1 },
    ])));
    expect(security.state).toBe('unknown');
    expect(security.reason).toContain('Get-BitLockerVolume was denied access');
    expect(security.reason).toContain('Confirm-SecureBootUEFI was denied access');
    expect(security.firewall.enabled).toBe(true);
    expect(security.encryption).toEqual([]);
    expect(security.checks.secureBoot).toBe('unknown');
  });

  it('is unknown, never off, when PowerShell cannot run at all', async () => {
    const security = await collectSecurityWin32(context(windowsRun([])));
    expect(security.state).toBe('unknown');
    expect(security.reason).toContain('powershell.exe not found on PATH');
    expect(security.antivirus).toEqual([]);
    expect(security.firewall.enabled).toBeNull();
    expect(security.checks.secureBoot).toBe('unknown');
  });
});
