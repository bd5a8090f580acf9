// UEFI Secure Boot from `Confirm-SecureBootUEFI | ConvertTo-Json`.
import { emptySecurity, unknownTopic } from '@tandem/proto';
import type { SecurityStatus } from '@tandem/proto';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { cleanWindowsText, failureText, readPowerShellAnswer } from '../../parse/powershell-json.js';

/**
 * BIOS (legacy) firmware: "Cmdlet not supported on this platform: 0xC0000002".
 * UEFI booting through the compatibility module: "Variable is currently
 * undefined: 0xC0000100". Either way the computer boots without Secure Boot,
 * which is `off`, not a failure to read.
 */
const NO_SECURE_BOOT = /not supported on this platform|0xC0000002|variable is currently undefined|0xC0000100/i;

export function parseSecureBoot(output: ToolOutput, _options: ParseOptions): SecurityStatus {
  const facts = emptySecurity();
  // Pasted console output prints the bare boolean.
  const bare = cleanWindowsText(output.stdout).trim().toLowerCase();
  if (bare === 'true' || bare === 'false') {
    facts.checks.secureBoot = bare === 'true' ? 'on' : 'off';
    return facts;
  }
  const answer = readPowerShellAnswer(output);
  if (!answer.ok) {
    if (NO_SECURE_BOOT.test(answer.failure.message)) {
      facts.checks.secureBoot = 'off';
      return facts;
    }
    facts.checks.secureBoot = 'unknown';
    return { ...facts, ...unknownTopic(failureText('Confirm-SecureBootUEFI', answer.failure)) };
  }
  if (typeof answer.value === 'boolean') {
    facts.checks.secureBoot = answer.value ? 'on' : 'off';
    return facts;
  }
  facts.checks.secureBoot = 'unknown';
  return { ...facts, ...unknownTopic('Confirm-SecureBootUEFI printed neither True nor False') };
}
