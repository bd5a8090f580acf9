// Flapping: a key that keeps firing and resolving is held as firing with a
// `flapping` flag instead, so people are not paged again for every swing.
// It resolves once its condition has stayed clear for a whole window.
import type { FlapPolicy } from './rule-pack.js';

/** The change times still inside the window, with `now` added. */
export function withChange(changes: number[], now: number, policy: FlapPolicy): number[] {
  const from = now - policy.windowMs;
  const kept = changes.filter((t) => t > from);
  kept.push(now);
  return kept;
}

export function pruneChanges(changes: number[], now: number, policy: FlapPolicy): number[] {
  const from = now - policy.windowMs;
  return changes.filter((t) => t > from);
}

export function isFlapping(changes: number[], policy: FlapPolicy): boolean {
  return changes.length > policy.maxChanges;
}

/** A flapping alert may resolve when it has been clear for a full window. */
export function quietLongEnough(clearSince: number | null, now: number, policy: FlapPolicy): boolean {
  return clearSince !== null && now - clearSince >= policy.windowMs;
}
