// Sophos Protection for Linux (SPL): its version from
// /opt/sophos-spl/base/VERSION.ini (`PRODUCT_VERSION = 1.2.3.4`); whether it
// runs comes from systemd (sophos-spl.service).
import { shortLine } from '../../parse/short-line.js';
import { cleanVersion, statusLines } from './parse-edr-common.js';

export const SOPHOS_LINUX_VERSION_FILE = '/opt/sophos-spl/base/VERSION.ini';

export function parseSophosVersionIni(text: string): { version: string | null; reason: string | null } {
  const line = statusLines(text).find((l) => /^PRODUCT_VERSION\s*=/i.test(l));
  if (!line) {
    const first = statusLines(text)[0];
    return { version: null, reason: `no PRODUCT_VERSION in ${SOPHOS_LINUX_VERSION_FILE}${first ? ` (first line "${shortLine(first)}")` : ' (empty)'}` };
  }
  const version = cleanVersion(line.split('=')[1]);
  return version ? { version, reason: null } : { version: null, reason: `unrecognised version line "${shortLine(line)}"` };
}
