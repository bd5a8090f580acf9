import { describe, expect, it } from 'vitest';
import {
  cleanWindowsText, loosePattern, powerShellError, psArray, psBool, psDate, psEnum, psRecords, readPowerShellAnswer,
  readPowerShellJson, unwrapClixml,
} from '../../src/parse/powershell-json.js';

describe('readPowerShellJson', () => {
  it('reads pretty 5.1 output with a BOM and CRLF', () => {
    expect(readPowerShellJson('\uFEFF{\r\n    "Name":  "Public",\r\n    "Enabled":  1\r\n}\r\n')).toEqual({ kind: 'json', value: { Name: 'Public', Enabled: 1 } });
  });

  it('reads UTF-16LE that was decoded as UTF-8 (NULs between the letters)', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[{"a":1}]\r\n', 'utf16le')]);
    expect(readPowerShellJson(bytes.toString('utf8'))).toEqual({ kind: 'json', value: [{ a: 1 }] });
  });

  it('skips WARNING lines printed ahead of the JSON', () => {
    expect(readPowerShellJson('WARNING: Resulting JSON is truncated as serialization has exceeded the set depth of 2.\r\n{"a":true}')).toEqual({ kind: 'json', value: { a: true } });
  });

  it('tells empty output from cut-off and non-JSON output', () => {
    expect(readPowerShellJson(' \r\n')).toEqual({ kind: 'empty' });
    expect(readPowerShellJson('[{"a":1},{"b"')).toEqual({ kind: 'invalid', reason: 'output is cut off before the JSON ends' });
    expect(readPowerShellJson('Access is denied.')).toEqual({ kind: 'invalid', reason: 'output is not JSON: "Access is denied."' });
  });
});

describe('shapes', () => {
  it('turns one object, many, or none into a list', () => {
    expect(psArray({ a: 1 })).toEqual([{ a: 1 }]);
    expect(psArray([1, 2])).toEqual([1, 2]);
    expect(psArray(null)).toEqual([]);
    expect(psArray('')).toEqual([]);
    expect(psRecords([{ a: 1 }, 3, null, 'x'])).toEqual([{ a: 1 }]);
  });

  it('reads booleans in every form PowerShell prints them', () => {
    expect([true, 1, 'True', 'true', '1'].map(psBool)).toEqual([true, true, true, true, true]);
    expect([false, 0, 'False', '0'].map(psBool)).toEqual([false, false, false, false]);
    // GpoBoolean NotConfigured
    expect([2, 'NotConfigured', null, undefined].map(psBool)).toEqual([null, null, null, null]);
  });

  it('reads enums as integers or names', () => {
    const modes = { 0: 'Normal', 1: 'Passive Mode' } as const;
    expect(psEnum(1, modes)).toBe('Passive Mode');
    expect(psEnum('PassiveMode', modes)).toBe('Passive Mode');
    expect(psEnum('passive mode', modes)).toBe('Passive Mode');
    expect(psEnum(7, modes)).toBeNull();
  });
});

describe('psDate', () => {
  it('reads \\/Date(ms)\\/ as UTC, with or without an offset suffix', () => {
    expect(psDate('/Date(1795814100000)/', 'Europe/Berlin')).toBe('2026-11-27T21:15:00.000Z');
    expect(psDate('/Date(1795814100000+0100)/', 'UTC')).toBe('2026-11-27T21:15:00.000Z');
  });

  it('reads the {value, DateTime} wrapper of an extended DateTime', () => {
    expect(psDate({ value: '/Date(1795814100000)/', DateTime: 'Friday, November 27, 2026 10:15:00 PM' }, 'UTC')).toBe('2026-11-27T21:15:00.000Z');
    expect(psDate({ DateTime: 'Friday, November 27, 2026 10:15:00 PM' }, 'Europe/Berlin')).toBe('2026-11-27T21:15:00.000Z');
  });

  it('reads ISO with an offset as is and without one in the given zone', () => {
    expect(psDate('2026-11-27T22:15:00.1234567+01:00', 'UTC')).toBe('2026-11-27T21:15:00.123Z');
    expect(psDate('2026-11-27T22:15:00', 'Europe/Berlin')).toBe('2026-11-27T21:15:00.000Z');
    expect(psDate('2026-11-27T21:15:00Z', 'Europe/Berlin')).toBe('2026-11-27T21:15:00.000Z');
  });

  it('reads CIM DMTF datetimes', () => {
    expect(psDate('20261127221500.000000+060', 'UTC')).toBe('2026-11-27T21:15:00.000Z');
  });

  it('treats DateTime.MinValue and empty values as never', () => {
    expect(psDate('/Date(-62135596800000)/', 'UTC')).toBeNull();
    expect(psDate('0001-01-01T00:00:00', 'UTC')).toBeNull();
    expect(psDate('', 'UTC')).toBeNull();
    expect(psDate(null, 'UTC')).toBeNull();
    expect(psDate('not a date', 'UTC')).toBeNull();
  });
});

