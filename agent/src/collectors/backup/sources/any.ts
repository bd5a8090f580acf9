// Backup tools whose output is the same on every OS; listed under linux,
// where most of them run. Each gives the configured job, named after the tool
// here (the provider renames it to the configured name). A tool that fails
// (wrong password, repository locked or unreachable) still gives the job,
// `unknown`, with the tool's own message in its detail: the topic stays
// readable and the job does not vanish from the report.
import { emptyBackup } from '@tandem/proto';
import type { BackupJob, BackupStatus } from '@tandem/proto';
import { defineSource } from '../../source.js';
import { parseResticSnapshots, resticJobFrom } from '../parse-restic.js';
import { borgJobFrom, parseBorgList } from '../parse-borg.js';
import { parseVeeamSessionList, veeamJobsFrom } from '../parse-veeam.js';

function backup(jobs: BackupJob[]): BackupStatus {
  return { ...emptyBackup(), jobs };
}

/**
 * --no-lock: reading the snapshot list must not fail (exit 11) while a prune
 * holds the exclusive lock, and works on read-only repositories. No secret is
 * ever on the command line (see ../restic.ts).
 */
export const RESTIC_SNAPSHOTS = defineSource({
  name: 'restic-snapshots-json', os: 'linux', topic: 'backup',
  command: { argv: ['restic', 'snapshots', '--json', '--no-lock', '--repo', '<repo>'] },
  parse: (output) => backup([resticJobFrom('restic', parseResticSnapshots(output))]),
});

export const BORG_LIST = defineSource({
  name: 'borg-list-json', os: 'linux', topic: 'backup',
  command: { argv: ['borg', 'list', '--json', '<repo>'] },
  parse: (output, options) => backup([borgJobFrom('borg', parseBorgList(output, options.timeZone))]),
});

export const VEEAMCONFIG_SESSION_LIST = defineSource({
  name: 'veeamconfig-session-list', os: 'linux', topic: 'backup',
  command: { argv: ['veeamconfig', 'session', 'list'] },
  parse: (output, options) => backup(veeamJobsFrom(parseVeeamSessionList(output, options.timeZone))),
});
