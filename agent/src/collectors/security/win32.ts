// Security on Windows: Defender, other antivirus registered with Security
// Center, firewall profiles, BitLocker per volume and Secure Boot. Each part
// is read on its own; a part that cannot be read leaves its facts null or
// empty and makes the topic unknown with the part named in the reason, while
// the parts that were read are still reported.
import { emptySecurity } from '@tandem/proto';
import type { SecurityStatus } from '@tandem/proto';
import type { CollectContext } from '../collector.js';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { isMissingCommand, runPowerShell, runWindowsTool } from '../../parse/powershell-json.js';
import { parseMpComputerStatus } from './parse-mpcomputerstatus.js';
import { isMissingSecurityCenter, parseSecurityCenter2 } from './parse-securitycenter2.js';
import { parseNetFirewallProfile } from './parse-netfirewallprofile.js';
import { parseBitLockerVolume } from './parse-bitlocker.js';
import { parseManageBde } from './parse-manage-bde.js';
import { parseSecureBoot } from './parse-secureboot.js';
import { readEndpointProtectionWin32 } from './endpoint-protection.js';
import {
  BITLOCKER_VOLUMES_SCRIPT, DEFENDER_STATUS_SCRIPT, FIREWALL_PROFILES_SCRIPT, MANAGE_BDE_STATUS_ARGS,
  SECURE_BOOT_SCRIPT, SECURITY_CENTER_AV_SCRIPT,
} from './win32-scripts.js';

type Parse = (output: ToolOutput, options: ParseOptions) => SecurityStatus;

/** Security Center lists Defender too; the Defender cmdlet says more, so its entry wins. */
const DEFENDER_IN_SECURITY_CENTER = /windows defender|microsoft defender/i;

function unreadable(what: string, reason: string): SecurityStatus {
  return { ...emptySecurity(), state: 'unknown', reason: `${what}: ${reason}` };
}

export async function collectSecurityWin32(ctx: CollectContext): Promise<SecurityStatus> {
  const options: ParseOptions = { timeZone: ctx.timeZone, now: ctx.now() };
  const read = async (what: string, script: string, parse: Parse): Promise<SecurityStatus> => {
    const run = await runPowerShell(ctx.run, script);
    return run.ok ? parse(run.output, options) : unreadable(what, run.reason);
  };

  // One PowerShell at a time: each costs a second of CPU and ~100 MB on an
  // old PC, the topic runs every 15 minutes, and nothing waits on it.
  const defender = await read('Microsoft Defender', DEFENDER_STATUS_SCRIPT, parseMpComputerStatus);

  let center: SecurityStatus | null = null;
  const centerRun = await runPowerShell(ctx.run, SECURITY_CENTER_AV_SCRIPT);
  if (!centerRun.ok) center = unreadable('Security Center', centerRun.reason);
  // Windows Server has no Security Center: nothing to report, nothing wrong.
  else if (!isMissingSecurityCenter(centerRun.output)) center = parseSecurityCenter2(centerRun.output, options);

  const firewall = await read('Windows Firewall', FIREWALL_PROFILES_SCRIPT, parseNetFirewallProfile);

  let bitlocker: SecurityStatus;
  const bitlockerRun = await runPowerShell(ctx.run, BITLOCKER_VOLUMES_SCRIPT);
  if (bitlockerRun.ok && !isMissingCommand(bitlockerRun.output)) {
    bitlocker = parseBitLockerVolume(bitlockerRun.output, options);
  } else {
    // No BitLocker module (Server without the feature's tools, Home editions): manage-bde.
    const bde = await runWindowsTool(ctx.run, 'manage-bde.exe', MANAGE_BDE_STATUS_ARGS);
    bitlocker = bde.ok ? parseManageBde(bde.output, options) : unreadable('BitLocker', `Get-BitLockerVolume is not available and ${bde.reason}`);
  }

  const secureBoot = await read('Secure Boot', SECURE_BOOT_SCRIPT, parseSecureBoot);
  const edr = await readEndpointProtectionWin32(ctx);

  const defenderSeen = defender.antivirus.length > 0;
  const others = (center?.antivirus ?? []).filter((av) => !(defenderSeen && DEFENDER_IN_SECURITY_CENTER.test(av.product)));
  const parts = [defender, center, firewall, bitlocker, secureBoot].filter((p): p is SecurityStatus => p !== null);
  const reasons = parts.filter((p) => p.state === 'unknown').map((p) => p.reason ?? 'unreadable');
  if (edr.reason) reasons.push(edr.reason);
  return {
    ...emptySecurity(),
    state: reasons.length > 0 ? 'unknown' : 'ok',
    reason: reasons.length > 0 ? reasons.join('; ') : null,
    antivirus: [...defender.antivirus, ...others],
    firewall: firewall.firewall,
    encryption: bitlocker.encryption,
    checks: { ...defender.checks, secureBoot: secureBoot.checks.secureBoot ?? 'unknown' },
    endpointProtection: edr.value,
  };
}
