// Windows Server Backup versions from `wbadmin.exe get versions`, in the
// display language of the computer (English, German, French, Spanish,
// Italian and Dutch labels; printed in the OEM code page, which the source
// decodes).
// "Backup time" is local and in the computer's date format; the version
// identifier is UTC in MM/DD/YYYY-HH:MM whatever the language, so it is the
// one trusted, and the backup time only used when an identifier is missing.
import { wallClockToIso } from '../../parse/local-time.js';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { cleanWindowsText, firstLine, loosePattern, to24h } from '../../parse/powershell-json.js';
import { shortLine } from '../../parse/short-line.js';
import { wsbFacts } from './parse-wbsummary.js';
import type { BackupStatus } from '@tandem/proto';

const VERSION_ID = /:\s*(\d{2})\/(\d{2})\/(\d{4})-(\d{2}):(\d{2})\s*$/;
const BACKUP_TIME = loosePattern('Backup time', 'Sicherungszeit', 'Heure de la sauvegarde', 'Heure de sauvegarde', 'Date de la sauvegarde',
  'Hora de copia de seguridad', 'Hora de la copia de seguridad', 'Ora backup', 'Ora del backup', 'Back-uptijd', 'Tijdstip van back-up');
/** English (US) prints month first; every other language here, day first. */
const ENGLISH_TIME = loosePattern('Backup time');
const BACKUP_TARGET = loosePattern('Backup target', 'Sicherungsziel', 'Cible de la sauvegarde', 'Cible de sauvegarde',
  'Destino de copia de seguridad', 'Destino de la copia de seguridad', 'Destinazione backup', 'Destinazione del backup', 'Back-updoel', 'Doel van back-up');
const NO_BACKUP = loosePattern('No backup was found', 'Es wurde keine Sicherung gefunden', 'Keine Sicherung gefunden', 'Aucune sauvegarde',
  'No se encontró ninguna copia de seguridad', 'Nessun backup trovato', 'Er is geen back-up gevonden', 'Geen back-up gevonden');
const ERROR_LINE = /^\s*(ERROR|FEHLER|ERREUR|ERRORE|FOUT)\s*-\s*(.+)$/i;

interface Version {
  at: string | null;
  target: string | null;
}

/** A local "Backup time" value: en-US M/D/YYYY h:mm AM, day-first with slashes (French, Spanish, Italian, en-GB when the day is over 12), or D.M.YYYY / D-M-YYYY. */
function backupTimeOf(label: string, value: string, timeZone: string): string | null {
  const dotted = /(\d{1,2})[.-](\d{1,2})[.-](\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (dotted) {
    const [, d, m, y, h, mi, s] = dotted;
    return wallClockToIso({ year: Number(y), month: Number(m), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s ?? 0) }, timeZone);
  }
  const slashed = /(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?/i.exec(value);
  if (!slashed) return null;
  const [, a, b, y, h, mi, s, ampm] = slashed;
  const dayFirst = !ENGLISH_TIME.test(label) || Number(a) > 12;
  return wallClockToIso({
    year: Number(y), month: Number(dayFirst ? b : a), day: Number(dayFirst ? a : b),
    hour: to24h(Number(h), ampm), minute: Number(mi), second: Number(s ?? 0),
  }, timeZone);
}

export function parseWbadminVersions(output: ToolOutput, options: ParseOptions): BackupStatus {
  const text = cleanWindowsText(`${output.stdout}\n${output.stderr}`);
  const versions: Version[] = [];
  let current: (Version & { idSeen: boolean }) | null = null;
  let error: string | null = null;
  let noBackup = false;
  for (const line of text.split('\n')) {
    const err = ERROR_LINE.exec(line);
    if (err && !error) error = (err[2] ?? '').trim();
    if (NO_BACKUP.test(line)) noBackup = true;
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const label = line.slice(0, colon);
    const value = line.slice(colon + 1).trim();
    if (BACKUP_TIME.test(label) && !VERSION_ID.test(line)) {
      current = { at: backupTimeOf(label, value, options.timeZone), target: null, idSeen: false };
      versions.push(current);
      continue;
    }
    const id = VERSION_ID.exec(line);
    if (id) {
      const [, mo, d, y, h, mi] = id;
      const at = wallClockToIso({ year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi) }, 'UTC');
      if (!current || current.idSeen) {
        current = { at: null, target: null, idSeen: false };
        versions.push(current);
      }
      current.idSeen = true;
      if (at) current.at = at;
      continue;
    }
    if (current && BACKUP_TARGET.test(label)) current.target = value || null;
  }

  const dated = versions.filter((v): v is Version & { at: string } => v.at !== null);
  if (dated.length === 0) {
    if (noBackup) return wsbFacts({ lastResult: 'unknown', detail: 'wbadmin found no backup versions: no backup has completed on any target it knows' });
    if (error) return wsbFacts({ detail: `wbadmin get versions failed: ${shortLine(error)}` });
    const why = output.exitCode !== 0 && output.exitCode !== null
      ? `wbadmin get versions exited with code ${output.exitCode}: ${firstLine(text) || 'no output'}`
      : `wbadmin get versions printed no backup versions: ${firstLine(text) || 'no output'}`;
    return wsbFacts({ detail: why });
  }
  const newest = dated.reduce((a, b) => (b.at > a.at ? b : a));
  // wbadmin lists only backups that completed; a failed attempt after the
  // newest one does not show, so the result of the last attempt stays unknown.
  return wsbFacts({
    lastSuccessAt: newest.at,
    lastResult: 'unknown',
    detail: `wbadmin lists successful backups only: ${dated.length} version${dated.length === 1 ? '' : 's'}, newest${newest.target ? ` on ${newest.target}` : ''}; whether a later attempt failed is not shown`,
  });
}
