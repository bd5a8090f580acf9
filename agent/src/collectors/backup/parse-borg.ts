// Pure reader of `borg list --json <repo>`. Borg 1.x prints archive times as
// local wall-clock ISO without an offset; borg 2 adds the offset.
import { backupJob } from '@tandem/proto';
import type { BackupJob } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { wallClockToIso } from '../../parse/local-time.js';
import { shortLine } from '../../parse/short-line.js';
import { parseRfc3339 } from './parse-restic.js';

export interface BorgArchive {
  name: string;
  id: string | null;
  /** UTC ISO-8601 of the archive's start. */
  start: string;
  /** A `.checkpoint` archive is what an interrupted (or still running) `borg create` leaves. */
  checkpoint: boolean;
}

export type BorgReading =
  | { ok: true; archives: BorgArchive[]; repository: string | null }
  | { ok: false; reason: string };

export function parseBorgTime(value: string, timeZone: string): string | null {
  const withOffset = parseRfc3339(value);
  if (withOffset) return withOffset;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$/.exec(value.trim());
  if (!m) return null;
  return wallClockToIso({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]) }, timeZone);
}

/** Why borg failed, by the message it prints (its legacy exit code is 2 for every error). */
function borgError(output: ToolOutput): string {
  const lines = output.stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const all = lines.join('\n');
  if (/Connection (refused|closed|timed out|reset)|Could not resolve hostname|No route to host|Is borg working on the server/i.test(all)) {
    return `repository unreachable (${lines.find((l) => /^Remote:|ssh:/i.test(l)) ?? lines[0]})`;
  }
  if (/does not exist/i.test(all) && /repository/i.test(all)) return 'repository does not exist';
  if (/passphrase supplied .* is incorrect|passphrase.*incorrect|wrong passphrase/i.test(all)) return 'wrong passphrase';
  if (/BORG_PASSCOMMAND/i.test(all) && /failed|error/i.test(all)) return `passphrase command failed (${lines[0]})`;
  if (/Failed to create\/acquire the lock/i.test(all)) return 'repository is locked by another borg process (a running backup, prune or check, or a stale lock)';
  if (/Enter passphrase|passphrase.*not given|no passphrase/i.test(all)) return 'no passphrase given';
  if (/previously unknown unencrypted repository|relocated/i.test(all)) return `borg asks for confirmation: ${lines[0]}`;
  return lines.find((l) => !/^(Do you want to continue|Aborting)/i.test(l)) ?? '';
}

export function parseBorgList(output: ToolOutput, timeZone: string): BorgReading {
  // Exit 1 is a warning: the JSON on stdout is still complete.
  if (output.exitCode !== 0 && output.exitCode !== 1) {
    const exit = output.exitCode === null ? 'killed or timed out' : `exit ${output.exitCode}`;
    const why = borgError(output);
    return { ok: false, reason: `borg list failed (${exit})${why ? `: ${shortLine(why)}` : ''}` };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(output.stdout);
  } catch (err) {
    return { ok: false, reason: `borg list printed no valid JSON (${(err as Error).message})` };
  }
  const list = (doc as { archives?: unknown } | null)?.archives;
  if (!Array.isArray(list)) return { ok: false, reason: 'borg list JSON has no "archives" list' };
  const archives: BorgArchive[] = [];
  for (const raw of list as Record<string, unknown>[]) {
    const name = typeof raw?.name === 'string' ? raw.name : typeof raw?.archive === 'string' ? raw.archive : '';
    const when = typeof raw?.start === 'string' ? raw.start : typeof raw?.time === 'string' ? raw.time : '';
    const start = parseBorgTime(when, timeZone);
    if (!start) return { ok: false, reason: `borg archive "${name}" has no readable time ("${when}")` };
    archives.push({ name, id: typeof raw.id === 'string' ? raw.id : null, start, checkpoint: /\.checkpoint(\.\d+)?$/.test(name) });
  }
  const repo = (doc as { repository?: { location?: unknown } }).repository?.location;
  return { ok: true, archives, repository: typeof repo === 'string' ? repo : null };
}

function newestOf(archives: BorgArchive[]): BorgArchive | null {
  return archives.reduce<BorgArchive | null>((a, b) => (!a || Date.parse(b.start) > Date.parse(a.start) ? b : a), null);
}

/**
 * The job an archive list describes, optionally only archives whose name
 * starts with `prefix` (filtered here, because borg's own `--prefix` is
 * deprecated in 1.2 and gone in 2.0).
 */
export function borgJobFrom(name: string, reading: BorgReading, prefix?: string): BackupJob {
  if (!reading.ok) return backupJob('borg', name, { lastResult: 'unknown', detail: reading.reason });
  const archives = prefix ? reading.archives.filter((a) => a.name.startsWith(prefix)) : reading.archives;
  const complete = archives.filter((a) => !a.checkpoint);
  const newest = newestOf(complete);
  const newestAny = newestOf(archives);
  const scope = prefix ? ` with prefix "${prefix}"` : '';
  if (!newestAny) return backupJob('borg', name, { lastResult: 'unknown', detail: `repository has no archives${scope}` });
  const count = `${complete.length} archive${complete.length === 1 ? '' : 's'}${scope}`;
  if (newestAny.checkpoint) {
    return backupJob('borg', name, {
      lastSuccessAt: newest?.start ?? null,
      lastAttemptAt: newestAny.start,
      lastResult: 'unknown',
      detail: `newest archive ${newestAny.name} is a checkpoint: the backup was interrupted or is still running; ${count}`,
    });
  }
  return backupJob('borg', name, {
    // Only checkpoints tell of an attempt; a completed archive says nothing
    // about later runs that failed before writing one.
    lastSuccessAt: newestAny.start,
    lastResult: 'success',
    detail: `${count}, newest ${newestAny.name}`,
  });
}
