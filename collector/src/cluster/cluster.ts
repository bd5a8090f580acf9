// A node's place in its cluster: the bus to the other nodes, leadership of
// the cluster-wide timers, and the node registry. On the embedded store there
// is one node: the in-process bus, always the leader.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { CollectorConfig } from '../config.js';
import type { Store } from '../store/store.js';
import { postgresUrl } from '../store/open-store.js';
import { createInProcessBus, createPostgresBus } from '../bus/index.js';
import type { Bus } from '../bus/index.js';
import type { Leadership } from './leadership.js';
import { singleNodeLeadership } from './leadership.js';
import { createPostgresLeadership } from './postgres-leadership.js';
import { createNodeRegistry } from './node-registry.js';
import type { NodeRegistry } from './node-registry.js';

export interface ClusterLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface Cluster {
  /** This node's id: its name and a suffix unique to this process. */
  node: string;
  bus: Bus;
  leadership: Leadership;
  registry: NodeRegistry;
  /** Whether other nodes may share the store (PostgreSQL). */
  shared: boolean;
  start(): Promise<void>;
  /** Safe to call twice. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  config: CollectorConfig;
  store: Store;
  log: ClusterLogger;
  /** Called on the leader with the devices of a node that died or left (to evaluate them now and keep their due times). */
  onAgentsLost?: (deviceIds: string[]) => void;
  /** Called when this node was taken for dead and is back (to record its agents connected again). */
  onRejoined?: () => void;
}

export function createCluster({ config, store, log, onAgentsLost, onRejoined }: ClusterOptions): Cluster {
  const base = (config.cluster.nodeName ?? hostname().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64)) || 'node';
  const node = `${base}-${randomBytes(4).toString('hex')}`;
  const shared = config.store.kind === 'postgres';
  const url = config.store.kind === 'postgres' ? postgresUrl(config.store.url) : null;
  const bus = url ? createPostgresBus({ url, node, log }) : createInProcessBus({ node, log });
  const leadership = url ? createPostgresLeadership({ url, log }) : singleNodeLeadership();
  const registry = createNodeRegistry({
    db: store.db, node, leadership, log, onAgentsLost, onRejoined,
    heartbeatMs: config.cluster.heartbeatSeconds * 1000, deadAfterMs: config.cluster.nodeDeadAfterSeconds * 1000,
  });
  let started = false;
  let stopped = false;
  return {
    node, bus, leadership, registry, shared,
    async start() {
      if (started) return;
      started = true;
      // On one node nobody else can be alive: rows left by earlier processes go, and with them their agents' connections.
      // (Presence rows then name no node: they were never another node's to hand over.)
      if (!shared) {
        await store.db.deleteFrom('cluster_nodes').execute();
        await store.db.updateTable('device_presence').set({ node_id: null }).where('node_id', 'is not', null).execute();
      }
      await bus.start();
      await registry.start();
      await leadership.start();
      log.info({ node, leader: leadership.isLeader(), shared }, 'collector node started');
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await leadership.stop();
      await registry.stop();
      await bus.stop();
    },
  };
}
