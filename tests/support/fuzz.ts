// Property-based fuzzing with fast-check, the same way in every package:
// a fixed seed and a few hundred runs per property in the normal test run,
// as many runs as asked for on demand, and the figures of every run written
// to test-artifacts/fuzz/<name>.json for docs/RELIABILITY.md.
//
//   FUZZ_RUNS=100000   runs per property (default: each property's own, a few hundred)
//   FUZZ_SEED=12345    base seed (default 20261201); each property mixes in its name
//
// A failure is reported with fast-check's counterexample and the seed and
// path that replay it: FUZZ_SEED=<seed> reruns the same inputs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import fc from 'fast-check';
import type { IAsyncProperty, IProperty, RunDetails } from 'fast-check';
import { ARTIFACTS } from './processes.js';

export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261201;
const RUNS_OVERRIDE = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : null;

/** Runs for a property: its own default, or FUZZ_RUNS when given. */
export function fuzzRuns(defaultRuns: number): number {
  return RUNS_OVERRIDE && RUNS_OVERRIDE > 0 ? RUNS_OVERRIDE : defaultRuns;
}

/**
 * A vitest timeout for a property: generous in the normal run (the machine
 * may be busy), and growing with FUZZ_RUNS so a long run is not cut short.
 */
export function fuzzTimeout(defaultRuns: number, msPerRun = 20): number {
  return Math.max(60_000, fuzzRuns(defaultRuns) * msPerRun * 4);
}

/** The seed a property runs with: the base seed mixed with the property's name. */
export function propertySeed(property: string): number {
  let h = FUZZ_SEED | 0;
  for (let i = 0; i < property.length; i++) h = Math.imul(h ^ property.charCodeAt(i), 16777619);
  return h >>> 0;
}

export interface FuzzFigure {
  property: string;
  runs: number;
  seed: number;
  failures: number;
  /** Inputs fast-check generated but the property skipped (fc.pre). */
  skipped: number;
  durationMs: number;
  counterexample: string | null;
}

/** One log per test file; each checked property adds its figures to the file's artifact. */
export class FuzzLog {
  private readonly figures: FuzzFigure[] = [];
  constructor(readonly name: string) {}

  /** Checks a property like fc.assert, and records its figures whether it holds or not. */
  async check<Ts>(property: string, prop: IProperty<Ts> | IAsyncProperty<Ts>, defaultRuns: number): Promise<void> {
    const seed = propertySeed(property);
    const started = performance.now();
    const details = (await fc.check(prop as IAsyncProperty<Ts>, { numRuns: fuzzRuns(defaultRuns), seed })) as RunDetails<Ts>;
    this.figures.push({
      property,
      runs: details.numRuns,
      seed,
      failures: details.failed ? 1 : 0,
      skipped: details.numSkips,
      durationMs: Math.round(performance.now() - started),
      counterexample: details.counterexample ? fc.stringify(details.counterexample).slice(0, 2000) : null,
    });
    this.write();
    // Counterexamples can be megabytes (huge lines): the message keeps their start.
    if (details.failed) {
      const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(`${this.name}: ${property}\n${(fc.defaultReportMessage(details) ?? 'failed').slice(0, 4000)}\n${cause.slice(0, 4000)}`);
    }
  }

  private write(): void {
    const dir = join(ARTIFACTS, 'fuzz');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${this.name}.json`), `${JSON.stringify({
      name: this.name,
      producedAt: new Date().toISOString(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${os.platform()} ${os.release()}, Node ${process.version}`,
      baseSeed: FUZZ_SEED,
      properties: this.figures,
    }, null, 2)}\n`);
  }
}

/** Text that OS tools and pasted outputs really contain, mixed with noise. */
export function toolText(): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 5, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 3, arbitrary: fc.constantFrom('\r\n', '\n', '\r', '\uFEFF', '\u0000', '\t', ' ', ':', '=', '{', '}', '[', ']', '"', ',', '<', '>', '/', '-', '--', '...', 'true', 'false', 'null', '0', '-1', '1e308', 'NaN') },
    { weight: 1, arbitrary: fc.constantFrom('Listing... Done', 'Inst ', 'Conf ', 'Security', 'Status:', 'enabled', 'disabled', 'On', 'Off', 'running', 'error:', '2026-11-28 10:00:00', '2026-11-28T10:00:00Z', '11/28/2026 10:00:00 AM', '/Date(1764324000000)/', '{"a":1}', '[{}]', '<?xml version="1.0"?>', '<stream>', '</stream>', '<update ', '/>', 'Filesystem', '%') },
  );
  return fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
}

