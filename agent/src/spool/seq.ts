// Every seq the agent assigns, stores or takes from a collector stays at or
// below the protocol's MAX_SEQ.
import { MAX_SEQ } from '@tandem/proto';

export function plausibleSeq(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0 && n <= MAX_SEQ;
}
