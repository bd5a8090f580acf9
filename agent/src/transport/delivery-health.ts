// "Delivery stuck" is a fact the agent raises about itself: reports wait in
// the spool and nothing acknowledges them, whether no collector is reachable
// or one is connected and never acks (a hostile one, or a broken store).
// Pure: observations in, a verdict out.

/** Reports unacknowledged this long (while something waits) make delivery stuck, unless configured otherwise. */
export const DEFAULT_STUCK_AFTER_SECONDS = 600;

export interface DeliveryObservation {
  nowMs: number;
  pendingCount: number;
  /** When the oldest unacknowledged record was written. */
  oldestPendingAtMs: number | null;
  /** When a collector last acknowledged something new. */
  lastAckAtMs: number | null;
  /** The collector this agent is connected to and welcomed by, or null. */
  connectedTo: string | null;
  /** The last thing that went wrong (a refusal, a connection error, a full disk). */
  lastProblem: string | null;
}

export type DeliveryVerdict = { stuck: false } | { stuck: true; sinceMs: number; reason: string };

export function deliveryVerdict(o: DeliveryObservation, stuckAfterMs: number): DeliveryVerdict {
  if (o.pendingCount === 0 || o.oldestPendingAtMs === null) return { stuck: false };
  // Waiting since the later of "the oldest report was written" and "the last
  // progress": a long backlog that is draining is not stuck.
  const sinceMs = Math.max(o.oldestPendingAtMs, o.lastAckAtMs ?? 0);
  if (o.nowMs - sinceMs <= stuckAfterMs) return { stuck: false };
  const since = new Date(sinceMs).toISOString();
  const what = o.connectedTo
    ? `connected to ${o.connectedTo}, but none of the ${o.pendingCount} waiting reports has been acknowledged since ${since}`
    : `no collector has acknowledged any of the ${o.pendingCount} waiting reports since ${since}`;
  return { stuck: true, sinceMs, reason: o.lastProblem ? `${what}; last problem: ${o.lastProblem}` : what };
}
