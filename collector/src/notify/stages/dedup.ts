// The same notification to the same channel is sent once within a window:
// a redelivered alert event or a restart replaying a change does not page
// twice. A group is checked alert by alert: alerts already sent are left
// out of it, and a group with nothing new is skipped.
import { groupNotifications, membersOf } from '../notification.js';
import type { Notification } from '../notification.js';
import type { Delivery, Stage } from './stage.js';

const keyOf = (n: Notification, d: Delivery) =>
  `${n.dedupKey}|${n.kind}|${n.severity}|${n.kind === 'reminder' || n.kind === 'update' ? n.at : ''}|${d.team}/${d.channel.name}`;

export function createDedupStage(windowMs: number, now: () => number = Date.now): Stage {
  const seen = new Map<string, number>();
  return async (d, next) => {
    if (windowMs <= 0) return next(d);
    const t = now();
    const members = membersOf(d.notification);
    const fresh = members.filter((m) => {
      const last = seen.get(keyOf(m, d));
      return last === undefined || t - last >= windowMs;
    });
    if (fresh.length === 0) return { status: 'skipped', reason: 'duplicate' };
    if (seen.size > 10_000) for (const [k, at] of seen) if (t - at >= windowMs) seen.delete(k);
    const notification = fresh.length === members.length ? d.notification : groupNotifications(fresh, d.notification.group!.key);
    const outcome = await next(notification === d.notification ? d : { ...d, notification });
    // Only a delivered notification counts; a failed one may be tried again.
    if (outcome.status === 'sent') for (const m of fresh) seen.set(keyOf(m, d), t);
    return outcome;
  };
}
