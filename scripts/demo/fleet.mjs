// The demo fleet: simulated endpoints in two client organizations. Each is a
// real agent process acting as its OS and fed recorded tool outputs (the
// same recordings the agent's parser tests use), some healthy, some not.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const CASES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'agent', 'test', 'parse', 'cases');
const rec = (source, name, file = 'stdout.txt') => join(CASES, source, name, file);

export const TENANTS = [
  { id: 'acme', name: 'Acme Dental Group' },
  { id: 'globex', name: 'Globex Logistics' },
];

/** `df -kPT` (what systeminformation runs) and `df -iP` for the given volumes. */
function df(volumes) {
  const kb = (gb) => Math.round(gb * 1024 * 1024);
  const rows = volumes.map((v) => {
    const size = kb(v.sizeGb);
    const used = Math.round((size * v.usedPercent) / 100);
    return `${v.device} ${v.fsType} ${size} ${used} ${size - used} ${Math.round(v.usedPercent)}% ${v.mount}`;
  });
  const inodes = volumes.map((v) => `${v.device} 6553600 ${Math.round(65536 * v.usedPercent)} 0 ${Math.round(v.usedPercent)}% ${v.mount}`);
  return [
    { match: '-i', stdout: ['Filesystem Inodes IUsed IFree IUse% Mounted on', ...inodes].join('\n') + '\n' },
    { stdout: ['Filesystem Type 1024-blocks Used Available Capacity Mounted on', ...rows].join('\n') + '\n' },
  ];
}

function windows({ caption, productType, chassisTypes, realTime = true, firewallPublic = true, bitlocker = 'FullyEncrypted', wua = 'nothing-pending', reboot = 'none-pending' }) {
  const now = new Date().toISOString();
  return {
    'powershell.exe': [
      { match: 'Win32_OperatingSystem', stdout: JSON.stringify({ Caption: caption, Version: '10.0.22631', ProductType: productType, ChassisTypes: chassisTypes }) },
      { match: 'Get-MpComputerStatus', stdout: JSON.stringify({ AMRunningMode: 'Normal', AMServiceEnabled: true, AntivirusEnabled: true, RealTimeProtectionEnabled: realTime, AntivirusSignatureLastUpdated: now, AntivirusSignatureAge: 0, IsTamperProtected: true }) },
      { match: 'SecurityCenter2', stdoutFile: rec('securitycenter2-av-json', 'defender-only-on') },
      { match: 'Get-NetFirewallProfile', stdout: JSON.stringify([{ Name: 'Domain', Enabled: 'True' }, { Name: 'Private', Enabled: 'True' }, { Name: 'Public', Enabled: firewallPublic ? 'True' : 'False' }]) },
      { match: 'Get-BitLockerVolume', stdout: JSON.stringify([{ MountPoint: 'C:', VolumeStatus: bitlocker, ProtectionStatus: bitlocker === 'FullyEncrypted' ? 'On' : 'Off', EncryptionPercentage: bitlocker === 'FullyEncrypted' ? 100 : 0, EncryptionMethod: 'XtsAes256' }]) },
      { match: 'Confirm-SecureBootUEFI', stdoutFile: rec('confirm-securebootuefi', 'on-json') },
      { match: 'Microsoft.Update.Session', stdoutFile: rec('wua-search-json', wua) },
      { match: 'RebootPending', stdoutFile: rec('reboot-pending-json', reboot) },
      { match: 'Get-HotFix', stdoutFile: rec('hotfix-json', 'single-object') },
    ],
  };
}

function debian({ apt = 'nothing-pending-debian12', simulate = 'nothing-pending-debian12', ufw = 'active-verbose', lsblk = 'luks-mountpoints-array' }) {
  return {
    apt: [{ stdoutFile: rec('apt-list-upgradable', apt) }],
    'apt-get': [{ stdoutFile: rec('apt-get-simulate', simulate) }],
    ufw: [{ stdoutFile: rec('ufw-status', ufw) }],
    lsblk: [{ match: '-J', stdoutFile: rec('lsblk-json', lsblk) }],
  };
}

