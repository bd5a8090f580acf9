// Linux security status: firewall (ufw, firewalld, nftables, iptables), LUKS
// encryption of mounted volumes (lsblk), antivirus (ClamAV, Defender for
// Endpoint) and the SELinux/AppArmor checks. A part that cannot be read is
// null/unknown and named in the topic reason; it is never reported as off.
import { readFile, stat } from 'node:fs/promises';
import { antivirus, emptySecurity } from '@tandem/proto';
import type { Antivirus, CheckState, Encryption, Firewall, SecurityStatus } from '@tandem/proto';
import type { CollectContext } from '../collector.js';
import type { ToolOutput } from '../../parse/parse-source.js';
import type { Source } from '../source.js';
import { runSource } from '../source.js';
import {
  CLAMSCAN_VERSION, FIREWALL_CMD_STATE, GETENFORCE, IPTABLES_RULES, LSBLK, LSBLK_JSON, MDATP_HEALTH, NFT_LIST_RULESET, UFW_STATUS,
} from './sources/linux.js';
import type { FirewallReading } from './parse-linux-firewall.js';
import { parseFirewallCmdState, parseIptablesRules, parseNftRuleset, parseUfwStatus } from './parse-linux-firewall.js';
import { parseLsblkJson, parseLsblkText } from './parse-linux-lsblk.js';
import {
  CLAMAV_MAX_SIGNATURE_AGE_DAYS, parseClamscanVersion, parseMdatpHealth, parseSystemctlIsActive, signaturesFresh,
} from './parse-linux-av.js';
import type { CheckReading } from './parse-linux-lsm.js';
import { apparmorFromEnabledFile, parseGetenforce, selinuxFromEnforceFile } from './parse-linux-lsm.js';
import { readEndpointProtectionLinux } from './endpoint-protection.js';

interface Part<T> {
  value: T;
  /** Why (part of) it could not be read; null when it was. */
  reason: string | null;
}

/** Output of a source's command, or null when it is not installed; a timeout becomes output with exit null. */
async function run(ctx: CollectContext, source: Source<'security'>): Promise<ToolOutput | null> {
  const ran = await runSource(ctx, source);
  if (ran.kind === 'missing') return null;
  if (ran.kind === 'failed') return { stdout: '', stderr: ran.reason, exitCode: null };
  return ran.output;
}

/** systemctl is asked about units only; its answer is one word per unit, not a source of facts by itself. */
async function runSystemctl(ctx: CollectContext, args: string[]): Promise<ToolOutput | null> {
  const outcome = await ctx.run('systemctl', args);
  if ('notFound' in outcome) return null;
  return { stdout: outcome.stdout, stderr: outcome.stderr, exitCode: outcome.timedOut ? null : outcome.exitCode };
}

async function readOsFile(ctx: CollectContext, path: string): Promise<string | null> {
  try {
    return await readFile(ctx.osPath(path), 'utf8');
  } catch {
    return null;
  }
}

async function osPathExists(ctx: CollectContext, path: string): Promise<boolean> {
  try {
    await stat(ctx.osPath(path));
    return true;
  } catch {
    return false;
  }
}

async function readFirewall(ctx: CollectContext): Promise<Part<Firewall>> {
  const [ufw, firewalld, nft] = await Promise.all([
    run(ctx, UFW_STATUS),
    run(ctx, FIREWALL_CMD_STATE),
    run(ctx, NFT_LIST_RULESET),
  ]);
  const readings: FirewallReading[] = [];
  if (ufw) readings.push(parseUfwStatus(ufw));
  if (firewalld) readings.push(parseFirewallCmdState(firewalld));
  const nftReading = nft ? parseNftRuleset(nft) : null;
  if (nftReading) readings.push(nftReading);
  // Legacy iptables rules are invisible to nft, so an empty nft ruleset is
  // only "off" once iptables agrees.
  if (!nftReading || nftReading.enabled === false) {
    const iptables = await run(ctx, IPTABLES_RULES);
    if (iptables) readings.push(parseIptablesRules(iptables));
  }
  const profiles = readings.map((r) => ({ name: r.profile, enabled: r.enabled }));
  if (readings.some((r) => r.enabled === true)) return { value: { enabled: true, profiles }, reason: null };
  const unreadable = readings.filter((r) => r.enabled === null);
  if (unreadable.length > 0) {
    return { value: { enabled: null, profiles }, reason: `firewall: ${unreadable.map((r) => r.reason).join('; ')}` };
  }
  if (readings.length > 0) return { value: { enabled: false, profiles }, reason: null };
  return kernelPacketFilter(ctx);
}

