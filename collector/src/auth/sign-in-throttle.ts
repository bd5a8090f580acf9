// Password sign-in throttling that an attacker cannot turn against the
// person they attack. Failures are counted per (address, account): past a
// few, each further attempt from that address to that account must wait,
// the wait doubling per failure. Nothing is counted per account alone, so
// knowing someone's email (the break-glass admin's) locks nobody out.
// Guessing from one address across many accounts is capped per address,
// except for accounts that signed in from that address before: an office
// behind one NAT address keeps signing in while one machine there guesses.
import { FailureLimiter } from './failure-limiter.js';

export interface SignInThrottleOptions {
  /** Failures of one account from one address before waits begin. */
  freeFailures: number;
  /** Failures from one address (any account) per window before 429. */
  perAddress: number;
  windowMs?: number;
  maxDelayMs?: number;
  now?: () => number;
}

export type ThrottleVerdict = { ok: true } | { ok: false; retryAfterSeconds: number; why: string };

const MAX_KEYS = 50_000;
/** How long a successful sign-in vouches for its address and account. */
const KNOWN_FOR_MS = 30 * 24 * 3_600_000;

export class SignInThrottle {
  private readonly pairs = new Map<string, { failures: number; last: number; waitUntil: number }>();
  private readonly known = new Map<string, number>();
  private readonly addresses: FailureLimiter;
  private readonly now: () => number;
  private readonly windowMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly o: SignInThrottleOptions) {
    this.now = o.now ?? Date.now;
    this.windowMs = o.windowMs ?? 15 * 60_000;
    this.maxDelayMs = o.maxDelayMs ?? 15 * 60_000;
    this.addresses = new FailureLimiter(o.perAddress, this.now, this.windowMs);
  }

  /** May this address try a password for this account now? Asked before any password is checked. */
  check(address: string, email: string): ThrottleVerdict {
    const now = this.now();
    const pair = this.pairs.get(key(address, email));
    if (pair && pair.waitUntil > now) {
      return { ok: false, retryAfterSeconds: Math.ceil((pair.waitUntil - now) / 1000), why: 'too many failed sign-ins to this account from this address' };
    }
    if (this.addresses.blocked(address) && !this.isKnown(address, email, now)) {
      return { ok: false, retryAfterSeconds: Math.ceil(this.windowMs / 1000), why: 'too many failed sign-ins from this address' };
    }
    return { ok: true };
  }

  failed(address: string, email: string): void {
    const now = this.now();
    this.addresses.fail(address);
    const k = key(address, email);
    let pair = this.pairs.get(k);
    // A pair quiet for a whole window starts over.
    if (!pair || now - pair.last > this.windowMs) {
      if (this.pairs.size >= MAX_KEYS) this.sweep(now);
      pair = { failures: 0, last: now, waitUntil: 0 };
      this.pairs.set(k, pair);
    }
    pair.failures++;
    pair.last = now;
    const over = pair.failures - this.o.freeFailures;
    if (over >= 0) pair.waitUntil = now + Math.min(this.maxDelayMs, 1000 * 2 ** over);
  }

  succeeded(address: string, email: string): void {
    const now = this.now();
    this.pairs.delete(key(address, email));
    if (this.known.size >= MAX_KEYS) this.sweep(now);
    this.known.set(key(address, email), now);
  }

  private isKnown(address: string, email: string, now: number): boolean {
    const at = this.known.get(key(address, email));
    return at !== undefined && now - at < KNOWN_FOR_MS;
  }

  private sweep(now: number): void {
    for (const [k, p] of this.pairs) if (now - p.last > this.windowMs && p.waitUntil <= now) this.pairs.delete(k);
    for (const [k, at] of this.known) if (now - at >= KNOWN_FOR_MS) this.known.delete(k);
    // Still full (a flood of distinct keys): drop the oldest rather than grow.
    while (this.pairs.size >= MAX_KEYS) this.pairs.delete(this.pairs.keys().next().value!);
    while (this.known.size >= MAX_KEYS) this.known.delete(this.known.keys().next().value!);
  }
}

const key = (address: string, email: string) => `${address}\n${email}`;