function mac({ model, softwareupdate = 'nothing-pending', filevault = 'on', firewall = 'enabled' }) {
  return {
    sw_vers: [{ stdout: 'ProductName:\t\tmacOS\nProductVersion:\t\t14.6.1\nBuildVersion:\t\t23G93\n' }],
    sysctl: [{ stdout: `${model}\n` }],
    softwareupdate: [{ stdoutFile: rec('softwareupdate-list', softwareupdate), stderr: '' }],
    fdesetup: [{ stdoutFile: rec('fdesetup-status', filevault) }],
    socketfilterfw: [{ stdoutFile: rec('socketfilterfw-globalstate', firewall) }],
    spctl: [{ stdoutFile: rec('spctl-status', 'enabled') }],
    csrutil: [{ stdoutFile: rec('csrutil-status', 'enabled') }],
  };
}

/**
 * Endpoints: `backupAgeHours` ages the newest file the file-freshness backup
 * job watches; `files` are OS files under the agent's replayed file tree.
 */
export const FLEET = [
  {
    name: 'acme-fs01', tenant: 'acme', site: 'hq', tags: ['files'], platform: 'linux', backupAgeHours: 100,
    files: { '/var/run/reboot-required': '*** System restart required ***\n' },
    programs: { ...debian({ apt: 'security-only-debian12', simulate: 'ubuntu2204-dist-upgrade-new-kernel' }), df: df([{ device: '/dev/sda1', fsType: 'ext4', mount: '/', sizeGb: 60, usedPercent: 41 }, { device: '/dev/sdb1', fsType: 'xfs', mount: '/srv', sizeGb: 2000, usedPercent: 96.4 }]) },
  },
  {
    name: 'acme-ws-07', tenant: 'acme', site: 'hq', tags: ['front-desk'], platform: 'win32', backupAgeHours: 5,
    programs: { ...windows({ caption: 'Microsoft Windows 11 Pro', productType: 1, chassisTypes: [3], realTime: false, firewallPublic: false, wua: 'security-only-compact' }), df: df([{ device: 'C:', fsType: 'NTFS', mount: 'C:', sizeGb: 475, usedPercent: 62 }]) },
  },
  {
    name: 'acme-mbp-03', tenant: 'acme', site: 'clinic-north', tags: ['dentist'], platform: 'darwin', backupAgeHours: 2,
    programs: { ...mac({ model: 'MacBookPro18,3', filevault: 'off', softwareupdate: 'many-pending-restart' }), df: df([{ device: '/dev/disk3s1s1', fsType: 'apfs', mount: '/', sizeGb: 994, usedPercent: 55 }]) },
  },
  {
    name: 'globex-dc01', tenant: 'globex', site: 'warehouse', tags: ['domain-controller'], platform: 'win32', backupAgeHours: 3,
    programs: { ...windows({ caption: 'Microsoft Windows Server 2022 Standard', productType: 2, chassisTypes: [1] }), df: df([{ device: 'C:', fsType: 'NTFS', mount: 'C:', sizeGb: 127, usedPercent: 48 }, { device: 'D:', fsType: 'NTFS', mount: 'D:', sizeGb: 500, usedPercent: 71 }]) },
  },
  {
    name: 'globex-nas', tenant: 'globex', site: 'warehouse', tags: ['storage'], platform: 'linux', backupAgeHours: 80,
    programs: { ...debian({ ufw: 'inactive' }), df: df([{ device: '/dev/md0', fsType: 'ext4', mount: '/', sizeGb: 30, usedPercent: 22 }, { device: '/dev/md1', fsType: 'ext4', mount: '/volume1', sizeGb: 8000, usedPercent: 91 }]) },
  },
  {
    name: 'globex-lt-12', tenant: 'globex', site: 'office', tags: ['sales'], platform: 'darwin', backupAgeHours: 1,
    programs: { ...mac({ model: 'MacBookAir10,1' }), df: df([{ device: '/dev/disk3s1s1', fsType: 'apfs', mount: '/', sizeGb: 245, usedPercent: 38 }]) },
  },
];
