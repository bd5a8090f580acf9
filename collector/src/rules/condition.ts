// Rule conditions: small structured tests, no expression evaluation.
// A test is one line, `<fact> <op> [value]` (e.g. `item.usedPercent >= $warnPercent`),
// combined with `all:` / `any:` / `not:`. Lines are parsed and type-checked
// against the fact tables at load, then compiled into closures.
//
// Logic is three-valued: a fact that is null ("not known") makes its test
// unknown, and an unknown condition neither raises nor clears an alert, so
// an agent that could not read a fact never resolves a real problem.
import { parseDuration } from './duration.js';
import { compileGetter, factType, noteDue } from './facts.js';
import type { FactContext, FactType, InstanceSource } from './facts.js';

export const OPERATORS = ['==', '!=', '>=', '<=', '>', '<', 'in', 'notIn', 'olderThan', 'newerThan', 'versionBelow', 'contains', 'isNull', 'notNull', 'isEmpty', 'notEmpty'] as const;
export type Operator = (typeof OPERATORS)[number];

const UNARY = new Set<Operator>(['isNull', 'notNull', 'isEmpty', 'notEmpty']);

const OPS_BY_TYPE: Record<FactType, ReadonlySet<Operator>> = {
  number: new Set(['==', '!=', '>', '>=', '<', '<=', 'in', 'notIn', 'isNull', 'notNull']),
  string: new Set(['==', '!=', 'in', 'notIn', 'versionBelow', 'isNull', 'notNull']),
  boolean: new Set(['==', '!=', 'isNull', 'notNull']),
  time: new Set(['olderThan', 'newerThan', 'isNull', 'notNull']),
  list: new Set(['isEmpty', 'notEmpty', 'contains', 'isNull', 'notNull']),
};

/** A condition as written in a rule file. */
export type ConditionSpec = string | { all: ConditionSpec[] } | { any: ConditionSpec[] } | { not: ConditionSpec };

export type ConditionNode =
  | { kind: 'all' | 'any'; of: ConditionNode[] }
  | { kind: 'not'; of: ConditionNode }
  | { kind: 'test'; text: string; fact: string; type: FactType; op: Operator; value: ValueRef | null };

/** A literal from the line, or a `$param` filled in per rule (and per override). */
export type ValueRef = { param: string } | { literal: unknown };

/** true, false, or null when a fact it needs is not known. */
export type Test = (ctx: FactContext) => boolean | null;

const LINE = /^\s*([A-Za-z][\w.]*)\s+(==|!=|>=|<=|>|<|notIn|in|olderThan|newerThan|versionBelow|contains|isNull|notNull|isEmpty|notEmpty)(?:\s+(.+?))?\s*$/;

export interface Problem {
  path: string;
  message: string;
}

/** Parses and checks a condition; problems are appended with their path. */
export function parseCondition(spec: unknown, path: string, source: InstanceSource | null, params: Record<string, unknown>, problems: Problem[]): ConditionNode | null {
  if (typeof spec === 'string') return parseLine(spec, path, source, params, problems);
  if (spec && typeof spec === 'object' && !Array.isArray(spec)) {
    const keys = Object.keys(spec);
    const key = keys[0];
    if (keys.length === 1 && (key === 'all' || key === 'any')) {
      const list = (spec as Record<string, unknown>)[key];
      if (!Array.isArray(list) || list.length === 0) {
        problems.push({ path: `${path}.${key}`, message: 'expected a non-empty list of conditions' });
        return null;
      }
      const of = list.map((c, i) => parseCondition(c, `${path}.${key}[${i}]`, source, params, problems));
      return of.every((n): n is ConditionNode => n !== null) ? { kind: key, of } : null;
    }
    if (keys.length === 1 && key === 'not') {
      const of = parseCondition((spec as { not: unknown }).not, `${path}.not`, source, params, problems);
      return of ? { kind: 'not', of } : null;
    }
  }
  problems.push({ path, message: 'expected a test like "item.usedPercent >= 90", or a mapping with one key: all, any or not' });
  return null;
}

