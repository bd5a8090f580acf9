// Matching an alert and its device's labels against the tests of an
// ownership line or tuning entry. Pure; every test is compiled once at load.
import type { AlertMatch, FieldMatch, Matcher, MatchField } from './ownership-config.js';

/** What a line can be matched on: the alert's own fields and its device's labels. */
export interface RouteSubject {
  category: string;
  rule: string;
  severity: string;
  site: string | null;
  tags: string[];
  os: string | null;
  /** The inventory chassis: server, workstation, laptop. */
  role: string | null;
}

/** Parses one written test; null with a reason when the regex does not compile. */
export function compileMatcher(text: string): { ok: true; matcher: Matcher } | { ok: false; message: string } {
  const negate = text.startsWith('!');
  const body = negate ? text.slice(1) : text;
  const re = /^\/(.*)\/([imsu]*)$/s.exec(body);
  if (re) {
    try {
      return { ok: true, matcher: { text, negate, equals: null, regex: new RegExp(re[1]!, re[2]) } };
    } catch (err) {
      return { ok: false, message: `invalid regular expression ${body}: ${(err as Error).message.replace(/^Invalid regular expression: .*: /, '')}` };
    }
  }
  if (body === '') return { ok: false, message: 'expected a value, !value or /regex/' };
  return { ok: true, matcher: { text, negate, equals: body, regex: null } };
}

const hits = (m: Matcher, value: string): boolean => (m.regex ? m.regex.test(value) : m.equals === value);

function valuesOf(subject: RouteSubject, field: MatchField): string[] {
  const v = subject[field];
  if (Array.isArray(v)) return v;
  return v === null ? [] : [v];
}

/** A list label (tags) matches a positive test when any value does; a negative test when none does. */
export function fieldMatches(f: FieldMatch, subject: RouteSubject): boolean {
  const values = valuesOf(subject, f.field);
  if (f.positive.length > 0 && !f.positive.some((m) => values.some((v) => hits(m, v)))) return false;
  return f.negative.every((m) => !values.some((v) => hits(m, v)));
}

export function alertMatches(match: AlertMatch, subject: RouteSubject): boolean {
  return match.fields.every((f) => fieldMatches(f, subject));
}

/** "category=security, site!=lab, tags=/^db/" — how a trace shows a match. */
export function describeMatch(match: AlertMatch): string {
  if (match.fields.length === 0) return 'every alert';
  return match.fields.map((f) => {
    const pos = f.positive.map((m) => m.text);
    const parts: string[] = [];
    if (pos.length === 1) parts.push(`${f.field}=${pos[0]}`);
    else if (pos.length > 1) parts.push(`${f.field} in [${pos.join(', ')}]`);
    for (const m of f.negative) parts.push(`${f.field}!=${m.text.slice(1)}`);
    return parts.join(', ');
  }).join(', ');
}

/** What the rule pack says an alert can be: a rule, its category, and a severity one of its levels raises. */
export interface AlertKind {
  rule: string;
  category: string;
  severity: string;
}

/** Whether one value of a single-valued field passes every test written for it. */
const valuePasses = (f: FieldMatch | undefined, value: string): boolean =>
  !f || ((f.positive.length === 0 || f.positive.some((m) => hits(m, value))) && f.negative.every((m) => !hits(m, value)));

const plainValues = (f: FieldMatch): string[] | null =>
  f.positive.length > 0 && f.positive.every((m) => m.equals !== null) ? f.positive.map((m) => m.equals!) : null;

/** Whether one device label could satisfy both fields' tests. Unsure (two regexes) counts as yes. */
function fieldsCouldOverlap(a: FieldMatch, b: FieldMatch): boolean {
  if (a.field === 'tags') {
    // A device has many tags: only a required tag the other side excludes rules an overlap out.
    const excludes = (need: FieldMatch, other: FieldMatch) => {
      const plain = plainValues(need);
      return plain !== null && plain.every((v) => other.negative.some((m) => hits(m, v)));
    };
    return !excludes(a, b) && !excludes(b, a);
  }
  for (const [x, y] of [[a, b], [b, a]] as const) {
    const plain = plainValues(x);
    if (plain) return plain.some((v) => valuePasses(x, v) && valuePasses(y, v));
  }
  return true;
}

/**
 * Whether some alert could match both — used by guardrails. With the rule
 * pack, the alert's rule, category and severity are known together (a
 * backup rule never raises a security alert); device labels are compared
 * field by field, regexes and negations included. Where it cannot be told
 * (two regexes on one label), it says yes: a guardrail errs on refusing.
 */
export function couldOverlap(a: AlertMatch, b: AlertMatch, kinds?: readonly AlertKind[]): boolean {
  const alertFields: MatchField[] = ['rule', 'category', 'severity'];
  if (kinds) {
    const get = (m: AlertMatch, f: MatchField) => m.fields.find((x) => x.field === f);
    const reachable = (m: AlertMatch, k: AlertKind) => valuePasses(get(m, 'rule'), k.rule) && valuePasses(get(m, 'category'), k.category) && valuePasses(get(m, 'severity'), k.severity);
    if (!kinds.some((k) => reachable(a, k) && reachable(b, k))) return false;
  }
  for (const fa of a.fields) {
    if (kinds && alertFields.includes(fa.field)) continue;
    const fb = b.fields.find((f) => f.field === fa.field);
    if (fb && !fieldsCouldOverlap(fa, fb)) return false;
  }
  return true;
}

/** Every (rule, category, severity) a pack's rules can raise. */
export function alertKinds(rules: ReadonlyArray<{ id: string; category: string; levels: ReadonlyArray<{ severity: string }> }>): AlertKind[] {
  return rules.flatMap((r) => [...new Set(r.levels.map((l) => l.severity))].map((severity) => ({ rule: r.id, category: r.category, severity })));
}

/** Whether the match could reach this plain value of a field (e.g. a rule id). */
export function couldMatchValue(match: AlertMatch, field: MatchField, value: string): boolean {
  const f = match.fields.find((x) => x.field === field);
  if (!f) return true;
  if (f.positive.length > 0 && !f.positive.some((m) => hits(m, value))) return false;
  return f.negative.every((m) => !hits(m, value));
}
