// The same notification to the same channel is sent once within a window:
// a redelivered alert event or a restart replaying a change does not page twice.
import type { Stage } from './stage.js';

export function createDedupStage(windowMs: number, now: () => number = Date.now): Stage {
  const seen = new Map<string, number>();
  return async (d, next) => {
    if (windowMs <= 0) return next(d);
    const t = now();
    const n = d.notification;
    const key = `${n.dedupKey}|${n.kind}|${n.severity}|${n.kind === 'reminder' ? n.at : ''}|${d.team}/${d.channel.name}`;
    const last = seen.get(key);
    if (last !== undefined && t - last < windowMs) return { status: 'skipped', reason: 'duplicate' };
    if (seen.size > 10_000) for (const [k, at] of seen) if (t - at >= windowMs) seen.delete(k);
    const outcome = await next(d);
    // Only a delivered notification counts; a failed one may be tried again.
    if (outcome.status === 'sent') seen.set(key, t);
    return outcome;
  };
}
