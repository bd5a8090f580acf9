// CrowdStrike Falcon from its local control tool.
//   Linux:  /opt/CrowdStrike/falconctl -g --rfm-state --aid --version
//           → `rfm-state=false, aid="44e3…", version = 7.14.16703.0` (one line,
//             comma-separated, or one option per line; a trailing period);
//           `aid is not set.` before the sensor registered with the cloud.
//   macOS:  /Applications/Falcon.app/Contents/Resources/falconctl stats agent_info Communications
//           → sections of "Key: value" lines: `version:`, `agentID:`,
//             `Sensor operational:`, `State: connected`, `Established At:` /
//             `Last Established At: Nov 27, 2026 at 10:15:03 AM` (local time).
import { endpointProtection } from '@tandem/proto';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { wallClockToIso } from '../../parse/local-time.js';
import { to24h } from '../../parse/powershell-json.js';
import { shortLine } from '../../parse/short-line.js';
import { toolFailure } from './parse-linux-firewall.js';
import type { EndpointReading } from './parse-edr-common.js';
import { cleanVersion, firstOf, keyValues, onOff, statusLines, unrecognised } from './parse-edr-common.js';

export const FALCON_PRODUCT = 'CrowdStrike Falcon';

/** `falconctl -g` prints this for an option the sensor version does not know or has no value for. */
const NOT_SET = /^([a-z-]+) is not set\.?$/i;

export function parseFalconctlGet(output: ToolOutput): EndpointReading {
  const all = `${output.stdout}\n${output.stderr}`;
  if (output.exitCode !== 0 && !/rfm-state|aid|version/i.test(output.stdout)) {
    const reason = toolFailure('falconctl -g', output);
    return { entry: endpointProtection(FALCON_PRODUCT, { installed: true, detail: reason }), reason };
  }
  const values = new Map<string, string>();
  const unset = new Set<string>();
  for (const part of statusLines(all).flatMap((l) => l.split(/,\s*/))) {
    const item = part.trim();
    const missing = NOT_SET.exec(item);
    if (missing) {
      unset.add((missing[1] ?? '').toLowerCase());
      continue;
    }
    const m = /^([a-z-]+)\s*=\s*"?([^"]*?)"?\.?$/i.exec(item);
    if (m) values.set((m[1] ?? '').toLowerCase(), (m[2] ?? '').trim());
  }
  if (values.size === 0 && unset.size === 0) {
    const reason = unrecognised('falconctl -g', all);
    return { entry: endpointProtection(FALCON_PRODUCT, { installed: true, detail: reason }), reason };
  }
  const rfm = values.get('rfm-state');
  const aid = values.get('aid');
  const reducedFunctionality = rfm === undefined ? null : rfm.toLowerCase() === 'true' ? true : rfm.toLowerCase() === 'false' ? false : null;
  const onboarded = aid !== undefined ? /^[0-9a-f]{32}$/i.test(aid) && !/^0+$/.test(aid) : unset.has('aid') ? false : null;
  return {
    entry: endpointProtection(FALCON_PRODUCT, {
      installed: true,
      onboarded,
      version: cleanVersion(values.get('version')),
      reducedFunctionality,
      detail: reducedFunctionality ? 'the sensor is in reduced functionality mode' : onboarded === false ? 'the sensor has no agent id: it never registered with the CrowdStrike cloud' : null,
    }),
    reason: null,
  };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `Nov 27, 2026 at 10:15:03 AM` (or without "at", or 24-hour) in the Mac's zone. */
export function falconTime(text: string | undefined, timeZone: string): string | null {
  if (!text) return null;
  const m = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})(?:,)?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?/i.exec(text.trim());
  if (!m) return null;
  const month = MONTHS.indexOf((m[1] ?? '').toLowerCase()) + 1;
  if (month === 0) return null;
  return wallClockToIso({
    year: Number(m[3]), month, day: Number(m[2]), hour: to24h(Number(m[4]), m[7]), minute: Number(m[5]), second: Number(m[6] ?? 0),
  }, timeZone);
}

const NOT_LOADED = /sensor has not loaded|sensor is not loaded|not running/i;

export function parseFalconctlStats(output: ToolOutput, options: ParseOptions): EndpointReading {
  const all = `${output.stdout}\n${output.stderr}`;
  if (NOT_LOADED.test(all) && !/agentID/i.test(output.stdout)) {
    const line = statusLines(all).find((l) => NOT_LOADED.test(l)) ?? '';
    return {
      entry: endpointProtection(FALCON_PRODUCT, { installed: true, running: false, detail: shortLine(line) }),
      reason: null,
    };
  }
  if (output.exitCode !== 0 && !/agent_?info|agentID/i.test(output.stdout)) {
    const reason = toolFailure('falconctl stats', output);
    return { entry: endpointProtection(FALCON_PRODUCT, { installed: true, detail: reason }), reason };
  }
  const values = keyValues(statusLines(output.stdout));
  const version = firstOf(values, ['version', 'sensor version']);
  const agentId = firstOf(values, ['agentid', 'agent id', 'aid']);
  if (version === undefined && agentId === undefined) {
    const reason = unrecognised('falconctl stats', all);
    return { entry: endpointProtection(FALCON_PRODUCT, { installed: true, detail: reason }), reason };
  }
  const operational = onOff(firstOf(values, ['sensor operational']));
  const state = firstOf(values, ['state', 'cloud activity | state']);
  const connected = state === undefined ? null : /^connected/i.test(state) ? true : /disconnect|not connected|offline|connecting/i.test(state) ? false : null;
  // The newest time the cloud connection was (re)established.
  const times = [...values.entries()]
    .filter(([k]) => /established at$/.test(k))
    .map(([, v]) => falconTime(v, options.timeZone))
    .filter((t): t is string => t !== null)
    .sort();
  const established = times[times.length - 1] ?? null;
  const cleanId = agentId?.replace(/-/g, '') ?? '';
  return {
    entry: endpointProtection(FALCON_PRODUCT, {
      installed: true,
      running: operational,
      onboarded: agentId === undefined ? null : /^[0-9a-f]{32}$/i.test(cleanId) && !/^0+$/.test(cleanId),
      connected,
      // Connected now means in contact now; otherwise the last connection it made.
      lastContactAt: connected ? options.now.toISOString() : established,
      version: cleanVersion(version),
      detail: operational === false ? 'the sensor reports it is not operational' : connected === false ? `cloud connection state: ${shortLine(state ?? '')}` : null,
    }),
    reason: null,
  };
}