function parseLine(line: string, path: string, source: InstanceSource | null, params: Record<string, unknown>, problems: Problem[]): ConditionNode | null {
  const m = LINE.exec(line);
  if (!m) {
    problems.push({ path, message: `cannot read "${line}": expected "<fact> <op> [value]" with op one of ${OPERATORS.join(', ')}` });
    return null;
  }
  const [, fact, opText, valueText] = m as unknown as [string, string, Operator, string | undefined];
  const op = opText;
  const type = factType(fact, source);
  if (!type) {
    const hint = fact.startsWith('item.') && !source ? ' (item.* facts need `each:` on the rule)' : '';
    problems.push({ path, message: `unknown fact "${fact}"${hint}; see the fact list in collector/docs/rules.md` });
    return null;
  }
  if (!OPS_BY_TYPE[type].has(op)) {
    problems.push({ path, message: `"${op}" does not apply to ${fact} (a ${type}); use one of ${[...OPS_BY_TYPE[type]].join(', ')}` });
    return null;
  }
  if (UNARY.has(op)) {
    if (valueText !== undefined) problems.push({ path, message: `"${op}" takes no value` });
    return { kind: 'test', text: line, fact, type, op, value: null };
  }
  if (valueText === undefined) {
    problems.push({ path, message: `"${op}" needs a value` });
    return null;
  }
  let value: ValueRef;
  if (valueText.startsWith('$')) {
    const name = valueText.slice(1);
    if (!(name in params)) {
      problems.push({ path, message: `unknown parameter $${name}; declare it under params` });
      return null;
    }
    const typed = typedValue(type, op, params[name]);
    if ('error' in typed) {
      problems.push({ path, message: `parameter $${name}: ${typed.error}` });
      return null;
    }
    value = { param: name };
  } else {
    const typed = typedValue(type, op, literalText(valueText));
    if ('error' in typed) {
      problems.push({ path, message: typed.error });
      return null;
    }
    value = { literal: typed.value };
  }
  return { kind: 'test', text: line, fact, type, op, value };
}

/** Turns the text after the operator into a JSON-like value: 'quoted', [a, b], true, 12, word. */
function literalText(text: string): unknown {
  const t = text.trim();
  if (t.startsWith('[') && t.endsWith(']')) {
    const inner = t.slice(1, -1).trim();
    return inner === '' ? [] : inner.split(',').map((x) => literalText(x));
  }
  const quoted = /^'(.*)'$|^"(.*)"$/.exec(t);
  if (quoted) return quoted[1] ?? quoted[2] ?? '';
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t;
}

/** Checks a value against what the operator needs; durations become ms. */
export function typedValue(type: FactType, op: Operator, raw: unknown): { value: unknown } | { error: string } {
  if (op === 'olderThan' || op === 'newerThan') {
    const ms = parseDuration(raw);
    return ms === null ? { error: `expected a duration like 26h, got ${JSON.stringify(raw)}` } : { value: ms };
  }
  if (op === 'in' || op === 'notIn') {
    if (!Array.isArray(raw)) return { error: `"${op}" needs a list like [a, b], got ${JSON.stringify(raw)}` };
    const items = raw.map((r) => typedValue(type, '==', r));
    const bad = items.find((i) => 'error' in i);
    if (bad) return bad;
    return { value: items.map((i) => (i as { value: unknown }).value) };
  }
  if (op === 'versionBelow') {
    const text = typeof raw === 'number' ? String(raw) : raw;
    return typeof text === 'string' && versionParts(text) !== null ? { value: text } : { error: `expected a version like 7.14 or '7.14.16703', got ${JSON.stringify(raw)}` };
  }
  if (op === 'contains') return typeof raw === 'string' ? { value: raw } : { error: `expected a word, got ${JSON.stringify(raw)}` };
  if (type === 'number') return typeof raw === 'number' ? { value: raw } : { error: `expected a number, got ${JSON.stringify(raw)}` };
  if (type === 'boolean') return typeof raw === 'boolean' ? { value: raw } : { error: `expected true or false, got ${JSON.stringify(raw)}` };
  return typeof raw === 'string' ? { value: raw } : { error: `expected a word or 'quoted text', got ${JSON.stringify(raw)}` };
}

