// BitLocker per volume from `Get-BitLockerVolume | Select-Object MountPoint,
// VolumeStatus,ProtectionStatus,EncryptionPercentage,EncryptionMethod | ConvertTo-Json`.
import { emptySecurity, unknownTopic } from '@tandem/proto';
import type { Encryption, EncryptionState, SecurityStatus } from '@tandem/proto';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { failureText, psGet, psNumber, psRecords, psString, readPowerShellAnswer } from '../../parse/powershell-json.js';

/** Where a volume's conversion stands, whichever tool said so. */
export type Conversion = 'encrypted' | 'decrypted' | 'encrypting' | 'decrypting' | 'encryption-paused' | 'decryption-paused';
/** Whether the key is protected (On), left in the clear (Off: suspended), or not readable (Unknown: locked). */
export type Protection = 'on' | 'off' | 'unknown';

/** BitLockerVolumeStatus by value; 6 and 7 are wipes of free space on an encrypted volume. */
const VOLUME_STATUS: Record<number, Conversion> = {
  0: 'decrypted', 1: 'encrypted', 2: 'encrypting', 3: 'decrypting', 4: 'encryption-paused', 5: 'decryption-paused', 6: 'encrypted', 7: 'encrypted',
};

/** BitLockerVolumeProtectionStatus by value. */
const PROTECTION_STATUS: Record<number, Protection> = { 0: 'off', 1: 'on', 2: 'unknown' };

/** EncryptionMethod by value (Win32_EncryptableVolume.GetEncryptionMethod). */
const METHODS: Record<number, string | null> = {
  0: null, 1: 'AES 128 with Diffuser', 2: 'AES 256 with Diffuser', 3: 'AES 128', 4: 'AES 256', 5: 'Hardware Encryption', 6: 'XTS-AES 128', 7: 'XTS-AES 256',
};

export function conversionOf(value: unknown): Conversion | null {
  const n = psNumber(value);
  if (n !== null) return VOLUME_STATUS[n] ?? null;
  const s = psString(value)?.replace(/[\s_-]/g, '').toLowerCase();
  if (!s) return null;
  if (s.startsWith('fullyencrypted')) return 'encrypted';
  if (s === 'fullydecrypted') return 'decrypted';
  if (s === 'encryptioninprogress') return 'encrypting';
  if (s === 'decryptioninprogress') return 'decrypting';
  if (s === 'encryptionpaused' || s === 'encryptionsuspended') return 'encryption-paused';
  if (s === 'decryptionpaused' || s === 'decryptionsuspended') return 'decryption-paused';
  return null;
}

export function protectionOf(value: unknown): Protection | null {
  const n = psNumber(value);
  if (n !== null) return PROTECTION_STATUS[n] ?? null;
  const s = psString(value)?.toLowerCase();
  return s === 'on' || s === 'off' || s === 'unknown' ? s : null;
}

/**
 * One encryption state from conversion and protection:
 * - fully encrypted with protection Off (suspended, e.g. for a firmware update
 *   and never resumed) is `suspended`: the data is encrypted, but the volume
 *   key sits in the clear on the disk, so anyone holding the disk can read it
 *   until protection is resumed. Neither `on` nor `off` says that;
 * - protection Unknown on an encrypted volume means it is locked: `on`;
 * - paused conversions (either way) are `off`: part of the disk is clear and
 *   nothing is moving;
 * - encrypting / decrypting are reported as such.
 */
export function encryptionStateOf(conversion: Conversion | null, protection: Protection | null): EncryptionState {
  switch (conversion) {
    case 'encrypted': return protection === 'on' || protection === 'unknown' ? 'on' : protection === 'off' ? 'suspended' : 'unknown';
    case 'decrypted': return 'off';
    case 'encrypting': return 'encrypting';
    case 'decrypting': return 'decrypting';
    case 'encryption-paused':
    case 'decryption-paused': return 'off';
    default: return 'unknown';
  }
}

/** One spelling for a method, whether the cmdlet ("XtsAes128", 6) or manage-bde ("XTS-AES 128") said it. */
export function encryptionMethodOf(value: unknown): string | null {
  const n = psNumber(value);
  if (n !== null) return METHODS[n] ?? null;
  const raw = psString(value);
  if (!raw) return null;
  const s = raw.toLowerCase().replace(/[\s_-]/g, '');
  if (/^(none|keine|aucun|aucune|ninguno|nessuno|geen)$/.test(s)) return null;
  const aes = /(xts)?aes(128|256)/.exec(s);
  if (aes) return `${aes[1] ? 'XTS-AES' : 'AES'} ${aes[2]}${/diffus/.test(s) ? ' with Diffuser' : ''}`;
  if (/hardware|mat.riel/.test(s)) return 'Hardware Encryption';
  return raw;
}

function volumeOf(record: Record<string, unknown>): Encryption | null {
  const mount = psString(psGet(record, 'MountPoint'));
  if (!mount) return null;
  const state = encryptionStateOf(conversionOf(psGet(record, 'VolumeStatus')), protectionOf(psGet(record, 'ProtectionStatus')));
  return { mount, state, method: encryptionMethodOf(psGet(record, 'EncryptionMethod')) };
}

export function parseBitLockerVolume(output: ToolOutput, _options: ParseOptions): SecurityStatus {
  const answer = readPowerShellAnswer(output);
  if (!answer.ok) return { ...emptySecurity(), ...unknownTopic(failureText('Get-BitLockerVolume', answer.failure)) };
  const encryption = psRecords(answer.value).map(volumeOf).filter((v): v is Encryption => v !== null);
  // Every Windows computer has at least its system volume; no volume is not "nothing to encrypt".
  if (encryption.length === 0) return { ...emptySecurity(), ...unknownTopic('Get-BitLockerVolume listed no volumes') };
  return { ...emptySecurity(), encryption };
}

