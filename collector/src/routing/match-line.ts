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

/**
 * Whether some alert could match both — used by guardrails. Conservative:
 * only two different plain values on the same field rule an overlap out.
 */
export function couldOverlap(a: AlertMatch, b: AlertMatch): boolean {
  for (const fa of a.fields) {
    const fb = b.fields.find((f) => f.field === fa.field);
    if (!fb || fa.field === 'tags') continue;
    const plainA = fa.positive.every((m) => m.equals !== null) ? fa.positive.map((m) => m.equals!) : null;
    const plainB = fb.positive.every((m) => m.equals !== null) ? fb.positive.map((m) => m.equals!) : null;
    if (plainA && plainB && plainA.length > 0 && plainB.length > 0 && !plainA.some((v) => plainB.includes(v))) return false;
    // A value one side requires and the other excludes.
    if (plainA && plainA.length > 0 && plainA.every((v) => fb.negative.some((m) => m.equals === v))) return false;
    if (plainB && plainB.length > 0 && plainB.every((v) => fa.negative.some((m) => m.equals === v))) return false;
  }
  return true;
}

/** Whether the match could reach this plain value of a field (e.g. a rule id). */
export function couldMatchValue(match: AlertMatch, field: MatchField, value: string): boolean {
  const f = match.fields.find((x) => x.field === field);
  if (!f) return true;
  if (f.positive.length > 0 && !f.positive.some((m) => hits(m, value))) return false;
  return f.negative.every((m) => !hits(m, value));
}
