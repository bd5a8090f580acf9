/**
 * Counts failed authentications per source address in a fixed one-minute
 * window, so a credential-guessing client is refused before the store is
 * even asked. Memory is bounded: old windows are swept as new ones start.
 */
export class FailureLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly perMinute: number, private readonly now: () => number = Date.now) {}

  blocked(address: string): boolean {
    const w = this.windows.get(address);
    return !!w && this.now() - w.start < 60_000 && w.count >= this.perMinute;
  }

  fail(address: string): void {
    const now = this.now();
    const w = this.windows.get(address);
    if (!w || now - w.start >= 60_000) {
      if (this.windows.size > 10_000) this.sweep(now);
      this.windows.set(address, { start: now, count: 1 });
    } else {
      w.count++;
    }
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= 60_000) this.windows.delete(k);
  }
}
