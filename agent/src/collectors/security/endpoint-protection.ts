// Which endpoint protection (EDR) sensors a device runs and how each is, per
// OS, from the products' own local tools (declared in
// sources/endpoint-protection.ts). A product whose tool is absent is not
// installed and is not listed; one whose tool fails is listed with what
// could not be read, and the reason travels in the topic's reason.
import { access, constants } from 'node:fs/promises';
import { basename } from 'node:path';
import type { EndpointProtection, SecurityStatus } from '@tandem/proto';
import type { CollectContext } from '../collector.js';
import type { Source } from '../source.js';
import { runSource } from '../source.js';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import type { EndpointReading } from './parse-edr-common.js';
import { joinReasons } from './parse-edr-common.js';
import { mergeEndpoint } from './parse-sentinelctl.js';
import { parseSystemctlIsActive } from './parse-linux-av.js';
import { MDATP_HEALTH, MDATP_HEALTH_DARWIN } from './sources/linux.js';
import {
  ENDPOINT_PROTECTION_JSON, FALCONCTL_GET, FALCONCTL_STATS, SENTINELCTL_CONTROL_STATUS, SENTINELCTL_MANAGEMENT_STATUS, SENTINELCTL_STATUS,
  SENTINELCTL_VERSION, SOPHOS_SPL_VERSION,
} from './sources/endpoint-protection.js';

export interface EndpointPart {
  value: EndpointProtection[];
  reason: string | null;
}

const FALCON_UNIT = 'falcon-sensor.service';
const SOPHOS_UNIT = 'sophos-spl.service';

/**
 * What a source's command printed, or null when it is not installed. A tool
 * declared at a fixed path runs from there, or by its name from PATH when
 * that path is absent (replayed outputs); a timeout becomes output with exit null.
 */
async function run(ctx: CollectContext, source: Source<'security'>): Promise<ToolOutput | null> {
  let program: string | undefined;
  if ('argv' in source.command && source.command.argv[0].startsWith('/')) {
    const fixed = ctx.osPath(source.command.argv[0]);
    program = await access(fixed, constants.X_OK).then(() => fixed, () => basename(fixed));
  }
  const ran = await runSource(ctx, source, program ? { program } : {});
  if (ran.kind === 'missing') return null;
  if (ran.kind === 'failed') return { stdout: '', stderr: ran.reason, exitCode: null };
  return ran.output;
}

function options(ctx: CollectContext): ParseOptions {
  return { timeZone: ctx.timeZone, now: ctx.now() };
}

/** A source's facts as one sensor's reading: its entry, and the reason when the topic came back unknown. */
function reading(facts: SecurityStatus): EndpointReading {
  return { entry: facts.endpointProtection[0] ?? null, reason: facts.state === 'unknown' ? facts.reason : null };
}

function collect(readings: EndpointReading[]): EndpointPart {
  return {
    value: readings.map((r) => r.entry).filter((e): e is EndpointProtection => e !== null),
    reason: joinReasons(...readings.map((r) => r.reason && `endpoint protection: ${r.reason}`)),
  };
}

/** systemd's view of units, or null when systemctl gave no usable answer. */
async function unitStates(ctx: CollectContext, units: string[]): Promise<Map<string, string> | null> {
  if (units.length === 0) return new Map();
  const outcome = await ctx.run('systemctl', ['is-active', ...units]);
  if ('notFound' in outcome) return null;
  return parseSystemctlIsActive({ stdout: outcome.stdout, stderr: outcome.stderr, exitCode: outcome.exitCode }, units);
}

/**
 * Linux: Defender for Endpoint from the `mdatp health` output the antivirus
 * reading already has (passed in, so mdatp runs once; a failure is already
 * in its reason); CrowdStrike from falconctl -g and systemd; SentinelOne
 * from three sentinelctl commands; Sophos from its version file and systemd.
 */
export async function readEndpointProtectionLinux(ctx: CollectContext, mdatpHealth: ToolOutput | null): Promise<EndpointPart> {
  const opts = options(ctx);
  const readings: EndpointReading[] = [];
  if (mdatpHealth) readings.push({ entry: reading(MDATP_HEALTH.parse(mdatpHealth, opts)).entry, reason: null });

  const [falcon, s1Control, s1Management, s1Version, sophos] = await Promise.all([
    run(ctx, FALCONCTL_GET),
    run(ctx, SENTINELCTL_CONTROL_STATUS),
    run(ctx, SENTINELCTL_MANAGEMENT_STATUS),
    run(ctx, SENTINELCTL_VERSION),
    run(ctx, SOPHOS_SPL_VERSION),
  ]);
  const units = await unitStates(ctx, [...(falcon ? [FALCON_UNIT] : []), ...(sophos ? [SOPHOS_UNIT] : [])]);
  const unitRunning = (unit: string): boolean | null => {
    const s = units?.get(unit);
    return s === undefined ? null : s === 'active';
  };
  const withUnit = (r: EndpointReading, unit: string): EndpointReading => {
    if (!r.entry || r.entry.running !== null) return r;
    const running = unitRunning(unit);
    return { ...r, entry: { ...r.entry, running, detail: joinReasons(r.entry.detail, running === false ? `${unit} is not active` : null) } };
  };

  if (falcon) readings.push(withUnit(reading(FALCONCTL_GET.parse(falcon, opts)), FALCON_UNIT));
  const s1 = [
    s1Control && reading(SENTINELCTL_CONTROL_STATUS.parse(s1Control, opts)),
    s1Management && reading(SENTINELCTL_MANAGEMENT_STATUS.parse(s1Management, opts)),
    s1Version && reading(SENTINELCTL_VERSION.parse(s1Version, opts)),
  ].filter((r): r is EndpointReading => r !== null);
  if (s1.length > 0) {
    readings.push({
      entry: mergeEndpoint(s1.map((r) => r.entry).filter((e): e is EndpointProtection => e !== null)),
      reason: joinReasons(...s1.map((r) => r.reason)),
    });
  }
  if (sophos) readings.push(withUnit(reading(SOPHOS_SPL_VERSION.parse(sophos, opts)), SOPHOS_UNIT));
  return collect(readings);
}

/** macOS: Defender for Endpoint (mdatp), CrowdStrike (falconctl stats), SentinelOne (sentinelctl status). */
export async function readEndpointProtectionDarwin(ctx: CollectContext): Promise<EndpointPart> {
  const opts = options(ctx);
  const [mdatp, falcon, s1] = await Promise.all([run(ctx, MDATP_HEALTH_DARWIN), run(ctx, FALCONCTL_STATS), run(ctx, SENTINELCTL_STATUS)]);
  return collect([
    ...(mdatp ? [reading(MDATP_HEALTH_DARWIN.parse(mdatp, opts))] : []),
    ...(falcon ? [reading(FALCONCTL_STATS.parse(falcon, opts))] : []),
    ...(s1 ? [reading(SENTINELCTL_STATUS.parse(s1, opts))] : []),
  ]);
}

/** Windows: one PowerShell script reads every product (see win32-edr-script.ts). */
export async function readEndpointProtectionWin32(ctx: CollectContext): Promise<EndpointPart> {
  const ran = await runSource(ctx, ENDPOINT_PROTECTION_JSON);
  if (ran.kind !== 'output') return { value: [], reason: `endpoint protection: ${ran.reason}` };
  const facts = ENDPOINT_PROTECTION_JSON.parse(ran.output, options(ctx));
  return { value: facts.endpointProtection, reason: facts.state === 'unknown' ? `endpoint protection: ${facts.reason}` : null };
}
