// Recorded tool outputs for whole endpoints (Windows, Debian, macOS), built
// from the agent's parser case folders: what the end-to-end tests and the
// demo fleet replay through fake programs (see fake-programs.mjs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// Each source's cases sit in its topic folder: agent/src/collectors/<topic>/testdata/<source>/<case>/.
const COLLECTORS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'agent', 'src', 'collectors');
const rec = (source, name, file = 'stdout.txt') => {
  const topic = readdirSync(COLLECTORS).find((t) => existsSync(join(COLLECTORS, t, 'testdata', source)));
  if (!topic) throw new Error(`no recorded cases for source ${source}`);
  return join(COLLECTORS, topic, 'testdata', source, name, file);
};
const readIfPresent = (file) => (existsSync(file) ? readFileSync(file, 'utf8') : '');

/** `df -kPT` (what systeminformation runs) and `df -iP` (inodes) for the given volumes. */
export function dfPrograms(volumes) {
  const kb = (gb) => Math.round(gb * 1024 * 1024);
  const rows = volumes.map((v) => {
    const size = kb(v.sizeGb);
    const used = Math.round((size * v.usedPercent) / 100);
    return `${v.device} ${v.fsType} ${size} ${used} ${size - used} ${Math.round(v.usedPercent)}% ${v.mount}`;
  });
  const inodes = volumes.map((v) => `${v.device} 6553600 ${Math.round(65536 * v.usedPercent)} 0 ${Math.round(v.usedPercent)}% ${v.mount}`);
  return {
    df: [
      { match: '-i', stdout: ['Filesystem Inodes IUsed IFree IUse% Mounted on', ...inodes].join('\n') + '\n' },
      { stdout: ['Filesystem Type 1024-blocks Used Available Capacity Mounted on', ...rows].join('\n') + '\n' },
    ],
  };
}

export function windowsPrograms({
  caption = 'Microsoft Windows 11 Pro', productType = 1, chassisTypes = [3], realTime = true, firewallPublic = true,
  bitlocker = 'FullyEncrypted', wua = 'nothing-pending', reboot = 'none-pending',
  /** A recorded endpoint-protection-json case, or 'defender-for-endpoint' (onboarded, in contact now). */
  edr = 'nothing-installed',
} = {}) {
  const now = new Date().toISOString();
  return {
    'powershell.exe': [
      { match: 'Win32_OperatingSystem', stdout: JSON.stringify({ Caption: caption, Version: '10.0.22631', ProductType: productType, ChassisTypes: chassisTypes }) },
      { match: 'Get-MpComputerStatus', stdout: JSON.stringify({ AMRunningMode: 'Normal', AMServiceEnabled: true, AntivirusEnabled: true, RealTimeProtectionEnabled: realTime, AntivirusSignatureLastUpdated: now, AntivirusSignatureAge: 0, IsTamperProtected: true }) },
      { match: 'SecurityCenter2', stdoutFile: rec('securitycenter2-av-json', 'defender-only-on') },
      { match: 'Get-NetFirewallProfile', stdout: JSON.stringify([{ Name: 'Domain', Enabled: 'True' }, { Name: 'Private', Enabled: 'True' }, { Name: 'Public', Enabled: firewallPublic ? 'True' : 'False' }]) },
      { match: 'Get-BitLockerVolume', stdout: JSON.stringify([{ MountPoint: 'C:', VolumeStatus: bitlocker, ProtectionStatus: bitlocker === 'FullyEncrypted' ? 'On' : 'Off', EncryptionPercentage: bitlocker === 'FullyEncrypted' ? 100 : 0, EncryptionMethod: 'XtsAes256' }]) },
      { match: 'Confirm-SecureBootUEFI', stdoutFile: rec('confirm-securebootuefi', 'on-json') },
      edr === 'defender-for-endpoint'
        // Onboarded and in contact a minute ago (LastConnected is a FILETIME), so nothing ages with the calendar.
        ? { match: 'Windows Advanced Threat Protection', stdout: JSON.stringify({ ...JSON.parse(readFileSync(rec('endpoint-protection-json', 'mde-onboarded'), 'utf8')), SenseLastConnected: (Date.now() - 60_000 + 11_644_473_600_000) * 10_000 }) }
        : { match: 'Windows Advanced Threat Protection', stdoutFile: rec('endpoint-protection-json', edr) },
      { match: 'Microsoft.Update.Session', stdoutFile: rec('wua-search-json', wua) },
      { match: 'RebootPending', stdoutFile: rec('reboot-pending-json', reboot) },
      { match: 'Get-HotFix', stdoutFile: rec('hotfix-json', 'single-object') },
    ],
  };
}

export function debianPrograms({ apt = 'nothing-pending-debian12', simulate = 'nothing-pending-debian12', ufw = 'active-verbose', lsblk = 'luks-mountpoints-array' } = {}) {
  return {
    apt: [{ stdoutFile: rec('apt-list-upgradable', apt) }],
    'apt-get': [{ stdoutFile: rec('apt-get-simulate', simulate) }],
    ufw: [{ stdoutFile: rec('ufw-status', ufw) }],
    lsblk: [{ match: '-J', stdoutFile: rec('lsblk-json', lsblk) }],
  };
}

export function macPrograms({ model, softwareupdate = 'nothing-pending', filevault = 'on', firewall = 'enabled' }) {
  return {
    sw_vers: [{ stdout: 'ProductName:\t\tmacOS\nProductVersion:\t\t14.6.1\nBuildVersion:\t\t23G93\n' }],
    sysctl: [{ stdout: `${model}\n` }],
    // softwareupdate says some things on stderr ("No new software available.").
    softwareupdate: [{ stdoutFile: rec('softwareupdate-list', softwareupdate), stderr: readIfPresent(rec('softwareupdate-list', softwareupdate, 'stderr.txt')) }],
    fdesetup: [{ stdoutFile: rec('fdesetup-status', filevault) }],
    socketfilterfw: [{ stdoutFile: rec('socketfilterfw-globalstate', firewall) }],
    spctl: [{ stdoutFile: rec('spctl-status', 'enabled') }],
    csrutil: [{ stdoutFile: rec('csrutil-status', 'enabled') }],
  };
}
