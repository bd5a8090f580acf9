// The one queue every agent connection's store work goes through. Work of one
// connection runs strictly in arrival order, one task at a time; across
// connections a fixed number of tasks run at once, taken round-robin first
// over tenants and then over the connections of a tenant. So a device that
// floods its socket gets its turn like every other device and tenant, never
// more, and a tenant with many busy devices cannot crowd out the others.
//
// A task may release its lane's turn before it finishes (`release()`): the
// lane's next task then starts while this one waits, e.g. for a group commit
// that keeps the frames in the order they were handed to it. A released task
// still counts against its lane's and tenant's share until it finishes.
//
// A lane asks its connection to stop reading (pause) while it, or its tenant,
// holds more than its share, and to read again once it has drained to half.
// Between tasks the queue yields to the event loop, so health checks, the API
// and other sockets are served while a backlog drains.

/** `release` lets the lane's next task start before this one has finished. */
export type QueueTask = (release: () => void) => Promise<void>;

export interface FairQueueLimits {
  /** Store tasks running at once across all connections. */
  concurrency: number;
  /** Queued frames per connection at which the connection stops being read. */
  pauseAtFrames: number;
  /** Queued bytes per connection at which the connection stops being read. */
  pauseAtBytes: number;
  /** Queued frames across one tenant's connections at which they stop being read. */
  tenantPauseAtFrames: number;
}

export interface LaneHooks {
  pause(): void;
  resume(): void;
}

interface Entry {
  task: QueueTask;
  bytes: number;
}

interface TenantState {
  id: string;
  queued: number;
  /** Released tasks not finished yet. */
  inFlight: number;
  /** In the queue's turn order (it has a ready lane). */
  inRing: boolean;
  /** Lanes with work that are not running, in turn order. */
  ready: Lane[];
  lanes: Set<Lane>;
  /** Lanes told to stop reading, to be resumed when they and the tenant have drained. */
  paused: Set<Lane>;
}

