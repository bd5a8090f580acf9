// When each device is next due for a time-based evaluation (an offline
// threshold passes, a backup turns stale, a `for` elapses, a snooze ends),
// kept in a min-heap keyed by due time with one timer for the earliest. A
// device is looked at when it is due, not on a sweep over every device: an
// idle fleet costs nothing between due times.
//
// Due times are rounded up to the resolution, so devices due close together
// are handed over in one batch. Only one due time per device is kept: the
// evaluation it triggers sets the next one. start() and stop() switch firing
// on and off without losing what is scheduled. Which devices a node
// schedules (its share in a cluster) is the rules stage's concern.

export interface DueTimersOptions {
  /** Due times are rounded up to a multiple of this. */
  resolutionMs: number;
  /** Called with the devices whose time has come. */
  fire: (deviceIds: string[]) => void;
  now?: () => number;
}

/** Longest single wait Node's timers take (about 24.8 days); later times are re-armed. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export class DueTimers {
  private readonly due = new Map<string, number>();
  /** [at, deviceId]; entries whose time no longer matches `due` are stale and skipped. */
  private heap: Array<[number, string]> = [];
  private timer: NodeJS.Timeout | null = null;
  private armedFor = Infinity;
  private active = false;
  private readonly now: () => number;

  constructor(private readonly options: DueTimersOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Sets (or with null clears) when a device is next due. */
  set(deviceId: string, at: number | null): void {
    if (at === null) {
      this.due.delete(deviceId);
      return;
    }
    const res = this.options.resolutionMs;
    const slot = Math.ceil(at / res) * res;
    if (this.due.get(deviceId) === slot) return;
    this.due.set(deviceId, slot);
    this.push([slot, deviceId]);
    // Stale entries are dropped in bulk once they outnumber the live ones.
    if (this.heap.length > 2 * this.due.size + 1024) this.rebuildHeap();
    this.arm();
  }

  /** When a device is next due, or null. */
  dueAt(deviceId: string): number | null {
    return this.due.get(deviceId) ?? null;
  }

  get size(): number {
    return this.due.size;
  }

  /** Starts firing (safe to call twice). */
  start(): void {
    this.active = true;
    this.arm();
  }

  /** Stops firing; the schedule is kept (safe to call twice). */
  stop(): void {
    this.active = false;
    this.disarm();
  }

  private arm(): void {
    if (!this.active) return;
    const next = this.peekLive();
    if (next === null) return this.disarm();
    if (this.timer && this.armedFor <= next) return;
    this.disarm();
    this.armedFor = next;
    this.timer = setTimeout(() => this.onTimer(), Math.min(MAX_TIMEOUT_MS, Math.max(0, next - this.now())));
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = Infinity;
  }

  private onTimer(): void {
    this.timer = null;
    this.armedFor = Infinity;
    const now = this.now();
    const ids: string[] = [];
    while (this.heap.length > 0 && this.heap[0]![0] <= now) {
      const [at, id] = this.pop();
      if (this.due.get(id) !== at) continue;
      this.due.delete(id);
      ids.push(id);
    }
    if (ids.length > 0) this.options.fire(ids);
    this.arm();
  }

  private peekLive(): number | null {
    while (this.heap.length > 0) {
      const [at, id] = this.heap[0]!;
      if (this.due.get(id) === at) return at;
      this.pop();
    }
    return null;
  }

  private rebuildHeap(): void {
    this.heap = [];
    for (const [id, at] of this.due) this.push([at, id]);
  }

  private push(entry: [number, string]): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]![0] <= h[i]![0]) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }

  private pop(): [number, string] {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]![0] < h[m]![0]) m = l;
        if (r < h.length && h[r]![0] < h[m]![0]) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}
