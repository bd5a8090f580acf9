// What the Windows patch collector (../win32.ts) runs; agent/docs/win32.md
// lists the scripts, the field mapping and the traps.
import { defineSource, powerShellCommand } from '../../source.js';
import { parseWuaSearch } from '../parse-wua.js';
import { parseRebootPending } from '../parse-reboot-pending.js';
import { parseHotFix } from '../parse-hotfix.js';
import { HOTFIX_SCRIPT, REBOOT_PENDING_SCRIPT, WUA_SEARCH_SCRIPT } from '../win32-scripts.js';

export const WUA_SEARCH = defineSource({
  name: 'wua-search-json', os: 'win32', topic: 'patch',
  command: powerShellCommand(WUA_SEARCH_SCRIPT),
  parse: (output, options) => parseWuaSearch(output, options),
});

export const REBOOT_PENDING = defineSource({
  name: 'reboot-pending-json', os: 'win32', topic: 'patch',
  command: powerShellCommand(REBOOT_PENDING_SCRIPT),
  parse: (output, options) => parseRebootPending(output, options),
});

export const HOTFIX = defineSource({
  name: 'hotfix-json', os: 'win32', topic: 'patch',
  command: powerShellCommand(HOTFIX_SCRIPT),
  parse: (output, options) => parseHotFix(output, options),
});
