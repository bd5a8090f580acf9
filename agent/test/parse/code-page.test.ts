import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeConsole, FALLBACK_OEM_CODE_PAGE, oemCodePageFromReg } from '../../src/parse/code-page.js';
import { oemCodePage } from '../../src/collectors/source.js';
import type { RunCommand } from '../../src/exec/run-command.js';

const GERMAN = 'Konvertierungsstatus: Vollständig verschlüsselt; Größe; Schlüsselschutzvorrichtungen';
const FRENCH = 'État de la protection : La protection est désactivée ; Méthode de chiffrement';
const SPANISH = 'Estado de protección: Protección desactivada; Contraseña numérica';

describe('decodeConsole', () => {
  for (const [cp, text] of [[850, GERMAN], [850, FRENCH], [850, SPANISH], [437, GERMAN], [1252, FRENCH]] as const) {
    it(`reads code page ${cp} bytes: "${text.slice(0, 30)}…"`, () => {
      const bytes = iconv.encode(text, `cp${cp}`);
      expect(bytes.toString('utf8')).not.toBe(text); // as UTF-8 the accents are lost
      expect(decodeConsole(bytes, cp)).toBe(text);
    });
  }

  it('reads valid UTF-8 as UTF-8 whatever the code page (a console set to 65001, a UTF-8 paste)', () => {
    expect(decodeConsole(Buffer.from(GERMAN, 'utf8'), 850)).toBe(GERMAN);
  });

  it('honours a UTF-16LE byte-order mark (a redirected PowerShell)', () => {
    expect(decodeConsole(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FRENCH, 'utf16le')]), 850)).toBe(FRENCH);
  });

  it(`falls back to ${FALLBACK_OEM_CODE_PAGE} when the code page is unknown or not one iconv-lite has`, () => {
    const bytes = iconv.encode(GERMAN, 'cp850');
    expect(decodeConsole(bytes, null)).toBe(GERMAN);
    expect(decodeConsole(bytes, 99999)).toBe(GERMAN);
  });
});

describe('the OEM code page', () => {
  it('is read from reg query output, whatever the surrounding lines', () => {
    expect(oemCodePageFromReg('\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage\r\n    OEMCP    REG_SZ    850\r\n\r\n')).toBe(850);
    expect(oemCodePageFromReg('    OEMCP    REG_SZ    437\n')).toBe(437);
    expect(oemCodePageFromReg('ERROR: The system was unable to find the specified registry key or value.\n')).toBeNull();
    expect(oemCodePageFromReg('    OEMCP    REG_SZ    4711\n')).toBeNull();
  });

  it('is asked once per runner on Windows, and never elsewhere', async () => {
    const calls: string[] = [];
    const run: RunCommand = async (command, args) => {
      calls.push([command, ...args].join(' '));
      return { command, args, stdout: '    OEMCP    REG_SZ    437\r\n', stderr: '', exitCode: 0, timedOut: false, truncated: false, durationMs: 1 };
    };
    expect(await oemCodePage({ run, platform: 'win32' })).toBe(437);
    expect(await oemCodePage({ run, platform: 'win32' })).toBe(437);
    expect(calls).toEqual(['reg.exe query HKLM\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage /v OEMCP']);
    expect(await oemCodePage({ run, platform: 'linux' })).toBeNull();
    expect(calls).toHaveLength(1);
  });
});
