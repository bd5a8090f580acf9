// `tmutil latestbackup`: the path of the newest completed Time Machine backup.
// The folder name is the backup's local wall-clock time (`2026-11-27-101500`,
// with `.backup` on APFS destinations), read in the Mac's zone. tmutil exits 0
// for "no backups" and for "destination not mounted" alike, so the text
// decides: "no backups yet" and "backup disk unplugged" are different facts.
import { backupJob, emptyBackup, unknownTopic } from '@tandem/proto';
import type { BackupJob, BackupStatus } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { wallClockToIso } from '../../parse/local-time.js';
import { shortLine } from '../../parse/short-line.js';

export const TIME_MACHINE = 'time-machine';

const BACKUP_NAME = /^(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})(?:\.(backup|inprogress|interrupted|previous))?$/i;

// "No machine directory found for host." (HFS destinations) and "Unable to
// locate machine directory for host." (older releases): the destination holds
// no backup of this Mac.
const NO_BACKUPS = /no machine directory found|unable to locate machine directory|no backups? found|no backups? (?:are|is) available/i;
const NOT_MOUNTED = /failed to mount backup destination|destination (?:could not be|cannot be|is not) (?:found|mounted|reached)/i;
const NO_DESTINATION = /no (?:backup )?destinations? (?:is |are )?(?:configured|set up)/i;
const NO_ACCESS = /full disk access|operation not permitted|requires .*privileges|must be run as root/i;

export interface LatestBackup {
  path: string;
  /** ISO-8601 UTC, or null when the folder name is not a backup time. */
  at: string | null;
}

/** The backup time a path names: its last `YYYY-MM-DD-HHMMSS[.backup]` component. */
export function backupTimeOfPath(path: string, timeZone: string): string | null {
  const parts = path.split('/').filter(Boolean).reverse();
  for (const part of parts) {
    const m = BACKUP_NAME.exec(part);
    if (!m) continue;
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    return wallClockToIso({ year, month, day, hour, minute, second }, timeZone);
  }
  return null;
}

function lines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()).filter(Boolean);
}

function job(fields: Partial<BackupJob>): BackupJob {
  return backupJob(TIME_MACHINE, TIME_MACHINE, fields);
}

/**
 * tmutil's answer as backup facts. `lastResult` stays unknown even when a
 * backup is found: latestbackup names the newest completed backup and says
 * nothing about later attempts that failed (the preferences' RESULT does).
 */
export function parseTmutilLatestBackup(output: ToolOutput, timeZone: string): BackupStatus {
  const all = [...lines(output.stdout), ...lines(output.stderr)];
  const noAccess = all.find((l) => NO_ACCESS.test(l));
  if (noAccess) {
    const reason = `tmutil cannot read the backups without Full Disk Access for the agent: ${noAccess}`;
    return { ...emptyBackup(), ...unknownTopic(reason), jobs: [job({ detail: reason })] };
  }
  const notMounted = all.find((l) => NOT_MOUNTED.test(l));
  if (notMounted) {
    const reason = `backup destination not reachable (disk unplugged or share offline), so the latest backup cannot be read: ${notMounted}`;
    return { ...emptyBackup(), ...unknownTopic(reason), jobs: [job({ detail: reason })] };
  }
  const noDestination = all.find((l) => NO_DESTINATION.test(l));
  if (noDestination) {
    // Time Machine is not set up: a configured job that cannot run is a failure, not an unknown.
    return { ...emptyBackup(), jobs: [job({ lastResult: 'failed', detail: `Time Machine has no backup destination (tmutil: ${noDestination})` })] };
  }
  const none = all.find((l) => NO_BACKUPS.test(l));
  const paths = lines(output.stdout).filter((l) => l.startsWith('/'));
  const found = paths
    .map((path): LatestBackup => ({ path, at: backupTimeOfPath(path, timeZone) }))
    .filter((b) => b.at !== null)
    .sort((a, b) => (a.at! < b.at! ? 1 : -1))[0];
  if (found) {
    return { ...emptyBackup(), jobs: [job({ lastSuccessAt: found.at, detail: `latest completed backup: ${found.path}` })] };
  }
  if (output.exitCode === null) {
    const reason = 'tmutil latestbackup did not finish (killed or timed out)';
    return { ...emptyBackup(), ...unknownTopic(reason), jobs: [job({ detail: reason })] };
  }
  if (none || (all.length === 0 && output.exitCode === 0)) {
    const why = none ? ` (tmutil: ${none})` : '';
    return { ...emptyBackup(), jobs: [job({ detail: `no completed Time Machine backup of this Mac on the destination${why}` })] };
  }
  const first = all[0];
  const reason = output.exitCode !== 0
    ? `tmutil latestbackup exited with ${output.exitCode}${first ? `: ${shortLine(first)}` : ''}`
    : `tmutil latestbackup output not recognised: ${shortLine(first ?? '')}`;
  return { ...emptyBackup(), ...unknownTopic(reason), jobs: [job({ detail: reason })] };
}
