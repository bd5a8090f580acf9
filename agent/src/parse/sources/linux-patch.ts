// Linux package managers' answers about pending updates and reboots. The
// parsing lives next to the patch collector; these entries name each one
// for the collector and for `tandem-agent parse`.
import type { PatchStatus } from '@tandem/proto';
import type { ParseSource, ParsedFacts, ToolOutput } from '../parse-source.js';
import { parseAptListUpgradable } from '../../collectors/patch/parse-apt-list.js';
import { parseAptGetSimulate } from '../../collectors/patch/parse-apt-get-simulate.js';
import { parseAptCheck } from '../../collectors/patch/parse-apt-check.js';
import { looksLikeYum, parseDnfCheckUpdate } from '../../collectors/patch/parse-dnf-check-update.js';
import { parseDnfUpdateinfoSecurity } from '../../collectors/patch/parse-dnf-updateinfo.js';
import { parseZypperListUpdatesXml } from '../../collectors/patch/parse-zypper-xml.js';
import { parseZypperListUpdates } from '../../collectors/patch/parse-zypper-table.js';
import { parsePacmanQu } from '../../collectors/patch/parse-pacman-qu.js';
import { parseNeedsRestarting } from '../../collectors/patch/parse-needs-restarting.js';

function patchSource(name: string, reads: string, parse: (output: ToolOutput) => PatchStatus): ParseSource {
  return {
    name,
    os: 'linux',
    topic: 'patch',
    reads,
    parse: (output): ParsedFacts => ({ topic: 'patch', facts: parse(output) }),
  };
}

export const LINUX_PATCH_SOURCES: ParseSource[] = [
  patchSource('apt-list-upgradable', 'apt list --upgradable', parseAptListUpgradable),
  patchSource('apt-get-simulate', 'apt-get -s dist-upgrade (or apt-get -s upgrade)', parseAptGetSimulate),
  patchSource('apt-check', '/usr/lib/update-notifier/apt-check (answer on stderr)', parseAptCheck),
  patchSource('dnf-check-update', 'dnf check-update (or yum check-update)', (o) => parseDnfCheckUpdate(o)),
  patchSource('dnf-updateinfo-security', 'dnf updateinfo list --security (or yum updateinfo list security)', (o) => parseDnfUpdateinfoSecurity(o, looksLikeYum(o.stdout) ? 'yum' : 'dnf')),
  patchSource('zypper-list-updates-xml', 'zypper --non-interactive --xmlout list-updates (or list-patches)', parseZypperListUpdatesXml),
  patchSource('zypper-list-updates', 'zypper --non-interactive list-updates --no-abbrev', parseZypperListUpdates),
  patchSource('pacman-qu', 'pacman -Qu', parsePacmanQu),
  patchSource('needs-restarting', 'needs-restarting -r', parseNeedsRestarting),
];
