// SentinelOne from its local control tool. One reader for every form, since
// each is "Key: value" lines plus a few sentences, and versions differ more
// than operating systems do:
//   Windows: "C:\Program Files\SentinelOne\Sentinel Agent <v>\SentinelCtl.exe" status
//            → `Disable State: Not disabled by the user`, `SentinelMonitor is loaded`,
//              `Self-Protection status: On`, `Monitor Build id: 24.2.3.471+…`,
//              `SentinelAgent is loaded`, `SentinelAgent is running as PPL`
//   macOS:   sentinelctl status → `Version:`, `ID:`, `Protection: enabled`,
//            `Connected: yes`, `Last Seen: …`, `Anti Tamper: on` …
//   Linux:   sentinelctl control status → `Agent state: Enabled`, …
//            sentinelctl management status → `Connectivity: On`, `Management URL: …`
//            sentinelctl version → `Agent version: 23.4.1.4`
import { endpointProtection } from '@tandem/proto';
import type { EndpointProtection } from '@tandem/proto';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { psDate } from '../../parse/powershell-json.js';
import { wallClockToIso } from '../../parse/local-time.js';
import { shortLine } from '../../parse/short-line.js';
import { toolFailure } from './parse-linux-firewall.js';
import type { EndpointReading } from './parse-edr-common.js';
import { cleanVersion, firstOf, keyValues, onOff, statusLines, unrecognised } from './parse-edr-common.js';

export const SENTINELONE_PRODUCT = 'SentinelOne';

/** A time as sentinelctl prints it: ISO, or `11/27/2026, 10:15:03` / `11/27/2026 10:15:03 AM` (local). */
export function sentinelTime(text: string | undefined, timeZone: string): string | null {
  if (!text) return null;
  const iso = psDate(text.trim(), timeZone);
  if (iso) return iso;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?$/i.exec(text.trim());
  if (!m) return null;
  let hour = Number(m[4]);
  if (m[7]) hour = m[7].toUpperCase() === 'PM' ? (hour % 12) + 12 : hour % 12;
  return wallClockToIso({ year: Number(m[3]), month: Number(m[1]), day: Number(m[2]), hour, minute: Number(m[5]), second: Number(m[6] ?? 0) }, timeZone);
}

/** Keys and sentences only SentinelOne's status prints; an error or usage text has none of them. */
const KNOWN = /^(sentinel(agent|monitor) is|monitor build id:|agent (state|version):|connectivity:|management (url|server):|protection( status)?:|disable state:|anti.?tamper:|self.?protection status:|version:\s*\d)/im;

export function parseSentinelctl(output: ToolOutput, options: ParseOptions, tool = 'sentinelctl status'): EndpointReading {
  const text = `${output.stdout}\n${output.stderr}`;
  if (output.exitCode !== 0 && !KNOWN.test(output.stdout)) {
    const reason = toolFailure(tool, output);
    return { entry: endpointProtection(SENTINELONE_PRODUCT, { installed: true, detail: reason }), reason };
  }
  const lines = statusLines(output.stdout);
  if (!KNOWN.test(lines.join('\n'))) {
    const reason = unrecognised(tool, text);
    return { entry: endpointProtection(SENTINELONE_PRODUCT, { installed: true, detail: reason }), reason };
  }
  const values = keyValues(lines);
  const sentence = (pattern: RegExp): boolean | null => {
    const line = lines.find((l) => pattern.test(l));
    if (!line) return null;
    return !/\bnot\b/i.test(line);
  };

  const disableState = firstOf(values, ['disable state', 'agent disable state']);
  const disabled = disableState === undefined ? null : /not disabled/i.test(disableState) ? false : /disabled/i.test(disableState) ? true : null;
  const agentState = firstOf(values, ['agent state', 'protection', 'protection status', 'agent protection']);
  const loaded = sentence(/^sentinelagent is (not )?(loaded|running)/i);
  const stateOn = onOff(agentState);
  let running: boolean | null = loaded ?? stateOn;
  if (disabled === true) running = false;

  const connectivity = firstOf(values, ['connectivity', 'connected', 'management connectivity', 'connection status']);
  const connected = onOff(connectivity);
  const server = firstOf(values, ['management url', 'management server', 'server', 'mgmt server']);
  const onboarded = server === undefined ? (connected === true ? true : null) : /^https?:\/\//i.test(server.trim());
  const lastSeen = sentinelTime(firstOf(values, ['last seen', 'last connected', 'last connection', 'last successful connection', 'last keep alive']), options.timeZone);
  const tamper = onOff(firstOf(values, ['anti tamper', 'anti tampering', 'self protection status', 'self protection', 'tamper protection']));
  const version = cleanVersion(firstOf(values, ['monitor build id', 'agent version', 'version', 'build']));

  const detail = disabled ? `agent disabled: ${shortLine(disableState ?? '')}`
    : running === false ? 'the agent is not loaded or not protecting'
      : connected === false ? 'no connection to the SentinelOne management console' : null;
  return {
    entry: endpointProtection(SENTINELONE_PRODUCT, {
      installed: true,
      running,
      onboarded,
      connected,
      lastContactAt: connected === true ? options.now.toISOString() : lastSeen,
      version,
      tamperProtection: tamper,
      detail,
    }),
    reason: null,
  };
}

/** Several readings of one product (Linux asks three sentinelctl commands): a known fact wins over null. */
export function mergeEndpoint(parts: readonly EndpointProtection[]): EndpointProtection | null {
  if (parts.length === 0) return null;
  const out = { ...parts[0]! };
  const details: string[] = [];
  for (const p of parts) {
    for (const key of Object.keys(p) as Array<keyof EndpointProtection>) {
      if (key === 'product' || key === 'detail') continue;
      if (out[key] === null && p[key] !== null) (out as Record<string, unknown>)[key] = p[key];
    }
    if (p.detail && !details.includes(p.detail)) details.push(p.detail);
  }
  out.detail = details.length > 0 ? details.join('; ') : null;
  return out;
}
