import { CollectorError } from '../errors.js';

/** A 429 that tells the client when to come back (the Retry-After header). */
export class RateLimitedError extends CollectorError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super('COL_ERR_RATE_LIMITED', message, { statusCode: 429 });
  }
}
