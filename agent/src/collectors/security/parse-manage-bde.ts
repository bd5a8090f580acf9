// BitLocker per volume from `manage-bde.exe -status`, in the display language
// of the computer (English, German, French, Spanish, Italian and Dutch are
// recognised). manage-bde writes in the OEM code page when piped; the source
// decodes it with the computer's code page, and every label and value is
// still matched with `loosePattern`, so a paste with lost accents reads too.
// The localized wording is reconstructed from Microsoft's language packs
// (see agent/docs/win32.md), not all of it captured.
import { emptySecurity, unknownTopic } from '@tandem/proto';
import type { Encryption, SecurityStatus } from '@tandem/proto';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { cleanWindowsText, loosePattern } from '../../parse/powershell-json.js';
import { shortLine } from '../../parse/short-line.js';
import { encryptionMethodOf, encryptionStateOf } from './parse-bitlocker.js';
import type { Conversion, Protection } from './parse-bitlocker.js';

const VOLUME_HEADER = /^\s*Volumen?\s+"?([A-Za-z]:|\\\\\?\\Volume\{[0-9A-Fa-f-]+\}\\?)"?/;
const ERROR_LINE = /^\s*(ERROR|FEHLER|ERREUR|ERRORE|FOUT)\s*:\s*(.+)$/i;

const LABEL = {
  conversion: loosePattern('Conversion Status', 'Konvertierungsstatus', 'État de la conversion', 'Etat de la conversion',
    'Estado de conversión', 'Stato conversione', 'Stato della conversione', 'Conversiestatus'),
  protection: loosePattern('Protection Status', 'Schutzstatus', 'État de la protection', 'Etat de la protection',
    'Estado de protección', 'Stato protezione', 'Stato della protezione', 'Beveiligingsstatus'),
  method: loosePattern('Encryption Method', 'Verschlüsselungsmethode', 'Méthode de chiffrement', 'Método de cifrado',
    'Metodo di crittografia', 'Versleutelingsmethode'),
};

// Decryption words first: each contains its language's encryption word.
const DECRYPT = loosePattern('decrypt', 'entschlüssel', 'déchiffr', 'descifr', 'decrittograf', 'ontsleutel');
const ENCRYPT = loosePattern('encrypt', 'verschlüssel', 'chiffr', 'cifr', 'crittograf', 'versleutel');
const DONE = loosePattern('fully', 'vollständig', 'entièrement', 'used space only', 'verwendete', 'espace utilisé',
  'intégral', 'totalmente', 'completo', 'completado', 'completamente', 'completata', 'volledig', 'espacio usado', 'spazio utilizzato', 'gebruikte ruimte');
const PROGRESS = loosePattern('in progress', 'wird ausgeführt', 'wird durchgeführt', 'läuft', 'en cours', 'en curso', 'in corso', 'wordt uitgevoerd', 'bezig');
const PAUSED = loosePattern('paused', 'angehalten', 'pausiert', 'suspendu', 'interrompu', 'en pausa', 'pausado', 'in pausa', 'sospes', 'onderbroken', 'gepauzeerd');

export function conversionFromText(value: string): Conversion | null {
  const decrypt = DECRYPT.test(value);
  if (!decrypt && !ENCRYPT.test(value)) return null;
  if (PAUSED.test(value)) return decrypt ? 'decryption-paused' : 'encryption-paused';
  if (PROGRESS.test(value)) return decrypt ? 'decrypting' : 'encrypting';
  if (DONE.test(value)) return decrypt ? 'decrypted' : 'encrypted';
  return null;
}

const PROTECTION_OFF = loosePattern('Protection Off', 'deaktiviert', 'désactivée', 'Protection désactivée', 'desactivada', 'disattivata', 'Beveiliging uit');
const PROTECTION_ON = loosePattern('Protection On', 'aktiviert', 'activée', 'activada', 'attivata', 'Beveiliging aan');
const PROTECTION_UNKNOWN = loosePattern('Unknown', 'Unbekannt', 'Inconnu', 'Desconocido', 'Sconosciuto', 'Onbekend');

export function protectionFromText(value: string): Protection | null {
  // "deaktiviert" contains "aktiviert", "désactivée" "activée", "disattivata" "attivata": off first.
  if (PROTECTION_OFF.test(value)) return 'off';
  if (PROTECTION_ON.test(value)) return 'on';
  if (PROTECTION_UNKNOWN.test(value)) return 'unknown';
  return null;
}

interface Block {
  mount: string;
  conversion: Conversion | null;
  protection: Protection | null;
  method: string | null;
  /** A conversion or protection line whose value was not understood, quoted in the reason. */
  unread: string | null;
}

/**
 * An indented `Label:   value` line as [label, value]: the first colon followed by
 * white space, after a label, before a value. Read by hand because the regular
 * expression for it backtracks cubically on a long line of blanks.
 */
export function fieldOf(line: string): [string, string] | null {
  if (!/^\s/.test(line)) return null;
  const valueEnd = line.trimEnd().length;
  let labelSeen = false;
  for (let i = 0; i < valueEnd - 2; i++) {
    const ch = line[i]!;
    if (ch === ':' && labelSeen && /\s/.test(line[i + 1]!)) return [line.slice(0, i).trim(), line.slice(i + 1, valueEnd).trim()];
    if (!/\s/.test(ch)) labelSeen = true;
  }
  return null;
}

export function parseManageBde(output: ToolOutput, _options: ParseOptions): SecurityStatus {
  const text = cleanWindowsText(`${output.stdout}\n${output.stderr}`);
  const blocks: Block[] = [];
  let current: Block | null = null;
  let error: string | null = null;
  for (const line of text.split('\n')) {
    const err = ERROR_LINE.exec(line);
    if (err && !error) error = (err[2] ?? '').trim();
    const header = VOLUME_HEADER.exec(line);
    if (header) {
      const mount = header[1] ?? '';
      current = { mount: /^[A-Za-z]:$/.test(mount) ? mount.toUpperCase() : mount, conversion: null, protection: null, method: null, unread: null };
      blocks.push(current);
      continue;
    }
    const field = current ? fieldOf(line) : null;
    if (!current || !field) continue;
    const [label, value] = field;
    if (LABEL.conversion.test(label)) current.conversion = conversionFromText(value);
    else if (LABEL.protection.test(label)) current.protection = protectionFromText(value);
    else if (LABEL.method.test(label)) current.method = encryptionMethodOf(value);
    else continue;
    if ((LABEL.conversion.test(label) && !current.conversion) || (LABEL.protection.test(label) && !current.protection)) {
      current.unread ??= `${label}: ${value}`;
    }
  }
  if (blocks.length === 0) {
    if (error) return { ...emptySecurity(), ...unknownTopic(`manage-bde -status failed (it needs administrator rights): ${error}`) };
    if (output.exitCode !== 0) return { ...emptySecurity(), ...unknownTopic(`manage-bde -status exited with code ${output.exitCode} without listing volumes`) };
    return { ...emptySecurity(), ...unknownTopic('manage-bde -status listed no volumes') };
  }
  const encryption: Encryption[] = blocks.map((b) => ({ mount: b.mount, state: encryptionStateOf(b.conversion, b.protection), method: b.method }));
  // A wording this parser does not know leaves the volume unknown, and says which line it could not read.
  const unread = blocks.filter((b) => b.unread !== null).map((b) => `${b.mount} "${shortLine(b.unread ?? '', 120)}"`);
  if (unread.length > 0) return { ...emptySecurity(), encryption, ...unknownTopic(`manage-bde -status: could not read ${unread.join(', ')}`) };
  return { ...emptySecurity(), encryption };
}
