// Patch status on Linux: finds the package manager (apt → dnf → yum →
// zypper → pacman) by trying its read-only listing command, combines the
// sources that manager offers, and adds reboot and last-install facts.
// Nothing here refreshes package metadata or changes the system: dnf and yum
// run cache-only, zypper without refresh, pacman against its existing sync
// databases, apt only lists and simulates.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { PatchStatus, PendingUpdate } from '@tandem/proto';
import type { CollectContext } from '../collector.js';
import { failureReason, isNotFound } from '../../exec/run-command.js';
import type { ToolOutput } from '../../parse/parse-source.js';
import type { RunSourceOptions, Source } from '../source.js';
import { runSource } from '../source.js';
import {
  APT_CHECK, APT_GET_SIMULATE, APT_LIST_UPGRADABLE, DNF_CHECK_UPDATE, DNF_UPDATEINFO, NEEDS_RESTARTING, PACMAN_QU,
  ZYPPER_LIST_UPDATES, ZYPPER_LIST_UPDATES_XML,
} from './sources/linux.js';
import { patchFromUpdates, patchUnknown, securityCountOf } from './parse-linux-patch-common.js';
import { parseAptListUpgradable, readAptList, toPendingUpdates } from './parse-apt-list.js';
import { parseAptGetSimulate, readAptSimulation, isSecurityOrigin } from './parse-apt-get-simulate.js';
import { checkUpdateUpdates, parseDnfCheckUpdate, readCheckUpdate } from './parse-dnf-check-update.js';
import { rpmPackageNames } from './parse-rpm-version.js';
import { readUpdateinfo, securityUpdates } from './parse-dnf-updateinfo.js';
import { parseNeedsRestarting } from './parse-needs-restarting.js';
import { neededPatches, parseZypperListUpdatesXml, readZypperXml, ZYPPER_INFO_EXIT_CODES } from './parse-zypper-xml.js';
import { parsePacmanQu } from './parse-pacman-qu.js';
import { lastAptInstall, lastPacmanInstall, lastRpmInstall, lastZyppInstall } from './parse-install-history.js';

/** A command that could not give an answer at all: missing, timed out, or cut at the output cap. */
type Ran = { output: ToolOutput } | { absent: true } | { failed: string };

/**
 * The helper commands whose answer is an exit code or one number (rpm's
 * install times, zypper needs-rebooting, uname -r); they have no parser of
 * their own.
 */
async function runHelper(ctx: CollectContext, command: string, args: string[]): Promise<Ran> {
  const outcome = await ctx.run(command, args);
  if (isNotFound(outcome)) return /not found/i.test(outcome.message) ? { absent: true } : { failed: outcome.message };
  const reason = failureReason(outcome);
  if (reason) return { failed: reason };
  return { output: { stdout: outcome.stdout, stderr: outcome.stderr, exitCode: outcome.exitCode } };
}

async function run(ctx: CollectContext, source: Source<'patch'>, options: RunSourceOptions = {}): Promise<Ran> {
  const ran = await runSource(ctx, source, options);
  if (ran.kind === 'missing') return { absent: true };
  if (ran.kind === 'failed') return { failed: ran.reason };
  if (ran.truncated) return { failed: `${options.program ?? source.name} printed more than the output cap; its list was cut` };
  return { output: ran.output };
}

function readOsFile(ctx: CollectContext, path: string): string | null {
  try {
    const bytes = readFileSync(ctx.osPath(path));
    return path.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  } catch {
    return null;
  }
}

function osFileExists(ctx: CollectContext, path: string): boolean {
  return existsSync(ctx.osPath(path));
}

export async function collectPatchLinux(ctx: CollectContext): Promise<PatchStatus> {
  const managers = [collectApt, (c: CollectContext) => collectRpm(c, 'dnf'), (c: CollectContext) => collectRpm(c, 'yum'), collectZypper, collectPacman];
  for (const collect of managers) {
    const status = await collect(ctx);
    if (status) return status;
  }
  return patchUnknown(null, 'no supported package manager (apt, dnf, yum, zypper, pacman) was found on PATH');
}

/** Facts from other sources kept on an unknown list: a pending reboot is worth reporting on its own. */
function withExtras(status: PatchStatus, extras: Pick<PatchStatus, 'rebootRequired' | 'lastInstalledAt'>): PatchStatus {
  return { ...status, ...extras };
}

// ---- apt -------------------------------------------------------------------

