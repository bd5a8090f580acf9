// One connected stream client: what it may see, what it has been shown, and
// a hard bound on what may wait for it. A client that cannot keep up is
// dropped with a close code; the server never buffers for it without bound.
import type { WebSocket } from 'ws';
import type { ApiPrincipal } from '../store/store.js';
import { matchesStream } from './stream-filter.js';
import type { StreamFilter } from './stream-filter.js';
import type { StreamAlertJson, StreamMessage, transitionJson } from './stream-messages.js';

export const STREAM_CLOSE_CODES = {
  /** Too much data waiting for this client; reconnect and take a fresh snapshot. */
  tooSlow: 4429,
  /** The credentials were revoked, expired or signed out. */
  unauthorized: 4401,
  /** No answer to pings. */
  noPong: 4408,
  /** The collector is shutting down. */
  goingAway: 1001,
} as const;

export interface StreamLimits {
  /** Bytes that may wait in the socket (ws buffer + kernel writable) before the client is dropped. */
  maxBufferedBytes: number;
  /** Changes that may queue while the snapshot is being read. */
  maxPendingChanges: number;
}

type Transition = ReturnType<typeof transitionJson> | null;

export class StreamClient {
  /** Alert ids this client currently shows, with the version it has. */
  private readonly shown = new Map<string, number>();
  /** Changes seen while the snapshot is being read; null once it is sent. */
  private pending: Array<{ alert: StreamAlertJson; transition: Transition } | { removed: string }> | null = [];
  private closed = false;
  alive = true;

  constructor(
    readonly socket: WebSocket,
    public principal: ApiPrincipal,
    readonly filter: StreamFilter,
    private readonly limits: StreamLimits,
    private readonly onDropped: (client: StreamClient, code: number, reason: string) => void,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** The open alerts are about to be read again: changes wait for the snapshot, as on connect. */
  beginSnapshot(): void {
    this.pending ??= [];
  }

  /** Sends the open alerts (the client replaces what it shows), then whatever changed while they were read. */
  sendSnapshot(alerts: StreamAlertJson[]): void {
    const visible = alerts.filter((a) => this.mayShow(a));
    this.shown.clear();
    for (const a of visible) this.shown.set(a.id, a.version);
    this.send({ type: 'snapshot', alerts: visible });
    const queued = this.pending ?? [];
    this.pending = null;
    for (const item of queued) {
      if ('removed' in item) this.remove(item.removed);
      else this.offer(item.alert, item.transition);
    }
  }

  /** An alert changed: show it, update it, or take it away, depending on scope and filter. */
  offer(alert: StreamAlertJson, transition: Transition): void {
    if (this.closed) return;
    if (this.pending) {
      if (this.pending.length >= this.limits.maxPendingChanges) return this.drop(STREAM_CLOSE_CODES.tooSlow, 'too many changes while the snapshot was read; reconnect');
      this.pending.push({ alert, transition });
      return;
    }
    const had = this.shown.get(alert.id);
    // Older than what the client has (a change queued while the snapshot was read).
    if (had !== undefined && alert.version < had) return;
    // Scope is checked on every message, against the principal as last verified.
    if (this.mayShow(alert)) {
      const open = alert.state !== 'resolved';
      if (open) this.shown.set(alert.id, alert.version);
      else this.shown.delete(alert.id);
      // A resolution is news only to a client that showed the alert.
      if (open || had !== undefined) this.send({ type: 'alert', alert, transition });
    } else if (had !== undefined) {
      this.shown.delete(alert.id);
      this.send({ type: 'remove', id: alert.id, reason: 'filtered' });
    }
  }

  /** A pending alert was cancelled before it fired. */
  remove(alertId: string): void {
    if (this.closed) return;
    if (this.pending) {
      this.pending.push({ removed: alertId });
      return;
    }
    if (this.shown.delete(alertId)) this.send({ type: 'remove', id: alertId, reason: 'cancelled' });
  }

  send(message: StreamMessage): void {
    if (this.closed) return;
    const text = JSON.stringify(message);
    if (this.socket.bufferedAmount + Buffer.byteLength(text) > this.limits.maxBufferedBytes) {
      return this.drop(STREAM_CLOSE_CODES.tooSlow, `client too slow: more than ${this.limits.maxBufferedBytes} bytes waiting; reconnect`);
    }
    this.socket.send(text);
  }

  /**
   * Closes with a code the client can act on. The close frame queues behind
   * whatever is already buffered; if the client never reads it, the socket is
   * destroyed after `graceMs` so the buffer is freed.
   */
  drop(code: number, reason: string, graceMs = 5000): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = null;
    this.shown.clear();
    this.onDropped(this, code, reason);
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
      return;
    }
    setTimeout(() => this.socket.terminate(), graceMs).unref();
  }

  /** Called by the socket's close event. */
  markClosed(): void {
    this.closed = true;
    this.pending = null;
    this.shown.clear();
  }

  private mayShow(a: StreamAlertJson): boolean {
    return matchesStream(this.principal.scope, this.filter, a);
  }
}
