// Parser bugs the fuzz tests found, each as a case named after what broke.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fieldOf, parseManageBde } from '../../src/collectors/security/parse-manage-bde.js';
import { SOURCES } from '../../src/parse/registry.js';
import { MANAGE_BDE_STATUS } from '../../src/collectors/security/sources/win32.js';
import { testdataDir } from '../support/recorded-cases.js';
import { FuzzLog, fuzzTimeout } from '../../../tests/support/fuzz.js';

const log = new FuzzLog('agent-parser-regressions');
const OPTIONS = { timeZone: 'UTC', now: new Date('2026-11-28T12:00:00Z') };

describe('manage-bde -status', () => {
  it('a long line of blanks inside a volume block is read in one pass (it used to backtrack cubically and hang the agent)', () => {
    const recorded = readFileSync(join(testdataDir(MANAGE_BDE_STATUS), 'english-fully-encrypted-crlf', 'stdout.txt'), 'utf8');
    const padded = recorded.replace(/(Volume C:[^\n]*\n)/, `$1${' '.repeat(200_000)}\n${' '.repeat(50_000)}:${' '.repeat(50_000)}\n`);
    expect(parseManageBde({ stdout: padded, stderr: '', exitCode: 0 }, OPTIONS)).toEqual(parseManageBde({ stdout: recorded, stderr: '', exitCode: 0 }, OPTIONS));
  });

  it('reads "Label: value" lines exactly as the regular expression it replaced', async () => {
    const old = (line: string): [string, string] | null => {
      const m = /^\s+(.+?)\s*:\s+(.*\S)\s*$/.exec(line);
      return m ? [m[1]!.trim(), m[2]!] : null;
    };
    const line = fc.array(fc.constantFrom(' ', '\t', ':', 'a', 'Conversion Status', 'Fully Encrypted', '  ', ': '), { maxLength: 12 }).map((p) => p.join(''));
    await log.check('manage-bde fieldOf agrees with the old pattern', fc.property(line, (l) => {
      const before = old(l);
      const after = fieldOf(l);
      // The old pattern also took a label of blanks only; no label we look for is blank.
      if (before && before[0] === '') return;
      expect(after).toEqual(before);
    }), 500);
  }, fuzzTimeout(500));
});

describe('reasons that quote tool output', () => {
  it('a tool that prints a huge line gives a short reason, not the whole line in every report', () => {
    const line = '\u0000'.repeat(200_000);
    for (const source of SOURCES) {
      for (const output of [{ stdout: line, stderr: '', exitCode: 0 }, { stdout: '', stderr: line, exitCode: 1 }]) {
        const facts = source.parse(output, OPTIONS) as { reason: string | null };
        expect(facts.reason?.length ?? 0, source.name).toBeLessThan(1000);
        expect(JSON.stringify(facts).length, source.name).toBeLessThan(20_000);
      }
    }
  }, 120_000);
});
