// The rule pack: what a rules YAML (or the PUT /api/v1/rules body) holds once
// validated. Validation collects every problem with its path
// (`rules[3].for: expected a duration like 10m`) instead of stopping at the
// first, so one round trip fixes a file.
import { z } from 'zod';
import { parseDuration } from './duration.js';
import { compileCondition, parseCondition } from './condition.js';
import type { ConditionNode, ConditionSpec, Problem } from './condition.js';
import { INSTANCE_SOURCES, factType } from './facts.js';
import type { InstanceSource } from './facts.js';

export const CATEGORIES = ['patch', 'disk', 'backup', 'security', 'availability', 'agent'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Ordered from least to most severe. */
export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

export interface RuleLevel {
  severity: Severity;
  when: ConditionNode;
  spec: ConditionSpec;
}

export interface RuleDefinition {
  id: string;
  category: Category;
  summary: string;
  description: string | null;
  /** One alert per item of this list (e.g. disk.volumes); null for one alert per device. */
  each: string | null;
  source: InstanceSource | null;
  params: Record<string, unknown>;
  /** Most severe first; the first that holds sets the alert's severity. */
  levels: RuleLevel[];
  /** Hysteresis: once raised, the alert stays until this holds (default: no level holds). */
  clear: ConditionNode | null;
  clearSpec: ConditionSpec | null;
  forMs: number;
  manualResolve: boolean;
  labels: Record<string, string>;
  /** Rules this one makes stale on the same device while it fires (their alerts stay open but notify nobody). */
  inhibits: string[];
}

/** Which devices an override applies to; every given field must match. */
export interface GroupMatch {
  tenant?: string[];
  site?: string[];
  os?: string[];
  role?: string[];
  /** The device carries all of these tags. */
  tags?: string[];
}

export interface RuleOverride {
  match: GroupMatch;
  /** null: every rule that declares the overridden params. */
  rules: string[] | null;
  params: Record<string, unknown>;
  forMs: number | null;
  enabled: boolean | null;
}

export interface FlapPolicy {
  /** More state changes than this within the window hold the alert as flapping. */
  maxChanges: number;
  windowMs: number;
}

export interface RulePack {
  flapping: FlapPolicy;
  rules: RuleDefinition[];
  overrides: RuleOverride[];
}

export const DEFAULT_FLAP_POLICY: FlapPolicy = { maxChanges: 3, windowMs: 3_600_000 };

const duration = z.union([z.string(), z.literal(0)]).refine((v) => parseDuration(v) !== null, { message: 'expected a duration like 10m' });
const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));
const ruleId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected lower-case letters, digits and dashes, like disk-full');
const labelMap = z.record(z.string().regex(/^[A-Za-z_][\w-]*$/, 'expected a label name like team'), z.string());
const paramValue = z.union([z.number(), z.string(), z.boolean(), z.array(z.union([z.string(), z.number()]))]);

const ruleSchema = z.object({
  id: ruleId,
  category: z.enum(CATEGORIES),
  summary: z.string().min(1).max(300),
  description: z.string().max(2000).optional(),
  each: z.string().optional(),
  params: z.record(z.string().regex(/^\w+$/, 'expected a parameter name like warnPercent'), paramValue).default({}),
  severity: z.enum(SEVERITIES).optional(),
  when: z.unknown().optional(),
  levels: z.partialRecord(z.enum(SEVERITIES), z.unknown()).optional(),
  clear: z.unknown().optional(),
  for: duration.default('0'),
  manualResolve: z.boolean().default(false),
  labels: labelMap.default({}),
  inhibits: z.array(z.string().min(1).max(100)).max(50).default([]),
}).strict();

const matchSchema = z.object({
  tenant: oneOrMany.optional(),
  site: oneOrMany.optional(),
  os: oneOrMany.optional(),
  role: oneOrMany.optional(),
  tags: oneOrMany.optional(),
}).strict();

const overrideSchema = z.object({
  match: matchSchema.default({}),
  rule: ruleId.optional(),
  rules: z.array(ruleId).min(1).optional(),
  params: z.record(z.string(), paramValue).default({}),
  for: duration.optional(),
  enabled: z.boolean().optional(),
}).strict();

const packSchema = z.object({
  version: z.literal(1).default(1),
  flapping: z.object({ maxChanges: z.number().int().min(1).max(100), window: duration }).strict().optional(),
  rules: z.array(z.unknown()),
  overrides: z.array(z.unknown()).default([]),
}).strict();

/** `['rules', 3, 'for']` → `rules[3].for` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(top level)';
}

function zodProblems(prefix: ReadonlyArray<PropertyKey>, error: z.ZodError): Problem[] {
  return error.issues.map((i) => ({ path: formatPath([...prefix, ...i.path]), message: i.message }));
}

export type PackValidation = { ok: true; pack: RulePack } | { ok: false; problems: Problem[] };

/** Validates a parsed rules document (from YAML or JSON). */
export function validateRulePack(raw: unknown): PackValidation {
  const problems: Problem[] = [];
  const top = packSchema.safeParse(raw);
  if (!top.success) return { ok: false, problems: zodProblems([], top.error) };

  const rules: RuleDefinition[] = [];
  const seen = new Map<string, number>();
  top.data.rules.forEach((r, i) => {
    const rule = validateRule(r, i, problems);
    if (!rule) return;
    if (seen.has(rule.id)) problems.push({ path: `rules[${i}].id`, message: `duplicate rule id "${rule.id}" (first at rules[${seen.get(rule.id)}])` });
    seen.set(rule.id, i);
    rules.push(rule);
  });

  const byId = new Map(rules.map((r) => [r.id, r]));
  rules.forEach((r) => r.inhibits.forEach((id, j) => {
    if (!byId.has(id)) problems.push({ path: `rules[${seen.get(r.id)}].inhibits[${j}]`, message: `no rule "${id}" in this pack` });
    else if (id === r.id) problems.push({ path: `rules[${seen.get(r.id)}].inhibits[${j}]`, message: 'a rule cannot inhibit itself' });
  }));
  const overrides: RuleOverride[] = [];
  top.data.overrides.forEach((o, i) => {
    const parsed = validateOverride(o, i, byId, problems);
    if (parsed) overrides.push(parsed);
  });

  if (problems.length > 0) return { ok: false, problems };
  const f = top.data.flapping;
  return {
    ok: true,
    pack: { flapping: f ? { maxChanges: f.maxChanges, windowMs: parseDuration(f.window)! } : DEFAULT_FLAP_POLICY, rules, overrides },
  };
}

