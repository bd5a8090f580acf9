import { antivirus, emptySecurity, unknownTopic } from '@tandem/proto';
import type { SecurityStatus } from '@tandem/proto';
import type { ParsedFacts, ParseSource } from '../parse-source.js';
import type { FirewallReading } from '../../collectors/security/parse-linux-firewall.js';
import {
  parseFirewallCmdState, parseIptablesRules, parseNftRuleset, parseUfwStatus,
} from '../../collectors/security/parse-linux-firewall.js';
import { parseLsblkJson, parseLsblkText } from '../../collectors/security/parse-linux-lsblk.js';
import type { EncryptionReading } from '../../collectors/security/parse-linux-lsblk.js';
import {
  CLAMAV_MAX_SIGNATURE_AGE_DAYS, parseClamscanVersion, parseMdatpHealth, signaturesFresh,
} from '../../collectors/security/parse-linux-av.js';
import { parseGetenforce } from '../../collectors/security/parse-linux-lsm.js';

function security(facts: Partial<SecurityStatus>, reason: string | null): ParsedFacts {
  const base = { ...emptySecurity(), ...facts };
  return { topic: 'security', facts: reason ? { ...base, ...unknownTopic(reason) } : base };
}

function firewallFacts(r: FirewallReading): ParsedFacts {
  if (r.enabled === null) return security({}, r.reason);
  return security({ firewall: { enabled: r.enabled, profiles: [{ name: r.profile, enabled: r.enabled }] } }, null);
}

function encryptionFacts(r: EncryptionReading): ParsedFacts {
  return security({ encryption: r.encryption }, r.reason);
}

export const LINUX_SECURITY_SOURCES: ParseSource[] = [
  {
    name: 'ufw-status',
    os: 'linux',
    topic: 'security',
    reads: 'ufw status verbose',
    parse: (output) => firewallFacts(parseUfwStatus(output)),
  },
  {
    name: 'firewall-cmd-state',
    os: 'linux',
    topic: 'security',
    reads: 'firewall-cmd --state',
    parse: (output) => firewallFacts(parseFirewallCmdState(output)),
  },
  {
    name: 'nft-list-ruleset',
    os: 'linux',
    topic: 'security',
    reads: 'nft list ruleset',
    parse: (output) => firewallFacts(parseNftRuleset(output)),
  },
  {
    name: 'iptables-rules',
    os: 'linux',
    topic: 'security',
    reads: 'iptables -S',
    parse: (output) => firewallFacts(parseIptablesRules(output)),
  },
  {
    name: 'lsblk',
    os: 'linux',
    topic: 'security',
    reads: 'lsblk -o NAME,TYPE,FSTYPE,MOUNTPOINT',
    parse: (output) => encryptionFacts(parseLsblkText(output)),
  },
  {
    name: 'lsblk-json',
    os: 'linux',
    topic: 'security',
    reads: 'lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINT,SIZE',
    parse: (output) => encryptionFacts(parseLsblkJson(output)),
  },
  {
    name: 'getenforce',
    os: 'linux',
    topic: 'security',
    reads: 'getenforce',
    parse: (output) => {
      const r = parseGetenforce(output);
      return security({ checks: { selinux: r.state } }, r.reason);
    },
  },
  {
    name: 'clamscan-version',
    os: 'linux',
    topic: 'security',
    reads: 'clamscan --version',
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
  },
  {
    name: 'mdatp-health',
    os: 'linux',
    topic: 'security',
    reads: 'mdatp health --output json',
    parse: (output, options) => {
      const r = parseMdatpHealth(output, options);
      return security({ antivirus: r.antivirus ? [r.antivirus] : [] }, r.reason);
    },
  },
];