/** Kernel modules that hold packet-filter rules; loaded on demand by whatever sets rules. */
const FILTER_MODULES = ['nf_tables', 'ip_tables', 'ip6_tables', 'iptable_filter', 'ip6table_filter', 'x_tables'];

/**
 * No firewall tool is installed. Rules can only exist if the kernel has a
 * packet filter loaded (nf_tables or the legacy x_tables, which load when
 * something sets rules): none loaded means no host firewall at all, a
 * definite `false`. A loaded filter with no tool to read it, or a /sys
 * that cannot be read, stays unknown, with the reason saying which.
 */
async function kernelPacketFilter(ctx: CollectContext): Promise<Part<Firewall>> {
  const none = 'none of ufw, firewall-cmd, nft, iptables is installed';
  if (!(await osPathExists(ctx, '/sys/module'))) {
    return { value: { enabled: null, profiles: [] }, reason: `firewall: ${none} and /sys/module is not readable, so loaded packet filters cannot be seen` };
  }
  const loaded: string[] = [];
  for (const m of FILTER_MODULES) if (await osPathExists(ctx, `/sys/module/${m}`)) loaded.push(m);
  const tables = (await readOsFile(ctx, '/proc/net/ip_tables_names'))?.split('\n').map((t) => t.trim()).filter(Boolean) ?? [];
  if (loaded.length > 0 || tables.length > 0) {
    const what = [...loaded, ...tables.map((t) => `iptables table ${t}`)].join(', ');
    return { value: { enabled: null, profiles: [] }, reason: `firewall: ${none}, but the kernel has a packet filter loaded (${what}) whose rules no installed tool can read` };
  }
  return { value: { enabled: false, profiles: [] }, reason: `firewall: ${none} and the kernel has no packet filter loaded: this host has no firewall` };
}

const ROOT_UNKNOWN: Encryption = { mount: '/', state: 'unknown', method: null };

async function readEncryption(ctx: CollectContext): Promise<Part<Encryption[]>> {
  const json = await run(ctx, LSBLK_JSON);
  if (!json) return { value: [ROOT_UNKNOWN], reason: 'encryption: lsblk is not installed' };
  const fromJson = parseLsblkJson(json);
  if (!fromJson.reason) return { value: fromJson.encryption, reason: null };
  // util-linux before 2.27 has no -J; its text tree says the same.
  const text = await run(ctx, LSBLK);
  const fromText = text ? parseLsblkText(text) : null;
  if (fromText && !fromText.reason) return { value: fromText.encryption, reason: null };
  return { value: [ROOT_UNKNOWN], reason: `encryption: ${fromText?.reason ?? fromJson.reason}` };
}

const CLAMAV_DAEMONS = ['clamav-daemon.service', 'clamd@scan.service'];
const CLAMAV_ON_ACCESS = 'clamav-clamonacc.service';
const CLAMAV_DATABASES = ['/var/lib/clamav/daily.cld', '/var/lib/clamav/daily.cvd'];

async function newestDatabaseTime(ctx: CollectContext): Promise<string | null> {
  let newest: number | null = null;
  for (const path of CLAMAV_DATABASES) {
    try {
      const s = await stat(ctx.osPath(path));
      newest = Math.max(newest ?? 0, s.mtimeMs);
    } catch {
      // not this one
    }
  }
  return newest === null ? null : new Date(newest).toISOString();
}

