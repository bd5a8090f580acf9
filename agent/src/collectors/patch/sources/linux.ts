// Linux package managers' answers about pending updates and reboots. The
// patch collector (../linux.ts) runs these commands and combines the facts.
import { defineSource } from '../../source.js';
import { parseAptListUpgradable } from '../parse-apt-list.js';
import { parseAptGetSimulate } from '../parse-apt-get-simulate.js';
import { parseAptCheck } from '../parse-apt-check.js';
import { looksLikeYum, parseDnfCheckUpdate } from '../parse-dnf-check-update.js';
import { parseDnfUpdateinfoSecurity } from '../parse-dnf-updateinfo.js';
import { parseZypperListUpdatesXml } from '../parse-zypper-xml.js';
import { parseZypperListUpdates } from '../parse-zypper-table.js';
import { parsePacmanQu } from '../parse-pacman-qu.js';
import { parseNeedsRestarting } from '../parse-needs-restarting.js';

export const APT_LIST_UPGRADABLE = defineSource({
  name: 'apt-list-upgradable', os: 'linux', topic: 'patch',
  command: { argv: ['apt', 'list', '--upgradable'] },
  parse: (output) => parseAptListUpgradable(output),
});

/** dist-upgrade, not upgrade: it also simulates packages upgrade would keep back. */
export const APT_GET_SIMULATE = defineSource({
  name: 'apt-get-simulate', os: 'linux', topic: 'patch',
  command: { argv: ['apt-get', '-s', 'dist-upgrade'] },
  parse: (output) => parseAptGetSimulate(output),
});

/** Ubuntu's update-notifier helper (answers on stderr); asked when apt itself gave no list. */
export const APT_CHECK = defineSource({
  name: 'apt-check', os: 'linux', topic: 'patch',
  command: { argv: ['/usr/lib/update-notifier/apt-check'] },
  parse: (output) => parseAptCheck(output),
});

/** -C: cache-only, so the agent never refreshes metadata (dnf-makecache.timer does). yum takes the same arguments. */
export const DNF_CHECK_UPDATE = defineSource({
  name: 'dnf-check-update', os: 'linux', topic: 'patch',
  command: { argv: ['dnf', '-C', 'check-update'] },
  parse: (output) => parseDnfCheckUpdate(output),
});

/**
 * All advisory types, not only security: an empty list then tells that the
 * repositories publish no advisories at all (CentOS 7, most third-party
 * repos), where "no security updates" would be a false zero.
 */
export const DNF_UPDATEINFO = defineSource({
  name: 'dnf-updateinfo-security', os: 'linux', topic: 'patch',
  command: { argv: ['dnf', '-C', 'updateinfo', 'list'] },
  parse: (output) => parseDnfUpdateinfoSecurity(output, looksLikeYum(output.stdout) ? 'yum' : 'dnf'),
});

/** --no-refresh: never touches the repositories. `<list>` is list-updates or list-patches; one parser reads both. */
export const ZYPPER_LIST_UPDATES_XML = defineSource({
  name: 'zypper-list-updates-xml', os: 'linux', topic: 'patch',
  command: { argv: ['zypper', '--non-interactive', '--no-refresh', '--xmlout', '<list>'] },
  parse: (output) => parseZypperListUpdatesXml(output),
});

/** The table form, asked when zypper's XML could not be read (zypper builds without --xmlout). */
export const ZYPPER_LIST_UPDATES = defineSource({
  name: 'zypper-list-updates', os: 'linux', topic: 'patch',
  command: { argv: ['zypper', '--non-interactive', '--no-refresh', 'list-updates', '--no-abbrev'] },
  parse: (output) => parseZypperListUpdates(output),
});

export const PACMAN_QU = defineSource({
  name: 'pacman-qu', os: 'linux', topic: 'patch',
  command: { argv: ['pacman', '-Qu'] },
  parse: (output) => parsePacmanQu(output),
});

/** dnf 4 has it as a plugin too: `dnf needs-restarting -r` (see runSource's `via`). */
export const NEEDS_RESTARTING = defineSource({
  name: 'needs-restarting', os: 'linux', topic: 'patch',
  command: { argv: ['needs-restarting', '-r'] },
  parse: (output) => parseNeedsRestarting(output),
});