/** Compiles a checked condition with concrete parameter values. */
export function compileCondition(node: ConditionNode, params: Record<string, unknown>): Test {
  switch (node.kind) {
    case 'all': {
      const tests = node.of.map((n) => compileCondition(n, params));
      return (ctx) => {
        let unknown = false;
        for (const t of tests) {
          const r = t(ctx);
          if (r === false) return false;
          if (r === null) unknown = true;
        }
        return unknown ? null : true;
      };
    }
    case 'any': {
      const tests = node.of.map((n) => compileCondition(n, params));
      return (ctx) => {
        let unknown = false;
        for (const t of tests) {
          const r = t(ctx);
          if (r === true) return true;
          if (r === null) unknown = true;
        }
        return unknown ? null : false;
      };
    }
    case 'not': {
      const test = compileCondition(node.of, params);
      return (ctx) => {
        const r = test(ctx);
        return r === null ? null : !r;
      };
    }
    case 'test':
      return compileTest(node, params);
  }
}

function compileTest(node: Extract<ConditionNode, { kind: 'test' }>, params: Record<string, unknown>): Test {
  const get = compileGetter(node.fact);
  let x: unknown = null;
  if (node.value) {
    if ('literal' in node.value) x = node.value.literal;
    else {
      const typed = typedValue(node.type, node.op, params[node.value.param]);
      if ('error' in typed) throw new Error(`$${node.value.param}: ${typed.error}`);
      x = typed.value;
    }
  }
  const n = x as number;
  switch (node.op) {
    case 'isNull': return (ctx) => get(ctx) === null;
    case 'notNull': return (ctx) => get(ctx) !== null;
    case 'isEmpty': return (ctx) => { const v = get(ctx); return Array.isArray(v) ? v.length === 0 : null; };
    case 'notEmpty': return (ctx) => { const v = get(ctx); return Array.isArray(v) ? v.length > 0 : null; };
    case 'contains': return (ctx) => { const v = get(ctx); return Array.isArray(v) ? v.includes(x) : null; };
    case '==': return (ctx) => { const v = get(ctx); return v === null ? null : v === x; };
    case '!=': return (ctx) => { const v = get(ctx); return v === null ? null : v !== x; };
    case '>': return (ctx) => { const v = get(ctx); return typeof v === 'number' ? v > n : null; };
    case '>=': return (ctx) => { const v = get(ctx); return typeof v === 'number' ? v >= n : null; };
    case '<': return (ctx) => { const v = get(ctx); return typeof v === 'number' ? v < n : null; };
    case '<=': return (ctx) => { const v = get(ctx); return typeof v === 'number' ? v <= n : null; };
    case 'in': { const set = new Set(x as unknown[]); return (ctx) => { const v = get(ctx); return v === null ? null : set.has(v); }; }
    case 'notIn': { const set = new Set(x as unknown[]); return (ctx) => { const v = get(ctx); return v === null ? null : !set.has(v); }; }
    case 'versionBelow': {
      const min = versionParts(String(x))!;
      return (ctx) => { const v = get(ctx); const parts = typeof v === 'string' ? versionParts(v) : null; return parts === null ? null : compareVersions(parts, min) < 0; };
    }
    // Both change their answer once `now - t` passes n, at t + n + 1.
    case 'olderThan': return (ctx) => { const t = timeMs(get(ctx)); if (t === null) return null; noteDue(ctx, t + n + 1); return ctx.now - t > n; };
    case 'newerThan': return (ctx) => { const t = timeMs(get(ctx)); if (t === null) return null; noteDue(ctx, t + n + 1); return ctx.now - t <= n; };
  }
}

/**
 * The numeric parts of a dotted version ("7.14.16703.0" → [7, 14, 16703, 0]),
 * ignoring a build suffix ("24.2.3.471+a12f"); null when it starts with no number.
 */
export function versionParts(v: string): number[] | null {
  const m = /^\s*v?(\d+(?:\.\d+)*)/.exec(v);
  return m ? m[1]!.split('.').map(Number) : null;
}

/** Missing parts count as 0, so 7.14 equals 7.14.0. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Times arrive as ISO strings from snapshots and as ms from the collector's own facts. */
export function timeMs(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}
