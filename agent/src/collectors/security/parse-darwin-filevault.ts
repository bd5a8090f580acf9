// `fdesetup status`: FileVault on the startup volume. A conversion line
// ("Encryption in progress: Percent completed = 42.1") outranks the On/Off
// line printed above it, because a half-encrypted disk is not protected yet.
import { emptySecurity } from '@tandem/proto';
import type { EncryptionState, SecurityStatus } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { noAnswerReason, outputLines, unknownSecurity } from './parse-darwin-output.js';

export function fileVaultState(lines: string[]): EncryptionState | null {
  if (lines.some((l) => /^encryption (?:in progress|paused)/i.test(l))) return 'encrypting';
  if (lines.some((l) => /^decryption (?:in progress|paused)/i.test(l))) return 'decrypting';
  // "FileVault is Off, but will be enabled after the next restart." is still
  // off: nothing is encrypted until the user restarts and the conversion ends.
  if (lines.some((l) => /^filevault is off\b/i.test(l))) return 'off';
  if (lines.some((l) => /^filevault is on\b/i.test(l))) return 'on';
  return null;
}

export function parseFdesetupStatus(output: ToolOutput): SecurityStatus {
  const state = fileVaultState(outputLines(output));
  if (state === null) {
    return unknownSecurity(noAnswerReason('fdesetup status', output), { encryption: [{ mount: '/', state: 'unknown', method: null }] });
  }
  return { ...emptySecurity(), encryption: [{ mount: '/', state, method: state === 'off' ? null : 'FileVault' }] };
}