describe('powerShellError', () => {
  it('reads a 5.1 error record and its HRESULT', () => {
    const stderr = 'Get-MpComputerStatus : Operation failed with the following error: 0x800106ba\r\nAt line:1 char:1\r\n+ Get-MpComputerStatus\r\n+ ~~~~~~~~~~~~~~~~~~~~\r\n'
      + '    + CategoryInfo          : NotSpecified: (MSFT_MpComputerStatus:ROOT\\Microsoft\\...pComputerStatus) [Get-MpComputerStatus], CimException\r\n'
      + '    + FullyQualifiedErrorId : HRESULT 0x800106ba,Get-MpComputerStatus\r\n';
    expect(powerShellError(stderr)).toEqual({ kind: 'error', message: 'Get-MpComputerStatus : Operation failed with the following error: 0x800106ba', hresult: '0x800106BA' });
  });

  it('reads a PowerShell 7 concise error with colour codes', () => {
    const stderr = '\u001b[31;1mGet-BitLockerVolume: \u001b[31;1mThe term \'Get-BitLockerVolume\' is not recognized as a name of a cmdlet, function, script file, or executable program.\u001b[0m\n';
    expect(powerShellError(stderr)?.kind).toBe('missing-command');
  });

  it('classifies access denied on the message, not on script paths', () => {
    expect(powerShellError('Get-CimInstance : Access denied \r\nAt line:1 char:1\r\n    + CategoryInfo          : PermissionDenied: (:) [Get-CimInstance], CimException\r\n')?.kind).toBe('access-denied');
    expect(powerShellError('Get-X : Something broke\r\nAt C:\\Users\\Administrator\\Access denied\\x.ps1:3 char:1\r\n')?.kind).toBe('error');
  });

  it('unwraps CLIXML error streams', () => {
    const clixml = '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S S="Error">Get-WBSummary : Access is denied._x000D__x000A_</S><S S="Error">At line:1 char:1_x000D__x000A_</S></Objs>';
    expect(unwrapClixml(clixml)).toBe('Get-WBSummary : Access is denied.\r\nAt line:1 char:1\r\n'.replace(/\r\n/g, '\n'));
    expect(powerShellError(clixml)).toEqual({ kind: 'access-denied', message: 'Get-WBSummary : Access is denied.', hresult: null });
  });

  it('returns null when stderr is empty', () => {
    expect(powerShellError(' \r\n')).toBeNull();
  });
});

describe('readPowerShellAnswer', () => {
  it('prefers data on stdout over an error on stderr', () => {
    expect(readPowerShellAnswer({ stdout: '[{"a":1}]', stderr: 'Get-X : one item failed', exitCode: 1 })).toEqual({ ok: true, value: [{ a: 1 }] });
  });

  it('reads empty output with exit 0 as "no items" and with an error exit as a failure', () => {
    expect(readPowerShellAnswer({ stdout: '', stderr: '', exitCode: 0 })).toEqual({ ok: true, value: null });
    expect(readPowerShellAnswer({ stdout: '', stderr: '', exitCode: 1 })).toEqual({ ok: false, failure: { kind: 'error', message: 'exited with code 1 and printed nothing', hresult: null } });
    expect(readPowerShellAnswer({ stdout: '', stderr: '', exitCode: null })).toMatchObject({ ok: false, failure: { message: 'was stopped before it finished' } });
  });
});

describe('Windows console text', () => {
  it('drops BOM and CR', () => {
    expect(cleanWindowsText('\uFEFFa\r\nb\rc')).toBe('a\nb\nc');
  });

  it('matches localized words whose accents were lost to the OEM code page', () => {
    const pattern = loosePattern('Vollständig verschlüsselt', 'Chiffrement entièrement effectué');
    expect(pattern.test('Vollständig verschlüsselt')).toBe(true);
    expect(pattern.test('Vollst\uFFFDndig verschl\uFFFDsselt')).toBe(true);
    expect(pattern.test('CHIFFREMENT ENTI\uFFFDREMENT EFFECTU\uFFFD')).toBe(true);
    expect(pattern.test('Vollständig entschlüsselt')).toBe(false);
  });
});
