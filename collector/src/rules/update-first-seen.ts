// "Security update pending for more than 7 days" needs to know when each
// update first appeared on a device; snapshots only say what is pending now.
import type { PatchStatus } from '@tandem/proto';

export interface FirstSeenChange {
  firstSeen: Map<string, number>;
  added: Array<[string, number]>;
  removed: string[];
}

/**
 * Updates the first-seen times from a patch topic. A topic that was not
 * read in full (null or unknown) changes nothing: an update that was not
 * listed because the package manager failed is not installed.
 */
export function trackFirstSeen(previous: ReadonlyMap<string, number>, patch: PatchStatus | null, now: number): FirstSeenChange {
  if (!patch || patch.state !== 'ok') return { firstSeen: new Map(previous), added: [], removed: [] };
  const firstSeen = new Map<string, number>();
  const added: Array<[string, number]> = [];
  for (const u of patch.updates) {
    if (firstSeen.has(u.name)) continue;
    const at = previous.get(u.name);
    if (at === undefined) added.push([u.name, now]);
    firstSeen.set(u.name, at ?? now);
  }
  const removed = [...previous.keys()].filter((name) => !firstSeen.has(name));
  return { firstSeen, added, removed };
}
