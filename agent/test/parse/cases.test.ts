// Replays every recorded case folder through the parser registry:
//   test/parse/cases/<source>/<case>/
//     stdout.txt | stdout.bin   what the tool printed (.bin for UTF-16 or other raw bytes)
//     stderr.txt                optional
//     case.json                 { "tool": "apt 2.6.1 (Debian 12)", "exitCode": 0, "tz": "UTC", "now": "<ISO>", "about": "..." }
//     expected.json             exactly what `tandem-agent parse <source>` prints
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runParse } from '../../src/parse/run-parse.js';
import { PARSE_SOURCES } from '../../src/parse/registry.js';
import { decode } from '../../src/exec/run-command.js';

const casesDir = join(dirname(fileURLToPath(import.meta.url)), 'cases');

interface CaseMeta {
  tool: string;
  exitCode?: number | null;
  tz?: string;
  now?: string;
  about?: string;
}

function readCase(dir: string) {
  const meta = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseMeta;
  const stdoutFile = existsSync(join(dir, 'stdout.bin')) ? join(dir, 'stdout.bin') : join(dir, 'stdout.txt');
  const stdout = existsSync(stdoutFile) ? decode(readFileSync(stdoutFile)) : '';
  const stderr = existsSync(join(dir, 'stderr.txt')) ? decode(readFileSync(join(dir, 'stderr.txt'))) : '';
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as unknown;
  return { meta, stdout, stderr, expected };
}

const sources = existsSync(casesDir) ? readdirSync(casesDir).sort() : [];

describe('recorded cases', () => {
  it('exist for every parse source, several each', () => {
    const missing = PARSE_SOURCES.filter((s) => !sources.includes(s.name) || readdirSync(join(casesDir, s.name)).length < 3);
    expect(missing.map((s) => s.name)).toEqual([]);
  });

  for (const source of sources) {
    describe(source, () => {
      for (const name of readdirSync(join(casesDir, source)).sort()) {
        it(name, () => {
          const c = readCase(join(casesDir, source, name));
          expect(c.meta.tool, 'case.json must say which tool version the output represents').toBeTruthy();
          const actual = runParse(source, { stdout: c.stdout, stderr: c.stderr, exitCode: c.meta.exitCode === undefined ? 0 : c.meta.exitCode }, {
            timeZone: c.meta.tz ?? 'UTC',
            now: new Date(c.meta.now ?? '2026-11-28T12:00:00Z'),
          });
          expect(actual).toEqual(c.expected);
        });
      }
    });
  }
});
