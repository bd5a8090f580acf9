// Backup tools whose output is the same on every OS; listed under linux,
// where most of them run. The job name comes from configuration; a source's
// own parse names the job after the tool.
import { emptyBackup, unknownTopic } from '@tandem/proto';
import type { BackupJob, BackupStatus } from '@tandem/proto';
import { defineSource } from '../../source.js';
import { parseResticSnapshots, resticJobFrom } from '../parse-restic.js';
import { borgJobFrom, parseBorgList } from '../parse-borg.js';
import { parseVeeamSessionList, veeamJobsFrom } from '../parse-veeam.js';

function backup(jobs: BackupJob[], reason: string | null): BackupStatus {
  const base = { ...emptyBackup(), jobs };
  return reason ? { ...base, ...unknownTopic(reason) } : base;
}

/**
 * --no-lock: reading the snapshot list must not fail (exit 11) while a prune
 * holds the exclusive lock, and works on read-only repositories. No secret is
 * ever on the command line (see ../restic.ts).
 */
export const RESTIC_SNAPSHOTS = defineSource({
  name: 'restic-snapshots-json', os: 'linux', topic: 'backup',
  command: { argv: ['restic', 'snapshots', '--json', '--no-lock', '--repo', '<repo>'] },
  parse: (output) => {
    const reading = parseResticSnapshots(output);
    return reading.ok ? backup([resticJobFrom('restic', reading)], null) : backup([], reading.reason);
  },
});

export const BORG_LIST = defineSource({
  name: 'borg-list-json', os: 'linux', topic: 'backup',
  command: { argv: ['borg', 'list', '--json', '<repo>'] },
  parse: (output, options) => {
    const reading = parseBorgList(output, options.timeZone);
    return reading.ok ? backup([borgJobFrom('borg', reading)], null) : backup([], reading.reason);
  },
});

export const VEEAMCONFIG_SESSION_LIST = defineSource({
  name: 'veeamconfig-session-list', os: 'linux', topic: 'backup',
  command: { argv: ['veeamconfig', 'session', 'list'] },
  parse: (output, options) => {
    const reading = parseVeeamSessionList(output, options.timeZone);
    return reading.ok ? backup(reading.sessions.length > 0 ? veeamJobsFrom(reading) : [], null) : backup([], reading.reason);
  },
});
