// `dnf check-update` / `yum check-update`: exit 100 and one line per update
//   name.arch   [epoch:]version-release   repo
// exit 0 when there is nothing, exit 1 on error. Around the list: a
// "Last metadata expiration check" line (translated), yum's "Loaded
// plugins" and mirror lines, an "Obsoleting Packages" section whose
// indented lines are the installed packages being replaced (repo "@…"),
// and "Security: … is an installed security update" notes. A name too long
// for its column is printed alone, its version and repo on the next line.
// Lines are recognised by shape, not by the (translated) words around them.
import { pendingUpdate } from '@tandem/proto';
import type { PatchSource, PatchStatus, PendingUpdate } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { exitReason, outputLines, patchFromUpdates, patchUnknown } from './parse-linux-patch-common.js';
import { isEvr, rpmPackageNames, splitNameArch } from './parse-rpm-version.js';

export interface RpmUpdateEntry {
  /** "name.arch", the key dnf itself uses (multilib hosts have both glibc.i686 and glibc.x86_64). */
  nameArch: string;
  evr: string;
  repo: string;
}

function isNameArch(token: string | undefined): boolean {
  return token !== undefined && !token.endsWith(':') && splitNameArch(token) !== null && /^[A-Za-z0-9_+]/.test(token);
}

/** yum prints "Loaded plugins:"; dnf never does. Otherwise the text cannot tell them apart. */
export function looksLikeYum(text: string): boolean {
  return /^Loaded plugins:/m.test(text);
}

export function readCheckUpdate(text: string): { entries: RpmUpdateEntry[] } | { problem: string } {
  const entries: RpmUpdateEntry[] = [];
  let pending: string[] | null = null;
  const record = (tokens: string[]) => {
    const [nameArch = '', evr = '', repo = ''] = tokens;
    if (!entries.some((e) => e.nameArch === nameArch)) entries.push({ nameArch, evr, repo });
  };
  for (const line of outputLines(text)) {
    const tokens = line.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0) continue;
    const indented = /^\s/.test(line);
    if (pending) {
      pending.push(...tokens);
      if (pending.length < 3) continue;
      if (pending.length > 3 || !isEvr(pending[1] ?? '')) return { problem: `unreadable wrapped line for ${pending[0]}` };
      record(pending);
      pending = null;
      continue;
    }
    if (!isNameArch(tokens[0])) continue; // headers, notes, mirror lists
    if (tokens.length === 3 && isEvr(tokens[1] ?? '')) {
      // The package an obsoleting one replaces: installed, so its repo starts with "@".
      if (indented && tokens[2]?.startsWith('@')) continue;
      record(tokens);
      continue;
    }
    if (!indented && (tokens.length === 1 || (tokens.length === 2 && isEvr(tokens[1] ?? '')))) {
      pending = tokens;
      continue;
    }
    if (entries.length > 0) return { problem: `unexpected line in check-update output: "${line.trim().slice(0, 120)}"` };
  }
  if (pending) return { problem: `the output ends in the middle of the entry for ${pending[0]}; it is incomplete` };
  return { entries };
}

/** One update per "name.arch", still named so (the key updateinfo is matched on); see rpmPackageNames for the reported name. */
export function checkUpdateUpdates(entries: RpmUpdateEntry[]): PendingUpdate[] {
  // check-update names no installed version and no advisory type.
  return entries.map((e) => pendingUpdate(e.nameArch, { availableVersion: e.evr }));
}

/**
 * Reads check-update output. Source is "dnf" unless yum's own banner is
 * there; a collector that ran yum sets it to "yum" itself.
 */
export function parseDnfCheckUpdate(output: ToolOutput, source?: PatchSource): PatchStatus {
  const src = source ?? (looksLikeYum(output.stdout) ? 'yum' : 'dnf');
  const command = `${src} check-update`;
  if (output.exitCode !== 0 && output.exitCode !== 100) return patchUnknown(src, exitReason(command, output));
  const read = readCheckUpdate(output.stdout);
  if ('problem' in read) return patchUnknown(src, read.problem);
  if (output.exitCode === 100 && read.entries.length === 0) {
    return patchUnknown(src, `${command} exited 100 (updates available) but no update could be read from its output`);
  }
  return patchFromUpdates(src, rpmPackageNames(checkUpdateUpdates(read.entries)));
}
