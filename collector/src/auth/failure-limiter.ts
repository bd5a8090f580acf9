/**
 * Counts failed authentications per key (a source address, an account) in a
 * fixed window, so a credential-guessing client is refused before the store
 * is even asked. Memory is bounded: old windows are swept as new ones start.
 */
export class FailureLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perWindow: number,
    private readonly now: () => number = Date.now,
    private readonly windowMs = 60_000,
  ) {}

  blocked(key: string): boolean {
    const w = this.windows.get(key);
    return !!w && this.now() - w.start < this.windowMs && w.count >= this.perWindow;
  }

  fail(key: string): void {
    const now = this.now();
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.sweep(now);
      this.windows.set(key, { start: now, count: 1 });
    } else {
      w.count++;
    }
  }

  /** Forgets a key's failures (after a successful sign-in to that account). */
  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
