// "Security update pending for more than 7 days" and the patch compliance
// clock need to know when each update first appeared on a device; snapshots
// only say what is pending now. The collector keeps that time per device and
// update name in its store (device_update_seen), not the agent: it survives a
// restart or reinstall of the agent (whose data folder may be wiped) and of
// the collector, needs nothing new on the wire, and reads a clock the
// collector trusts.
import type { PatchStatus } from '@tandem/proto';

export interface FirstSeenChange {
  firstSeen: ReadonlyMap<string, number>;
  added: Array<[string, number]>;
  removed: string[];
}

/**
 * Updates the first-seen times from a patch topic. A topic that was not
 * read in full (null or unknown) changes nothing: an update that was not
 * listed because the package manager failed is not installed.
 *
 * A new update counts from when the report that listed it was collected
 * (`collectedAt`), not from when it arrived: a laptop that spooled reports
 * for a week offline had those updates pending all week. Never later than
 * `now`, so an agent clock running ahead cannot hold a clock back.
 */
export function trackFirstSeen(previous: ReadonlyMap<string, number>, patch: PatchStatus | null, now: number, collectedAt?: string | null): FirstSeenChange {
  if (!patch || patch.state !== 'ok') return { firstSeen: new Map(previous), added: [], removed: [] };
  // Mostly the same updates as last time: then nothing changes and nothing new is built.
  if (patch.updates.length >= previous.size && patch.updates.every((u) => previous.has(u.name))) {
    const names = new Set(patch.updates.map((u) => u.name));
    if (names.size === previous.size) return { firstSeen: previous, added: [], removed: [] };
  }
  const collected = collectedAt ? Date.parse(collectedAt) : Number.NaN;
  const seenAt = Number.isFinite(collected) ? Math.min(now, collected) : now;
  const firstSeen = new Map<string, number>();
  const added: Array<[string, number]> = [];
  for (const u of patch.updates) {
    if (firstSeen.has(u.name)) continue;
    const at = previous.get(u.name);
    if (at === undefined) added.push([u.name, seenAt]);
    firstSeen.set(u.name, at ?? seenAt);
  }
  const removed = [...previous.keys()].filter((name) => !firstSeen.has(name));
  return { firstSeen, added, removed };
}
