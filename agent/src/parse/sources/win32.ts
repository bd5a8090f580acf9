// Every Windows parser, by the name `tandem-agent parse <source>` knows it.
// Each reads one command's output; agent/docs/win32.md lists the exact
// scripts, the field mapping and the traps.
import type { ParseSource } from '../parse-source.js';
import { parseMpComputerStatus } from '../../collectors/security/parse-mpcomputerstatus.js';
import { parseSecurityCenter2 } from '../../collectors/security/parse-securitycenter2.js';
import { parseNetFirewallProfile } from '../../collectors/security/parse-netfirewallprofile.js';
import { parseBitLockerVolume } from '../../collectors/security/parse-bitlocker.js';
import { parseManageBde } from '../../collectors/security/parse-manage-bde.js';
import { parseSecureBoot } from '../../collectors/security/parse-secureboot.js';
import { parseWuaSearch } from '../../collectors/patch/parse-wua.js';
import { parseRebootPending } from '../../collectors/patch/parse-reboot-pending.js';
import { parseHotFix } from '../../collectors/patch/parse-hotfix.js';
import { parseWbadminVersions } from '../../collectors/backup/parse-wbadmin.js';
import { parseWbSummary } from '../../collectors/backup/parse-wbsummary.js';
import { parseVeeamEvents } from '../../collectors/backup/parse-veeam-events.js';

const ps = (command: string) => `powershell.exe -NoProfile -NonInteractive -Command "${command}"`;

export const WIN32_SOURCES: ParseSource[] = [
  {
    name: 'mpcomputerstatus-json', os: 'win32', topic: 'security',
    reads: ps('Get-MpComputerStatus | ConvertTo-Json'),
    parse: (output, options) => ({ topic: 'security', facts: parseMpComputerStatus(output, options) }),
  },
  {
    name: 'securitycenter2-av-json', os: 'win32', topic: 'security',
    reads: ps('Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct | Select-Object displayName,productState,timestamp | ConvertTo-Json'),
    parse: (output, options) => ({ topic: 'security', facts: parseSecurityCenter2(output, options) }),
  },
  {
    name: 'netfirewallprofile-json', os: 'win32', topic: 'security',
    reads: ps('Get-NetFirewallProfile -PolicyStore ActiveStore | Select-Object Name,Enabled | ConvertTo-Json'),
    parse: (output, options) => ({ topic: 'security', facts: parseNetFirewallProfile(output, options) }),
  },
  {
    name: 'bitlockervolume-json', os: 'win32', topic: 'security',
    reads: ps('Get-BitLockerVolume | Select-Object MountPoint,VolumeStatus,ProtectionStatus,EncryptionPercentage,EncryptionMethod | ConvertTo-Json'),
    parse: (output, options) => ({ topic: 'security', facts: parseBitLockerVolume(output, options) }),
  },
  {
    name: 'manage-bde-status', os: 'win32', topic: 'security',
    reads: 'manage-bde.exe -status',
    parse: (output, options) => ({ topic: 'security', facts: parseManageBde(output, options) }),
  },
  {
    name: 'confirm-securebootuefi', os: 'win32', topic: 'security',
    reads: ps('Confirm-SecureBootUEFI | ConvertTo-Json'),
    parse: (output, options) => ({ topic: 'security', facts: parseSecureBoot(output, options) }),
  },
  {
    name: 'wua-search-json', os: 'win32', topic: 'patch',
    reads: 'the agent\'s Windows Update Agent search script (see agent/docs/win32.md)',
    parse: (output, options) => ({ topic: 'patch', facts: parseWuaSearch(output, options) }),
  },
  {
    name: 'reboot-pending-json', os: 'win32', topic: 'patch',
    reads: 'the agent\'s reboot-pending registry script (see agent/docs/win32.md)',
    parse: (output, options) => ({ topic: 'patch', facts: parseRebootPending(output, options) }),
  },
  {
    name: 'hotfix-json', os: 'win32', topic: 'patch',
    reads: ps('Get-HotFix | Select-Object HotFixID,Description,InstalledBy,InstalledOn | ConvertTo-Json'),
    parse: (output, options) => ({ topic: 'patch', facts: parseHotFix(output, options) }),
  },
  {
    name: 'wbadmin-get-versions', os: 'win32', topic: 'backup',
    reads: 'wbadmin.exe get versions',
    parse: (output, options) => ({ topic: 'backup', facts: parseWbadminVersions(output, options) }),
  },
  {
    name: 'wbsummary-json', os: 'win32', topic: 'backup',
    reads: ps('Get-WBSummary | ConvertTo-Json'),
    parse: (output, options) => ({ topic: 'backup', facts: parseWbSummary(output, options) }),
  },
  {
    name: 'veeam-agent-events-json', os: 'win32', topic: 'backup',
    reads: ps("Get-WinEvent -LogName 'Veeam Agent' -MaxEvents 50 | Select-Object Id,Level,LevelDisplayName,TimeCreated,Message | ConvertTo-Json"),
    parse: (output, options) => ({ topic: 'backup', facts: parseVeeamEvents(output, options) }),
  },
];
