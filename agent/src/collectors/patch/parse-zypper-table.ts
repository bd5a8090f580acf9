// `zypper --non-interactive list-updates --no-abbrev`: a table
//   S | Repository | Name | Current Version | Available Version | Arch
// (older zypper: S | Repository | Name | Version | Arch), "|" in the C
// locale and box-drawing "│" in a UTF-8 one. Headers are translated, the
// column order is not. Without --no-abbrev long cells end in "...", which
// cannot be trusted as a name or version.
import { pendingUpdate } from '@tandem/proto';
import type { PatchStatus, PendingUpdate } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { exitReason, isBlank, outputLines, patchFromUpdates, patchUnknown } from './parse-linux-patch-common.js';
import { ZYPPER_INFO_EXIT_CODES } from './parse-zypper-xml.js';

const SEPARATOR = /\s*[|│]\s*/;
const RULE = /^[-─+┼]+$/;
const NO_UPDATES = /^(No updates found|Keine Aktualisierungen gefunden|Aucune mise à jour trouvée)/i;

export function parseZypperListUpdates(output: ToolOutput): PatchStatus {
  if (output.exitCode === null || !ZYPPER_INFO_EXIT_CODES.has(output.exitCode)) return patchUnknown('zypper', exitReason('zypper list-updates', output));
  if (isBlank(output.stdout)) return patchUnknown('zypper', 'zypper list-updates printed nothing');
  let columns = 0;
  let sawNone = false;
  const updates: PendingUpdate[] = [];
  for (const raw of outputLines(output.stdout)) {
    const line = raw.trim();
    if (NO_UPDATES.test(line)) sawNone = true;
    if (!/[|│]/.test(line)) continue; // progress messages around the table
    const cells = line.split(SEPARATOR).map((c) => c.trim());
    if (columns === 0) {
      columns = cells.length;
      if (columns !== 5 && columns !== 6) return patchUnknown('zypper', `unexpected zypper table header: "${line.slice(0, 120)}"`);
      continue;
    }
    if (cells.every((c) => RULE.test(c) || c === '')) continue;
    if (cells.length !== columns) return patchUnknown('zypper', `a zypper table row has ${cells.length} cells instead of ${columns}; the output is cut or garbled: "${line.slice(0, 120)}"`);
    if (cells.some((c) => c.endsWith('...') || c.endsWith('…'))) return patchUnknown('zypper', 'zypper abbreviated table cells; run list-updates with --no-abbrev');
    const [, , name = '', c3 = '', c4 = ''] = cells;
    updates.push(columns === 6
      ? pendingUpdate(name, { currentVersion: c3 || null, availableVersion: c4 || null })
      : pendingUpdate(name, { availableVersion: c3 || null }));
  }
  if (columns === 0 && !sawNone) return patchUnknown('zypper', 'zypper list-updates printed neither a table nor "No updates found."');
  return patchFromUpdates('zypper', updates);
}
