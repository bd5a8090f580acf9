// `apt list --upgradable`: one line per upgradable package,
//   name/archive[,archive…] version arch [upgradable from: old-version]
// The archives are those that carry the candidate version; a Debian or
// Ubuntu security pocket is named `<codename>-security` (also Ubuntu Pro's
// `jammy-apps-security`). The bracket text is translated, the layout is not.
import { pendingUpdate } from '@tandem/proto';
import type { PatchStatus, PendingUpdate } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { exitReason, firstMessage, isBlank, outputLines, patchFromUpdates, patchUnknown, qualifyMultiArch } from './parse-linux-patch-common.js';
import { shortLine } from '../../parse/short-line.js';

const PACKAGE_LINE = /^(\S+?)\/(\S+)\s+(\S+)\s+(\S+)\s+\[(.+)\]\s*$/;

export interface AptListEntry {
  name: string;
  archives: string[];
  version: string;
  arch: string;
  /** Installed version, from the bracket's text after its last ": ". */
  installed: string | null;
}

export function isSecurityArchive(archive: string): boolean {
  return /-security$/i.test(archive);
}

/** The package lines, or a reason the text cannot be read with confidence. */
export function readAptList(text: string): { entries: AptListEntry[] } | { problem: string } {
  const entries: AptListEntry[] = [];
  for (const raw of outputLines(text)) {
    const line = raw.trim();
    if (line === '') continue;
    const m = PACKAGE_LINE.exec(line);
    if (m) {
      const [, name = '', archives = '', version = '', arch = '', bracket = ''] = m;
      // The label is translated ("upgradable from", "aktualisierbar von");
      // the version follows the last ": " (an epoch colon has no space after it).
      const at = bracket.lastIndexOf(': ');
      const installed = at >= 0 ? bracket.slice(at + 2).trim() : null;
      entries.push({ name, archives: archives.split(','), version, arch, installed: installed || null });
      continue;
    }
    if (/^(E|W|N):/.test(line) && entries.length === 0) continue; // messages a paste may carry along
    if (/^E:/.test(line)) return { problem: `apt reported an error: ${shortLine(line)}` };
    // Before the first package only the "Listing..." line (translated) and
    // the CLI warning are expected; a line like a package but unreadable,
    // or anything after the packages started, means the text is cut or mixed.
    if (entries.length > 0 || line.includes('/')) return { problem: `unexpected line in apt list output: "${line.slice(0, 120)}"` };
  }
  return { entries };
}

export function toPendingUpdates(entries: AptListEntry[]): PendingUpdate[] {
  return qualifyMultiArch(entries, (n, a) => `${n}:${a}`).map((e) => pendingUpdate(e.name, {
    currentVersion: e.installed,
    availableVersion: e.version,
    security: e.archives.some(isSecurityArchive),
  }));
}

export function parseAptListUpgradable(output: ToolOutput): PatchStatus {
  if (output.exitCode !== 0) return patchUnknown('apt', exitReason('apt list --upgradable', output));
  if (isBlank(output.stdout)) {
    // apt always prints the "Listing..." line, so nothing at all is not "no updates".
    const message = firstMessage(output);
    return patchUnknown('apt', `apt list --upgradable printed nothing${message ? `: ${message}` : ''}`);
  }
  const read = readAptList(output.stdout);
  if ('problem' in read) return patchUnknown('apt', read.problem);
  return patchFromUpdates('apt', toPendingUpdates(read.entries));
}
