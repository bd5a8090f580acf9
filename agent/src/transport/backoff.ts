/**
 * Exponential backoff with full jitter: a random delay between 0 and
 * min(cap, base * 2^attempt). Spreads a crowd of agents reconnecting after a
 * collector restart instead of having them arrive in waves.
 */
export function fullJitterDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
