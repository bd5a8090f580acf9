// A device's latest status, topic by topic: each topic holds the value from
// the highest-seq report that carried it. Reports usually arrive in seq
// order, and then this is plain "newest wins"; a report that arrives after a
// higher seq (a late resend, a second spool) still fills the topics for which
// it is the newest, and changes nothing else.
import { TOPICS } from '@tandem/proto';
import type { Snapshot, Topic } from '@tandem/proto';

/** Per topic, the seq of the report its latest value came from. */
export type TopicSeqs = Partial<Record<Topic, number>>;

export interface MergedLatest {
  latest: Snapshot;
  topicSeqs: TopicSeqs;
  /** Topics this report supplied. */
  taken: Topic[];
}

/**
 * `seqs` may lack topics (rows written before topic seqs were kept): their
 * value counts as coming from `fallbackSeq`, the device's highest seq, so a
 * late report never replaces them.
 */
export function mergeLatest(previous: Snapshot | null, seqs: TopicSeqs, fallbackSeq: number, next: Snapshot, seq: number): MergedLatest {
  const latest: Snapshot = previous ? { ...previous } : { ...next, inventory: null, patch: null, disk: null, backup: null, security: null };
  const topicSeqs: TopicSeqs = { ...seqs };
  const taken: Topic[] = [];
  for (const topic of TOPICS) {
    const value = next[topic];
    if (value === null) continue;
    const held = previous?.[topic] == null ? 0 : (seqs[topic] ?? fallbackSeq);
    if (seq <= held) continue;
    (latest as unknown as Record<Topic, unknown>)[topic] = value;
    topicSeqs[topic] = seq;
    taken.push(topic);
  }
  if (seq > fallbackSeq || !previous) {
    latest.deviceId = next.deviceId;
    latest.collectedAt = next.collectedAt;
    latest.agentVersion = next.agentVersion;
  }
  return { latest, topicSeqs, taken };
}
