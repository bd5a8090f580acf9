// What the macOS patch collector (../darwin.ts) reads.
import { defineSource } from '../../source.js';
import { parseSoftwareUpdateOutput } from '../parse-softwareupdate.js';
import { parseInstallHistory } from '../parse-softwareupdate-install-history.js';

/** Pending updates; contacts Apple's catalog and can take minutes (the collector gives it a long timeout). */
export const SOFTWAREUPDATE_LIST = defineSource({
  name: 'softwareupdate-list', os: 'darwin', topic: 'patch',
  command: { argv: ['softwareupdate', '-l'] },
  parse: (output) => parseSoftwareUpdateOutput(output),
});

/**
 * When Apple updates were last installed: a file read with UTC dates;
 * `softwareupdate --history` prints dates in the user's locale format,
 * which cannot be read reliably.
 */
export const INSTALL_HISTORY_PLIST = '/Library/Receipts/InstallHistory.plist';

export const INSTALL_HISTORY = defineSource({
  name: 'install-history', os: 'darwin', topic: 'patch',
  command: { file: INSTALL_HISTORY_PLIST },
  parse: (output) => parseInstallHistory(output),
});
