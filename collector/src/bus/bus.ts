// The one way stages hand each other events: publish a typed event, subscribe
// by type. One node uses the in-process bus; several nodes on one PostgreSQL
// use the LISTEN/NOTIFY bus, which delivers the cluster events (CLUSTER_EVENTS)
// to every node as well.
import type { BusEvents, BusEventType } from './events.js';

/** Where an event came from. */
export interface EventOrigin {
  /** The publishing node's id. */
  node: string;
  /** true when this node published it. */
  local: boolean;
}

export type BusHandler<K extends BusEventType> = (event: BusEvents[K], origin: EventOrigin) => void;

export interface SubscribeOptions {
  /**
   * 'any-node' (default): this node's events and, for cluster events, every
   * other node's. 'this-node': only events this node published (a stage that
   * must act once per event, wherever it ran, e.g. metrics counters).
   */
  from?: 'any-node' | 'this-node';
}

export interface Bus {
  /** This node's id, unique in the cluster. */
  readonly node: string;
  /**
   * Hands the event to this node's subscribers at once (in subscription
   * order, before publish returns) and, for a cluster event, to the other
   * nodes. A failing subscriber is logged; it never fails the publisher.
   */
  publish<K extends BusEventType>(type: K, event: BusEvents[K]): void;
  /** Returns the unsubscribe. */
  subscribe<K extends BusEventType>(type: K, handler: BusHandler<K>, options?: SubscribeOptions): () => void;
  start(): Promise<void>;
  /** Resolves once every event published so far has been handed to the other nodes (or given up). */
  flush(): Promise<void>;
  /** Sends what is queued, then closes. Safe to call twice. */
  stop(): Promise<void>;
}

export interface BusLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
