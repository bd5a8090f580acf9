// The bus of several collector nodes on one PostgreSQL: this node's
// subscribers get every event at once (as on the in-process bus), and the
// cluster events (CLUSTER_EVENTS) go to the other nodes with LISTEN/NOTIFY
// on one dedicated connection.
//
// NOTIFY carries at most 8000 bytes. An event is sent whole (its JSON), in
// chunks when it is larger, rather than as an id that every receiving node
// would read back from the store: a receiving stage gets the typed value the
// publisher had, as it would on one node, and the store is not read once per
// node per event. Cluster events are small (an alert and its transition, a
// routing decision, a config key); reports, the large ones, stay on their node.
//
// Guarantees: events of one publisher arrive in the order it published them
// (one connection, sent in order; receivers drop anything older than the
// newest they delivered, so a batch resent after an unclear commit is not
// delivered twice). NOTIFY is not durable: while a node's connection is down
// it misses what others publish; when it is back it tells its own
// subscribers ('bus.resumed') so the ones that show state read it again.
// Its own events published meanwhile are queued (bounded) and sent on reconnect.
import pg from 'pg';
import type { Bus, BusLogger } from './bus.js';
import { CLUSTER_EVENTS } from './events.js';
import type { BusEvents, BusEventType } from './events.js';
import { nodeId } from './in-process-bus.js';
import { LocalDelivery } from './local-delivery.js';

export interface PostgresBusOptions {
  url: string;
  node?: string;
  /** The LISTEN/NOTIFY channel (one per database is enough: notifications never leave their database). */
  channel?: string;
  log?: BusLogger;
  /** Events kept while the connection is down; beyond it the oldest are dropped (and counted). */
  maxQueued?: number;
  /** Largest NOTIFY payload sent, in bytes (PostgreSQL's limit is 8000). */
  maxPayloadBytes?: number;
  reconnect?: { baseMs: number; capMs: number };
}

/** One NOTIFY payload: a whole event (c = 1) or one chunk of one. */
interface Wire {
  /** publishing node */
  n: string;
  /** the publisher's sequence number of the event */
  s: number;
  /** chunk index and count */
  i: number;
  c: number;
  /** event type */
  t: BusEventType;
  /** the event's JSON, or this chunk of it */
  d: string;
}

const NOTIFY_LIMIT = 8000;
const BATCH = 200;
/** Characters per chunk: even if every one were escaped to \uXXXX (6 bytes), a chunk stays under the limit. */
const CHUNK_CHARS = 1200;
const MAX_PARTIAL = 1000;

const consoleLog: BusLogger = { warn: (obj, msg) => console.warn(`bus: ${msg}`, obj), error: (obj, msg) => console.error(`bus: ${msg}`, obj) };

export interface PostgresBus extends Bus {
  /** Events dropped because the queue was full while the connection was down. */
  dropped(): number;
  /** Whether the LISTEN connection is up. */
  connected(): boolean;
}

