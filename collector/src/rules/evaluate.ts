// The pure core of the rules stage: one device's facts, its rules and its
// current alert records in; changed records and recorded transitions out.
// No clock, no ids, no I/O of its own: `now` and `newId` are handed in, so
// tests replay sequences of snapshots with a fake clock.
import type { CompiledRule } from './compile-rules.js';
import { factRoot, noteDue } from './facts.js';
import type { DeviceFacts, FactContext } from './facts.js';
import { ACTIVE_STATES, alertKey, emptyTracking, record } from './alert-state.js';
import type { AlertState, AlertTransition } from './alert-state.js';
import { isFlapping, pruneChanges, quietLongEnough, withChange } from './flapping.js';
import { severityRank } from './rule-pack.js';
import type { FlapPolicy, Severity } from './rule-pack.js';
import { formatDuration } from './duration.js';

export interface EvaluationInput {
  rules: CompiledRule[];
  facts: DeviceFacts;
  /** The device's current alert records (open ones, and the newest resolved one per key). */
  previous: AlertState[];
  now: number;
  flapping: FlapPolicy;
  newId: () => string;
}

export interface EvaluationResult {
  /** Records created or changed, to be saved. */
  changed: AlertState[];
  /** Pending records whose condition cleared before `for` elapsed, to be removed. */
  cancelled: AlertState[];
  transitions: AlertTransition[];
  /**
   * The earliest later time at which evaluating the same facts again could
   * change something (a time threshold passes, a `for` elapses, a snooze
   * ends, a flapping alert has been quiet for its window); null: only new
   * facts can.
   */
  dueAt?: number | null;
}

/** What one rule says about one instance right now. */
interface Verdict {
  /** The most severe level that holds, or null. */
  level: Severity | null;
  /** The alert may resolve: no level holds and the clear condition (hysteresis) holds. */
  cleared: boolean;
  /** Rendered only when a record changes: most evaluations change nothing. */
  summary: () => string;
  cause: string;
}

interface Env {
  now: number;
  facts: DeviceFacts;
  flapping: FlapPolicy;
  newId: () => string;
  out: EvaluationResult;
}

export function evaluateDevice(input: EvaluationInput): EvaluationResult {
  const out: EvaluationResult = { changed: [], cancelled: [], transitions: [] };
  const env: Env = { now: input.now, facts: input.facts, flapping: input.flapping, newId: input.newId, out };
  const { tenantId, deviceId } = input.facts;
  const previous = new Map<string, AlertState>();
  for (const p of input.previous) previous.set(p.key, p);
  const handled = new Set<string>();
  const root = factRoot(input.facts, input.now);
  const ctx: FactContext = { now: input.now, root, item: null, updateFirstSeen: input.facts.updateFirstSeen };

  for (const rule of input.rules) {
    if (!rule.source) {
      const key = alertKey(tenantId, deviceId, rule.id, '');
      handled.add(key);
      ctx.item = null;
      step(env, rule, key, '', verdictOf(rule, ctx), previous.get(key));
      continue;
    }
    const items = listAt(root as unknown as Record<string, unknown>, rule.source.path);
    for (const item of items ?? []) {
      const instance = rule.instanceOf(item);
      const key = alertKey(tenantId, deviceId, rule.id, instance);
      if (handled.has(key)) continue;
      handled.add(key);
      ctx.item = item;
      step(env, rule, key, instance, verdictOf(rule, ctx), previous.get(key));
    }
    // An item that is gone from a topic read in full (state ok) is cleared: the
    // volume was unmounted, the update installed. From a topic that could not
    // be read it is merely unknown, and its alert is left as it is.
    const topic = rule.source.topic;
    const topicOk = topic === null ? items !== null : root[topic]?.state === 'ok';
    if (!topicOk) continue;
    for (const p of input.previous) {
      if (p.ruleId !== rule.id || handled.has(p.key)) continue;
      handled.add(p.key);
      step(env, rule, p.key, p.instance, { level: null, cleared: true, summary: () => p.summary, cause: `${p.instance} is no longer reported` }, p);
    }
  }

  // Records of rules that no longer apply (removed from the pack, disabled by an override).
  const rules = new Set(input.rules.map((r) => r.id));
  for (const p of input.previous) {
    if (handled.has(p.key) || p.status === 'resolved') continue;
    if (rules.has(p.ruleId) && p.instance !== '') continue;
    const cause = rules.has(p.ruleId) ? 'no longer evaluated' : `rule ${p.ruleId} no longer applies to this device`;
    if (p.status === 'pending') cancel(env, p, cause);
    else resolve(env, touch(p, env.now), cause);
  }
  out.dueAt = dueAt(input, out, ctx);
  return out;
}

