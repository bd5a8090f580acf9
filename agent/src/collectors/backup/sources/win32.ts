// What the Windows backup providers run; agent/docs/win32.md lists the scripts.
import { defineSource, powerShellCommand } from '../../source.js';
import { parseWbadminVersions } from '../parse-wbadmin.js';
import { parseWbSummary } from '../parse-wbsummary.js';
import { parseVeeamEvents } from '../parse-veeam-events.js';
import { VEEAM_AGENT_EVENTS_SCRIPT, WB_SUMMARY_SCRIPT } from '../win32-scripts.js';

/** Windows Server Backup summary (needs Administrators or Backup Operators). */
export const WB_SUMMARY = defineSource({
  name: 'wbsummary-json', os: 'win32', topic: 'backup',
  command: powerShellCommand(WB_SUMMARY_SCRIPT),
  parse: (output, options) => parseWbSummary(output, options),
});

/** The fallback when the Windows Server Backup cmdlets are missing; a console tool printing in the OEM code page. */
export const WBADMIN_GET_VERSIONS = defineSource({
  name: 'wbadmin-get-versions', os: 'win32', topic: 'backup',
  command: { argv: ['wbadmin.exe', 'get', 'versions'] },
  encoding: 'oem',
  parse: (output, options) => parseWbadminVersions(output, options),
});

export const VEEAM_AGENT_EVENTS = defineSource({
  name: 'veeam-agent-events-json', os: 'win32', topic: 'backup',
  command: powerShellCommand(VEEAM_AGENT_EVENTS_SCRIPT),
  parse: (output, options) => parseVeeamEvents(output, options),
});
