// Tuning by internal IT: keep an alert class, hand it off, mute it for a
// while, or change a threshold for a device group. Each change becomes an
// entry in the ownership config's `tuning` list, checked against the
// guardrails the provider set by contract. Pure: document in, document out.
import { checkOwnership, compileMatch } from './load-ownership.js';
import { alertKinds, couldMatchValue, couldOverlap, describeMatch } from './match-line.js';
import type { AlertKind } from './match-line.js';
import type { RuleDefinition } from '../rules/rule-pack.js';
import type { MatchField, OwnershipConfig, TuningKind } from './ownership-config.js';
import { lineLabel } from './routing-trace.js';

export interface TuningRequest {
  action: TuningKind;
  match?: Partial<Record<MatchField, string | string[]>>;
  reason: string;
  /** ISO time; required for mute. */
  until?: string;
  rule?: string;
  params?: Record<string, number | string | boolean>;
  for?: string;
}

export type TuningResult =
  | { ok: true; document: Record<string, unknown>; config: OwnershipConfig; entry: Record<string, unknown>; summary: string }
  | { ok: false; kind: 'guardrail'; guardrail: string; message: string }
  | { ok: false; kind: 'invalid'; problems: string[] };

/** Mutes end: a forgotten mute is how alerts stop reaching anyone. */
export const MAX_MUTE_DAYS = 90;

export function describeTuning(r: TuningRequest, matchText: string): string {
  switch (r.action) {
    case 'keep': return `keep ${matchText} with internal IT (${r.reason})`;
    case 'handoff': return `hand off ${matchText} to the provider (${r.reason})`;
    case 'mute': return `mute ${matchText} until ${r.until} (${r.reason})`;
    case 'threshold': return `set ${r.rule} ${Object.entries(r.params ?? {}).map(([k, v]) => `${k}=${v}`).join(', ')}${r.for ? ` for ${r.for}` : ''} on ${matchText} (${r.reason})`;
  }
}

/**
 * The guardrail a change would break, with words for the person who tried.
 * `kinds` (from the rule pack) tell what a match can actually reach: a
 * change naming a backup rule cannot touch a line for security alerts.
 */
export function guardrailViolation(config: OwnershipConfig, r: TuningRequest, kinds?: readonly AlertKind[]): { guardrail: string; message: string } | null {
  const problems: Array<[string, string]> = [];
  const match = compileMatch(r.match ?? {}, ['match'], problems);
  if (problems.length > 0) return null; // reported as invalid by validation
  const g = config.guardrails;
  if (r.action === 'keep' || r.action === 'handoff') {
    for (const line of config.lines) {
      if (!line.id || !g.lockedLines.includes(line.id)) continue;
      if (couldOverlap(match, line.match, kinds)) {
        return {
          guardrail: `lockedLines: ${line.id}`,
          message: `guardrail lockedLines: ${lineLabel(line)} (${describeMatch(line.match)}) is set by the contract and this ${r.action} could change alerts it owns; narrow the match so it excludes them`,
        };
      }
    }
  }
  if (r.action === 'mute') {
    // With the pack, only what the mute can reach counts; without it, any value the match does not exclude.
    const reached = kinds?.filter((k) => couldMatchValue(match, 'rule', k.rule) && couldMatchValue(match, 'category', k.category) && couldMatchValue(match, 'severity', k.severity));
    const could = (field: 'rule' | 'category' | 'severity', value: string) =>
      reached ? reached.some((k) => k[field] === value) : couldMatchValue(match, field, value);
    for (const rule of g.unmutable.rules) {
      if (could('rule', rule)) return { guardrail: `unmutable.rules: ${rule}`, message: `guardrail unmutable.rules: ${rule} may not be muted, and this mute could cover it; name the rules to mute` };
    }
    for (const category of g.unmutable.categories) {
      if (could('category', category)) return { guardrail: `unmutable.categories: ${category}`, message: `guardrail unmutable.categories: ${category} alerts may not be muted, and this mute could cover them` };
    }
    for (const severity of g.unmutable.severities) {
      if (could('severity', severity)) return { guardrail: `unmutable.severities: ${severity}`, message: `guardrail unmutable.severities: ${severity} alerts may not be muted, and this mute could cover them; add severity: [warning, info]` };
    }
  }
  if (r.action === 'threshold' && r.rule && g.fixedThresholds.includes(r.rule)) {
    return { guardrail: `fixedThresholds: ${r.rule}`, message: `guardrail fixedThresholds: the thresholds of ${r.rule} are set by the contract` };
  }
  return null;
}

