// What the macOS security collector (../darwin.ts) runs; see agent/docs/darwin.md.
import { defineSource } from '../../source.js';
import { parseFdesetupStatus } from '../parse-darwin-filevault.js';
import { parseSocketfilterfwGlobalState } from '../parse-darwin-firewall.js';
import { parseSpctlStatus } from '../parse-darwin-gatekeeper.js';
import { parseCsrutilStatus } from '../parse-darwin-sip.js';

export const FDESETUP_STATUS = defineSource({
  name: 'fdesetup-status', os: 'darwin', topic: 'security',
  command: { argv: ['fdesetup', 'status'] },
  parse: (output) => parseFdesetupStatus(output),
});

/** socketfilterfw is not on PATH on macOS; it lives here. */
export const SOCKETFILTERFW = '/usr/libexec/ApplicationFirewall/socketfilterfw';

export const SOCKETFILTERFW_GLOBALSTATE = defineSource({
  name: 'socketfilterfw-globalstate', os: 'darwin', topic: 'security',
  command: { argv: [SOCKETFILTERFW, '--getglobalstate'] },
  parse: (output) => parseSocketfilterfwGlobalState(output),
});

export const SPCTL_STATUS = defineSource({
  name: 'spctl-status', os: 'darwin', topic: 'security',
  command: { argv: ['spctl', '--status'] },
  parse: (output) => parseSpctlStatus(output),
});

export const CSRUTIL_STATUS = defineSource({
  name: 'csrutil-status', os: 'darwin', topic: 'security',
  command: { argv: ['csrutil', 'status'] },
  parse: (output) => parseCsrutilStatus(output),
});
