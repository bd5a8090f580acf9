// Reading rule packs from YAML (or JSON, which is YAML too): the default
// pack shipped beside the code, a file named in the collector config, or a
// PUT /api/v1/rules body.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readYaml } from '../yaml-text.js';
import { CollectorError } from '../errors.js';
import { validateRulePack, validateOverrides } from './rule-pack.js';
import type { RuleOverride, RulePack } from './rule-pack.js';

/** collector/rules/default-rules.yaml; the same relative path from src/rules and dist/rules. */
export const DEFAULT_RULES_FILE = fileURLToPath(new URL('../../rules/default-rules.yaml', import.meta.url));

export type PackParse = { ok: true; pack: RulePack } | { ok: false; problems: string[] };

/** Parses and validates rules text; each problem is `<name>: <path>: <what is wrong>`. */
export function parseRulePack(text: string, name: string): PackParse {
  const read = readYaml(text, name);
  if (!read.ok) return { ok: false, problems: [read.problem] };
  return checkRulePack(read.value, name);
}

/** Validates an already parsed document (a JSON request body). */
export function checkRulePack(raw: unknown, name: string): PackParse {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [`${name}: expected a mapping with a rules list at the top level`] };
  }
  const result = validateRulePack(raw);
  return result.ok ? result : { ok: false, problems: result.problems.map((p) => `${name}: ${p.path}: ${p.message}`) };
}

/** Loads a rules file, refusing to start with every problem listed. */
export function loadRulePackFile(file: string): { pack: RulePack; text: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CollectorError('COL_ERR_CONFIG', `cannot read rules ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
  const parsed = parseRulePack(text, file);
  if (!parsed.ok) throw new CollectorError('COL_ERR_RULES_INVALID', `invalid rules ${file}:\n${parsed.problems.map((p) => `  ${p}`).join('\n')}`);
  return { pack: parsed.pack, text };
}

/** The collector config's `rules.overrides`, checked against a pack. */
export function checkConfigOverrides(raw: unknown[], pack: RulePack): { ok: true; overrides: RuleOverride[] } | { ok: false; problems: string[] } {
  const result = validateOverrides(raw, pack.rules);
  return result.ok ? result : { ok: false, problems: result.problems.map((p) => `collector config: rules.${p.path}: ${p.message}`) };
}
