// Antivirus products registered with Windows Security Center, from
// `Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct`.
import { antivirus, emptySecurity, unknownTopic } from '@tandem/proto';
import type { Antivirus, SecurityStatus } from '@tandem/proto';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { failureText, psGet, psNumber, psRecords, psString, readPowerShellAnswer } from '../../parse/powershell-json.js';

/** Windows Server has no Security Center: the namespace itself is missing (WBEM_E_INVALID_NAMESPACE). */
const MISSING_NAMESPACE = /invalid namespace|0x8004100e/i;

export function isMissingSecurityCenter(output: ToolOutput): boolean {
  return MISSING_NAMESPACE.test(`${output.stderr}\n${output.stdout}`) && !readPowerShellAnswer({ ...output, stderr: '' }).ok;
}

export interface ProductState {
  /** Engine state, bits 12-15: 0 off, 1 on, 2 snoozed, 3 expired. */
  engine: 'off' | 'on' | 'snoozed' | 'expired' | null;
  /** Signature state, bits 4-7: 0 up to date, 1 out of date. */
  signaturesUpToDate: boolean | null;
  /** Owner, bits 8-11: 1 when the product is Windows' own (Defender). */
  windowsOwned: boolean;
}

/**
 * Decodes the undocumented productState word the way Security Center and
 * vendors read it: byte 2 the provider, byte 1 the engine state (high nibble)
 * and owner (low nibble), byte 0 the signature state (high nibble).
 */
export function decodeProductState(state: number): ProductState {
  const engineBits = (state >> 12) & 0xf;
  const sigBits = (state >> 4) & 0xf;
  const engine = (['off', 'on', 'snoozed', 'expired'] as const)[engineBits] ?? null;
  return { engine, signaturesUpToDate: sigBits === 0 ? true : sigBits === 1 ? false : null, windowsOwned: ((state >> 8) & 0xf) === 1 };
}

function productOf(record: Record<string, unknown>): Antivirus {
  const name = psString(psGet(record, 'displayName')) ?? 'unnamed antivirus product';
  const state = psNumber(psGet(record, 'productState'));
  if (state === null) return antivirus(name);
  const decoded = decodeProductState(state);
  // Only "on" is protection. Snoozed is off until the user resumes it;
  // expired products may still scan but their real-time state is not reported.
  const enabled = decoded.engine === null ? null : decoded.engine === 'on';
  const realTime = decoded.engine === 'on' ? true : decoded.engine === 'off' || decoded.engine === 'snoozed' ? false : null;
  return antivirus(name, { enabled, realTime, upToDate: decoded.signaturesUpToDate });
}

export function parseSecurityCenter2(output: ToolOutput, _options: ParseOptions): SecurityStatus {
  if (isMissingSecurityCenter(output)) {
    return { ...emptySecurity(), ...unknownTopic('root/SecurityCenter2 does not exist on this computer (Windows Server has no Security Center)') };
  }
  const answer = readPowerShellAnswer(output);
  if (!answer.ok) return { ...emptySecurity(), ...unknownTopic(failureText('Get-CimInstance root/SecurityCenter2 AntiVirusProduct', answer.failure)) };
  // No registered product is a fact (Security Center itself then warns the user).
  return { ...emptySecurity(), antivirus: psRecords(answer.value).map(productOf) };
}