export class Lane {
  private readonly entries: Entry[] = [];
  private bytesQueued = 0;
  private running = false;
  private released = 0;
  private closedFlag = false;
  /** @internal Waiting its tenant's turn. */
  inReady = false;
  private paused = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly queue: FairQueue,
    readonly tenant: TenantState,
    private readonly hooks: LaneHooks,
  ) {}

  /** Frames waiting (not counting the one running). */
  get queued(): number {
    return this.entries.length;
  }

  /** Frames received and not finished: waiting, and released but still running. */
  get outstanding(): number {
    return this.entries.length + this.released + (this.running ? 1 : 0);
  }

  /** Bytes of the frames waiting. */
  get bytes(): number {
    return this.bytesQueued;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Adds work after everything already queued on this connection. */
  push(task: QueueTask, bytes = 0): void {
    if (this.closedFlag) return;
    this.entries.push({ task, bytes });
    this.bytesQueued += bytes;
    this.tenant.queued++;
    this.queue.offer(this);
    this.queue.checkPause(this);
  }

  /**
   * The connection is gone: work not yet started is dropped (it was never
   * acknowledged, so the agent resends it), the running task finishes.
   */
  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.tenant.queued -= this.entries.length;
    this.entries.length = 0;
    this.bytesQueued = 0;
    this.tenant.paused.delete(this);
    this.queue.remove(this);
    if (!this.running && this.released === 0) this.wakeIdle();
  }

  /** Resolves when nothing is running or queued on this lane. */
  idle(): Promise<void> {
    if (!this.running && this.released === 0 && this.entries.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** @internal */
  get isRunning(): boolean {
    return this.running;
  }

  /** @internal */
  get hasWork(): boolean {
    return this.entries.length > 0 && !this.closedFlag;
  }

  /** @internal Takes the next task; the caller runs it. */
  take(): Entry {
    const entry = this.entries.shift()!;
    this.bytesQueued -= entry.bytes;
    this.tenant.queued--;
    this.running = true;
    return entry;
  }

  /** @internal The running task lets the next one start; it finishes later (finishedReleased). */
  release(): void {
    this.running = false;
    this.released++;
    this.tenant.inFlight++;
  }

  /** @internal */
  finished(): void {
    this.running = false;
    this.maybeIdle();
  }

  /** @internal */
  finishedReleased(): void {
    this.released--;
    this.tenant.inFlight--;
    this.maybeIdle();
  }

  private maybeIdle(): void {
    if (!this.running && this.released === 0 && (this.entries.length === 0 || this.closedFlag)) this.wakeIdle();
  }

  /** @internal */
  setPaused(paused: boolean): void {
    if (this.paused === paused || this.closedFlag) return;
    this.paused = paused;
    if (paused) this.tenant.paused.add(this);
    else this.tenant.paused.delete(this);
    if (paused) this.hooks.pause();
    else this.hooks.resume();
  }

  /** @internal */
  get isPaused(): boolean {
    return this.paused;
  }

  private wakeIdle(): void {
    for (const w of this.idleWaiters.splice(0)) w();
  }
}

export class FairQueue {
  private readonly tenants = new Map<string, TenantState>();
  /** Tenants with at least one ready lane, in turn order. */
  private readonly ring: TenantState[] = [];
  private running = 0;
  private pumpScheduled = false;

  constructor(private readonly limits: FairQueueLimits) {}

  /** A lane for one connection of a tenant's device. */
  lane(tenantId: string, hooks: LaneHooks): Lane {
    let tenant = this.tenants.get(tenantId);
    if (!tenant) {
      tenant = { id: tenantId, queued: 0, inFlight: 0, inRing: false, ready: [], lanes: new Set(), paused: new Set() };
      this.tenants.set(tenantId, tenant);
    }
    const lane = new Lane(this, tenant, hooks);
    tenant.lanes.add(lane);
    return lane;
  }

  /** Tasks running now, and frames waiting, across every connection (for metrics and tests). */
  stats(): { running: number; queued: number } {
    let queued = 0;
    for (const t of this.tenants.values()) queued += t.queued;
    return { running: this.running, queued };
  }

  /** @internal A lane got work: make it ready unless it is running or already waiting its turn. */
  offer(lane: Lane): void {
    if (lane.isRunning || !lane.hasWork || lane.inReady) return;
    lane.inReady = true;
    lane.tenant.ready.push(lane);
    if (!lane.tenant.inRing) {
      lane.tenant.inRing = true;
      this.ring.push(lane.tenant);
    }
    this.schedulePump();
  }

  /** @internal */
  remove(lane: Lane): void {
    const tenant = lane.tenant;
    if (lane.inReady) {
      lane.inReady = false;
      tenant.ready.splice(tenant.ready.indexOf(lane), 1);
    }
    tenant.lanes.delete(lane);
    if (tenant.ready.length === 0) this.dropFromRing(tenant);
    if (tenant.lanes.size === 0 && tenant.queued === 0 && tenant.inFlight === 0) this.tenants.delete(tenant.id);
    this.checkTenantResume(tenant);
  }

  /** @internal Pauses a lane whose connection or tenant holds more than its share. */
  checkPause(lane: Lane): void {
    const over = lane.outstanding >= this.limits.pauseAtFrames || lane.bytes >= this.limits.pauseAtBytes
      || lane.tenant.queued + lane.tenant.inFlight >= this.limits.tenantPauseAtFrames;
    if (over) lane.setPaused(true);
  }

  private mayResume(lane: Lane): boolean {
    return lane.outstanding <= this.limits.pauseAtFrames / 2 && lane.bytes <= this.limits.pauseAtBytes / 2
      && lane.tenant.queued + lane.tenant.inFlight <= this.limits.tenantPauseAtFrames / 2;
  }

  private checkTenantResume(tenant: TenantState): void {
    for (const lane of [...tenant.paused]) {
      if (this.mayResume(lane)) lane.setPaused(false);
    }
  }

  private dropFromRing(tenant: TenantState): void {
    if (!tenant.inRing) return;
    tenant.inRing = false;
    this.ring.splice(this.ring.indexOf(tenant), 1);
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    // setImmediate, not a microtask: pending I/O (health checks, other sockets) runs first.
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.limits.concurrency && this.ring.length > 0) {
      const tenant = this.ring.shift()!;
      const lane = tenant.ready.shift()!;
      lane.inReady = false;
      if (tenant.ready.length > 0) this.ring.push(tenant);
      else tenant.inRing = false;
      const entry = lane.take();
      this.running++;
      void this.run(lane, entry.task);
    }
  }

  private async run(lane: Lane, task: QueueTask): Promise<void> {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.running--;
      lane.release();
      if (!lane.closed) this.offer(lane);
      this.schedulePump();
    };
    try {
      await task(release);
    } catch {
      // A task reports its own failures; the queue only keeps turning.
    } finally {
      if (released) {
        lane.finishedReleased();
      } else {
        this.running--;
        lane.finished();
        if (!lane.closed) this.offer(lane);
      }
      this.checkTenantResume(lane.tenant);
      if (lane.tenant.lanes.size === 0 && lane.tenant.queued === 0 && lane.tenant.inFlight === 0) this.tenants.delete(lane.tenant.id);
      this.schedulePump();
    }
  }
}
