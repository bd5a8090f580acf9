// The nodes of a cluster and the agents each holds. Every node keeps its row
// in `cluster_nodes` fresh; the leader removes rows gone stale (a node that
// died without stopping) and marks that node's agents disconnected as of its
// last sign of life, so offline detection covers them. An agent that moved
// to another node meanwhile is not touched: presence rows name their node.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Leadership } from './leadership.js';

export interface ClusterNodesTable {
  node_id: string;
  started_at: number;
  seen_at: number;
}

declare module '../store/schema.js' {
  interface Database {
    cluster_nodes: ClusterNodesTable;
  }
  interface DevicePresenceTable {
    /** The node holding the agent's connection (the last one that did, once disconnected). */
    node_id: string | null;
  }
}

export interface NodeRegistryOptions {
  db: Kysely<Database>;
  node: string;
  leadership: Leadership;
  /** How often a node refreshes its row. */
  heartbeatMs?: number;
  /** A node not seen for this long is dead. */
  deadAfterMs?: number;
  now?: () => number;
  /**
   * Called (on the leader) with the devices a dead or departed node held or
   * held last, after they are marked disconnected; each device once.
   */
  onAgentsLost?: (deviceIds: string[]) => void;
  /**
   * Called when this node finds itself removed (it stopped answering for a
   * while, and the leader took it for dead): the agents it still holds are
   * to be recorded connected again.
   */
  onRejoined?: () => void;
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

export interface NodeRegistry {
  start(): Promise<void>;
  /** One pass of the leader's check for dead nodes (the timer runs it; tests call it). */
  reap(): Promise<string[]>;
  /** Which of these devices another live node holds a connection of. */
  connectedElsewhere(deviceIds: string[]): Promise<string[]>;
  /** Removes this node's row (its agents disconnect on their own as it closes them). Safe to call twice. */
  stop(): Promise<void>;
}

export function createNodeRegistry(options: NodeRegistryOptions): NodeRegistry {
  const { db, node } = options;
  const heartbeatMs = options.heartbeatMs ?? 5000;
  const deadAfterMs = options.deadAfterMs ?? 4 * heartbeatMs;
  const now = options.now ?? Date.now;
  const log = options.log ?? { warn: () => {}, info: () => {} };
  let timer: NodeJS.Timeout | null = null;
  let beating: Promise<void> | null = null;
  let stopped = false;

  async function beat(): Promise<void> {
    const at = now();
    const updated = await db.updateTable('cluster_nodes').set({ seen_at: at }).where('node_id', '=', node).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      // Removed while it was paused (a long GC, a stalled VM, the store out of reach): it comes back.
      await db.insertInto('cluster_nodes').values({ node_id: node, started_at: at, seen_at: at }).onConflict((oc) => oc.column('node_id').doUpdateSet({ seen_at: at })).execute();
      log.warn({ node }, 'this node was taken for dead by the cluster and is back');
      options.onRejoined?.();
    }
    if (options.leadership.isLeader()) await reap();
  }

  async function reap(): Promise<string[]> {
    const cutoff = now() - deadAfterMs;
    const dead = await db.selectFrom('cluster_nodes').select(['node_id', 'seen_at']).where('seen_at', '<', cutoff).where('node_id', '!=', node).execute();
    const lost: string[] = [];
    for (const d of dead) {
      const devices = await db.transaction().execute(async (trx) => {
        const rows = await trx.updateTable('device_presence').set({ connected: 0, graceful: 0, changed_at: Number(d.seen_at) })
          .where('node_id', '=', d.node_id).where('connected', '=', 1).returning('device_id').execute();
        await trx.deleteFrom('cluster_nodes').where('node_id', '=', d.node_id).execute();
        return rows.map((r) => r.device_id);
      });
      log.warn({ node: d.node_id, lastSeenAt: Number(d.seen_at), agents: devices.length }, 'a collector node stopped answering; its agents are marked disconnected');
      lost.push(...devices);
    }
    // Connections recorded by a node no longer registered at all (it stopped before its agents' ends were recorded).
    const orphans = await db.updateTable('device_presence').set({ connected: 0, graceful: 0, changed_at: now() })
      .where('connected', '=', 1).where('node_id', 'is not', null).where('node_id', 'not in', db.selectFrom('cluster_nodes').select('node_id'))
      .returning('device_id').execute();
    lost.push(...orphans.map((r) => r.device_id));
    // Every device a departed node held or held last, connected or not, is the leader's now: it is
    // handed over once (the row then names no node), so the leader evaluates it and keeps its due times.
    const released = await db.updateTable('device_presence').set({ node_id: null })
      .where('node_id', 'is not', null).where('node_id', 'not in', db.selectFrom('cluster_nodes').select('node_id'))
      .returning('device_id').execute();
    const all = [...new Set([...lost, ...released.map((r) => r.device_id)])];
    if (all.length > 0) options.onAgentsLost?.(all);
    return all;
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      beating = beat().catch((err: unknown) => log.warn({ err: (err as Error).message }, 'could not refresh this node in the cluster registry')).finally(() => {
        beating = null;
        schedule();
      });
    }, heartbeatMs);
    timer.unref();
  };

  return {
    async start() {
      const at = now();
      await db.insertInto('cluster_nodes').values({ node_id: node, started_at: at, seen_at: at })
        .onConflict((oc) => oc.column('node_id').doUpdateSet({ seen_at: at })).execute();
      schedule();
    },
    reap,
    async connectedElsewhere(deviceIds) {
      if (deviceIds.length === 0) return [];
      const rows = await db.selectFrom('device_presence').innerJoin('cluster_nodes', 'cluster_nodes.node_id', 'device_presence.node_id')
        .select('device_presence.device_id').where('device_presence.connected', '=', 1).where('device_presence.node_id', '!=', node)
        .where('device_presence.device_id', 'in', deviceIds.slice(0, 1000)).execute();
      return rows.map((r) => r.device_id);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      await beating;
      // The agents this node held lost their connection with it (any that already reconnected elsewhere name their new node).
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('device_presence').set({ connected: 0, graceful: 0, changed_at: now() }).where('node_id', '=', node).where('connected', '=', 1).execute();
        await trx.deleteFrom('cluster_nodes').where('node_id', '=', node).execute();
      }).catch((err: unknown) => log.warn({ err: (err as Error).message }, 'could not leave the cluster registry'));
    },
  };
}