export function createPostgresBus(options: PostgresBusOptions): PostgresBus {
  const node = options.node ?? nodeId();
  const channel = options.channel ?? 'tandem_bus';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`bus channel ${JSON.stringify(channel)}: expected a lower-case SQL identifier`);
  const log = options.log ?? consoleLog;
  const maxQueued = options.maxQueued ?? 10_000;
  const maxPayload = Math.min(options.maxPayloadBytes ?? NOTIFY_LIMIT - 100, NOTIFY_LIMIT);
  const backoff = options.reconnect ?? { baseMs: 100, capMs: 5000 };
  const local = new LocalDelivery(log);
  const self = { node, local: true };

  /** Encoded payloads not yet sent, each event's chunks together and in order. */
  let queue: string[][] = [];
  let client: pg.Client | null = null;
  let sending: Promise<void> | null = null;
  let seq = 0;
  let droppedCount = 0;
  let started = false;
  let stopped = false;
  let downSince: number | null = null;
  let attempt = 0;
  let reconnectTimer: NodeJS.Timeout | null = null;
  const newestSeen = new Map<string, number>();
  const partial = new Map<string, { type: BusEventType; parts: string[]; count: number }>();
  let idle: Array<() => void> = [];

  function encode(type: BusEventType, event: unknown): string[] {
    const json = JSON.stringify(event);
    const s = ++seq;
    const whole = JSON.stringify({ n: node, s, i: 0, c: 1, t: type, d: json } satisfies Wire);
    if (Buffer.byteLength(whole) <= maxPayload) return [whole];
    const size = Math.max(1, Math.min(CHUNK_CHARS, Math.floor((maxPayload - 200) / 6)));
    const count = Math.ceil(json.length / size);
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(JSON.stringify({ n: node, s, i, c: count, t: type, d: json.slice(i * size, (i + 1) * size) } satisfies Wire));
    return out;
  }

  function receive(payload: string | undefined): void {
    if (!payload) return;
    let w: Wire;
    try {
      w = JSON.parse(payload) as Wire;
    } catch {
      log.warn({ channel }, 'a bus notification that is not JSON was ignored');
      return;
    }
    if (w.n === node || typeof w.s !== 'number') return;
    if (w.s <= (newestSeen.get(w.n) ?? 0)) return;
    let json: string;
    if (w.c === 1) {
      json = w.d;
    } else {
      const key = `${w.n}:${w.s}`;
      if (w.i === 0) {
        if (partial.size >= MAX_PARTIAL) partial.delete(partial.keys().next().value!);
        partial.set(key, { type: w.t, parts: [w.d], count: w.c });
        return;
      }
      const p = partial.get(key);
      // A chunk whose start was missed (the connection was down): the event is lost, as unchunked ones would be.
      if (!p || p.parts.length !== w.i) return void partial.delete(key);
      p.parts.push(w.d);
      if (p.parts.length < p.count) return;
      partial.delete(key);
      json = p.parts.join('');
    }
    newestSeen.set(w.n, w.s);
    let event: unknown;
    try {
      event = JSON.parse(json);
    } catch {
      log.warn({ channel, from: w.n, type: w.t }, 'a bus event that is not JSON was ignored');
      return;
    }
    local.deliver(w.t, event as BusEvents[typeof w.t], { node: w.n, local: false });
  }

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: options.url, keepAlive: true, application_name: `tandem bus ${node}`.slice(0, 63) });
    const lost = (err?: Error) => {
      if (client !== c) return;
      client = null;
      downSince ??= Date.now();
      if (!stopped) log.warn({ err: err?.message ?? 'connection ended' }, 'the bus lost its PostgreSQL connection; reconnecting');
      void c.end().catch(() => {});
      scheduleReconnect();
    };
    c.on('error', lost);
    c.on('end', () => lost());
    c.on('notification', (msg) => {
      if (msg.channel === channel) receive(msg.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch (err) {
      c.removeAllListeners('end');
      c.on('error', () => {});
      await c.end().catch(() => {});
      throw err;
    }
    if (stopped) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    attempt = 0;
    if (downSince !== null) {
      const since = downSince;
      downSince = null;
      local.deliver('bus.resumed', { downSinceMs: since }, self);
    }
    pump();
  }

  function scheduleReconnect(): void {
    if (stopped || reconnectTimer) return;
    const cap = Math.min(backoff.capMs, backoff.baseMs * 2 ** attempt++);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect().catch((err: unknown) => {
        log.warn({ err: (err as Error).message }, 'the bus cannot reach PostgreSQL; retrying');
        scheduleReconnect();
      });
    }, Math.random() * cap);
    reconnectTimer.unref();
  }

  function pump(): void {
    if (sending || !client) {
      if (!sending && queue.length === 0) wakeIdle();
      return;
    }
    if (queue.length === 0) return wakeIdle();
    const c = client;
    // Whole events only: a batch is one statement, so its notifications commit together or not at all.
    const events: string[][] = [];
    let n = 0;
    for (const e of queue) {
      if (n > 0 && n + e.length > BATCH) break;
      events.push(e);
      n += e.length;
    }
    const payloads = events.flat();
    sending = c.query('select pg_notify($1, p) from unnest($2::text[]) as p', [channel, payloads]).then(
      () => {
        queue = queue.slice(events.length);
      },
      (err: Error & { code?: string }) => {
        // A data or statement error would fail again: those events are given up. Anything
        // else (a connection cut, the server shutting down) keeps them for the next connection.
        if (err.code && /^(22|42)/.test(err.code)) {
          queue = queue.slice(events.length);
          droppedCount += events.length;
          log.error({ err: err.message, events: events.length }, 'the bus could not send events to the other nodes');
        } else if (client === c) {
          c.emit('error', err);
        }
      },
    ).finally(() => {
      sending = null;
      pump();
    });
  }

  function wakeIdle(): void {
    for (const w of idle.splice(0)) w();
  }

  return {
    node,
    publish(type, event) {
      local.deliver(type, event, self);
      if (!CLUSTER_EVENTS.has(type) || stopped) return;
      if (queue.length >= maxQueued) {
        queue.shift();
        if (droppedCount++ === 0 || droppedCount % 1000 === 0) log.warn({ dropped: droppedCount, maxQueued }, 'the bus queue is full; the oldest events for other nodes are dropped');
      }
      queue.push(encode(type, event));
      pump();
    },
    subscribe: (type, handler, opts) => local.subscribe(type, handler, opts),
    async start() {
      if (started) return;
      started = true;
      await connect();
    },
    flush() {
      if (queue.length === 0 && !sending) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
    async stop() {
      if (stopped) return;
      // What this node published before stopping still reaches the others (bounded: a dead connection does not hold shutdown).
      if (client && (queue.length > 0 || sending)) {
        await Promise.race([this.flush(), new Promise((r) => setTimeout(r, 5000).unref())]);
      }
      stopped = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      const c = client;
      client = null;
      wakeIdle();
      idle = [];
      await c?.end().catch(() => {});
    },
    dropped: () => droppedCount,
    connected: () => client !== null,
  };
}