/** When the records as they now are move on their own, or a time test seen changes its answer. */
function dueAt(input: EvaluationInput, out: EvaluationResult, ctx: FactContext): number | null {
  const finals = new Map<string, AlertState>();
  for (const p of input.previous) finals.set(p.key, p);
  for (const s of out.changed) finals.set(s.key, s);
  for (const c of out.cancelled) finals.delete(c.key);
  const rules = new Map(input.rules.map((r) => [r.id, r]));
  for (const s of finals.values()) {
    if (s.status === 'snoozed' && s.snoozedUntil !== null) noteDue(ctx, s.snoozedUntil);
    if (s.flapping && s.tracking.clearSince !== null) noteDue(ctx, s.tracking.clearSince + input.flapping.windowMs);
    const rule = rules.get(s.ruleId);
    if (!rule) continue;
    if (s.status === 'pending') noteDue(ctx, s.pendingSince + rule.forMs);
    if (s.tracking.lowerSince !== null) noteDue(ctx, s.tracking.lowerSince + rule.forMs);
  }
  return ctx.dueAt ?? null;
}

function listAt(root: Record<string, unknown>, path: string): Array<Record<string, unknown>> | null {
  let v: unknown = root;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return null;
    v = (v as Record<string, unknown>)[part];
  }
  return Array.isArray(v) ? (v as Array<Record<string, unknown>>) : null;
}

/** null when the facts are not known well enough to raise or clear anything. */
function verdictOf(rule: CompiledRule, ctx: FactContext): Verdict | null {
  let unknown = false;
  for (const l of rule.levels) {
    const r = l.test(ctx);
    if (r === true) return { level: l.severity, cleared: false, summary: () => rule.summary(ctx), cause: 'condition holds' };
    if (r === null) unknown = true;
  }
  if (rule.clear) {
    const c = rule.clear(ctx);
    if (c === null) return null;
    return { level: null, cleared: c, summary: () => '', cause: c ? 'clear condition holds' : '' };
  }
  return unknown ? null : { level: null, cleared: true, summary: () => '', cause: 'condition no longer holds' };
}

function touch(p: AlertState, now: number): AlertState {
  return { ...p, tracking: { ...p.tracking, changes: [...p.tracking.changes] }, updatedAt: now };
}