async function readClamav(ctx: CollectContext): Promise<Part<Antivirus | null>> {
  const [version, services] = await Promise.all([
    run(ctx, CLAMSCAN_VERSION),
    runSystemctl(ctx, ['is-active', ...CLAMAV_DAEMONS, CLAMAV_ON_ACCESS]),
  ]);
  const reasons: string[] = [];
  let signaturesUpdatedAt: string | null = null;
  let upToDate: boolean | null = null;
  let installed = false;
  if (version) {
    const v = parseClamscanVersion(version, { timeZone: ctx.timeZone, now: ctx.now() });
    installed = v.engine !== null || version.exitCode === 0;
    signaturesUpdatedAt = v.signaturesUpdatedAt;
    upToDate = v.engine !== null && v.databaseVersion === null ? false : signaturesFresh(signaturesUpdatedAt, ctx.now(), CLAMAV_MAX_SIGNATURE_AGE_DAYS);
    if (v.reason) reasons.push(`ClamAV: ${v.reason}`);
  }
  if (!version || signaturesUpdatedAt === null) {
    // clamd without clamscan, or clamscan that could not read the database:
    // freshclam rewrites the daily database on every update.
    const fileTime = await newestDatabaseTime(ctx);
    if (fileTime) {
      installed = true;
      signaturesUpdatedAt = fileTime;
      upToDate = signaturesFresh(fileTime, ctx.now(), CLAMAV_MAX_SIGNATURE_AGE_DAYS);
    }
  }
  const states = services ? parseSystemctlIsActive(services, [...CLAMAV_DAEMONS, CLAMAV_ON_ACCESS]) : null;
  const daemonActive = states ? CLAMAV_DAEMONS.some((u) => states.get(u) === 'active') : null;
  if (daemonActive) installed = true;
  if (!installed) return { value: null, reason: null };
  if (!states) reasons.push(`ClamAV: service state unknown (${services ? 'systemctl gave no answer' : 'systemctl is not installed'})`);
  return {
    value: antivirus('ClamAV', {
      enabled: daemonActive,
      realTime: states ? states.get(CLAMAV_ON_ACCESS) === 'active' : null,
      upToDate,
      signaturesUpdatedAt,
    }),
    reason: reasons.length > 0 ? reasons.join('; ') : null,
  };
}

/** Defender's antivirus facts, and the `mdatp health` output its sensor reading reuses. */
async function readDefender(ctx: CollectContext): Promise<Part<Antivirus | null> & { health: ToolOutput | null }> {
  const health = await run(ctx, MDATP_HEALTH);
  if (!health) return { value: null, reason: null, health: null };
  const r = parseMdatpHealth(health, { timeZone: ctx.timeZone, now: ctx.now() });
  // Installed but unreadable is still listed, so it is not mistaken for "no AV".
  return { value: r.antivirus ?? antivirus('Microsoft Defender for Endpoint'), reason: r.reason ? `Defender: ${r.reason}` : null, health };
}

async function readSelinux(ctx: CollectContext, sysfs: boolean): Promise<CheckReading> {
  const out = await run(ctx, GETENFORCE);
  if (out) return parseGetenforce(out);
  const enforce = await readOsFile(ctx, '/sys/fs/selinux/enforce');
  if (enforce !== null) return selinuxFromEnforceFile(enforce);
  // No selinuxfs on a host whose sysfs we can see: SELinux is not enabled.
  return sysfs ? { state: 'off', reason: null } : { state: 'unknown', reason: '/sys is not readable' };
}

async function readApparmor(ctx: CollectContext, sysfs: boolean): Promise<CheckReading> {
  const enabled = await readOsFile(ctx, '/sys/module/apparmor/parameters/enabled');
  if (enabled !== null) return apparmorFromEnabledFile(enabled);
  return sysfs ? { state: 'off', reason: null } : { state: 'unknown', reason: '/sys is not readable' };
}

async function readChecks(ctx: CollectContext): Promise<Part<Record<string, CheckState>>> {
  const sysfs = await osPathExists(ctx, '/sys/module');
  const [selinux, apparmor] = await Promise.all([readSelinux(ctx, sysfs), readApparmor(ctx, sysfs)]);
  const reasons = [selinux.reason && `selinux: ${selinux.reason}`, apparmor.reason && `apparmor: ${apparmor.reason}`].filter(Boolean);
  return { value: { selinux: selinux.state, apparmor: apparmor.state }, reason: reasons.length > 0 ? reasons.join('; ') : null };
}

export async function collectSecurityLinux(ctx: CollectContext): Promise<SecurityStatus> {
  const [firewall, encryption, clamav, defender, checks] = await Promise.all([
    readFirewall(ctx), readEncryption(ctx), readClamav(ctx), readDefender(ctx), readChecks(ctx),
  ]);
  const edr = await readEndpointProtectionLinux(ctx, defender.health);
  const reasons = [firewall.reason, encryption.reason, clamav.reason, defender.reason, checks.reason, edr.reason].filter((r): r is string => r !== null);
  const nothingRead = firewall.value.enabled === null
    && encryption.value.every((e) => e.state === 'unknown')
    && Object.values(checks.value).every((s) => s === 'unknown');
  return {
    ...emptySecurity(),
    state: nothingRead ? 'unknown' : 'ok',
    reason: reasons.length > 0 ? reasons.join('; ') : null,
    firewall: firewall.value,
    encryption: encryption.value,
    // No AV installed is an empty list, a fact rules can flag.
    antivirus: [clamav.value, defender.value].filter((a): a is Antivirus => a !== null),
    checks: checks.value,
    endpointProtection: edr.value,
  };
}
