import { emptyBackup, unknownTopic } from '@tandem/proto';
import type { BackupJob } from '@tandem/proto';
import type { ParsedFacts, ParseSource } from '../parse-source.js';
import { parseResticSnapshots, resticJobFrom } from '../../collectors/backup/parse-restic.js';
import { borgJobFrom, parseBorgList } from '../../collectors/backup/parse-borg.js';
import { parseVeeamSessionList, veeamJobsFrom } from '../../collectors/backup/parse-veeam.js';

function backup(jobs: BackupJob[], reason: string | null): ParsedFacts {
  const base = { ...emptyBackup(), jobs };
  return { topic: 'backup', facts: reason ? { ...base, ...unknownTopic(reason) } : base };
}

// restic and borg run on every OS; their output is the same everywhere, so
// these sources are listed once, under linux.
export const LINUX_BACKUP_SOURCES: ParseSource[] = [
  {
    name: 'restic-snapshots-json',
    os: 'linux',
    topic: 'backup',
    reads: 'restic snapshots --json --no-lock --repo <repo>',
    parse: (output) => {
      const reading = parseResticSnapshots(output);
      return reading.ok ? backup([resticJobFrom('restic', reading)], null) : backup([], reading.reason);
    },
  },
  {
    name: 'borg-list-json',
    os: 'linux',
    topic: 'backup',
    reads: 'borg list --json <repo>',
    parse: (output, options) => {
      const reading = parseBorgList(output, options.timeZone);
      return reading.ok ? backup([borgJobFrom('borg', reading)], null) : backup([], reading.reason);
    },
  },
  {
    name: 'veeamconfig-session-list',
    os: 'linux',
    topic: 'backup',
    reads: 'veeamconfig session list',
    parse: (output, options) => {
      const reading = parseVeeamSessionList(output, options.timeZone);
      return reading.ok ? backup(reading.sessions.length > 0 ? veeamJobsFrom(reading) : [], null) : backup([], reading.reason);
    },
  },
];
