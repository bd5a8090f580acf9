// Microsoft Defender Antivirus from `Get-MpComputerStatus | ConvertTo-Json`.
import { antivirus, emptySecurity, unknownTopic } from '@tandem/proto';
import type { SecurityStatus } from '@tandem/proto';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { failureText, psBool, psDate, psGet, psNumber, psRecords, psString, readPowerShellAnswer } from '../../parse/powershell-json.js';

export const DEFENDER_PRODUCT = 'Microsoft Defender Antivirus';

/**
 * Signature age (days) past which the signatures count as out of date when
 * Defender does not say itself (DefenderSignaturesOutOfDate is only in newer
 * platform versions). Seven days is Defender's own default threshold.
 */
export const SIGNATURE_MAX_AGE_DAYS = 7;

/** Age Defender reports when signatures were never updated. */
const NEVER_UPDATED_AGES = new Set([65535, 4294967295]);

/**
 * The Defender service is not running: Defender was turned off, usually
 * because a third-party antivirus took over. A fact, not a failure.
 */
const DEFENDER_NOT_RUNNING = /0x800106ba/i;

/**
 * Passive and EDR block mode: another antivirus is primary and Defender does
 * not block on access. Reporting it as enabled would give a green light for
 * protection Defender is not giving.
 */
const PASSIVE_MODE = /passive|edr\s*block/i;

export function parseMpComputerStatus(output: ToolOutput, options: ParseOptions): SecurityStatus {
  const answer = readPowerShellAnswer(output);
  if (!answer.ok) {
    if (DEFENDER_NOT_RUNNING.test(answer.failure.message) || answer.failure.hresult === '0x800106BA') {
      return { ...emptySecurity(), antivirus: [antivirus(DEFENDER_PRODUCT, { enabled: false, realTime: false })] };
    }
    return { ...emptySecurity(), ...unknownTopic(failureText('Get-MpComputerStatus', answer.failure)) };
  }
  const status = psRecords(answer.value)[0];
  if (!status) return { ...emptySecurity(), ...unknownTopic('Get-MpComputerStatus printed no status') };

  const mode = psString(psGet(status, 'AMRunningMode'));
  const passive = mode !== null && PASSIVE_MODE.test(mode);
  const notRunning = mode !== null && /not\s*running/i.test(mode);
  const serviceOn = psBool(psGet(status, 'AMServiceEnabled'));
  const avOn = psBool(psGet(status, 'AntivirusEnabled'));
  const enabled = passive || notRunning || serviceOn === false ? false : avOn;
  const realTime = enabled === false ? false : psBool(psGet(status, 'RealTimeProtectionEnabled'));
  const signaturesUpdatedAt = psDate(psGet(status, 'AntivirusSignatureLastUpdated'), options.timeZone);

  const facts = emptySecurity();
  facts.antivirus = [antivirus(DEFENDER_PRODUCT, { enabled, realTime, upToDate: signaturesUpToDate(status, signaturesUpdatedAt, options.now), signaturesUpdatedAt })];
  const tamper = psBool(psGet(status, 'IsTamperProtected'));
  if (tamper !== null) facts.checks.tamperProtection = tamper ? 'on' : 'off';
  return facts;
}

function signaturesUpToDate(status: Record<string, unknown>, updatedAt: string | null, now: Date): boolean | null {
  const outOfDate = psBool(psGet(status, 'DefenderSignaturesOutOfDate'));
  if (outOfDate !== null) return !outOfDate;
  const age = psNumber(psGet(status, 'AntivirusSignatureAge'));
  if (age !== null) return NEVER_UPDATED_AGES.has(age) ? false : age <= SIGNATURE_MAX_AGE_DAYS;
  if (updatedAt) return now.getTime() - Date.parse(updatedAt) <= SIGNATURE_MAX_AGE_DAYS * 86_400_000;
  return null;
}

