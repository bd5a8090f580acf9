// Recorded cases live beside the source they replay:
//   src/collectors/<topic>/testdata/<source>/<case>/
//     stdout.txt | stdout.bin   what the tool printed (.bin for UTF-16 or OEM code-page bytes)
//     stderr.txt                optional
//     case.json                 { "tool": "apt 2.6.1 (Debian 12)", "exitCode": 0, "tz": "UTC", "now": "<ISO>", "codePage": 850, "about": "..." }
//     expected.json             exactly what `tandem-agent parse <source>` prints
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Source } from '../../src/collectors/source.js';
import type { ParseOptions, ToolOutput } from '../../src/parse/parse-source.js';
import { decodeToolFile } from '../../src/parse/run-parse.js';

export const COLLECTORS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'collectors');

export interface CaseMeta {
  tool: string;
  exitCode?: number | null;
  tz?: string;
  now?: string;
  about?: string;
  /** The code page stdout.bin is written in (Windows console tools), as `tandem-agent parse --code-page` takes it. */
  codePage?: number;
  /** Whether the output was captured on a real machine (true) or reconstructed from documentation (false). */
  captured?: boolean;
}

export interface RecordedCase {
  source: string;
  name: string;
  dir: string;
  meta: CaseMeta;
  output: ToolOutput;
  options: ParseOptions;
  expected: unknown;
}

export function testdataDir(source: Pick<Source, 'topic' | 'name'>): string {
  return join(COLLECTORS_DIR, source.topic, 'testdata', source.name);
}

/** Every testdata folder, as `<topic>/<source>`, to find folders no source reads. */
export function testdataFolders(): string[] {
  return readdirSync(COLLECTORS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(COLLECTORS_DIR, d.name, 'testdata')))
    .flatMap((d) => readdirSync(join(COLLECTORS_DIR, d.name, 'testdata')).map((s) => `${d.name}/${s}`))
    .sort();
}

/** A case as `tandem-agent parse <source> stdout --stderr stderr.txt [--code-page N]` reads it. */
export function readCase(dir: string, source: string): Omit<RecordedCase, 'source' | 'name' | 'dir'> {
  const meta = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseMeta;
  const text = (file: string) => decodeToolFile(readFileSync(file), source, meta.codePage ?? null);
  const stdoutFile = existsSync(join(dir, 'stdout.bin')) ? join(dir, 'stdout.bin') : join(dir, 'stdout.txt');
  const stdout = existsSync(stdoutFile) ? text(stdoutFile) : '';
  const stderr = existsSync(join(dir, 'stderr.txt')) ? text(join(dir, 'stderr.txt')) : '';
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as unknown;
  return {
    meta,
    output: { stdout, stderr, exitCode: meta.exitCode === undefined ? 0 : meta.exitCode },
    options: { timeZone: meta.tz ?? 'UTC', now: new Date(meta.now ?? '2026-11-28T12:00:00Z') },
    expected,
  };
}

/** The recorded cases of one source, sorted by name. */
export function casesOf(source: Pick<Source, 'topic' | 'name'>): RecordedCase[] {
  const dir = testdataDir(source);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().map((name) => ({ source: source.name, name, dir: join(dir, name), ...readCase(join(dir, name), source.name) }));
}

/** A file of a recorded case, by source name: `caseFile('pacman-qu', 'many-pending', 'stdout.txt')`. */
export function caseFile(source: string, ...path: string[]): string {
  const topic = readdirSync(COLLECTORS_DIR).find((t) => existsSync(join(COLLECTORS_DIR, t, 'testdata', source)));
  if (!topic) throw new Error(`no testdata folder for source ${source}`);
  return join(COLLECTORS_DIR, topic, 'testdata', source, ...path);
}