function validateRule(raw: unknown, i: number, problems: Problem[]): RuleDefinition | null {
  const parsed = ruleSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...zodProblems(['rules', i], parsed.error));
    return null;
  }
  const r = parsed.data;
  const at = `rules[${i}]`;
  const before = problems.length;
  let source: InstanceSource | null = null;
  if (r.each !== undefined) {
    source = INSTANCE_SOURCES[r.each] ?? null;
    if (!source) problems.push({ path: `${at}.each`, message: `expected one of ${Object.keys(INSTANCE_SOURCES).join(', ')}` });
  }
  const levels: RuleLevel[] = [];
  if (r.levels !== undefined) {
    if (r.when !== undefined || r.severity !== undefined) problems.push({ path: at, message: 'give either levels, or when with severity, not both' });
    for (const severity of [...SEVERITIES].reverse()) {
      const spec = r.levels[severity];
      if (spec === undefined) continue;
      const when = parseCondition(spec, `${at}.levels.${severity}`, source, r.params, problems);
      if (when) levels.push({ severity, when, spec: spec as ConditionSpec });
    }
    if (Object.keys(r.levels).length === 0) problems.push({ path: `${at}.levels`, message: 'expected at least one of info, warning, critical' });
  } else if (r.when === undefined || r.severity === undefined) {
    problems.push({ path: at, message: 'needs when and severity (or levels: {critical: …, warning: …})' });
  } else {
    const when = parseCondition(r.when, `${at}.when`, source, r.params, problems);
    if (when) levels.push({ severity: r.severity, when, spec: r.when as ConditionSpec });
  }
  const clear = r.clear === undefined ? null : parseCondition(r.clear, `${at}.clear`, source, r.params, problems);
  for (const placeholder of r.summary.matchAll(/\{([^}]*)\}/g)) {
    const path = placeholder[1]!;
    if (!path.startsWith('$') && !factType(path, source)) problems.push({ path: `${at}.summary`, message: `unknown fact {${path}}` });
    if (path.startsWith('$') && !(path.slice(1) in r.params)) problems.push({ path: `${at}.summary`, message: `unknown parameter {${path}}` });
  }
  if (problems.length > before) return null;
  return {
    id: r.id, category: r.category, summary: r.summary, description: r.description ?? null, each: r.each ?? null, source,
    params: r.params, levels, clear, clearSpec: (r.clear as ConditionSpec | undefined) ?? null, forMs: parseDuration(r.for)!,
    manualResolve: r.manualResolve, labels: r.labels, inhibits: r.inhibits,
  };
}

function validateOverride(raw: unknown, i: number, byId: Map<string, RuleDefinition>, problems: Problem[]): RuleOverride | null {
  const parsed = overrideSchema.safeParse(raw);
  const at = `overrides[${i}]`;
  if (!parsed.success) {
    problems.push(...zodProblems(['overrides', i], parsed.error));
    return null;
  }
  const o = parsed.data;
  if (o.rule && o.rules) problems.push({ path: at, message: 'give rule or rules, not both' });
  const ids = o.rule ? [o.rule] : (o.rules ?? null);
  const before = problems.length;
  for (const id of ids ?? []) if (!byId.has(id)) problems.push({ path: `${at}.${o.rule ? 'rule' : 'rules'}`, message: `no rule "${id}" in this pack` });
  if (problems.length > before) return null;
  const targets = ids ? ids.map((id) => byId.get(id)!) : [...byId.values()];
  for (const name of Object.keys(o.params)) {
    if (!targets.some((t) => name in t.params)) problems.push({ path: `${at}.params.${name}`, message: `no ${ids ? `rule ${ids.join(', ')}` : 'rule'} declares parameter ${name}` });
  }
  // Compile every affected rule with the overridden values so a wrong type is caught now, not per device.
  for (const t of targets) {
    const params = { ...t.params, ...pick(o.params, Object.keys(t.params)) };
    try {
      for (const l of t.levels) compileCondition(l.when, params);
      if (t.clear) compileCondition(t.clear, params);
    } catch (err) {
      problems.push({ path: `${at}.params`, message: `rule ${t.id}: ${(err as Error).message}` });
    }
  }
  if (problems.length > before) return null;
  return { match: o.match, rules: ids, params: o.params, forMs: o.for === undefined ? null : parseDuration(o.for), enabled: o.enabled ?? null };
}

function pick(from: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in from) out[k] = from[k];
  return out;
}

/** The overrides of one layer validated against the rules of a pack (for the collector config's `rules.overrides`). */
export function validateOverrides(raw: unknown[], rules: RuleDefinition[]): { ok: true; overrides: RuleOverride[] } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const byId = new Map(rules.map((r) => [r.id, r]));
  const overrides: RuleOverride[] = [];
  raw.forEach((o, i) => {
    const parsed = validateOverride(o, i, byId, problems);
    if (parsed) overrides.push(parsed);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, overrides };
}
