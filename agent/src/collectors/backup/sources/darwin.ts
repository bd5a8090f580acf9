// What the Time Machine provider (../time-machine.ts) runs.
import { defineSource } from '../../source.js';
import { parseTmutilLatestBackup } from '../parse-time-machine.js';
import { parseTimeMachineDefaults } from '../parse-time-machine-defaults.js';

export const TIME_MACHINE_PREFS = '/Library/Preferences/com.apple.TimeMachine';

/** Reads the destination itself; fails while the disk is unplugged. */
export const TMUTIL_LATESTBACKUP = defineSource({
  name: 'tmutil-latestbackup', os: 'darwin', topic: 'backup',
  command: { argv: ['tmutil', 'latestbackup'] },
  parse: (output, options) => parseTmutilLatestBackup(output, options.timeZone),
});

/** Every destination's completed-backup dates and the last attempt's RESULT; readable while the disk is unplugged. */
export const TIME_MACHINE_DEFAULTS = defineSource({
  name: 'timemachine-defaults', os: 'darwin', topic: 'backup',
  command: { argv: ['defaults', 'read', TIME_MACHINE_PREFS] },
  parse: (output) => parseTimeMachineDefaults(output),
});
