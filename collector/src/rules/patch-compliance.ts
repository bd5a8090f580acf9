// The patch compliance clock the common schemes use (Cyber Essentials,
// CIS Control 7, PCI DSS 6.3.3, ISO 27001 A.8.8): security and critical
// updates must be installed within a number of days, 14 by default. The
// clock of each update starts when the collector first saw it pending on the
// device (update-first-seen.ts), kept in the store, so it survives restarts
// of the agent and of the collector. Pure: snapshot and first-seen times in,
// the device's compliance facts out.
import type { PatchStatus, PendingUpdate } from '@tandem/proto';

/** Vendor severities that count even when a tool does not flag the update as security (MSRC, updateinfo). */
const CRITICAL_SEVERITY = /^(critical|important|high)$/i;

/** Whether a pending update is one the compliance clock runs for. */
export function countsForCompliance(u: PendingUpdate): boolean {
  return u.security === true || (u.severity !== null && CRITICAL_SEVERITY.test(u.severity.trim()));
}

export interface PatchCompliance {
  /** Security/critical updates pending now (null when the patch topic could not be read). */
  securityPendingCount: number | null;
  /** ms: when the oldest of them was first seen; null when none (or unknown). */
  securityPendingSince: number | null;
  /** The name of that oldest update. */
  oldestUpdate: string | null;
}

export const UNKNOWN_COMPLIANCE: PatchCompliance = { securityPendingCount: null, securityPendingSince: null, oldestUpdate: null };

/**
 * A patch topic that was not read (null or unknown) says nothing: compliance
 * is unknown, never "compliant". An update without a first-seen time (not
 * yet recorded) counts from `now`.
 */
export function patchCompliance(patch: PatchStatus | null, firstSeen: ReadonlyMap<string, number>, now: number): PatchCompliance {
  if (!patch || patch.state !== 'ok') return UNKNOWN_COMPLIANCE;
  let since: number | null = null;
  let oldest: string | null = null;
  let count = 0;
  for (const u of patch.updates) {
    if (!countsForCompliance(u)) continue;
    count++;
    const at = firstSeen.get(u.name) ?? now;
    if (since === null || at < since) {
      since = at;
      oldest = u.name;
    }
  }
  return { securityPendingCount: count, securityPendingSince: since, oldestUpdate: oldest };
}
