// Grouping: notifications of the same kind, for the same tenant, rule and
// channel, arriving within the group window go out as one message listing
// the alerts, so an outage of 200 devices is one message per channel, not
// 200. The first delivery of a key opens a batch; the batch is sent when the
// window ends (or it is full), and every delivery in it gets the outcome.
import { groupNotifications } from '../notification.js';
import type { Delivery, DeliveryOutcome, Next, Stage } from './stage.js';

export interface GroupOptions {
  /** The group window; 0 sends every notification on its own. */
  waitMs: number;
  /** A batch this large is sent at once. Default 500. */
  maxAlerts?: number;
  /** Timer (tests): runs `fn` after `ms`, returns a cancel function. */
  schedule?: (fn: () => void, ms: number) => () => void;
}

export interface GroupStage extends Stage {
  /** Sends every open batch now and stops grouping (shutdown); resolves when they are delivered. */
  flush(): Promise<void>;
  /** Open batches (tests, metrics). */
  pending(): number;
}

/** Deliveries that belong in one message. */
export function groupKeyOf(d: Delivery): string {
  const n = d.notification;
  return JSON.stringify([n.kind, n.tenantId, n.ruleId, d.team, d.channel.name]);
}

/** The group's own id: stable for its first alert and kind (a pager dedup key). */
export function groupIdOf(first: Delivery): string {
  return `grp-${first.notification.kind}-${first.notification.alertId}`;
}

/** The one delivery a batch becomes (pure). */
export function mergeDeliveries(batch: Delivery[]): Delivery {
  const first = batch[0]!;
  if (batch.length === 1) return first;
  return { ...first, notification: groupNotifications(batch.map((d) => d.notification), groupIdOf(first)) };
}

const realSchedule = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  t.unref();
  return () => clearTimeout(t);
};

interface Batch {
  deliveries: Delivery[];
  waiters: Array<(o: DeliveryOutcome) => void>;
  cancel: () => void;
  next: Next;
  sent?: Promise<void>;
}

export function createGroupStage(o: GroupOptions): GroupStage {
  const max = o.maxAlerts ?? 500;
  const schedule = o.schedule ?? realSchedule;
  const open = new Map<string, Batch>();
  const sending = new Set<Promise<void>>();
  let closed = false;

  const send = (key: string, b: Batch): Promise<void> => {
    if (b.sent) return b.sent;
    b.cancel();
    if (open.get(key) === b) open.delete(key);
    const size = b.deliveries.length;
    b.sent = b.next(mergeDeliveries(b.deliveries))
      .catch((err: unknown): DeliveryOutcome => ({ status: 'failed', reason: `unexpected ${(err as Error).name ?? 'error'}`, retryable: false, attempts: 0 }))
      .then((outcome) => {
        const result: DeliveryOutcome = size > 1 && outcome.status !== 'skipped' ? { ...outcome, group: { key: groupIdOf(b.deliveries[0]!), size } } : outcome;
        for (const w of b.waiters) w(result);
      });
    sending.add(b.sent);
    void b.sent.finally(() => sending.delete(b.sent!));
    return b.sent;
  };

  const stage = (async (d, next) => {
    if (o.waitMs <= 0 || closed) return next(d);
    const key = groupKeyOf(d);
    let b = open.get(key);
    if (!b) {
      const batch: Batch = { deliveries: [], waiters: [], cancel: () => {}, next };
      open.set(key, batch);
      batch.cancel = schedule(() => void send(key, batch), o.waitMs);
      b = batch;
    }
    const outcome = new Promise<DeliveryOutcome>((r) => b.waiters.push(r));
    b.deliveries.push(d);
    if (b.deliveries.length >= max) void send(key, b);
    return outcome;
  }) as GroupStage;

  stage.flush = async () => {
    closed = true;
    const all = [...open.entries()].map(([k, b]) => send(k, b));
    await Promise.all([...all, ...sending]);
  };
  stage.pending = () => open.size;
  return stage;
}
