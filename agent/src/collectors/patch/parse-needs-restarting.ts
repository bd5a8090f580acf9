// `needs-restarting -r` (dnf-utils / yum-utils, or `dnf needs-restarting -r`):
// exit 1 = a reboot is required, exit 0 = not required. Exit 1 is also what
// dnf returns for "No such command" when the plugin is missing, so exit 1
// counts as "required" only when the tool printed its report on stdout.
import { emptyPatch } from '@tandem/proto';
import type { PatchStatus } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { exitReason, isBlank, outputLines, patchUnknown } from './parse-linux-patch-common.js';

const SAYS_REQUIRED = /Reboot is required|Neustart ist erforderlich/i;
const SAYS_NOT_REQUIRED = /No core libraries or services have been updated|Reboot should not be necessary|Neustart sollte nicht notwendig sein/i;
const ERROR = /^(Error|No such command|Usage|usage:|Fehler)/i;

export function parseNeedsRestarting(output: ToolOutput): PatchStatus {
  const text = outputLines(output.stdout).join('\n');
  const required = SAYS_REQUIRED.test(text);
  const notRequired = SAYS_NOT_REQUIRED.test(text);
  const errorLine = [...outputLines(output.stderr), ...outputLines(output.stdout)].map((l) => l.trim()).find((l) => ERROR.test(l));
  const answer = (rebootRequired: boolean): PatchStatus => ({ ...emptyPatch(), source: 'dnf', rebootRequired });
  if (errorLine) return patchUnknown('dnf', exitReason('needs-restarting -r', output));
  if (output.exitCode === 0) {
    if (required) return patchUnknown('dnf', 'needs-restarting -r exited 0 but says a reboot is required');
    if (isBlank(output.stdout)) return patchUnknown('dnf', 'needs-restarting -r printed nothing; this version may not support -r');
    return answer(false);
  }
  if (output.exitCode === 1) {
    if (notRequired) return patchUnknown('dnf', 'needs-restarting -r exited 1 but says no reboot is needed');
    if (isBlank(output.stdout)) return patchUnknown('dnf', exitReason('needs-restarting -r', output));
    return answer(true);
  }
  return patchUnknown('dnf', exitReason('needs-restarting -r', output));
}
