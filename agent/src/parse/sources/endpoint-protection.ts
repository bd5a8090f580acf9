// The endpoint protection (EDR) readers, by the name `tandem-agent parse
// <source>` knows them. Each returns the security topic with only its
// sensor listed under endpointProtection.
import { emptySecurity, endpointProtection, unknownTopic } from '@tandem/proto';
import type { ParsedFacts, ParseSource } from '../parse-source.js';
import type { EndpointReading } from '../../collectors/security/parse-edr-common.js';
import { parseMdatpEndpoint } from '../../collectors/security/parse-mdatp-edr.js';
import { parseFalconctlGet, parseFalconctlStats } from '../../collectors/security/parse-falconctl.js';
import { parseSentinelctl } from '../../collectors/security/parse-sentinelctl.js';
import { parseSophosVersionIni, SOPHOS_LINUX_VERSION_FILE } from '../../collectors/security/parse-sophos-linux.js';
import { parseWin32EndpointProtection, SOPHOS_PRODUCT } from '../../collectors/security/parse-win32-edr.js';
import { FALCONCTL_DARWIN, FALCONCTL_GET_ARGS, FALCONCTL_LINUX, FALCONCTL_STATS_ARGS } from '../../collectors/security/endpoint-protection.js';

/** A sensor that could not be read at all makes the topic unknown; one read in part keeps its reason in `detail`. */
function facts(reading: EndpointReading): ParsedFacts {
  const base = { ...emptySecurity(), endpointProtection: reading.entry ? [reading.entry] : [] };
  return { topic: 'security', facts: reading.reason ? { ...base, ...unknownTopic(reading.reason) } : base };
}

export const ENDPOINT_PROTECTION_SOURCES: ParseSource[] = [
  {
    name: 'mdatp-health-sensor', os: 'linux', topic: 'security',
    reads: 'mdatp health --output json (Linux and macOS)',
    parse: (output, options) => facts(parseMdatpEndpoint(output, options)),
  },
  {
    name: 'falconctl-get', os: 'linux', topic: 'security',
    reads: `${FALCONCTL_LINUX} ${FALCONCTL_GET_ARGS.join(' ')}`,
    parse: (output) => facts(parseFalconctlGet(output)),
  },
  {
    name: 'falconctl-stats', os: 'darwin', topic: 'security',
    reads: `${FALCONCTL_DARWIN} ${FALCONCTL_STATS_ARGS.join(' ')}`,
    parse: (output, options) => facts(parseFalconctlStats(output, options)),
  },
  {
    name: 'sentinelctl-status', os: 'darwin', topic: 'security',
    reads: 'sentinelctl status',
    parse: (output, options) => facts(parseSentinelctl(output, options, 'sentinelctl status')),
  },
  {
    name: 'sentinelctl-control-status', os: 'linux', topic: 'security',
    reads: 'sentinelctl control status',
    parse: (output, options) => facts(parseSentinelctl(output, options, 'sentinelctl control status')),
  },
  {
    name: 'sentinelctl-management-status', os: 'linux', topic: 'security',
    reads: 'sentinelctl management status',
    parse: (output, options) => facts(parseSentinelctl(output, options, 'sentinelctl management status')),
  },
  {
    name: 'sentinelctl-version', os: 'linux', topic: 'security',
    reads: 'sentinelctl version',
    parse: (output, options) => facts(parseSentinelctl(output, options, 'sentinelctl version')),
  },
  {
    name: 'sophos-spl-version', os: 'linux', topic: 'security',
    reads: `cat ${SOPHOS_LINUX_VERSION_FILE}`,
    parse: (output) => {
      const v = parseSophosVersionIni(output.stdout);
      return facts({ entry: endpointProtection(SOPHOS_PRODUCT, { installed: true, version: v.version, detail: v.reason }), reason: v.reason });
    },
  },
  {
    name: 'endpoint-protection-json', os: 'win32', topic: 'security',
    reads: 'the agent\'s endpoint protection script (services, Defender for Endpoint onboarding status, CrowdStrike agent id, SentinelCtl.exe status, Sophos tamper protection; see agent/docs/endpoint-protection.md)',
    parse: (output, options) => {
      const r = parseWin32EndpointProtection(output, options);
      const base = { ...emptySecurity(), endpointProtection: r.entries };
      return { topic: 'security', facts: r.reason ? { ...base, ...unknownTopic(r.reason) } : base };
    },
  },
];