/** A recorded output mutated: bytes replaced, lines dropped or repeated, endings changed, cut short. */
export function mutated(text: string): fc.Arbitrary<string> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), with: fc.string({ unit: 'binary', maxLength: 8 }) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('drop-line' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('repeat-line' as const), at: fc.nat(), times: fc.integer({ min: 2, max: 50 }) }),
    fc.record({ kind: fc.constant('crlf' as const) }),
    fc.record({ kind: fc.constant('bom' as const) }),
    fc.record({ kind: fc.constant('nul' as const), at: fc.nat() }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    let t = text;
    for (const e of edits) {
      const at = 'at' in e ? e.at % (t.length + 1) : 0;
      if (e.kind === 'replace') t = t.slice(0, at) + e.with + t.slice(at + e.with.length);
      else if (e.kind === 'cut') t = t.slice(0, at);
      else if (e.kind === 'nul') t = `${t.slice(0, at)}\u0000${t.slice(at)}`;
      else if (e.kind === 'crlf') t = t.replace(/\r?\n/g, '\r\n');
      else if (e.kind === 'bom') t = `\uFEFF${t}`;
      else {
        const lines = t.split('\n');
        const i = e.at % Math.max(1, lines.length);
        if (e.kind === 'drop-line') lines.splice(i, 1);
        else lines.splice(i, 0, ...Array<string>(e.times - 1).fill(lines[i] ?? ''));
        t = lines.join('\n');
      }
    }
    return t;
  });
}

/** Long lines that make careless regular expressions backtrack: one character or word repeated. */
export function hugeLine(maxLength = 200_000): fc.Arbitrary<string> {
  return fc.record({
    unit: fc.constantFrom(' ', 'a', '0', '\t', ':', '=', '.', '-', ' 1', 'a ', '{', '[', '"', '\\', '<a ', 'x="', '\u0000', '\r'),
    length: fc.integer({ min: 10_000, max: maxLength }),
    tail: fc.constantFrom('', '!', '\n', '\r\n', 'x'),
  }).map(({ unit, length, tail }) => unit.repeat(Math.ceil(length / unit.length)) + tail);
}

/**
 * YAML documents for config loaders: values of every shape under the keys a
 * loader knows (so validation, not only parsing, is reached), mutated copies
 * of a real example file, raw text, and alias bombs.
 */
export function configText(keys: readonly string[], example: string): fc.Arbitrary<string> {
  const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
  const scalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('env:HOME', '1m', '0s', '*/5 * * * *', 'wss://x', '127.0.0.1', '-1', '1e999'));
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 6 })),
  }));
  const doc = fc.dictionary(key, value, { maxKeys: 8 });
  return fc.oneof(
    { weight: 4, arbitrary: doc.map((d) => JSON.stringify(d)) },
    { weight: 4, arbitrary: doc.map((d) => Object.entries(d).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join('\n')) },
    { weight: 4, arbitrary: mutated(example) },
    { weight: 2, arbitrary: toolText() },
    { weight: 1, arbitrary: fc.nat({ max: 12 }).map((n) => `a: &a ["x","x","x","x","x","x","x","x","x"]\n${Array.from({ length: n }, (_, i) => `b${i + 1}: &b${i + 1} [${Array(9).fill(`*${i === 0 ? 'a' : `b${i}`}`).join(',')}]`).join('\n')}\n`) },
    { weight: 1, arbitrary: fc.nat({ max: 5000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`) },
  );
}
