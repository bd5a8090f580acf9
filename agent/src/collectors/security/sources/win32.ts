// What the Windows security collector (../win32.ts) runs; agent/docs/win32.md
// lists the scripts, the field mapping and the traps.
import { defineSource, powerShellCommand } from '../../source.js';
import { parseMpComputerStatus } from '../parse-mpcomputerstatus.js';
import { parseSecurityCenter2 } from '../parse-securitycenter2.js';
import { parseNetFirewallProfile } from '../parse-netfirewallprofile.js';
import { parseBitLockerVolume } from '../parse-bitlocker.js';
import { parseManageBde } from '../parse-manage-bde.js';
import { parseSecureBoot } from '../parse-secureboot.js';
import {
  BITLOCKER_VOLUMES_SCRIPT, DEFENDER_STATUS_SCRIPT, FIREWALL_PROFILES_SCRIPT, SECURE_BOOT_SCRIPT, SECURITY_CENTER_AV_SCRIPT,
} from '../win32-scripts.js';

export const MP_COMPUTER_STATUS = defineSource({
  name: 'mpcomputerstatus-json', os: 'win32', topic: 'security',
  command: powerShellCommand(DEFENDER_STATUS_SCRIPT),
  parse: (output, options) => parseMpComputerStatus(output, options),
});

export const SECURITY_CENTER_AV = defineSource({
  name: 'securitycenter2-av-json', os: 'win32', topic: 'security',
  command: powerShellCommand(SECURITY_CENTER_AV_SCRIPT),
  parse: (output, options) => parseSecurityCenter2(output, options),
});

export const NET_FIREWALL_PROFILE = defineSource({
  name: 'netfirewallprofile-json', os: 'win32', topic: 'security',
  command: powerShellCommand(FIREWALL_PROFILES_SCRIPT),
  parse: (output, options) => parseNetFirewallProfile(output, options),
});

export const BITLOCKER_VOLUME = defineSource({
  name: 'bitlockervolume-json', os: 'win32', topic: 'security',
  command: powerShellCommand(BITLOCKER_VOLUMES_SCRIPT),
  parse: (output, options) => parseBitLockerVolume(output, options),
});

/** The fallback when the BitLocker module is missing; a console tool, so it prints in the OEM code page. */
export const MANAGE_BDE_STATUS = defineSource({
  name: 'manage-bde-status', os: 'win32', topic: 'security',
  command: { argv: ['manage-bde.exe', '-status'] },
  encoding: 'oem',
  parse: (output, options) => parseManageBde(output, options),
});

export const SECURE_BOOT = defineSource({
  name: 'confirm-securebootuefi', os: 'win32', topic: 'security',
  command: powerShellCommand(SECURE_BOOT_SCRIPT),
  parse: (output, options) => parseSecureBoot(output, options),
});
