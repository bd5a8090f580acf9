// Failed authentications of one kind of credential (API tokens, session
// cookies, device sockets, enrollments), counted per source address and per
// claimed identity (a device id), each kind on its own. The credential is
// always checked first: a valid one is never refused because of anybody
// else's failures. Past the limit, a failure is answered 429 instead of 401,
// and is no longer logged one by one.
import { FailureLimiter } from './failure-limiter.js';

export const CREDENTIAL_KINDS = ['api-token', 'session', 'device', 'enrollment'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export interface FailureVerdict {
  /** Over the limit: answer 429 with Retry-After. */
  limited: boolean;
  /** The first failure past the limit in this window: worth one log line. */
  firstLimited: boolean;
  retryAfterSeconds: number;
}

export class CredentialLimiter {
  private readonly byAddress: FailureLimiter;
  private readonly byIdentity: FailureLimiter;

  constructor(readonly kind: CredentialKind, perWindow: number, now: () => number = Date.now, private readonly windowMs = 60_000) {
    this.byAddress = new FailureLimiter(perWindow, now, windowMs);
    this.byIdentity = new FailureLimiter(perWindow, now, windowMs);
  }

  /** Counts a failed credential from `address` claiming `identity`. */
  failed(address: string, identity?: string | null): FailureVerdict {
    const wasLimited = this.limited(address, identity);
    this.byAddress.fail(address);
    if (identity) this.byIdentity.fail(identity);
    const limited = this.limited(address, identity);
    return { limited, firstLimited: limited && !wasLimited, retryAfterSeconds: Math.ceil(this.windowMs / 1000) };
  }

  limited(address: string, identity?: string | null): boolean {
    return this.byAddress.blocked(address) || (!!identity && this.byIdentity.blocked(identity));
  }
}

export type CredentialLimiters = Record<CredentialKind, CredentialLimiter>;

export function createCredentialLimiters(perMinute: number, now: () => number = Date.now): CredentialLimiters {
  return Object.fromEntries(CREDENTIAL_KINDS.map((k) => [k, new CredentialLimiter(k, perMinute, now)])) as CredentialLimiters;
}
