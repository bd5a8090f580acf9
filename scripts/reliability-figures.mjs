#!/usr/bin/env node
// Prints, as markdown, the figures the test suite wrote: fuzzing counts from
// test-artifacts/fuzz/*.json, and any other figure file a test writes to
// test-artifacts/*.json: either an object with a `figures` list of
// {name, value, unit?}, or any JSON object, whose numbers and short values are
// listed by their path (e.g. reconnect-spread.json from faults/crowd-restart).
// Usage: node scripts/reliability-figures.mjs [artifacts-dir]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2] ?? join(root, 'test-artifacts');

const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    console.error(`skipping ${file}: ${err.message}`);
    return null;
  }
};
const cell = (v) => String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const number = (n) => n.toLocaleString('en-US');

/** Leaf values of a plain JSON object by path; short lists of scalars stay one value. */
function flatten(value, path = '') {
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object') && value.length <= 40) return [{ name: path, value: value.join(', ') }];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => flatten(v, path ? `${path}.${k}` : k));
  return [{ name: path, value }];
}

const out = [];
const fuzzDir = join(dir, 'fuzz');
const fuzz = existsSync(fuzzDir) ? readdirSync(fuzzDir).filter((f) => f.endsWith('.json')).sort().map((f) => readJson(join(fuzzDir, f))).filter(Boolean) : [];
if (fuzz.length > 0) {
  const produced = fuzz.map((f) => f.producedAt).sort();
  out.push(`### Inputs fuzzed`, '');
  out.push(`Suites finished ${produced[0]} – ${produced.at(-1)} on ${[...new Set(fuzz.map((f) => f.machine))].join('; ')}; base seed ${[...new Set(fuzz.map((f) => f.baseSeed))].join(', ')}.`, '');
  out.push('| suite | properties | inputs run | failures | time (s) |', '| --- | ---: | ---: | ---: | ---: |');
  let total = { properties: 0, runs: 0, failures: 0, ms: 0 };
  for (const f of fuzz) {
    const runs = f.properties.reduce((a, p) => a + p.runs, 0);
    const failures = f.properties.reduce((a, p) => a + p.failures, 0);
    const ms = f.properties.reduce((a, p) => a + p.durationMs, 0);
    total = { properties: total.properties + f.properties.length, runs: total.runs + runs, failures: total.failures + failures, ms: total.ms + ms };
    out.push(`| ${cell(f.name)} | ${f.properties.length} | ${number(runs)} | ${failures} | ${(ms / 1000).toFixed(1)} |`);
  }
  out.push(`| **all** | **${total.properties}** | **${number(total.runs)}** | **${total.failures}** | **${(total.ms / 1000).toFixed(1)}** |`, '');
  const failed = fuzz.flatMap((f) => f.properties.filter((p) => p.failures > 0).map((p) => `- ${f.name}: ${p.property} (seed ${p.seed}): ${String(p.counterexample).slice(0, 120)}`));
  if (failed.length > 0) out.push('Failing properties in this run:', '', ...failed, '');
}

const others = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
for (const f of others) {
  const doc = readJson(join(dir, f));
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) continue;
  if (!Array.isArray(doc.figures)) doc.figures = flatten(doc);
  out.push(`### ${cell(doc.title ?? f.replace(/\.json$/, ''))}`, '');
  if (doc.producedAt || doc.machine) out.push(`Produced ${doc.producedAt ?? '(time not recorded)'}${doc.machine ? ` on ${doc.machine}` : ''}.`, '');
  out.push('| figure | value |', '| --- | ---: |');
  for (const x of doc.figures) out.push(`| ${cell(x.name)} | ${cell(typeof x.value === 'number' ? number(x.value) : x.value)}${x.unit ? ` ${cell(x.unit)}` : ''} |`);
  out.push('');
}

if (out.length === 0) {
  console.error(`no figure files under ${dir}; run the tests first (e.g. npx vitest run --project agent test/fuzz)`);
  process.exit(1);
}
process.stdout.write(`${out.join('\n')}\n`);
