// A rule pack compiled for evaluation. Overrides make thresholds differ per
// tenant and device group, so compiled rules are cached per combination of
// matching overrides: a fleet has few distinct combinations, and evaluation
// of a snapshot never re-parses or re-resolves anything.
import { compileCondition } from './condition.js';
import type { Test } from './condition.js';
import { compileGetter, factType } from './facts.js';
import type { DeviceLabels, FactContext, InstanceSource } from './facts.js';
import type { Category, FlapPolicy, GroupMatch, RuleDefinition, RuleOverride, RulePack, Severity } from './rule-pack.js';

export interface CompiledRule {
  id: string;
  category: Category;
  forMs: number;
  manualResolve: boolean;
  labels: Record<string, string>;
  source: InstanceSource | null;
  levels: Array<{ severity: Severity; test: Test }>;
  clear: Test | null;
  summary: (ctx: FactContext) => string;
  instanceOf: (item: Record<string, unknown>) => string;
}

const MAX_CACHED_COMBINATIONS = 4096;

export class CompiledRuleSet {
  private readonly cache = new Map<string, CompiledRule[]>();
  readonly byId: ReadonlyMap<string, RuleDefinition>;

  /** `overrides` are applied in order after the pack's own; later ones win. */
  constructor(readonly pack: RulePack, readonly extraOverrides: RuleOverride[] = []) {
    this.byId = new Map(pack.rules.map((r) => [r.id, r]));
  }

  get flapping(): FlapPolicy {
    return this.pack.flapping;
  }

  /** The rules as they apply to a device with these labels (disabled ones left out). */
  forDevice(labels: DeviceLabels): CompiledRule[] {
    let key = '';
    const all = this.allOverrides();
    for (let i = 0; i < all.length; i++) if (groupMatches(all[i]!.match, labels)) key += `${i},`;
    let rules = this.cache.get(key);
    if (!rules) {
      if (this.cache.size >= MAX_CACHED_COMBINATIONS) this.cache.clear();
      rules = this.compile(key === '' ? [] : key.slice(0, -1).split(',').map((i) => all[Number(i)]!));
      this.cache.set(key, rules);
    }
    return rules;
  }

  private overridesList: RuleOverride[] | null = null;
  private allOverrides(): RuleOverride[] {
    return (this.overridesList ??= [...this.pack.overrides, ...this.extraOverrides]);
  }

  private compile(applied: RuleOverride[]): CompiledRule[] {
    const out: CompiledRule[] = [];
    for (const def of this.pack.rules) {
      const r = resolveRule(def, applied);
      if (r.enabled) out.push(compileRule(def, r.params, r.forMs));
    }
    return out;
  }

  /**
   * A rule's parameters as they apply to a device with these labels, after
   * every matching override; null when the pack has no such rule. For
   * reports that state the threshold a device is held to.
   */
  settingsFor(ruleId: string, labels: DeviceLabels): ResolvedRule | null {
    const def = this.byId.get(ruleId);
    if (!def) return null;
    return resolveRule(def, this.allOverrides().filter((o) => groupMatches(o.match, labels)));
  }
}

export interface ResolvedRule {
  params: Record<string, unknown>;
  forMs: number;
  enabled: boolean;
}

/** A rule with the overrides that apply, in order; later ones win. */
function resolveRule(def: RuleDefinition, applied: readonly RuleOverride[]): ResolvedRule {
  let params = def.params;
  let forMs = def.forMs;
  let enabled = true;
  for (const o of applied) {
    if (o.rules && !o.rules.includes(def.id)) continue;
    // Without a rule list an override reaches every rule: its params set those a rule declares.
    const own = Object.keys(o.params).filter((k) => k in def.params);
    if (own.length > 0) params = { ...params, ...Object.fromEntries(own.map((k) => [k, o.params[k]])) };
    if (o.forMs !== null) forMs = o.forMs;
    if (o.enabled !== null) enabled = o.enabled;
  }
  return { params, forMs, enabled };
}

export function compileRule(def: RuleDefinition, params: Record<string, unknown>, forMs: number): CompiledRule {
  const key = def.source?.key ?? [];
  return {
    id: def.id,
    category: def.category,
    forMs,
    manualResolve: def.manualResolve,
    labels: def.labels,
    source: def.source,
    levels: def.levels.map((l) => ({ severity: l.severity, test: compileCondition(l.when, params) })),
    clear: def.clear ? compileCondition(def.clear, params) : null,
    summary: compileSummary(def.summary, params),
    instanceOf: key.length === 1
      ? (item) => String(item[key[0]!] ?? '')
      : (item) => key.map((k) => String(item[k] ?? '')).join('/'),
  };
}

export function groupMatches(match: GroupMatch, labels: DeviceLabels): boolean {
  if (match.tenant && !match.tenant.includes(labels.tenant)) return false;
  if (match.site && (labels.site === null || !match.site.includes(labels.site))) return false;
  if (match.os && (labels.os === null || !match.os.includes(labels.os))) return false;
  if (match.role && (labels.role === null || !match.role.includes(labels.role))) return false;
  if (match.tags && !match.tags.every((t) => labels.tags.includes(t))) return false;
  return true;
}

/** "{item.mount} is {item.usedPercent}% full" → a function of the facts. */
function compileSummary(template: string, params: Record<string, unknown>): (ctx: FactContext) => string {
  const parts: Array<string | ((ctx: FactContext) => string)> = [];
  let last = 0;
  for (const m of template.matchAll(/\{([^}]*)\}/g)) {
    parts.push(template.slice(last, m.index));
    const path = m[1]!;
    if (path.startsWith('$')) parts.push(String(params[path.slice(1)]));
    else {
      const get = compileGetter(path);
      const isTime = factType(path, null) === 'time' || path === 'item.firstSeenAt' || /At$/.test(path);
      parts.push((ctx) => showFact(get(ctx), isTime));
    }
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  return (ctx) => parts.map((p) => (typeof p === 'string' ? p : p(ctx))).join('');
}

function showFact(v: unknown, isTime: boolean): string {
  if (v === null || v === undefined) return 'unknown';
  if (typeof v === 'number') return isTime ? new Date(v).toISOString() : String(Math.round(v * 10) / 10);
  if (Array.isArray(v)) return v.join(', ');
  return String(v);
}
