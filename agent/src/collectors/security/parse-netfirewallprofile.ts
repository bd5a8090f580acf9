// Windows Defender Firewall per profile, from
// `Get-NetFirewallProfile | Select-Object Name,Enabled | ConvertTo-Json`.
import { emptySecurity, unknownTopic } from '@tandem/proto';
import type { FirewallProfile, SecurityStatus } from '@tandem/proto';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { failureText, psBool, psGet, psRecords, psString, readPowerShellAnswer } from '../../parse/powershell-json.js';

/** NetFirewallProfile.Name as its enum value, when a script did not select the name. */
const PROFILE_NAMES: Record<number, string> = { 1: 'Domain', 2: 'Private', 4: 'Public' };

function profileOf(record: Record<string, unknown>): FirewallProfile | null {
  const rawName = psGet(record, 'Name');
  const name = typeof rawName === 'number' ? PROFILE_NAMES[rawName] ?? null : psString(rawName);
  if (!name) return null;
  // Enabled is a GpoBoolean: True/False, 1/0, or NotConfigured (2), which says
  // nothing about what is enforced and so stays null.
  return { name, enabled: psBool(psGet(record, 'Enabled')) };
}

/**
 * firewall.enabled is false as soon as any profile is off, whichever network
 * the computer is on now: a laptop changes networks, and the Public profile
 * is the one that matters in a café. True only when every profile is on.
 */
export function firewallEnabled(profiles: FirewallProfile[]): boolean | null {
  if (profiles.length === 0) return null;
  if (profiles.some((p) => p.enabled === false)) return false;
  return profiles.every((p) => p.enabled === true) ? true : null;
}

export function parseNetFirewallProfile(output: ToolOutput, _options: ParseOptions): SecurityStatus {
  const answer = readPowerShellAnswer(output);
  if (!answer.ok) return { ...emptySecurity(), ...unknownTopic(failureText('Get-NetFirewallProfile', answer.failure)) };
  const profiles = psRecords(answer.value).map(profileOf).filter((p): p is FirewallProfile => p !== null);
  if (profiles.length === 0) return { ...emptySecurity(), ...unknownTopic('Get-NetFirewallProfile printed no profiles') };
  return { ...emptySecurity(), firewall: { enabled: firewallEnabled(profiles), profiles } };
}
