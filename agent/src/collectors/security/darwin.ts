// macOS security status from four read-only tools run in parallel: FileVault
// (fdesetup), the Application Firewall (socketfilterfw), Gatekeeper (spctl)
// and SIP (csrutil). Antivirus is left empty: XProtect is built in and always
// present, and whether its definitions are current cannot be told without
// Apple's catalog, so listing it would only ever be a green light nobody checked.
import { access, constants } from 'node:fs/promises';
import { emptySecurity } from '@tandem/proto';
import type { SecurityStatus } from '@tandem/proto';
import type { CollectContext } from '../collector.js';
import type { RunOutcome } from '../../exec/run-command.js';
import { failureReason, isNotFound } from '../../exec/run-command.js';
import type { ToolOutput } from '../../parse/parse-source.js';
import { parseFdesetupStatus } from './parse-darwin-filevault.js';
import { parseSocketfilterfwGlobalState } from './parse-darwin-firewall.js';
import { parseSpctlStatus } from './parse-darwin-gatekeeper.js';
import { parseCsrutilStatus } from './parse-darwin-sip.js';
import { unknownSecurity } from './parse-darwin-output.js';
import { readEndpointProtectionDarwin } from './endpoint-protection.js';

/** socketfilterfw is not on PATH on macOS; it lives here. */
export const SOCKETFILTERFW = '/usr/libexec/ApplicationFirewall/socketfilterfw';

/** Runs socketfilterfw from its fixed location, or from PATH when that location does not exist (replayed outputs). */
async function runSocketfilterfw(ctx: CollectContext): Promise<RunOutcome> {
  const fixed = ctx.osPath(SOCKETFILTERFW);
  const present = await access(fixed, constants.X_OK).then(() => true, () => false);
  return ctx.run(present ? fixed : 'socketfilterfw', ['--getglobalstate']);
}

/** Parses an outcome, or says why there is nothing to parse; `fallback` fills the fields this source owns. */
function read(outcome: RunOutcome, parse: (o: ToolOutput) => SecurityStatus, fallback: Partial<SecurityStatus>): SecurityStatus {
  const failed = failureReason(outcome);
  if (failed || isNotFound(outcome)) return unknownSecurity(failed ?? `${outcome.command} could not be run`, fallback);
  return parse(outcome);
}

/** Combines the four sources: each owns its fields; any unknown makes the topic unknown, with every reason. */
export function combineDarwinSecurity(parts: SecurityStatus[]): SecurityStatus {
  const out = emptySecurity();
  const reasons: string[] = [];
  for (const p of parts) {
    if (p.state === 'unknown') reasons.push(p.reason ?? 'unknown');
    if (p.firewall.enabled !== null || p.firewall.profiles.length > 0) out.firewall = p.firewall;
    out.encryption.push(...p.encryption);
    out.antivirus.push(...p.antivirus);
    Object.assign(out.checks, p.checks);
  }
  if (reasons.length > 0) {
    out.state = 'unknown';
    out.reason = reasons.join('; ');
  }
  return out;
}

export async function collectSecurityDarwin(ctx: CollectContext): Promise<SecurityStatus> {
  const [fde, fw, gk, sip, edr] = await Promise.all([
    ctx.run('fdesetup', ['status']),
    runSocketfilterfw(ctx),
    ctx.run('spctl', ['--status']),
    ctx.run('csrutil', ['status']),
    readEndpointProtectionDarwin(ctx),
  ]);
  const combined = combineDarwinSecurity([
    read(fde, parseFdesetupStatus, { encryption: [{ mount: '/', state: 'unknown', method: null }] }),
    read(fw, parseSocketfilterfwGlobalState, {}),
    read(gk, parseSpctlStatus, { checks: { gatekeeper: 'unknown' } }),
    read(sip, parseCsrutilStatus, { checks: { sip: 'unknown' } }),
  ]);
  // A sensor whose tool failed is listed with what could not be read; the reason is said, the topic stays readable.
  const reason = [combined.reason, edr.reason].filter((r): r is string => r !== null).join('; ');
  return { ...combined, reason: reason === '' ? null : reason, endpointProtection: edr.value };
}