async function collectApt(ctx: CollectContext): Promise<PatchStatus | null> {
  // dist-upgrade, not upgrade: it also simulates packages upgrade would keep back.
  const [list, sim] = await Promise.all([
    run(ctx, APT_LIST_UPGRADABLE),
    run(ctx, APT_GET_SIMULATE),
  ]);
  if ('absent' in list && 'absent' in sim) return null;
  const extras = { rebootRequired: aptRebootRequired(ctx), lastInstalledAt: lastAptHistory(ctx) };

  const listRead = 'output' in list ? parseAptListUpgradable(list.output) : null;
  const simRead = 'output' in sim ? parseAptGetSimulate(sim.output) : null;
  if (listRead?.state === 'ok' && 'output' in list) {
    const read = readAptList(list.output.stdout);
    let updates = 'entries' in read ? toPendingUpdates(read.entries) : [];
    // Before Debian 11 the security archive is not named "*-security", but
    // apt-get -s names its origin "Debian-Security"; use it when available.
    if (simRead?.state === 'ok' && 'output' in sim) {
      const simulation = readAptSimulation(sim.output.stdout);
      if (!('problem' in simulation)) {
        const secure = new Set(simulation.installs.filter((i) => i.origins.some(isSecurityOrigin)).map((i) => i.name));
        updates = updates.map((u) => (u.security === false && (secure.has(u.name) || secure.has(u.name.split(':')[0] ?? '')) ? { ...u, security: true } : u));
      }
    }
    return patchFromUpdates('apt', updates, extras);
  }
  if (simRead?.state === 'ok') return { ...simRead, ...extras };
  // Ubuntu's update-notifier helper reads the package cache without apt's front end.
  const check = await run(ctx, APT_CHECK);
  if ('output' in check) {
    const counted = APT_CHECK.parse(check.output, { timeZone: ctx.timeZone, now: ctx.now() });
    if (counted.state === 'ok') return { ...counted, ...extras };
  }
  const reasons = [
    'failed' in list ? list.failed : 'absent' in list ? 'apt not found' : listRead?.reason,
    'failed' in sim ? sim.failed : 'absent' in sim ? 'apt-get not found' : simRead?.reason,
  ].filter(Boolean);
  return withExtras(patchUnknown('apt', reasons.join('; ')), extras);
}

function aptRebootRequired(ctx: CollectContext): boolean | null {
  if (osFileExists(ctx, '/var/run/reboot-required')) return true;
  // The flag file is written by update-notifier (Ubuntu) or the
  // unattended-upgrades kernel hook (Debian). Without either, its absence
  // says nothing.
  const writers = ['/usr/share/update-notifier/notify-reboot-required', '/etc/kernel/postinst.d/unattended-upgrades'];
  return writers.some((w) => osFileExists(ctx, w)) ? false : null;
}

function lastAptHistory(ctx: CollectContext): string | null {
  // Right after the monthly rotation the current log may hold no install yet.
  for (const file of ['/var/log/apt/history.log', '/var/log/apt/history.log.1', '/var/log/apt/history.log.1.gz']) {
    const text = readOsFile(ctx, file);
    const last = text === null ? null : lastAptInstall(text, ctx.timeZone);
    if (last) return last;
  }
  return null;
}

// ---- dnf / yum ---------------------------------------------------------------

async function collectRpm(ctx: CollectContext, tool: 'dnf' | 'yum'): Promise<PatchStatus | null> {
  // -C: cache-only, so the agent never refreshes metadata (dnf-makecache.timer does).
  const check = await run(ctx, DNF_CHECK_UPDATE, { program: tool });
  if ('absent' in check) return null;
  const extras = { rebootRequired: await rpmRebootRequired(ctx, tool), lastInstalledAt: await lastRpmHistory(ctx) };
  if ('failed' in check) return withExtras(patchUnknown(tool, check.failed), extras);
  const status = parseDnfCheckUpdate(check.output, tool);
  if (status.state !== 'ok') return withExtras(status, extras);
  // Matched with updateinfo on "name.arch", dnf's key; named as other tools name them afterwards.
  const listed = readCheckUpdate(check.output.stdout);
  let updates: PendingUpdate[] = 'entries' in listed ? checkUpdateUpdates(listed.entries) : status.updates;

  // All advisory types, not only security: an empty list then tells that the
  // repositories publish no advisories at all (CentOS 7, most third-party
  // repos), where "no security updates" would be a false zero.
  const info = await run(ctx, DNF_UPDATEINFO, { program: tool });
  if ('output' in info && info.output.exitCode === 0) {
    const read = readUpdateinfo(info.output.stdout);
    if ('advisories' in read && read.advisories.length > 0) {
      const secure = new Map(securityUpdates(read.advisories).map((u) => [u.name, u]));
      updates = updates.map((u) => {
        const s = secure.get(u.name);
        return s ? { ...u, security: true, severity: s.severity, kb: s.kb } : { ...u, security: false };
      });
    }
  }
  return patchFromUpdates(tool, rpmPackageNames(updates), extras);
}

