// Which endpoint protection (EDR) sensors a device runs and how each is, per
// OS, from the products' own local tools. A product whose tool is absent is
// not installed and is not listed; one whose tool fails is listed with what
// could not be read, and the reason travels in the topic's reason.
import { access, constants, readFile } from 'node:fs/promises';
import { endpointProtection } from '@tandem/proto';
import type { EndpointProtection } from '@tandem/proto';
import type { CollectContext } from '../collector.js';
import { failureReason, isNotFound } from '../../exec/run-command.js';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { runPowerShell } from '../../parse/powershell-json.js';
import type { EndpointReading } from './parse-edr-common.js';
import { joinReasons } from './parse-edr-common.js';
import { parseFalconctlGet, parseFalconctlStats } from './parse-falconctl.js';
import { mergeEndpoint, parseSentinelctl } from './parse-sentinelctl.js';
import { parseMdatpEndpoint } from './parse-mdatp-edr.js';
import { parseSophosVersionIni, SOPHOS_LINUX_VERSION_FILE } from './parse-sophos-linux.js';
import { parseWin32EndpointProtection, SOPHOS_PRODUCT } from './parse-win32-edr.js';
import { parseSystemctlIsActive } from './parse-linux-av.js';
import { ENDPOINT_PROTECTION_SCRIPT } from './win32-edr-script.js';

export interface EndpointPart {
  value: EndpointProtection[];
  reason: string | null;
}

/** Where each tool lives; they are not on PATH. Replays put a fake of the same name on PATH. */
export const FALCONCTL_LINUX = '/opt/CrowdStrike/falconctl';
export const FALCONCTL_DARWIN = '/Applications/Falcon.app/Contents/Resources/falconctl';
export const SENTINELCTL_LINUX = '/opt/sentinelone/bin/sentinelctl';

export const FALCONCTL_GET_ARGS = ['-g', '--rfm-state', '--aid', '--version'];
export const FALCONCTL_STATS_ARGS = ['stats', 'agent_info', 'Communications'];

const FALCON_UNIT = 'falcon-sensor.service';
const SOPHOS_UNIT = 'sophos-spl.service';

/** Output of a tool at its fixed path (or its name on PATH when that path is absent); null when not installed. */
async function runTool(ctx: CollectContext, fixed: string | null, name: string, args: string[]): Promise<ToolOutput | null> {
  const at = fixed ? ctx.osPath(fixed) : null;
  const present = at ? await access(at, constants.X_OK).then(() => true, () => false) : false;
  const outcome = await ctx.run(present && at ? at : name, args);
  if (isNotFound(outcome)) return null;
  const failed = failureReason(outcome);
  if (failed) return { stdout: '', stderr: failed, exitCode: null };
  return { stdout: outcome.stdout, stderr: outcome.stderr, exitCode: outcome.exitCode };
}

function options(ctx: CollectContext): ParseOptions {
  return { timeZone: ctx.timeZone, now: ctx.now() };
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
  const out = await runTool(ctx, null, 'systemctl', ['is-active', ...units]);
  return out ? parseSystemctlIsActive(out, units) : null;
}

/**
 * Linux: Defender for Endpoint comes from the `mdatp health` output the
 * antivirus reading already has (passed in, so mdatp runs once);
 * CrowdStrike from falconctl -g and systemd; SentinelOne from sentinelctl;
 * Sophos from its version file and systemd.
 */
export async function readEndpointProtectionLinux(ctx: CollectContext, mdatpHealth: ToolOutput | null): Promise<EndpointPart> {
  const opts = options(ctx);
  const readings: EndpointReading[] = [];
  if (mdatpHealth) readings.push(parseMdatpEndpoint(mdatpHealth, opts));

  const [falcon, s1Control, s1Management, s1Version, sophosIni] = await Promise.all([
    runTool(ctx, FALCONCTL_LINUX, 'falconctl', FALCONCTL_GET_ARGS),
    runTool(ctx, SENTINELCTL_LINUX, 'sentinelctl', ['control', 'status']),
    runTool(ctx, SENTINELCTL_LINUX, 'sentinelctl', ['management', 'status']),
    runTool(ctx, SENTINELCTL_LINUX, 'sentinelctl', ['version']),
    readFile(ctx.osPath(SOPHOS_LINUX_VERSION_FILE), 'utf8').catch(() => null),
  ]);
  const units = await unitStates(ctx, [...(falcon ? [FALCON_UNIT] : []), ...(sophosIni !== null ? [SOPHOS_UNIT] : [])]);
  const unitRunning = (unit: string): boolean | null => {
    const s = units?.get(unit);
    return s === undefined ? null : s === 'active';
  };

  if (falcon) {
    const r = parseFalconctlGet(falcon);
    if (r.entry && r.entry.running === null) r.entry.running = unitRunning(FALCON_UNIT);
    readings.push(r);
  }
  const s1 = [
    s1Control && parseSentinelctl(s1Control, opts, 'sentinelctl control status'),
    s1Management && parseSentinelctl(s1Management, opts, 'sentinelctl management status'),
    s1Version && parseSentinelctl(s1Version, opts, 'sentinelctl version'),
  ].filter((r): r is EndpointReading => r !== null);
  if (s1.length > 0) {
    readings.push({
      entry: mergeEndpoint(s1.map((r) => r.entry).filter((e): e is EndpointProtection => e !== null)),
      reason: joinReasons(...s1.map((r) => r.reason)),
    });
  }
  if (sophosIni !== null) {
    const v = parseSophosVersionIni(sophosIni);
    const running = unitRunning(SOPHOS_UNIT);
    readings.push({
      entry: endpointProtection(SOPHOS_PRODUCT, {
        installed: true, running, version: v.version,
        detail: joinReasons(v.reason, running === false ? 'sophos-spl.service is not active' : null),
      }),
      reason: v.reason,
    });
  }
  return collect(readings);
}

/** macOS: Defender for Endpoint (mdatp), CrowdStrike (falconctl stats), SentinelOne (sentinelctl status). */
export async function readEndpointProtectionDarwin(ctx: CollectContext): Promise<EndpointPart> {
  const opts = options(ctx);
  const [mdatp, falcon, s1] = await Promise.all([
    runTool(ctx, null, 'mdatp', ['health', '--output', 'json']),
    runTool(ctx, FALCONCTL_DARWIN, 'falconctl', FALCONCTL_STATS_ARGS),
    runTool(ctx, null, 'sentinelctl', ['status']),
  ]);
  return collect([
    ...(mdatp ? [parseMdatpEndpoint(mdatp, opts)] : []),
    ...(falcon ? [parseFalconctlStats(falcon, opts)] : []),
    ...(s1 ? [parseSentinelctl(s1, opts)] : []),
  ]);
}

/** Windows: one PowerShell script reads every product (see win32-edr-script.ts). */
export async function readEndpointProtectionWin32(ctx: CollectContext): Promise<EndpointPart & { unreadable: boolean }> {
  const run = await runPowerShell(ctx.run, ENDPOINT_PROTECTION_SCRIPT);
  if (!run.ok) return { value: [], reason: `endpoint protection: ${run.reason}`, unreadable: true };
  const r = parseWin32EndpointProtection(run.output, options(ctx));
  const unreadable = r.entries.length === 0 && r.reason !== null;
  return { value: r.entries, reason: r.reason && `endpoint protection: ${r.reason}`, unreadable };
}
