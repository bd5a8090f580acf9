// Windows console tools (manage-bde, wbadmin) write text in the console's
// OEM code page when their output is piped: 850 on German, French, Spanish,
// Italian and Dutch Windows, 437 on US English. Read as UTF-8, every accented
// letter of a localized answer is lost. Output that is valid UTF-8 (a
// console switched to 65001, a technician's UTF-8 file) is read as such;
// anything else is decoded with the code page (iconv-lite: the code page
// tables Node does not have).
import iconv from 'iconv-lite';
import { decode } from '../exec/run-command.js';

/**
 * Used when the computer's OEM code page could not be read: the OEM code
 * page of Western European Windows. It agrees with 437 on ASCII and on the
 * accented small letters those languages use.
 */
export const FALLBACK_OEM_CODE_PAGE = 850;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Buffer): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** True when iconv-lite knows the code page (cp850, cp437, cp1252, …). */
export function knownCodePage(codePage: number): boolean {
  return Number.isInteger(codePage) && codePage > 0 && iconv.encodingExists(`cp${codePage}`);
}

/**
 * A console tool's bytes as text: a byte-order mark or valid UTF-8 wins,
 * otherwise the given code page (or the fallback when it is unknown).
 */
export function decodeConsole(bytes: Buffer, codePage: number | null): string {
  const hasBom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf);
  if (hasBom || isUtf8(bytes)) return decode(bytes);
  const cp = codePage !== null && knownCodePage(codePage) ? codePage : FALLBACK_OEM_CODE_PAGE;
  return iconv.decode(bytes, `cp${cp}`);
}

/**
 * The OEM code page from `reg query HKLM\SYSTEM\CurrentControlSet\Control\Nls\CodePage /v OEMCP`,
 * the value GetOEMCP() returns; reg prints value names and types untranslated:
 *     OEMCP    REG_SZ    850
 */
export function oemCodePageFromReg(stdout: string): number | null {
  const m = /^\s*OEMCP\s+REG_SZ\s+(\d+)\s*$/im.exec(stdout);
  const cp = m ? Number(m[1]) : NaN;
  return knownCodePage(cp) ? cp : null;
}
