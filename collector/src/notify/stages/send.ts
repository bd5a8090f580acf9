// The last link: renders the channel's template, hands the notification and
// its text to the channel's notifier, and turns its classified error into an
// outcome. Rendering happens here, after grouping and dedup, so a group is
// rendered as the one message it became.
import type { Notifier } from '../notifier.js';
import { NotifyError } from '../notify-error.js';
import type { Delivery, DeliveryOutcome } from './stage.js';
import type { RenderedMessage } from '../templates/channel-templates.js';

export function createSendStage(notifierFor: (d: Delivery) => Notifier, render?: (d: Delivery) => RenderedMessage): (d: Delivery) => Promise<DeliveryOutcome> {
  return async (d) => {
    try {
      await notifierFor(d).send(d.notification, render?.(d), { team: d.team });
      return { status: 'sent', attempts: 1 };
    } catch (err) {
      if (err instanceof NotifyError) return { status: 'failed', reason: err.reason, retryable: err.retryable, attempts: 1 };
      // Unclassified: report the type only, the message could carry anything.
      return { status: 'failed', reason: `unexpected ${(err as Error).name ?? 'error'}`, retryable: false, attempts: 1 };
    }
  };
}
