import { describe, expect, it } from 'vitest';
import { fullJitterDelay } from '../../src/transport/backoff.js';

describe('full jitter backoff', () => {
  it('grows exponentially up to the cap, scaled by the random draw', () => {
    expect([0, 1, 2, 3, 10].map((a) => fullJitterDelay(a, 1000, 60_000, () => 0.999999))).toEqual([999, 1999, 3999, 7999, 59_999]);
    expect(fullJitterDelay(5, 1000, 60_000, () => 0)).toBe(0);
  });

  it('spreads a crowd of reconnecting agents over the whole window', () => {
    const delays = Array.from({ length: 1000 }, () => fullJitterDelay(6, 1000, 60_000));
    const buckets = new Array(6).fill(0);
    for (const d of delays) buckets[Math.floor(d / 10_000)]++;
    // Every 10-second slice of the 60 s window gets a share (expected ~166 each).
    for (const b of buckets) expect(b).toBeGreaterThan(80);
  });

  it('survives huge attempt counts', () => {
    expect(fullJitterDelay(10_000, 1000, 60_000, () => 0.5)).toBe(30_000);
  });
});
