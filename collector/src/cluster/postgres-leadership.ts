// Leadership through a PostgreSQL session-level advisory lock, held on a
// connection of its own. The node that holds the lock leads; the others try
// again every `retryMs`. When the leader dies its connection dies with it and
// PostgreSQL releases the lock, so another node takes over at its next try.
//
// The leader checks its connection every `checkMs`: a leader that can no
// longer reach PostgreSQL stops leading at once (it may have lost the lock
// already), so two nodes lead at the same time only for as long as
// PostgreSQL takes to notice a connection that vanished without closing
// (TCP keepalive is on).
import pg from 'pg';
import type { Leadership } from './leadership.js';
import { notifyLeadership } from './leadership.js';

export interface PostgresLeadershipOptions {
  url: string;
  /** The advisory lock's two keys (int4 each); one pair per lock. */
  lockKey?: [number, number];
  retryMs?: number;
  checkMs?: number;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** "TDM" and 1: the cluster leader's lock. */
export const LEADER_LOCK: [number, number] = [0x54444d, 1];

export function createPostgresLeadership(options: PostgresLeadershipOptions): Leadership {
  const [k1, k2] = options.lockKey ?? LEADER_LOCK;
  const retryMs = options.retryMs ?? 2000;
  const checkMs = options.checkMs ?? 2000;
  const log = options.log ?? { info: () => {}, warn: (o, m) => console.warn(`leadership: ${m}`, o), error: (o, m) => console.error(`leadership: ${m}`, o) };
  const listeners = new Set<(leader: boolean) => void>();
  let leader = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let started = false;
  let ticking: Promise<void> | null = null;

  const setLeader = (value: boolean) => {
    if (leader === value) return;
    leader = value;
    log.info({}, value ? 'this node now leads the cluster' : 'this node no longer leads the cluster');
    notifyLeadership(listeners, value, log);
  };

  const drop = (c: pg.Client) => {
    if (client === c) client = null;
    c.removeAllListeners('end');
    void c.end().catch(() => {});
  };

  async function connection(): Promise<pg.Client> {
    if (client) return client;
    const c = new pg.Client({ connectionString: options.url, keepAlive: true, query_timeout: Math.max(checkMs * 2, 5000), application_name: 'tandem leadership' });
    // A dropped connection has released the lock: stop leading at once, not at the next check.
    const lost = () => {
      if (client !== c) return;
      client = null;
      setLeader(false);
    };
    c.on('error', lost);
    c.on('end', lost);
    await c.connect();
    client = c;
    return c;
  }

  async function tick(): Promise<void> {
    let c: pg.Client | null = null;
    try {
      c = await connection();
      if (leader) {
        await c.query('select 1');
      } else {
        const r = await c.query<{ got: boolean }>('select pg_try_advisory_lock($1::int4, $2::int4) as got', [k1, k2]);
        if (stopped) return;
        if (r.rows[0]?.got) setLeader(true);
      }
    } catch (err) {
      if (c) drop(c);
      if (leader) log.warn({ err: (err as Error).message }, 'lost the connection that holds leadership');
      setLeader(false);
    }
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      ticking = tick().finally(() => {
        ticking = null;
        schedule();
      });
    }, leader ? checkMs : retryMs);
    timer.unref();
  };

  return {
    isLeader: () => leader && !stopped,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      if (started) return;
      started = true;
      // The first try is made before start resolves, so a lone node leads from its first moment.
      await tick();
      schedule();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking;
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners('end');
        c.on('error', () => {});
        // Unlocking first lets another node lead at its next try; ending the session would release it too.
        if (leader) await c.query('select pg_advisory_unlock($1::int4, $2::int4)', [k1, k2]).catch(() => {});
        await c.end().catch(() => {});
      }
      setLeader(false);
    },
  };
}
