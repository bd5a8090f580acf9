// Pure reader of Veeam Agent for Linux `veeamconfig session list`: a table of
// sessions with times in the host's local zone, one row per run.
import { backupJob } from '@tandem/proto';
import type { BackupJob, BackupResult } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { wallClockToIso } from '../../parse/local-time.js';
import { shortLine } from '../../parse/short-line.js';

export interface VeeamSession {
  job: string;
  type: string;
  id: string;
  state: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export type VeeamReading =
  | { ok: true; sessions: VeeamSession[] }
  | { ok: false; reason: string };

function parseVeeamTime(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  return wallClockToIso({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6] ?? 0) }, timeZone);
}

export function parseVeeamSessionList(output: ToolOutput, timeZone: string): VeeamReading {
  const lines = output.stdout.split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => /^\s*Job name\s+Type\s+ID\s+State\b/.test(l));
  if (output.exitCode !== 0 || headerIndex < 0) {
    const all = `${output.stderr}\n${output.stdout}`.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (output.exitCode === 0 && all.every((l) => /^total amount:\s*0$/i.test(l) || /no sessions/i.test(l))) return { ok: true, sessions: [] };
    const exit = output.exitCode === null ? 'killed or timed out' : `exit ${output.exitCode}`;
    return { ok: false, reason: `veeamconfig session list failed (${exit})${all[0] ? `: ${shortLine(all[0])}` : ''}` };
  }
  const sessions: VeeamSession[] = [];
  for (const line of lines.slice(headerIndex + 1)) {
    if (!line.trim() || /^\s*total amount:/i.test(line) || /^[\s-]+$/.test(line)) continue;
    // Job names may hold spaces and long ones push the columns right, so the
    // session ID in braces anchors the row instead of the header positions.
    const idMatch = /\{[0-9a-f-]{36}\}/i.exec(line);
    if (!idMatch) continue;
    const before = line.slice(0, idMatch.index).trimEnd();
    const typeMatch = /\s(\S+)$/.exec(before);
    const job = typeMatch ? before.slice(0, typeMatch.index).trim() : before.trim();
    const type = typeMatch?.[1] ?? '';
    const rest = line.slice(idMatch.index + idMatch[0].length).trim();
    const m = /^(\S+)(?:\s+(\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}(?::\d{2})?))?(?:\s+(\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}(?::\d{2})?))?/.exec(rest);
    if (!m) continue;
    sessions.push({
      job, type, id: idMatch[0], state: m[1] ?? '',
      startedAt: m[2] ? parseVeeamTime(m[2], timeZone) : null,
      finishedAt: m[3] ? parseVeeamTime(m[3], timeZone) : null,
    });
  }
  return { ok: true, sessions };
}

function resultOf(state: string): BackupResult {
  switch (state.toLowerCase()) {
    case 'success':
    case 'warning': return 'success';
    case 'failed':
    case 'stopped': return 'failed';
    case 'running':
    case 'starting':
    case 'stopping': return 'running';
    default: return 'unknown';
  }
}

/**
 * One backup job per job name, from its backup sessions only (restore and
 * other session types are not backups). A Warning session completed with a
 * restore point, so it counts as a success; the detail says so.
 */
export function veeamJobsFrom(reading: VeeamReading, options: { job?: string; name?: string } = {}): BackupJob[] {
  const label = (job: string) => (options.name && !options.job ? `${options.name}: ${job}` : options.name ?? job);
  if (!reading.ok) return [backupJob('veeam', options.name ?? options.job ?? 'veeam', { lastResult: 'unknown', detail: reading.reason })];
  const backups = reading.sessions.filter((s) => /backup/i.test(s.type) && (!options.job || s.job === options.job));
  const names = options.job ? [options.job] : [...new Set(backups.map((s) => s.job))];
  if (names.length === 0) return [backupJob('veeam', options.name ?? 'veeam', { lastResult: 'unknown', detail: 'no backup sessions found' })];
  return names.map((job) => {
    const sessions = backups.filter((s) => s.job === job && s.startedAt !== null)
      .sort((a, b) => Date.parse(b.startedAt as string) - Date.parse(a.startedAt as string));
    const last = sessions[0];
    if (!last) return backupJob('veeam', label(job), { lastResult: 'unknown', detail: `no backup sessions of job "${job}"` });
    const success = sessions.find((s) => resultOf(s.state) === 'success');
    const result = resultOf(last.state);
    return backupJob('veeam', label(job), {
      lastAttemptAt: last.startedAt,
      lastSuccessAt: success?.startedAt ?? null,
      lastResult: result,
      detail: `last session ${last.state}${last.state.toLowerCase() === 'warning' ? ' (completed with warnings)' : ''}, started ${last.startedAt}${last.finishedAt ? `, finished ${last.finishedAt}` : ''}`,
    });
  });
}
