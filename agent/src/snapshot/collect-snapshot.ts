import { TOPICS, unknownTopic, emptyInventory, emptyPatch, emptyDisk, emptyBackup, emptySecurity } from '@tandem/proto';
import type { Snapshot, Topic } from '@tandem/proto';
import type { CollectContext, TopicResult } from '../collectors/collector.js';
import { COLLECTORS } from '../collectors/registry.js';
import { AGENT_VERSION } from '../version.js';

const EMPTY: { [T in Topic]: () => TopicResult[T] } = {
  inventory: emptyInventory, patch: emptyPatch, disk: emptyDisk, backup: emptyBackup, security: emptySecurity,
};

async function collectTopic<T extends Topic>(topic: T, ctx: CollectContext): Promise<TopicResult[T]> {
  try {
    return await COLLECTORS[topic].collect(ctx);
  } catch (err) {
    // A collector bug must not cost the other topics their report.
    return { ...EMPTY[topic](), ...unknownTopic(`${topic} collector failed: ${(err as Error).message}`) };
  }
}

/** Runs the given topics in parallel and assembles one snapshot; other topics are null. */
export async function collectSnapshot(deviceId: string, topics: readonly Topic[], ctx: CollectContext): Promise<Snapshot> {
  const collectedAt = ctx.now().toISOString();
  const wanted = new Set(topics);
  const results = await Promise.all(TOPICS.map((t) => (wanted.has(t) ? collectTopic(t, ctx) : Promise.resolve(null))));
  const [inventory, patch, disk, backup, security] = results as [
    TopicResult['inventory'] | null, TopicResult['patch'] | null, TopicResult['disk'] | null,
    TopicResult['backup'] | null, TopicResult['security'] | null,
  ];
  return { deviceId, collectedAt, agentVersion: AGENT_VERSION, inventory, patch, disk, backup, security };
}
