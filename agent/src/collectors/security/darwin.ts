// macOS security status from four read-only tools run in parallel: FileVault
// (fdesetup), the Application Firewall (socketfilterfw), Gatekeeper (spctl)
// and SIP (csrutil). Antivirus is left empty: XProtect is built in and always
// present, and whether its definitions are current cannot be told without
// Apple's catalog, so listing it would only ever be a green light nobody checked.
import { access, constants } from 'node:fs/promises';
import { emptySecurity } from '@tandem/proto';
import type { SecurityStatus } from '@tandem/proto';
import type { CollectContext } from '../collector.js';
import type { RunSourceOptions, Source } from '../source.js';
import { runSource } from '../source.js';
import { unknownSecurity } from './parse-darwin-output.js';
import {
  CSRUTIL_STATUS, FDESETUP_STATUS, SOCKETFILTERFW, SOCKETFILTERFW_GLOBALSTATE, SPCTL_STATUS,
} from './sources/darwin.js';
import { readEndpointProtectionDarwin } from './endpoint-protection.js';

export { SOCKETFILTERFW } from './sources/darwin.js';

/** socketfilterfw from its fixed location, or from PATH when that location does not exist (replayed outputs). */
async function socketfilterfwProgram(ctx: CollectContext): Promise<string> {
  const fixed = ctx.osPath(SOCKETFILTERFW);
  const present = await access(fixed, constants.X_OK).then(() => true, () => false);
  return present ? fixed : 'socketfilterfw';
}

/** Runs a source and parses it, or says why there is nothing to parse; `fallback` fills the fields this source owns. */
async function read(ctx: CollectContext, source: Source<'security'>, fallback: Partial<SecurityStatus>, options: RunSourceOptions = {}): Promise<SecurityStatus> {
  const ran = await runSource(ctx, source, options);
  if (ran.kind !== 'output') return unknownSecurity(ran.reason, fallback);
  return source.parse(ran.output, { timeZone: ctx.timeZone, now: ctx.now() });
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
  const [combined, edr] = await Promise.all([
    Promise.all([
      read(ctx, FDESETUP_STATUS, { encryption: [{ mount: '/', state: 'unknown', method: null }] }),
      socketfilterfwProgram(ctx).then((program) => read(ctx, SOCKETFILTERFW_GLOBALSTATE, {}, { program })),
      read(ctx, SPCTL_STATUS, { checks: { gatekeeper: 'unknown' } }),
      read(ctx, CSRUTIL_STATUS, { checks: { sip: 'unknown' } }),
    ]).then(combineDarwinSecurity),
    readEndpointProtectionDarwin(ctx),
  ]);
  // A sensor whose tool failed is listed with what could not be read; the reason is said, the topic stays readable.
  const reason = [combined.reason, edr.reason].filter((r): r is string => r !== null).join('; ');
  return { ...combined, reason: reason === '' ? null : reason, endpointProtection: edr.value };
}
