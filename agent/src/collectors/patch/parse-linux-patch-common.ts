// Shared shape of every Linux package-manager parser: lines without colour
// codes or CR, and one way to turn a list of updates into a PatchStatus so
// the counts always agree with the list.
import { emptyPatch, unknownTopic } from '@tandem/proto';
import type { PatchSource, PatchStatus, PendingUpdate } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';

// Colour codes appear when a technician pastes output captured on a terminal.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Lines of tool output; CRLF (pasted from Windows tickets) and colour codes removed. */
export function outputLines(text: string): string[] {
  return text.replace(ANSI, '').split(/\r?\n/).map((l) => l.replace(/\r/g, ''));
}

/** True when the text holds nothing but whitespace. */
export function isBlank(text: string): boolean {
  return text.trim() === '';
}

/**
 * How many pending updates are known to be security updates. Null when none
 * is known to be one but some could not be classified: a zero there would
 * claim more than the tool said. When some are known, the count is those.
 */
export function securityCountOf(updates: readonly PendingUpdate[]): number | null {
  const known = updates.filter((u) => u.security === true).length;
  if (known === 0 && updates.some((u) => u.security === null)) return null;
  return known;
}

/**
 * One entry per package name: a tool that prints the same package twice (a
 * section repeated, the same update offered by two repositories, an advisory
 * listed once per repository) counts it once. The first entry is kept; it is
 * a security update if any entry said so, and keeps every advisory id.
 */
export function uniqueUpdates(updates: readonly PendingUpdate[]): PendingUpdate[] {
  const byName = new Map<string, PendingUpdate>();
  for (const u of updates) {
    const seen = byName.get(u.name);
    if (!seen) {
      byName.set(u.name, { ...u });
      continue;
    }
    if (u.security === true || seen.security === null) seen.security = u.security ?? seen.security;
    seen.severity ??= u.severity;
    seen.currentVersion ??= u.currentVersion;
    seen.availableVersion ??= u.availableVersion;
    const ids = [...new Set([seen.kb, u.kb].flatMap((k) => (k ? k.split(', ') : [])))];
    seen.kb = ids.length > 0 ? ids.join(', ') : null;
  }
  return [...byName.values()];
}

/** A readable answer: the counts are derived from the list, never set apart from it. */
export function patchFromUpdates(source: PatchSource, updates: PendingUpdate[], fields: Partial<PatchStatus> = {}): PatchStatus {
  const unique = uniqueUpdates(updates);
  return {
    ...emptyPatch(),
    source,
    updates: unique,
    pendingCount: unique.length,
    securityCount: securityCountOf(unique),
    ...fields,
  };
}

/** The tool did not give a usable answer; nothing it printed is reported as fact. */
export function patchUnknown(source: PatchSource | null, reason: string): PatchStatus {
  return { ...emptyPatch(), ...unknownTopic(reason), source };
}

const NOISE = [
  /^WARNING: apt does not have a stable CLI interface/i,
  /^WARNUNG: apt hat keine stabile/i,
  /^\s*$/,
];

/**
 * The first line of an error message the tool printed, for a human reason:
 * any stderr line, but on stdout only a line that reads as an error (stdout
 * also carries progress lines such as "Listing...").
 */
export function firstMessage(output: ToolOutput): string | null {
  const clean = (text: string) => outputLines(text).map((l) => l.trim()).filter((l) => !NOISE.some((n) => n.test(l)));
  const pick = (lines: string[], anyLine: boolean) => {
    // A Python traceback ends with the exception; that last line is the message.
    if (lines[0]?.startsWith('Traceback')) return lines[lines.length - 1];
    return lines.find((l) => ERROR_LINE.test(l)) ?? (anyLine ? lines[0] : undefined);
  };
  const line = pick(clean(output.stderr), true) ?? pick(clean(output.stdout), false);
  if (!line) return null;
  return line.length > 240 ? `${line.slice(0, 237)}...` : line;
}

const ERROR_LINE = /^(E:|Error:|error:|Fehler:|Warning:)/;

/** "apt exited with code 100: E: Could not open lock file ..." */
export function exitReason(command: string, output: ToolOutput): string {
  const code = output.exitCode === null ? 'was killed or its exit code is unknown' : `exited with code ${output.exitCode}`;
  const message = firstMessage(output);
  if (message) return `${command} ${code}: ${message}`;
  return isBlank(output.stdout) && isBlank(output.stderr) ? `${command} ${code} and printed nothing` : `${command} ${code} without an error message`;
}

/** Makes a name unique per architecture only when the same name appears for several. */
export function qualifyMultiArch<T extends { name: string; arch: string | null }>(entries: T[], join: (name: string, arch: string) => string): T[] {
  const seen = new Map<string, number>();
  for (const e of entries) seen.set(e.name, (seen.get(e.name) ?? 0) + 1);
  return entries.map((e) => ((seen.get(e.name) ?? 0) > 1 && e.arch ? { ...e, name: join(e.name, e.arch) } : e));
}
