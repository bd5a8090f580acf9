// Pure reader of `restic snapshots --json`. restic writes a snapshot only at
// the end of a backup that completed, so the snapshot list tells when the
// last success was, never when a later attempt failed.
import { backupJob } from '@tandem/proto';
import type { BackupJob } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { shortLine } from '../../parse/short-line.js';

export interface ResticSnapshot {
  id: string;
  shortId: string;
  /** UTC ISO-8601 of when the backup started (restic's snapshot time). */
  time: string;
  hostname: string | null;
  tags: string[];
  paths: string[];
}

export type ResticReading =
  | { ok: true; snapshots: ResticSnapshot[] }
  | { ok: false; reason: string };

/**
 * RFC 3339 with up to nanoseconds and an offset, as Go prints it:
 * `2026-11-27T02:00:03.123456789+01:00`. Date.parse is not promised to
 * take more than milliseconds, so the fraction is cut to three digits.
 */
export function parseRfc3339(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})$/i.exec(value.trim());
  if (!m) return null;
  const frac = (m[3] ?? '').padEnd(3, '0').slice(0, 3);
  const zone = m[4] === 'z' || m[4] === 'Z' ? 'Z' : (m[4] as string).replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(`${m[1]}T${m[2]}.${frac}${zone}`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

// restic >= 0.17 documents these per command; older versions exit 1 for all.
const EXIT_MEANING: Record<number, string> = {
  10: 'repository does not exist',
  11: 'repository is locked by another restic process',
  12: 'wrong password',
  130: 'restic was interrupted',
};

const UNREACHABLE = /dial tcp|connection refused|no such host|network is unreachable|i\/o timeout|TLS handshake timeout|no route to host|connection reset/i;

/** The one line that says why restic failed: its JSON exit_error, else its `Fatal:` line. */
function resticError(output: ToolOutput): string {
  for (const line of output.stderr.split(/\r?\n/)) {
    if (!line.includes('"exit_error"')) continue;
    try {
      const msg = (JSON.parse(line) as { message?: unknown }).message;
      if (typeof msg === 'string' && msg.trim()) return msg.trim().split('\n')[0] as string;
    } catch {
      // a cut line; fall through to the text forms
    }
  }
  const lines = output.stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^Fatal:/.test(l)) ?? lines.find((l) => /unable to|error/i.test(l)) ?? lines[0] ?? '';
}

export function parseResticSnapshots(output: ToolOutput): ResticReading {
  if (output.exitCode !== 0) {
    const message = resticError(output);
    const exit = output.exitCode === null ? 'killed or timed out' : `exit ${output.exitCode}`;
    const meaning = output.exitCode !== null ? EXIT_MEANING[output.exitCode] : undefined;
    const known = meaning ?? (/wrong password|no key found/i.test(message) ? 'wrong password'
      // A repository that cannot be reached also fails to open its config file: the network error decides.
      : UNREACHABLE.test(message) ? 'repository unreachable'
        : /repository does not exist|unable to open config file/i.test(message) ? 'repository does not exist' : null);
    return { ok: false, reason: `restic snapshots failed (${exit})${known ? `: ${known}` : ''}${message && message !== known ? ` (${shortLine(message)})` : ''}` };
  }
  const text = output.stdout.trim();
  // restic before 0.10 printed `null` for an empty repository.
  if (text === '' ) return { ok: false, reason: 'restic snapshots printed nothing' };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `restic snapshots printed no valid JSON (${(err as Error).message})` };
  }
  if (doc === null) return { ok: true, snapshots: [] };
  if (!Array.isArray(doc)) return { ok: false, reason: 'restic snapshots JSON is not a list' };
  const snapshots: ResticSnapshot[] = [];
  for (const raw of doc as Record<string, unknown>[]) {
    const time = typeof raw?.time === 'string' ? parseRfc3339(raw.time) : null;
    const id = typeof raw?.id === 'string' ? raw.id : '';
    if (!time) return { ok: false, reason: `restic snapshot ${id.slice(0, 8) || '?'} has no readable time` };
    snapshots.push({
      id,
      shortId: typeof raw.short_id === 'string' ? raw.short_id : id.slice(0, 8),
      time,
      hostname: typeof raw.hostname === 'string' ? raw.hostname : null,
      tags: Array.isArray(raw.tags) ? raw.tags.filter((t): t is string => typeof t === 'string') : [],
      paths: Array.isArray(raw.paths) ? raw.paths.filter((p): p is string => typeof p === 'string') : [],
    });
  }
  return { ok: true, snapshots };
}

/** The job a snapshot list describes. No snapshot yet is "unknown": nothing ran that we can see. */
export function resticJobFrom(name: string, reading: ResticReading): BackupJob {
  if (!reading.ok) return backupJob('restic', name, { lastResult: 'unknown', detail: reading.reason });
  if (reading.snapshots.length === 0) return backupJob('restic', name, { lastResult: 'unknown', detail: 'repository has no snapshots' });
  const newest = reading.snapshots.reduce((a, b) => (Date.parse(b.time) > Date.parse(a.time) ? b : a));
  const count = reading.snapshots.length;
  const where = [newest.hostname && `host ${newest.hostname}`, newest.paths.length > 0 && `paths ${newest.paths.join(', ')}`].filter(Boolean).join(', ');
  return backupJob('restic', name, {
    lastSuccessAt: newest.time,
    lastResult: 'success',
    detail: `${count} snapshot${count === 1 ? '' : 's'}, newest ${newest.shortId}${where ? ` (${where})` : ''}`,
  });
}
