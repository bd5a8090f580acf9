// Which open alert makes another one on the same device stale: an offline
// device inhibits its other alerts (their data is old, not new), and a rule
// may declare `inhibits: [rule ids]`. Pure: the gate hands in the device's
// open alerts.

/** Rules whose firing means the device's other data is stale. */
export const OFFLINE_RULES: ReadonlySet<string> = new Set(['agent-offline', 'agent-stopped']);

export interface InhibitCandidate {
  id: string;
  ruleId: string;
  status: string;
  summary: string;
}

/**
 * The alert that inhibits `alert`, or null. Only a firing (or acknowledged,
 * snoozed) cause inhibits; a cause never inhibits itself, and offline alerts
 * do not inhibit each other.
 */
export function inhibitorOf(
  alert: { id: string; ruleId: string },
  others: InhibitCandidate[],
  declared: (ruleId: string) => readonly string[] = () => [],
): InhibitCandidate | null {
  for (const o of others) {
    if (o.id === alert.id || o.status === 'pending' || o.status === 'resolved' || o.status === 'cancelled') continue;
    if (OFFLINE_RULES.has(o.ruleId) && !OFFLINE_RULES.has(alert.ruleId)) return o;
    if (declared(o.ruleId).includes(alert.ruleId)) return o;
  }
  return null;
}