/**
 * A threshold change is one rule (`rule`) on a device group (`match`: site,
 * tags, os, role). The rule written inside `match`, as a form that picks
 * "which alerts" naturally sends it, is taken as `rule`; anything that
 * cannot be one rule is refused with the shape to use.
 */
export function normalizeThreshold(r: TuningRequest): { ok: true; request: TuningRequest } | { ok: false; problems: string[] } {
  if (r.action !== 'threshold' || r.match?.rule === undefined) return { ok: true, request: r };
  const { rule: inMatch, ...devices } = r.match;
  const single = typeof inMatch === 'string' ? inMatch : inMatch.length === 1 ? inMatch[0]! : null;
  if (single === null || /^[!/]/.test(single)) {
    return { ok: false, problems: ['body/match.rule: a threshold change applies to one rule; give it as body.rule (e.g. "rule": "disk-full") and the device group in body.match (site, tags, os, role)'] };
  }
  if (r.rule !== undefined && r.rule !== single) {
    return { ok: false, problems: [`body/match.rule: names ${single} but body.rule names ${r.rule}; a threshold change applies to one rule, give it once as body.rule`] };
  }
  return { ok: true, request: { ...r, rule: single, match: devices } };
}

/** Applies a request to the current document: a new document with one more tuning entry. */
export function applyTuning(input: {
  document: Record<string, unknown>; config: OwnershipConfig; request: TuningRequest; id: string; by: string; at: number;
  /** The rule pack in force: what a match can reach is judged against it. */
  rules?: readonly RuleDefinition[];
}): TuningResult {
  const normalized = normalizeThreshold(input.request);
  if (!normalized.ok) return { ok: false, kind: 'invalid', problems: normalized.problems };
  const r = normalized.request;
  const problems: string[] = [];
  if (r.action === 'mute') {
    const until = r.until ? Date.parse(r.until) : Number.NaN;
    if (Number.isNaN(until)) problems.push('body/until: a mute needs an end, as an ISO time');
    else if (until <= input.at) problems.push('body/until: must be in the future');
    else if (until - input.at > MAX_MUTE_DAYS * 86_400_000) problems.push(`body/until: a mute lasts at most ${MAX_MUTE_DAYS} days`);
  }
  if (r.action === 'threshold' && !r.rule) problems.push('body/rule: a threshold change names its rule');
  if (problems.length > 0) return { ok: false, kind: 'invalid', problems };

  const entry: Record<string, unknown> = {
    id: input.id, kind: r.action, match: r.match ?? {}, reason: r.reason,
    ...(r.until ? { until: new Date(Date.parse(r.until)).toISOString() } : {}),
    ...(r.rule ? { rule: r.rule } : {}),
    ...(r.params ? { params: r.params } : {}),
    ...(r.for ? { for: r.for } : {}),
    by: input.by, at: new Date(input.at).toISOString(),
  };
  const tuning = Array.isArray(input.document.tuning) ? input.document.tuning : [];
  // Newest first: a more recent decision by internal IT wins over an older one.
  const document = { ...input.document, tuning: [entry, ...tuning] };
  const checked = checkOwnership(document, 'body');
  if (!checked.ok) {
    return { ok: false, kind: 'invalid', problems: checked.problems.map((p) => p.replace(/^body: tuning\[0\]\./, 'body/').replace(/^body: tuning\[0\]/, 'body')) };
  }
  // Checked after validation, so a typo in the match is reported as such rather than as a broader match.
  const violation = guardrailViolation(input.config, r, input.rules ? alertKinds(input.rules) : undefined);
  if (violation) return { ok: false, kind: 'guardrail', ...violation };
  const matchProblems: Array<[string, string]> = [];
  const matchText = describeMatch(compileMatch(r.match ?? {}, ['match'], matchProblems));
  return { ok: true, document, config: checked.config, entry, summary: describeTuning(r, matchText) };
}

/** The document without one tuning entry (a revert), or null when it is gone already. */
export function removeTuning(document: Record<string, unknown>, id: string): Record<string, unknown> | null {
  const tuning = Array.isArray(document.tuning) ? (document.tuning as Array<{ id?: string }>) : [];
  if (!tuning.some((t) => t.id === id)) return null;
  return { ...document, tuning: tuning.filter((t) => t.id !== id) };
}

