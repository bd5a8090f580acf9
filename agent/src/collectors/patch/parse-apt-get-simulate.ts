// `apt-get -s upgrade` / `apt-get -s dist-upgrade`: the dry run apt would do.
//   Inst name [old-version] (new-version Origin:Release/archive[, …] [arch]) [deps]
//   Conf name (new-version Origin:Release/archive [arch])
// Inst without an [old-version] is a new package pulled in (a new kernel),
// not an update of something installed. Packages apt will not upgrade
// (kept back, held, phased) have no Inst line and are named only in the
// "kept back" section; the summary line counts them as "not upgraded".
import { pendingUpdate } from '@tandem/proto';
import type { PatchStatus, PendingUpdate } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { exitReason, isBlank, outputLines, patchFromUpdates, patchUnknown } from './parse-linux-patch-common.js';
import { shortLine } from '../../parse/short-line.js';

const INST = /^Inst (\S+)(?: \[([^\]]*)\])? \((\S+)(?: (.*?))? \[([^\]]+)\]\)/;
// "2 upgraded, 1 newly installed, 0 to remove and 3 not upgraded." in any
// language; "1 downgraded, " is inserted when apt would downgrade.
const SUMMARY = /^(\d+) [^,\d]+, (\d+) [^,\d]+, (?:\d+ [^,\d]+, )?\d+ \D+ (\d+) \D+$/;
// Section headers naming packages that will not be upgraded now, in the C
// locale and German (the most common non-English locale among our sites).
const HELD_SECTION = /kept back|deferred due to phasing|held packages|zurückgehalten|zurückgestellt/i;

export interface SimulatedInstall {
  name: string;
  installed: string | null;
  version: string;
  origins: string[];
  arch: string;
}

/** An origin such as "Debian-Security:12/stable-security" or "Ubuntu:22.04/jammy-security". */
export function isSecurityOrigin(origin: string): boolean {
  const [label = '', archive = ''] = origin.split('/');
  return /-security$/i.test(archive) || /^Debian-Security(:|$)/i.test(label);
}

export interface AptSimulation {
  installs: SimulatedInstall[];
  /** Upgradable packages apt leaves alone this run. */
  heldBack: string[];
}

export function readAptSimulation(text: string): AptSimulation | { problem: string } {
  const installs: SimulatedInstall[] = [];
  const heldBack: string[] = [];
  let summary: number[] | null = null;
  let confs = 0;
  let inHeldSection = false;
  for (const raw of outputLines(text)) {
    const line = raw.trimEnd();
    if (/^E:/.test(line)) return { problem: `apt-get reported an error: ${shortLine(line)}` };
    if (line.startsWith('Inst ')) {
      inHeldSection = false;
      const m = INST.exec(line);
      if (!m) return { problem: `unreadable Inst line: "${line.slice(0, 120)}"` };
      const [, name = '', installed, version = '', origins = '', arch = ''] = m;
      installs.push({ name, installed: installed ?? null, version, origins: origins.split(',').map((o) => o.trim()).filter(Boolean), arch });
      continue;
    }
    if (line.startsWith('Conf ')) { confs++; continue; }
    if (/^\s/.test(line) && line.trim() !== '') {
      if (inHeldSection) heldBack.push(...line.trim().split(/\s+/));
      continue;
    }
    inHeldSection = line.endsWith(':') && HELD_SECTION.test(line);
    const s = SUMMARY.exec(line.trim());
    if (s) summary = s.slice(1, 4).map(Number);
  }
  if (!summary) {
    return { problem: installs.length > 0 ? 'the apt-get summary line is missing; the output is incomplete' : 'no apt-get summary line ("N upgraded, N newly installed, …") in the output' };
  }
  const [upgraded = 0, newlyInstalled = 0, notUpgraded = 0] = summary;
  // The summary comes before the Inst and Conf lines, so a cut output is
  // caught by counting what follows it against what it announced.
  if (installs.length < upgraded + newlyInstalled || confs < installs.length) {
    return { problem: `apt-get announced ${upgraded} upgraded and ${newlyInstalled} newly installed but the output lists ${installs.length} Inst and ${confs} Conf lines; the output is incomplete` };
  }
  if (heldBack.length !== notUpgraded) {
    return { problem: `apt-get counts ${notUpgraded} packages not upgraded but names ${heldBack.length}; the output is incomplete or in an unknown language` };
  }
  return { installs, heldBack };
}

export function simulationUpdates(sim: AptSimulation): PendingUpdate[] {
  const upgrades = sim.installs.filter((i) => i.installed !== null).map((i) => pendingUpdate(i.name, {
    currentVersion: i.installed,
    availableVersion: i.version,
    security: i.origins.some(isSecurityOrigin),
  }));
  // Kept-back packages are pending all the same; apt-get -s does not say
  // which version or origin they would come from.
  const held = sim.heldBack.filter((n) => !upgrades.some((u) => u.name === n)).map((n) => pendingUpdate(n));
  return [...upgrades, ...held];
}

export function parseAptGetSimulate(output: ToolOutput): PatchStatus {
  if (output.exitCode !== 0) return patchUnknown('apt', exitReason('apt-get -s', output));
  if (isBlank(output.stdout)) return patchUnknown('apt', 'apt-get -s printed nothing');
  const sim = readAptSimulation(output.stdout);
  if ('problem' in sim) return patchUnknown('apt', sim.problem);
  return patchFromUpdates('apt', simulationUpdates(sim));
}
