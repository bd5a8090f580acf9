// Grouping, quiet by design: the first notification of a key (same kind,
// tenant, rule and channel) goes out at once, so a lone alert never waits.
// It opens the key's window; notifications of the same key arriving within
// it are held and sent as one follow-up message listing them when the
// window ends (or the batch is full), so an outage of 200 devices is two
// messages per channel, not 200. A window that sent a follow-up opens the
// next one, so a flood that goes on is one message per window. Every held
// delivery gets the follow-up's outcome.
import { groupNotifications } from '../notification.js';
import type { Delivery, DeliveryOutcome, Next, Stage } from './stage.js';

export interface GroupOptions {
  /** The group window; 0 sends every notification on its own. */
  waitMs: number;
  /** A batch of followers this large is sent at once. Default 500. */
  maxAlerts?: number;
  /** Timer (tests): runs `fn` after `ms`, returns a cancel function. */
  schedule?: (fn: () => void, ms: number) => () => void;
}

export interface GroupStage extends Stage {
  /** Sends every held follower now and stops grouping (shutdown); resolves when they are delivered. */
  flush(): Promise<void>;
  /** Keys with an open window (tests, metrics). */
  pending(): number;
  /** Deliveries held for a follow-up (tests, metrics). */
  held(): number;
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

/** The followers held in one key's window. */
interface Batch {
  deliveries: Delivery[];
  waiters: Array<(o: DeliveryOutcome) => void>;
  next: Next | null;
}

interface Window {
  batch: Batch;
  cancel: () => void;
}

const emptyBatch = (): Batch => ({ deliveries: [], waiters: [], next: null });

export function createGroupStage(o: GroupOptions): GroupStage {
  const max = o.maxAlerts ?? 500;
  const schedule = o.schedule ?? realSchedule;
  const open = new Map<string, Window>();
  const sending = new Set<Promise<void>>();
  let closed = false;

  const sendBatch = (b: Batch): Promise<void> => {
    if (b.deliveries.length === 0 || !b.next) return Promise.resolve();
    const size = b.deliveries.length;
    const sent = b.next(mergeDeliveries(b.deliveries))
      .catch((err: unknown): DeliveryOutcome => ({ status: 'failed', reason: `unexpected ${(err as Error).name ?? 'error'}`, retryable: false, attempts: 0 }))
      .then((outcome) => {
        const result: DeliveryOutcome = size > 1 && outcome.status !== 'skipped' ? { ...outcome, group: { key: groupIdOf(b.deliveries[0]!), size } } : outcome;
        for (const w of b.waiters) w(result);
      });
    sending.add(sent);
    void sent.finally(() => sending.delete(sent));
    return sent;
  };

  const openWindow = (key: string): void => {
    const w: Window = { batch: emptyBatch(), cancel: () => {} };
    open.set(key, w);
    w.cancel = schedule(() => {
      if (open.get(key) !== w) return;
      open.delete(key);
      const followers = w.batch;
      // A window that had followers opens the next, so a continuing flood stays one message per window.
      if (followers.deliveries.length > 0 && !closed) openWindow(key);
      void sendBatch(followers);
    }, o.waitMs);
  };

  const stage = (async (d, next) => {
    // A ticket channel keeps one ticket per alert: a group would only delay it.
    if (o.waitMs <= 0 || closed || d.channel.type === 'ticket') return next(d);
    const key = groupKeyOf(d);
    const w = open.get(key);
    if (!w) {
      // The first of its key: out at once.
      openWindow(key);
      return next(d);
    }
    const b = w.batch;
    const outcome = new Promise<DeliveryOutcome>((r) => b.waiters.push(r));
    b.deliveries.push(d);
    b.next = next;
    if (b.deliveries.length >= max) {
      w.batch = emptyBatch();
      void sendBatch(b);
    }
    return outcome;
  }) as GroupStage;

  stage.flush = async () => {
    closed = true;
    const batches = [...open.values()].map((w) => {
      w.cancel();
      return w.batch;
    });
    open.clear();
    await Promise.all([...batches.map(sendBatch), ...sending]);
  };
  stage.pending = () => open.size;
  stage.held = () => [...open.values()].reduce((n, w) => n + w.batch.deliveries.length, 0);
  return stage;
}