function step(env: Env, rule: CompiledRule, key: string, instance: string, v: Verdict | null, p: AlertState | undefined): void {
  if (v === null) return;
  const { now, out } = env;

  if (!p || p.status === 'resolved') {
    if (p?.tracking.rearm) {
      if (v.cleared) {
        const s = touch(p, now);
        s.tracking.rearm = false;
        out.changed.push(s);
      }
      return;
    }
    if (!v.level) return;
    const summary = v.summary();
    const s: AlertState = {
      id: env.newId(), key, tenantId: env.facts.tenantId, deviceId: env.facts.deviceId, ruleId: rule.id, instance,
      category: rule.category, severity: v.level, status: 'pending', flapping: false, summary, labels: rule.labels,
      pendingSince: now, firedAt: null, resolvedAt: null, updatedAt: now, ack: null, assignee: null, snoozedUntil: null,
      tracking: p ? { ...emptyTracking(), changes: pruneChanges(p.tracking.changes, now, env.flapping) } : emptyTracking(),
      historyCount: 0,
    };
    out.changed.push(s);
    if (rule.forMs > 0) record(s, out.transitions, { at: now, from: null, to: 'pending', cause: `${summary}; fires if it holds for ${formatDuration(rule.forMs)}`, actor: null, comment: null, notify: false });
    else fire(env, s, null, summary);
    return;
  }

  if (p.status === 'pending') {
    if (v.cleared) return cancel(env, p, `${v.cause} before ${formatDuration(rule.forMs)} elapsed`);
    // Inside the hysteresis band a pending alert keeps its start but fires only when the condition holds again.
    if (!v.level) return;
    const due = now - p.pendingSince >= rule.forMs;
    if (!due && v.level === p.severity) return;
    const s = touch(p, now);
    s.severity = v.level;
    s.summary = v.summary();
    out.changed.push(s);
    if (due) fire(env, s, 'pending', `${s.summary}; held for ${formatDuration(now - p.pendingSince)}`);
    return;
  }

  // Fired and not resolved: firing, acknowledged or snoozed.
  if (!ACTIVE_STATES.has(p.status)) return;
  if (v.cleared) {
    const s = touch(p, now);
    if (s.flapping) {
      s.tracking.clearSince ??= now;
      if (quietLongEnough(s.tracking.clearSince, now, env.flapping)) {
        s.flapping = false;
        s.tracking.changes = [];
        resolve(env, s, `${v.cause}; stable for ${formatDuration(env.flapping.windowMs)} after flapping`);
      } else if (p.tracking.clearSince === null) {
        out.changed.push(s);
      }
      return;
    }
    const changes = withChange(s.tracking.changes, now, env.flapping);
    if (isFlapping(changes, env.flapping)) {
      s.flapping = true;
      s.tracking.changes = changes;
      s.tracking.clearSince = now;
      out.changed.push(s);
      record(s, out.transitions, {
        at: now, from: p.status, to: p.status, actor: null, comment: null, notify: false,
        cause: `flapping: ${changes.length} changes within ${formatDuration(env.flapping.windowMs)}; held until clear for ${formatDuration(env.flapping.windowMs)}`,
      });
      return;
    }
    resolve(env, s, v.cause);
    return;
  }

  // Still active, or inside the hysteresis band.
  let s: AlertState | null = null;
  const edit = () => (s ??= touch(p, now));
  if (p.tracking.clearSince !== null) edit().tracking.clearSince = null;
  if (v.level) {
    const rank = severityRank(v.level);
    const current = severityRank(p.severity);
    if (rank > current) {
      const e = edit();
      e.severity = v.level;
      e.summary = v.summary();
      e.tracking.lowerSince = null;
      const from = e.status;
      // A worse problem than the one acknowledged needs a fresh look.
      if (e.status === 'acknowledged') e.status = 'firing';
      record(e, out.transitions, { at: now, from, to: e.status, actor: null, comment: null, notify: !e.flapping && e.status !== 'snoozed', cause: `severity raised to ${v.level}: ${e.summary}` });
    } else if (rank < current) {
      // Lowering waits as long as raising did, so noise at the upper threshold cannot toggle severity.
      const since = p.tracking.lowerSince ?? now;
      if (p.tracking.lowerSince === null) edit().tracking.lowerSince = now;
      if (now - since >= rule.forMs) {
        const e = edit();
        e.severity = v.level;
        e.summary = v.summary();
        e.tracking.lowerSince = null;
        record(e, out.transitions, { at: now, from: e.status, to: e.status, actor: null, comment: null, notify: false, cause: `severity lowered to ${v.level}: ${e.summary}` });
      }
    } else if (p.tracking.lowerSince !== null) {
      edit().tracking.lowerSince = null;
    }
  }
  if (p.status === 'snoozed' && p.snoozedUntil !== null && now >= p.snoozedUntil) {
    const e = edit();
    e.status = 'firing';
    e.snoozedUntil = null;
    record(e, out.transitions, { at: now, from: 'snoozed', to: 'firing', actor: null, comment: null, notify: !e.flapping, cause: 'snooze ended and the condition still holds' });
  }
  if (s) out.changed.push(s);
}

function fire(env: Env, s: AlertState, from: 'pending' | null, cause: string): void {
  s.status = 'firing';
  s.firedAt = env.now;
  s.tracking.changes = withChange(s.tracking.changes, env.now, env.flapping);
  record(s, env.out.transitions, { at: env.now, from, to: 'firing', cause, actor: null, comment: null, notify: true });
}

function resolve(env: Env, s: AlertState, cause: string): void {
  const from = s.status;
  s.status = 'resolved';
  s.resolvedAt = env.now;
  s.snoozedUntil = null;
  s.tracking.clearSince = null;
  s.tracking.lowerSince = null;
  if (!s.flapping) s.tracking.changes = withChange(s.tracking.changes, env.now, env.flapping);
  env.out.changed.push(s);
  record(s, env.out.transitions, { at: env.now, from, to: 'resolved', cause, actor: null, comment: null, notify: true });
}

function cancel(env: Env, p: AlertState, cause: string): void {
  const s = touch(p, env.now);
  env.out.cancelled.push(s);
  record(s, env.out.transitions, { at: env.now, from: 'pending', to: 'cancelled', cause, actor: null, comment: null, notify: false });
}
