// Newest installed update from `Get-HotFix | Select-Object HotFixID,
// Description,InstalledBy,InstalledOn | ConvertTo-Json`.
import { emptyPatch, unknownTopic } from '@tandem/proto';
import type { PatchStatus } from '@tandem/proto';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { failureText, psDate, psGet, psRecords, readPowerShellAnswer } from '../../parse/powershell-json.js';

/**
 * Dates after this far past "now" are ignored: Get-HotFix builds InstalledOn
 * from a registry string that some locales store day-first, which turns
 * 3 November into 11 March, possibly in the future.
 */
const FUTURE_SLACK_MS = 86_400_000;

export function parseHotFix(output: ToolOutput, options: ParseOptions): PatchStatus {
  const base: PatchStatus = { ...emptyPatch(), source: 'windows-update' };
  const answer = readPowerShellAnswer(output);
  if (!answer.ok) return { ...base, ...unknownTopic(failureText('Get-HotFix', answer.failure)) };
  const latest = options.now.getTime() + FUTURE_SLACK_MS;
  let newest: string | null = null;
  for (const hotfix of psRecords(answer.value)) {
    // InstalledOn is null for some entries (no date recorded); they cannot be newest.
    const at = psDate(psGet(hotfix, 'InstalledOn'), options.timeZone);
    if (at && Date.parse(at) <= latest && (!newest || at > newest)) newest = at;
  }
  return { ...base, lastInstalledAt: newest };
}
