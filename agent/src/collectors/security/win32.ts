// Security on Windows: Defender, other antivirus registered with Security
// Center, firewall profiles, BitLocker per volume and Secure Boot. Each part
// is read on its own; a part that cannot be read leaves its facts null or
// empty and makes the topic unknown with the part named in the reason, while
// the parts that were read are still reported.
import { emptySecurity } from '@tandem/proto';
import type { SecurityStatus } from '@tandem/proto';
import type { CollectContext } from '../collector.js';
import type { ParseOptions } from '../../parse/parse-source.js';
import { isMissingCommand } from '../../parse/powershell-json.js';
import type { Source } from '../source.js';
import { runSource } from '../source.js';
import { isMissingSecurityCenter } from './parse-securitycenter2.js';
import { readEndpointProtectionWin32 } from './endpoint-protection.js';
import {
  BITLOCKER_VOLUME, MANAGE_BDE_STATUS, MP_COMPUTER_STATUS, NET_FIREWALL_PROFILE, SECURE_BOOT, SECURITY_CENTER_AV,
} from './sources/win32.js';

/** Security Center lists Defender too; the Defender cmdlet says more, so its entry wins. */
const DEFENDER_IN_SECURITY_CENTER = /windows defender|microsoft defender/i;

function unreadable(what: string, reason: string): SecurityStatus {
  return { ...emptySecurity(), state: 'unknown', reason: `${what}: ${reason}` };
}

export async function collectSecurityWin32(ctx: CollectContext): Promise<SecurityStatus> {
  const options: ParseOptions = { timeZone: ctx.timeZone, now: ctx.now() };
  const read = async (what: string, source: Source<'security'>): Promise<SecurityStatus> => {
    const run = await runSource(ctx, source);
    return run.kind === 'output' ? source.parse(run.output, options) : unreadable(what, run.reason);
  };

  // One PowerShell at a time: each costs a second of CPU and ~100 MB on an
  // old PC, the topic runs every 15 minutes, and nothing waits on it.
  const defender = await read('Microsoft Defender', MP_COMPUTER_STATUS);

  let center: SecurityStatus | null = null;
  const centerRun = await runSource(ctx, SECURITY_CENTER_AV);
  if (centerRun.kind !== 'output') center = unreadable('Security Center', centerRun.reason);
  // Windows Server has no Security Center: nothing to report, nothing wrong.
  else if (!isMissingSecurityCenter(centerRun.output)) center = SECURITY_CENTER_AV.parse(centerRun.output, options);

  const firewall = await read('Windows Firewall', NET_FIREWALL_PROFILE);

  let bitlocker: SecurityStatus;
  const bitlockerRun = await runSource(ctx, BITLOCKER_VOLUME);
  if (bitlockerRun.kind === 'output' && !isMissingCommand(bitlockerRun.output)) {
    bitlocker = BITLOCKER_VOLUME.parse(bitlockerRun.output, options);
  } else {
    // No BitLocker module (Server without the feature's tools, Home editions): manage-bde.
    const bde = await runSource(ctx, MANAGE_BDE_STATUS);
    bitlocker = bde.kind === 'output' ? MANAGE_BDE_STATUS.parse(bde.output, options) : unreadable('BitLocker', `Get-BitLockerVolume is not available and ${bde.reason}`);
  }

  const secureBoot = await read('Secure Boot', SECURE_BOOT);
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
