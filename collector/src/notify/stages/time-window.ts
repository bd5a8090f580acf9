// Channels marked `activeDuring: hours` (a team mailbox, say) only get
// notifications while their team is at work; the routing decision has already
// sent the alert to whoever covers the rest of the time. Resolves still go
// out, so nobody starts work on something already fixed.
import type { Stage } from './stage.js';

export const timeWindowStage: Stage = async (d, next) => {
  if (d.channel.activeDuring === 'hours' && !d.inHours && d.notification.kind !== 'resolve') {
    return { status: 'skipped', reason: 'outside the team\'s hours' };
  }
  return next(d);
};
