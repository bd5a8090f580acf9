// Whether Windows owes a restart, from the registry markers the agent's
// REBOOT_PENDING_SCRIPT reads into one object:
//   CBSRebootPending             Component Based Servicing\RebootPending exists
//   WUAURebootRequired           WindowsUpdate\Auto Update\RebootRequired exists
//   PendingFileRenameOperations  Session Manager value is set
//   PendingComputerRename        ActiveComputerName differs from ComputerName
import { emptyPatch, unknownTopic } from '@tandem/proto';
import type { PatchStatus } from '@tandem/proto';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { failureText, psBool, psGet, psHas, psRecords, readPowerShellAnswer } from '../../parse/powershell-json.js';

/**
 * The markers that mean a restart is owed. PendingFileRenameOperations is read
 * but does not count: antivirus and installers leave it set for weeks, so a
 * flag that includes it is on for good on many computers and gets ignored;
 * Windows Update always sets one of the two servicing markers as well.
 */
const COUNTED = ['CBSRebootPending', 'WUAURebootRequired', 'PendingComputerRename'] as const;
const ALL = [...COUNTED, 'PendingFileRenameOperations'] as const;

export function parseRebootPending(output: ToolOutput, _options: ParseOptions): PatchStatus {
  const base: PatchStatus = { ...emptyPatch(), source: 'windows-update' };
  const answer = readPowerShellAnswer(output);
  if (!answer.ok) return { ...base, ...unknownTopic(failureText('the reboot-pending registry check', answer.failure)) };
  const markers = psRecords(answer.value)[0];
  if (!markers || !ALL.some((k) => psHas(markers, k))) {
    return { ...base, ...unknownTopic('the reboot-pending check printed none of the registry markers') };
  }
  // A null marker is a key the script did not find, which is "not set".
  return { ...base, rebootRequired: COUNTED.some((k) => psBool(psGet(markers, k)) === true) };
}
