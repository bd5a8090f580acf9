/**
 * Highest plausible seq, 2^48: at one report a second, nine million years.
 * Every seq the agent assigns, stores or takes from a collector stays at or
 * below it, far from 2^53 where n + 1 === n in floating point and a device
 * would silently stop reporting.
 */
export const MAX_SEQ = 2 ** 48;

export function plausibleSeq(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0 && n <= MAX_SEQ;
}
