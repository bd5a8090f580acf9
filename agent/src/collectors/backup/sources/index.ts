import type { Source } from '../../source.js';
import { BORG_LIST, RESTIC_SNAPSHOTS, VEEAMCONFIG_SESSION_LIST } from './any.js';
import { TIME_MACHINE_DEFAULTS, TMUTIL_LATESTBACKUP } from './darwin.js';
import { VEEAM_AGENT_EVENTS, WB_SUMMARY, WBADMIN_GET_VERSIONS } from './win32.js';

/** Every source of the backup topic. */
export const BACKUP_SOURCES: readonly Source<'backup'>[] = [
  RESTIC_SNAPSHOTS, BORG_LIST, VEEAMCONFIG_SESSION_LIST,
  TMUTIL_LATESTBACKUP, TIME_MACHINE_DEFAULTS,
  WB_SUMMARY, WBADMIN_GET_VERSIONS, VEEAM_AGENT_EVENTS,
];