async function rpmRebootRequired(ctx: CollectContext, tool: 'dnf' | 'yum'): Promise<boolean | null> {
  let answer = await run(ctx, NEEDS_RESTARTING);
  if ('absent' in answer && tool === 'dnf') answer = await run(ctx, NEEDS_RESTARTING, { via: 'dnf' });
  if (!('output' in answer)) return null;
  const parsed = parseNeedsRestarting(answer.output);
  return parsed.state === 'ok' ? parsed.rebootRequired : null;
}

async function lastRpmHistory(ctx: CollectContext): Promise<string | null> {
  const ran = await runHelper(ctx, 'rpm', ['-qa', '--qf', '%{INSTALLTIME}\\n']);
  return 'output' in ran && ran.output.exitCode === 0 ? lastRpmInstall(ran.output.stdout) : null;
}

// ---- zypper ------------------------------------------------------------------

async function collectZypper(ctx: CollectContext): Promise<PatchStatus | null> {
  const list = await run(ctx, ZYPPER_LIST_UPDATES_XML, { fill: { list: 'list-updates' } });
  if ('absent' in list) return null;
  const extras = { rebootRequired: await zypperRebootRequired(ctx), lastInstalledAt: lastZyppHistory(ctx) };
  if ('failed' in list) return withExtras(patchUnknown('zypper', list.failed), extras);
  const status = parseZypperListUpdatesXml(list.output);
  if (status.state !== 'ok' && list.output.exitCode !== null && ZYPPER_INFO_EXIT_CODES.has(list.output.exitCode)) {
    // Exit 0/100-103 without readable XML: a zypper that ignores --xmlout still prints its table.
    const table = await run(ctx, ZYPPER_LIST_UPDATES);
    if ('output' in table) {
      const fromTable = ZYPPER_LIST_UPDATES.parse(table.output, { timeZone: ctx.timeZone, now: ctx.now() });
      if (fromTable.state === 'ok') return { ...fromTable, ...extras };
    }
  }
  if (status.state !== 'ok') return withExtras(status, extras);

  // Packages carry no security flag on SUSE; patches (advisories) do. The
  // patches needed tell how many security fixes are pending. When no patch
  // at all is needed although packages are, the repositories publish no
  // patches (Tumbleweed, third-party) and the security count is unknown.
  const patches = await run(ctx, ZYPPER_LIST_UPDATES_XML, { fill: { list: 'list-patches' } });
  let securityCount: number | null = securityCountOf(status.updates);
  if ('output' in patches && patches.output.exitCode !== null && ZYPPER_INFO_EXIT_CODES.has(patches.output.exitCode)) {
    const read = readZypperXml(patches.output.stdout);
    if ('updates' in read) {
      const needed = neededPatches(read.updates);
      const noPatchesPublished = needed.length === 0 && status.updates.length > 0;
      securityCount = noPatchesPublished ? null : needed.filter((p) => p.attrs.category === 'security').length;
    }
  }
  return { ...status, securityCount, ...extras };
}

async function zypperRebootRequired(ctx: CollectContext): Promise<boolean | null> {
  // zypper ≥ 1.14: exit 102 = reboot needed, 0 = not needed.
  const ran = await runHelper(ctx, 'zypper', ['--non-interactive', 'needs-rebooting']);
  if (!('output' in ran)) return null;
  if (ran.output.exitCode === 102) return true;
  if (ran.output.exitCode === 0) return false;
  return null;
}

function lastZyppHistory(ctx: CollectContext): string | null {
  const text = readOsFile(ctx, '/var/log/zypp/history');
  return text === null ? null : lastZyppInstall(text, ctx.timeZone);
}

// ---- pacman ------------------------------------------------------------------

async function collectPacman(ctx: CollectContext): Promise<PatchStatus | null> {
  const list = await run(ctx, PACMAN_QU);
  if ('absent' in list) return null;
  const text = readOsFile(ctx, '/var/log/pacman.log');
  const extras = { rebootRequired: await pacmanRebootRequired(ctx), lastInstalledAt: text === null ? null : lastPacmanInstall(text, ctx.timeZone) };
  if ('failed' in list) return withExtras(patchUnknown('pacman', list.failed), extras);
  return withExtras(parsePacmanQu(list.output), extras);
}

async function pacmanRebootRequired(ctx: CollectContext): Promise<boolean | null> {
  // Arch removes the running kernel's modules when it upgrades the kernel,
  // so a missing /usr/lib/modules/<running release> means a reboot is due.
  const ran = await runHelper(ctx, 'uname', ['-r']);
  if (!('output' in ran) || ran.output.exitCode !== 0) return null;
  const release = ran.output.stdout.trim();
  if (!/^[\w.+-]+$/.test(release)) return null;
  return !osFileExists(ctx, `/usr/lib/modules/${release}`);
}

