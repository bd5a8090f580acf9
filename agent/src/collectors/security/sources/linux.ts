// What the Linux security collector (../linux.ts) runs. Each firewall tool,
// lsblk and the antivirus tools give part of the topic; the collector
// combines them.
import { antivirus, emptySecurity, unknownTopic } from '@tandem/proto';
import type { SecurityStatus } from '@tandem/proto';
import { defineSource } from '../../source.js';
import type { FirewallReading } from '../parse-linux-firewall.js';
import {
  parseFirewallCmdState, parseIptablesRules, parseNftRuleset, parseUfwStatus,
} from '../parse-linux-firewall.js';
import { parseLsblkJson, parseLsblkText } from '../parse-linux-lsblk.js';
import type { EncryptionReading } from '../parse-linux-lsblk.js';
import {
  CLAMAV_MAX_SIGNATURE_AGE_DAYS, parseClamscanVersion, parseMdatpHealth, signaturesFresh,
} from '../parse-linux-av.js';
import { parseGetenforce } from '../parse-linux-lsm.js';
import { parseMdatpEndpoint } from '../parse-mdatp-edr.js';
import type { ParseOptions, ToolOutput } from '../../../parse/parse-source.js';

function security(facts: Partial<SecurityStatus>, reason: string | null): SecurityStatus {
  const base = { ...emptySecurity(), ...facts };
  return reason ? { ...base, ...unknownTopic(reason) } : base;
}

/** A firewall tool's reading as topic facts: one profile named after the tool. */
export function firewallFacts(r: FirewallReading): SecurityStatus {
  if (r.enabled === null) return security({}, r.reason);
  return security({ firewall: { enabled: r.enabled, profiles: [{ name: r.profile, enabled: r.enabled }] } }, null);
}

function encryptionFacts(r: EncryptionReading): SecurityStatus {
  return security({ encryption: r.encryption }, r.reason);
}

export const UFW_STATUS = defineSource({
  name: 'ufw-status', os: 'linux', topic: 'security',
  command: { argv: ['ufw', 'status', 'verbose'] },
  parse: (output) => firewallFacts(parseUfwStatus(output)),
});

export const FIREWALL_CMD_STATE = defineSource({
  name: 'firewall-cmd-state', os: 'linux', topic: 'security',
  command: { argv: ['firewall-cmd', '--state'] },
  parse: (output) => firewallFacts(parseFirewallCmdState(output)),
});

export const NFT_LIST_RULESET = defineSource({
  name: 'nft-list-ruleset', os: 'linux', topic: 'security',
  command: { argv: ['nft', 'list', 'ruleset'] },
  parse: (output) => firewallFacts(parseNftRuleset(output)),
});

/** Legacy iptables rules are invisible to nft, so an empty nft ruleset is only "off" once iptables agrees. */
export const IPTABLES_RULES = defineSource({
  name: 'iptables-rules', os: 'linux', topic: 'security',
  command: { argv: ['iptables', '-S'] },
  parse: (output) => firewallFacts(parseIptablesRules(output)),
});

export const LSBLK_JSON = defineSource({
  name: 'lsblk-json', os: 'linux', topic: 'security',
  command: { argv: ['lsblk', '-J', '-o', 'NAME,TYPE,FSTYPE,MOUNTPOINT,SIZE'] },
  parse: (output) => encryptionFacts(parseLsblkJson(output)),
});

/** util-linux before 2.27 has no -J; its text tree says the same. */
export const LSBLK = defineSource({
  name: 'lsblk', os: 'linux', topic: 'security',
  command: { argv: ['lsblk', '-o', 'NAME,TYPE,FSTYPE,MOUNTPOINT'] },
  parse: (output) => encryptionFacts(parseLsblkText(output)),
});

export const GETENFORCE = defineSource({
  name: 'getenforce', os: 'linux', topic: 'security',
  command: { argv: ['getenforce'] },
  parse: (output) => {
    const r = parseGetenforce(output);
    return security({ checks: { selinux: r.state } }, r.reason);
  },
});

export const CLAMSCAN_VERSION = defineSource({
  name: 'clamscan-version', os: 'linux', topic: 'security',
  command: { argv: ['clamscan', '--version'] },
  parse: (output, options) => {
    const v = parseClamscanVersion(output, options);
    if (v.engine === null) return security({}, v.reason);
    // The version alone says ClamAV is installed; whether it scans is the
    // daemon's state, which the collector asks systemd for.
    return security({
      antivirus: [antivirus('ClamAV', {
        signaturesUpdatedAt: v.signaturesUpdatedAt,
        upToDate: v.databaseVersion === null ? false : signaturesFresh(v.signaturesUpdatedAt, options.now, CLAMAV_MAX_SIGNATURE_AGE_DAYS),
      })],
    }, null);
  },
});

/** Defender for Endpoint: the antivirus facts and the sensor's, from one answer. */
function mdatpFacts(output: ToolOutput, options: ParseOptions): SecurityStatus {
  const av = parseMdatpHealth(output, options);
  const sensor = parseMdatpEndpoint(output, options);
  return security({ antivirus: av.antivirus ? [av.antivirus] : [], endpointProtection: sensor.entry ? [sensor.entry] : [] }, av.reason ?? sensor.reason);
}

export const MDATP_HEALTH = defineSource({
  name: 'mdatp-health', os: 'linux', topic: 'security',
  command: { argv: ['mdatp', 'health', '--output', 'json'] },
  parse: mdatpFacts,
});

/** The same tool and answer on macOS (/usr/local/bin/mdatp). */
export const MDATP_HEALTH_DARWIN = defineSource({
  name: 'mdatp-health-darwin', os: 'darwin', topic: 'security',
  command: { argv: ['mdatp', 'health', '--output', 'json'] },
  parse: mdatpFacts,
});
