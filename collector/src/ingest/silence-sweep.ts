// Agents that stop talking (a half-open connection, a hung host) are cut off
// once nothing has come from them for three heartbeat intervals. One timer
// looks over every connection at a fixed pace instead of each connection
// keeping its own: a fleet of idle agents costs one callback per sweep, not
// one per connection, and receiving a frame only stores when it came.

/** A connection the sweep watches: when it last received a frame, and how it is cut off. */
export interface SilenceWatched {
  readonly lastReceivedAt: number;
  silent(): void;
}

export interface SilenceSweepOptions {
  /** Silence longer than this cuts the connection off. */
  silentAfterMs: number;
  /** How often the connections are looked over (at most silentAfterMs). */
  everyMs?: number;
  now?: () => number;
}

export class SilenceSweep {
  private readonly watched = new Set<SilenceWatched>();
  private timer: NodeJS.Timeout | null = null;
  private readonly silentAfterMs: number;
  private readonly everyMs: number;
  private readonly now: () => number;

  constructor(options: SilenceSweepOptions) {
    this.silentAfterMs = options.silentAfterMs;
    this.everyMs = Math.min(options.everyMs ?? 10_000, options.silentAfterMs);
    this.now = options.now ?? Date.now;
  }

  /** Starts watching a connection (it is cut off at most silentAfterMs + everyMs after its last frame). */
  watch(connection: SilenceWatched): void {
    this.watched.add(connection);
    if (this.timer) return;
    this.timer = setInterval(() => this.sweep(), this.everyMs);
    this.timer.unref();
  }

  /** The connection ended: no longer watched. */
  unwatch(connection: SilenceWatched): void {
    this.watched.delete(connection);
    if (this.watched.size === 0) this.stop();
  }

  get size(): number {
    return this.watched.size;
  }

  /** Cuts off every watched connection silent for longer than the limit. */
  sweep(): void {
    const now = this.now();
    for (const connection of this.watched) {
      if (now - connection.lastReceivedAt <= this.silentAfterMs) continue;
      this.watched.delete(connection);
      connection.silent();
    }
    if (this.watched.size === 0) this.stop();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
