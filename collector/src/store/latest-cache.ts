// The latest status of the devices that reported most recently, kept parsed,
// so that a group commit neither reads nor parses each device's stored latest
// status (a JSON document of tens of kilobytes) again for every report. An
// entry is used only while the device's row still carries the seqs it was
// made from: anything else that writes the row (another collector node
// taking the agent, a re-enrollment) changes them, and the row is read again.
import type { Snapshot, Topic } from '@tandem/proto';

export interface LatestEntry {
  /** The row's `last_seq` and `topic_seqs` (as stored) this entry matches. */
  lastSeq: number;
  topicSeqs: string | null;
  latest: Snapshot | null;
  /** Each topic of `latest` as JSON, where known: written again without serialising it again. */
  topicJson: ReadonlyMap<Topic, string>;
}

/** Devices kept by default: the most recently reporting ones; a device past it is read from the store, as without a cache. */
export const LATEST_CACHE_DEFAULT_SIZE = 2000;

export class LatestCache {
  private readonly entries = new Map<string, LatestEntry>();

  constructor(private readonly size = LATEST_CACHE_DEFAULT_SIZE) {}

  /** The entry for a row as it is stored now, or undefined when there is none or the row changed since. */
  get(deviceId: string, lastSeq: number, topicSeqs: string | null | undefined): LatestEntry | undefined {
    const entry = this.entries.get(deviceId);
    if (!entry) return undefined;
    if (entry.lastSeq !== lastSeq || entry.topicSeqs !== (topicSeqs ?? null)) {
      this.entries.delete(deviceId);
      return undefined;
    }
    // Most recently used last, so the oldest is the first to go.
    this.entries.delete(deviceId);
    this.entries.set(deviceId, entry);
    return entry;
  }

  set(deviceId: string, entry: LatestEntry): void {
    if (this.size <= 0) return;
    this.entries.delete(deviceId);
    this.entries.set(deviceId, entry);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
  }
}
