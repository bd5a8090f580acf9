// A delivery that failed for good — a permanent failure, or a retryable one
// that ran out of attempts — is handed to `record` (the dead-letter list), once
// per message: a group that failed is one dead letter naming all its alerts.
import { membersOf } from '../notification.js';
import type { Notification } from '../notification.js';
import type { Stage } from './stage.js';

export interface DeadLetter {
  tenantId: string;
  team: 'internal' | 'provider';
  channel: string;
  channelType: string;
  kind: Notification['kind'];
  alertIds: string[];
  /** Secret-free: the notifier's classified reason. */
  error: string;
  retryable: boolean;
  attempts: number;
  at: number;
  /** What was to be sent, for a manual retry. Carries no credential. */
  notification: Notification;
}

export function createDeadLetterStage(record: (letter: DeadLetter) => Promise<string | null>, now: () => number = Date.now): Stage {
  return async (d, next) => {
    const outcome = await next(d);
    if (outcome.status !== 'failed') return outcome;
    const n = d.notification;
    const id = await record({
      tenantId: n.tenantId, team: d.team, channel: d.channel.name, channelType: d.channel.type, kind: n.kind,
      alertIds: membersOf(n).map((m) => m.alertId), error: outcome.reason, retryable: outcome.retryable, attempts: outcome.attempts, at: now(), notification: n,
    }).catch(() => null);
    return id ? { ...outcome, deadLetter: id } : outcome;
  };
}
