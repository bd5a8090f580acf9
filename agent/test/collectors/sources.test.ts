// Every declared source against its recorded cases (see test/support/recorded-cases.ts).
import { describe, expect, it } from 'vitest';
import { runParse } from '../../src/parse/run-parse.js';
import { SOURCES } from '../../src/parse/registry.js';
import { casesOf, testdataFolders } from '../support/recorded-cases.js';

describe('source declarations', () => {
  it('have unique names', () => {
    const names = SOURCES.map((s) => s.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('each have several recorded cases, and every testdata folder belongs to a source', () => {
    expect(SOURCES.filter((s) => casesOf(s).length < 3).map((s) => s.name)).toEqual([]);
    expect(testdataFolders()).toEqual(SOURCES.map((s) => `${s.topic}/${s.name}`).sort());
  });
});

describe('recorded cases', () => {
  for (const source of SOURCES) {
    describe(source.name, () => {
      for (const c of casesOf(source)) {
        it(c.name, () => {
          expect(c.meta.tool, 'case.json must say which tool version the output represents').toBeTruthy();
          expect(runParse(source.name, c.output, c.options)).toEqual(c.expected);
        });
      }
    });
  }
});
