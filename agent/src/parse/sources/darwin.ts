import type { ParseSource } from '../parse-source.js';
import { parseSoftwareUpdateOutput } from '../../collectors/patch/parse-softwareupdate.js';
import { parseInstallHistory } from '../../collectors/patch/parse-softwareupdate-install-history.js';
import { parseFdesetupStatus } from '../../collectors/security/parse-darwin-filevault.js';
import { parseSocketfilterfwGlobalState } from '../../collectors/security/parse-darwin-firewall.js';
import { parseSpctlStatus } from '../../collectors/security/parse-darwin-gatekeeper.js';
import { parseCsrutilStatus } from '../../collectors/security/parse-darwin-sip.js';
import { parseTmutilLatestBackup } from '../../collectors/backup/parse-time-machine.js';
import { parseTimeMachineDefaults } from '../../collectors/backup/parse-time-machine-defaults.js';

/** What the macOS collectors read; see agent/docs/darwin.md. */
export const DARWIN_SOURCES: ParseSource[] = [
  {
    name: 'softwareupdate-list',
    os: 'darwin',
    topic: 'patch',
    reads: 'softwareupdate -l 2>&1',
    parse: (output) => ({ topic: 'patch', facts: parseSoftwareUpdateOutput(output) }),
  },
  {
    name: 'install-history',
    os: 'darwin',
    topic: 'patch',
    reads: 'cat /Library/Receipts/InstallHistory.plist',
    parse: (output) => ({ topic: 'patch', facts: parseInstallHistory(output) }),
  },
  {
    name: 'fdesetup-status',
    os: 'darwin',
    topic: 'security',
    reads: 'fdesetup status',
    parse: (output) => ({ topic: 'security', facts: parseFdesetupStatus(output) }),
  },
  {
    name: 'socketfilterfw-globalstate',
    os: 'darwin',
    topic: 'security',
    reads: '/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate',
    parse: (output) => ({ topic: 'security', facts: parseSocketfilterfwGlobalState(output) }),
  },
  {
    name: 'spctl-status',
    os: 'darwin',
    topic: 'security',
    reads: 'spctl --status',
    parse: (output) => ({ topic: 'security', facts: parseSpctlStatus(output) }),
  },
  {
    name: 'csrutil-status',
    os: 'darwin',
    topic: 'security',
    reads: 'csrutil status',
    parse: (output) => ({ topic: 'security', facts: parseCsrutilStatus(output) }),
  },
  {
    name: 'tmutil-latestbackup',
    os: 'darwin',
    topic: 'backup',
    reads: 'tmutil latestbackup',
    parse: (output, options) => ({ topic: 'backup', facts: parseTmutilLatestBackup(output, options.timeZone) }),
  },
  {
    name: 'timemachine-defaults',
    os: 'darwin',
    topic: 'backup',
    reads: 'defaults read /Library/Preferences/com.apple.TimeMachine',
    parse: (output) => ({ topic: 'backup', facts: parseTimeMachineDefaults(output) }),
  },
];
