// The last link: hands the notification to the channel's notifier and turns
// its classified error into an outcome.
import type { Notifier } from '../notifier.js';
import { NotifyError } from '../notify-error.js';
import type { Delivery, DeliveryOutcome } from './stage.js';

export function createSendStage(notifierFor: (d: Delivery) => Notifier): (d: Delivery) => Promise<DeliveryOutcome> {
  return async (d) => {
    try {
      await notifierFor(d).send(d.notification);
      return { status: 'sent', attempts: 1 };
    } catch (err) {
      if (err instanceof NotifyError) return { status: 'failed', reason: err.reason, retryable: err.retryable, attempts: 1 };
      // Unclassified: report the type only, the message could carry anything.
      return { status: 'failed', reason: `unexpected ${(err as Error).name ?? 'error'}`, retryable: false, attempts: 1 };
    }
  };
}
