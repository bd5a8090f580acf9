// What the endpoint protection (EDR) reading (../endpoint-protection.ts) runs
// per OS; agent/docs/endpoint-protection.md lists which fact comes from
// where. Each parse gives the security topic with only its sensor listed;
// a sensor that could not be read at all makes it unknown, one read in part
// keeps its reason in `detail`.
import { emptySecurity, endpointProtection, unknownTopic } from '@tandem/proto';
import type { SecurityStatus } from '@tandem/proto';
import { defineSource, powerShellCommand } from '../../source.js';
import type { EndpointReading } from '../parse-edr-common.js';
import { parseFalconctlGet, parseFalconctlStats } from '../parse-falconctl.js';
import { parseSentinelctl } from '../parse-sentinelctl.js';
import { parseSophosVersionIni, SOPHOS_LINUX_VERSION_FILE } from '../parse-sophos-linux.js';
import { parseWin32EndpointProtection, SOPHOS_PRODUCT } from '../parse-win32-edr.js';
import { ENDPOINT_PROTECTION_SCRIPT } from '../win32-edr-script.js';

/** Where the tools live; they are not on PATH. The collector falls back to PATH when the path is absent (replays). */
export const FALCONCTL_LINUX = '/opt/CrowdStrike/falconctl';
export const FALCONCTL_DARWIN = '/Applications/Falcon.app/Contents/Resources/falconctl';
export const SENTINELCTL_LINUX = '/opt/sentinelone/bin/sentinelctl';

export function endpointFacts(reading: EndpointReading): SecurityStatus {
  const base = { ...emptySecurity(), endpointProtection: reading.entry ? [reading.entry] : [] };
  return reading.reason ? { ...base, ...unknownTopic(reading.reason) } : base;
}

export const FALCONCTL_GET = defineSource({
  name: 'falconctl-get', os: 'linux', topic: 'security',
  command: { argv: [FALCONCTL_LINUX, '-g', '--rfm-state', '--aid', '--version'] },
  parse: (output) => endpointFacts(parseFalconctlGet(output)),
});

export const FALCONCTL_STATS = defineSource({
  name: 'falconctl-stats', os: 'darwin', topic: 'security',
  command: { argv: [FALCONCTL_DARWIN, 'stats', 'agent_info', 'Communications'] },
  parse: (output, options) => endpointFacts(parseFalconctlStats(output, options)),
});

export const SENTINELCTL_STATUS = defineSource({
  name: 'sentinelctl-status', os: 'darwin', topic: 'security',
  command: { argv: ['sentinelctl', 'status'] },
  parse: (output, options) => endpointFacts(parseSentinelctl(output, options, 'sentinelctl status')),
});

export const SENTINELCTL_CONTROL_STATUS = defineSource({
  name: 'sentinelctl-control-status', os: 'linux', topic: 'security',
  command: { argv: [SENTINELCTL_LINUX, 'control', 'status'] },
  parse: (output, options) => endpointFacts(parseSentinelctl(output, options, 'sentinelctl control status')),
});

export const SENTINELCTL_MANAGEMENT_STATUS = defineSource({
  name: 'sentinelctl-management-status', os: 'linux', topic: 'security',
  command: { argv: [SENTINELCTL_LINUX, 'management', 'status'] },
  parse: (output, options) => endpointFacts(parseSentinelctl(output, options, 'sentinelctl management status')),
});

export const SENTINELCTL_VERSION = defineSource({
  name: 'sentinelctl-version', os: 'linux', topic: 'security',
  command: { argv: [SENTINELCTL_LINUX, 'version'] },
  parse: (output, options) => endpointFacts(parseSentinelctl(output, options, 'sentinelctl version')),
});

/** Sophos Protection for Linux: its version file; whether it runs is systemd's answer (sophos-spl.service). */
export const SOPHOS_SPL_VERSION = defineSource({
  name: 'sophos-spl-version', os: 'linux', topic: 'security',
  command: { file: SOPHOS_LINUX_VERSION_FILE },
  parse: (output) => {
    const v = parseSophosVersionIni(output.stdout);
    return endpointFacts({ entry: endpointProtection(SOPHOS_PRODUCT, { installed: true, version: v.version, detail: v.reason }), reason: v.reason });
  },
});

export const ENDPOINT_PROTECTION_JSON = defineSource({
  name: 'endpoint-protection-json', os: 'win32', topic: 'security',
  command: powerShellCommand(ENDPOINT_PROTECTION_SCRIPT),
  parse: (output, options) => {
    const r = parseWin32EndpointProtection(output, options);
    const base = { ...emptySecurity(), endpointProtection: r.entries };
    return r.reason ? { ...base, ...unknownTopic(r.reason) } : base;
  },
});
