// `defaults read /Library/Preferences/com.apple.TimeMachine`: Time Machine's
// own record of each destination — the dates of completed backups
// (SnapshotDates, with offsets) and RESULT, the outcome of the last attempt
// (0 = success). It stays readable while the backup disk is unplugged, which
// is when tmutil can no longer answer.
import { backupJob, emptyBackup, unknownTopic } from '@tandem/proto';
import type { BackupJob, BackupStatus } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { parseOldStylePlist, plistGet } from './parse-time-machine-plist.js';
import type { PlistValue } from './parse-time-machine-plist.js';
import { TIME_MACHINE } from './parse-time-machine.js';
import { shortLine } from '../../parse/short-line.js';

export interface TimeMachineDestination {
  id: string | null;
  volumeName: string | null;
  /** Completed backups, ISO-8601 UTC, oldest first. */
  snapshotDates: string[];
  /** Set when a backup finishes; used when SnapshotDates is absent. */
  referenceSnapshotAt: string | null;
  /** RESULT of the last attempt; 0 is success. */
  result: number | null;
}

export interface TimeMachinePrefs {
  autoBackup: boolean | null;
  lastDestinationId: string | null;
  destinations: TimeMachineDestination[];
}

/** `2026-11-27 10:15:00 +0000` (NSDate description) as ISO-8601 UTC. */
export function plistDateToIso(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  if (!m) return null;
  const offset = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].slice(-2)}`;
  const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${offset}`);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

function str(v: PlistValue | undefined): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function int(v: PlistValue | undefined): number | null {
  return typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : null;
}

function readDestination(d: PlistValue): TimeMachineDestination {
  const dates = plistGet(d, 'SnapshotDates');
  const snapshotDates = (Array.isArray(dates) ? dates : [])
    .map((v) => (typeof v === 'string' ? plistDateToIso(v) : null))
    .filter((v): v is string => v !== null)
    .sort();
  const ref = str(plistGet(d, 'ReferenceLocalSnapshotDate'));
  return {
    id: str(plistGet(d, 'DestinationID')),
    volumeName: str(plistGet(d, 'LastKnownVolumeName')),
    snapshotDates,
    referenceSnapshotAt: ref ? plistDateToIso(ref) : null,
    result: int(plistGet(d, 'RESULT')),
  };
}

/** Reads the preferences text; throws when it is not a property list dictionary. */
export function readTimeMachinePrefs(text: string): TimeMachinePrefs {
  const root = parseOldStylePlist(text);
  if (typeof root === 'string' || Array.isArray(root)) throw new Error('not a dictionary');
  const auto = plistGet(root, 'AutoBackup');
  const destinations = plistGet(root, 'Destinations');
  return {
    autoBackup: auto === '1' || auto === 'true' || auto === 'YES' ? true : auto === '0' || auto === 'false' || auto === 'NO' ? false : null,
    lastDestinationId: str(plistGet(root, 'LastDestinationID')),
    destinations: Array.isArray(destinations) ? destinations.map(readDestination) : [],
  };
}

function newest(d: TimeMachineDestination): string | null {
  return d.snapshotDates[d.snapshotDates.length - 1] ?? d.referenceSnapshotAt;
}

/** One job from the preferences: newest backup on any destination, RESULT of the last one used. */
export function jobFromPrefs(prefs: TimeMachinePrefs): BackupJob {
  const notes: string[] = [];
  if (prefs.autoBackup === false) notes.push('automatic backups are off');
  if (prefs.destinations.length === 0) {
    return backupJob(TIME_MACHINE, TIME_MACHINE, { lastResult: 'failed', detail: ['Time Machine has no backup destination', ...notes].join('; ') });
  }
  const byNewest = [...prefs.destinations].sort((a, b) => ((newest(a) ?? '') < (newest(b) ?? '') ? 1 : -1));
  const last = prefs.destinations.find((d) => d.id !== null && d.id === prefs.lastDestinationId) ?? byNewest[0]!;
  const lastSuccessAt = newest(byNewest[0]!);
  const name = last.volumeName ? `"${last.volumeName}"` : last.id ?? 'unnamed destination';
  if (lastSuccessAt === null) notes.push('no completed backup recorded');
  let lastResult: BackupJob['lastResult'] = 'unknown';
  if (last.result === 0) lastResult = 'success';
  else if (last.result !== null) {
    lastResult = 'failed';
    notes.unshift(`last backup to ${name} failed (RESULT = ${last.result})`);
  } else notes.push(`no result recorded for ${name}`);
  if (lastResult === 'success') notes.unshift(`last backup to ${name} succeeded`);
  return backupJob(TIME_MACHINE, TIME_MACHINE, { lastSuccessAt, lastResult, detail: notes.join('; ') });
}

export function parseTimeMachineDefaults(output: ToolOutput): BackupStatus {
  const fail = (reason: string): BackupStatus => ({
    ...emptyBackup(), ...unknownTopic(reason), jobs: [backupJob(TIME_MACHINE, TIME_MACHINE, { detail: reason })],
  });
  const text = output.stdout.replace(/^\uFEFF/, '').trim();
  const errText = `${output.stderr}\n${output.stdout}`;
  // Without Full Disk Access, defaults reports the protected domain as missing.
  if (/domain .* does not exist/i.test(errText)) {
    return fail('Time Machine preferences not readable: Time Machine was never set up, or the agent lacks Full Disk Access');
  }
  if (output.exitCode === null) return fail('defaults read did not finish (killed or timed out)');
  if (!text) {
    const why = output.stderr.trim().split(/\r?\n/)[0];
    return fail(output.exitCode !== 0 ? `defaults read exited with ${output.exitCode}${why ? `: ${shortLine(why)}` : ''}` : 'defaults read printed nothing');
  }
  let prefs: TimeMachinePrefs;
  try {
    prefs = readTimeMachinePrefs(text);
  } catch (err) {
    return fail(`Time Machine preferences not understood (cut short?): ${(err as Error).message}`);
  }
  if (output.exitCode !== 0) return fail(`defaults read exited with ${output.exitCode}`);
  return { ...emptyBackup(), jobs: [jobFromPrefs(prefs)] };
}
