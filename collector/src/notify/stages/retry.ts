// Retries what the notifier classified as retryable, with exponential
// backoff and full jitter; a permanent failure stops at once.
import type { DeliveryOutcome, Stage } from './stage.js';

export interface RetryOptions {
  attempts: number;
  backoffMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export function createRetryStage(o: RetryOptions): Stage {
  const sleep = o.sleep ?? realSleep;
  const random = o.random ?? Math.random;
  return async (d, next) => {
    let outcome: DeliveryOutcome = { status: 'failed', reason: 'not attempted', retryable: false, attempts: 0 };
    for (let attempt = 1; attempt <= o.attempts; attempt++) {
      outcome = await next(d);
      if (outcome.status !== 'failed') return outcome.status === 'sent' ? { status: 'sent', attempts: attempt } : outcome;
      outcome = { ...outcome, attempts: attempt };
      if (!outcome.retryable || attempt === o.attempts) return outcome;
      await sleep(Math.round(o.backoffMs * 2 ** (attempt - 1) * (0.5 + random() / 2)));
    }
    return outcome;
  };
}
