// One agent connection: Hello → Welcome, then Reports and Gaps stored exactly
// once and acknowledged only after the commit (a group commit shared with
// other connections, see commit-groups.ts). Any protocol violation gets an
// Error frame naming it and a 4xxx close; nothing stored is touched. Store
// work goes through the shared fair queue (one lane per connection), so what
// one client sends, and how fast, bounds only its own connection.
import type { WebSocket } from 'ws';
import {
  decodeFrame, encodeFrame, FrameDecodeError, peekFrame, MAX_SEQ, PROTOCOL_VERSION, protocolMajor, reportToSnapshot,
} from '@tandem/proto';
import type { Frame, FrameInit, FramePeek } from '@tandem/proto';
import type { Store, DeviceRecord } from '../store/store.js';
import { CLOSE_CODES, CollectorError } from '../errors.js';
import type { CollectorErrorCode } from '../errors.js';
import type { IngestEmitter } from './events.js';
import { COLLECTOR_VERSION } from '../version.js';
import type { FairQueue, Lane } from './fair-queue.js';
import type { CommitGroups } from './commit-groups.js';
import type { CommitOutcome, CommitResult, GapRecord, IngestItem } from '../store/store.js';
import { checkGapPlausibility, checkPlausibility } from './plausibility.js';
import type { SilenceSweep, SilenceWatched } from './silence-sweep.js';

export interface SessionLimits {
  maxFrameBytes: number;
  maxInFlight: number;
  heartbeatSeconds: number;
  helloTimeoutMs: number;
  /** Data frames received and not yet acknowledged before the connection is closed (4429). */
  maxQueuedFrames: number;
  /** Bytes of those frames before the connection is closed (4429). */
  maxQueuedBytes: number;
  /** Bytes waiting to be sent to a client that does not read before it is closed (4429). */
  maxSendBufferBytes: number;
}

export interface SessionLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export class AgentSession implements SilenceWatched {
  private helloSeen = false;
  private closed = false;
  private graceful = false;
  private readonly lane: Lane;
  /** When the last frame came (read by the silence sweep). */
  lastReceivedAt = Date.now();
  private readonly helloTimer: NodeJS.Timeout;

  constructor(
    private readonly ws: WebSocket,
    private readonly device: DeviceRecord,
    private readonly store: Store,
    private readonly events: IngestEmitter,
    private readonly limits: SessionLimits,
    private readonly log: SessionLogger,
    queue: FairQueue,
    private readonly commits: CommitGroups,
    private readonly silence: SilenceSweep,
  ) {
    // The socket itself is the lane's pause/resume: no closures kept per connection for it.
    this.lane = queue.lane(device.tenantId, ws);
    this.helloTimer = setTimeout(() => this.fail('COL_ERR_HELLO_TIMEOUT', `no Hello within ${limits.helloTimeoutMs} ms`, CLOSE_CODES.helloTimeout), limits.helloTimeoutMs);
    ws.on('message', (data: Buffer, isBinary: boolean) => this.onMessage(data, isBinary));
    ws.on('close', () => this.onClose());
    ws.on('error', (err) => this.log.warn({ deviceId: device.id, err: err.message }, 'agent socket error'));
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    this.lastReceivedAt = Date.now();
    if (!isBinary) return this.fail('COL_ERR_FRAME_DECODE', 'text frames are not part of the protocol; send binary protobuf frames', CLOSE_CODES.badFrame);
    if (data.length > this.limits.maxFrameBytes) {
      return this.fail('COL_ERR_FRAME_TOO_LARGE', `frame of ${data.length} bytes exceeds the limit of ${this.limits.maxFrameBytes} bytes`, CLOSE_CODES.tooLarge);
    }
    // Reports and gaps are queued as their bytes and decoded only when their
    // commit group is formed (see commit-groups.ts): a queue of decoded
    // reports (thousands, with many agents sending at once) would sit in the
    // heap, and collecting it cost more than storing the reports.
    let peek: FramePeek;
    try {
      peek = peekFrame(data);
    } catch (err) {
      return this.fail('COL_ERR_FRAME_DECODE', decodeProblem(err), CLOSE_CODES.badFrame);
    }
    const body = peek.body;
    if (body === null) return this.fail('COL_ERR_FRAME_BODY', 'frame has no body (or a body this collector does not know)', CLOSE_CODES.badFrame);
    if (body !== 'hello' && !this.helloSeen) return this.fail('COL_ERR_PROTOCOL_ORDER', `${body} frame before Hello; the first frame must be Hello`, CLOSE_CODES.protocolOrder);
    if (body === 'report' || body === 'gap') return this.enqueue(ownBytes(data), body, peek.seq);
    let frame: Frame;
    try {
      frame = decodeFrame(data);
    } catch (err) {
      return this.fail('COL_ERR_FRAME_DECODE', decodeProblem(err), CLOSE_CODES.badFrame);
    }
    switch (body) {
      case 'hello':
        return this.onHello(frame);
      case 'heartbeat':
        this.send({ heartbeat: { sentAtMs: Date.now() } });
        return;
      case 'goodbye':
        this.graceful = true;
        this.enqueueTask(() => this.store.markSeen(this.device.id, { stopped: true }));
        return;
      default:
        return this.fail('COL_ERR_FRAME_BODY', `${body} frames are sent by collectors, not agents`, CLOSE_CODES.badFrame);
    }
  }

  private onHello(frame: Frame): void {
    if (this.helloSeen) return this.fail('COL_ERR_PROTOCOL_ORDER', 'Hello sent twice on one connection', CLOSE_CODES.protocolOrder);
    const hello = frame.hello!;
    if (hello.deviceId !== this.device.id) {
      return this.fail('COL_ERR_DEVICE_MISMATCH', `Hello names device "${hello.deviceId}" but the credential belongs to another device`, CLOSE_CODES.forbidden);
    }
    const major = protocolMajor(hello.protocolVersion ?? '');
    if (major !== protocolMajor(PROTOCOL_VERSION)) {
      return this.fail('COL_ERR_PROTOCOL_VERSION', `agent speaks wire schema "${hello.protocolVersion}", this collector speaks ${PROTOCOL_VERSION}`, CLOSE_CODES.protocolVersion);
    }
    clearTimeout(this.helloTimer);
    this.helloSeen = true;
    this.enqueueTask(async () => {
      await this.store.markSeen(this.device.id, { agentVersion: hello.agentVersion ?? undefined, stopped: false });
      const current = await this.store.getDevice(this.device.id, { all: true });
      this.send({
        welcome: {
          collectorVersion: COLLECTOR_VERSION,
          protocolVersion: PROTOCOL_VERSION,
          lastCommittedSeq: current?.lastSeq ?? 0,
          heartbeatIntervalSeconds: this.limits.heartbeatSeconds,
          maxFrameBytes: this.limits.maxFrameBytes,
          maxInFlight: this.limits.maxInFlight,
          deviceId: this.device.id,
          tenantId: this.device.tenantId,
        },
      });
      if (current && Object.keys(current.policy).length > 0) this.pushPolicy(current.policy);
      this.events.emit('connected', { deviceId: this.device.id, tenantId: this.device.tenantId });
      this.startWatchdog();
    });
  }

  private enqueue(data: Buffer, body: 'report' | 'gap', seq: number): void {
    const bytes = data.length;
    if (!Number.isSafeInteger(seq) || seq <= 0) {
      return this.fail('COL_ERR_SEQ', `${body} frame without a positive seq`, CLOSE_CODES.badFrame);
    }
    // Stored, a seq near 2^53 would leave the device no higher seq to send: it could never report again.
    if (seq > MAX_SEQ) {
      return this.fail('COL_ERR_SEQ', `${body} frame with seq ${seq}, above the largest the protocol allows (2^48)`, CLOSE_CODES.badFrame);
    }
    // The agent was told maxInFlight; a client that sends far past it (or past
    // the byte bound) is closed rather than buffered, and what it queued is dropped.
    if (this.lane.outstanding + 1 > this.limits.maxQueuedFrames) {
      return this.fail('COL_ERR_BACKLOG', `more than ${this.limits.maxQueuedFrames} frames sent ahead of their acks (Welcome said maxInFlight ${this.limits.maxInFlight})`, CLOSE_CODES.backlog);
    }
    if (this.lane.bytes + bytes > this.limits.maxQueuedBytes) {
      return this.fail('COL_ERR_BACKLOG', `more than ${this.limits.maxQueuedBytes} bytes sent ahead of their acks`, CLOSE_CODES.backlog);
    }
    this.enqueueTask(async (release) => {
      const frame = (): Frame => {
        try {
          return decodeFrame(data);
        } catch (err) {
          throw new CollectorError('COL_ERR_FRAME_DECODE', `${body} seq ${seq}: ${decodeProblem(err)}`, { statusCode: 400 });
        }
      };
      if (body === 'report') {
        let checked: ReturnType<typeof checkPlausibility> | null = null;
        const result = await this.commit(() => {
          checked = checkPlausibility(reportToSnapshot(this.device.id, frame().report!), Date.now());
          return { kind: 'report', deviceId: this.device.id, seq, snapshot: checked.snapshot, adjustments: checked.adjustments };
        }, bytes, release);
        if (!result || !checked) return;
        const { snapshot, adjustments } = checked as ReturnType<typeof checkPlausibility>;
        this.send({ ack: { seq: result.lastSeq } });
        if (result.duplicate) this.events.emit('duplicate', { deviceId: this.device.id, seq });
        if (!result.duplicate && adjustments.length > 0) {
          this.log.warn({ deviceId: this.device.id, seq, adjustments: adjustments.slice(0, 5), count: adjustments.length }, 'implausible values in a report were adjusted');
          this.events.emit('adjusted', { deviceId: this.device.id, seq, adjustments });
        }
        if (!result.duplicate && result.late) {
          this.log.info({ deviceId: this.device.id, seq, lastSeq: result.lastSeq }, 'stored a report that arrived after a higher seq');
          this.events.emit('late', { deviceId: this.device.id, seq, lastSeq: result.lastSeq });
        }
        if (!result.duplicate && result.latest && result.device) {
          this.events.emit('report', { deviceId: this.device.id, tenantId: this.device.tenantId, site: result.device.site, seq, snapshot, latest: result.latest, device: result.device });
        }
      } else {
        let gap: GapRecord | null = null;
        const result = await this.commit(() => {
          const g = frame().gap!;
          const checked = checkGapPlausibility({
            droppedCount: Number(g.droppedCount ?? 0),
            firstDroppedAtMs: Number(g.firstDroppedAtMs ?? 0),
            lastDroppedAtMs: Number(g.lastDroppedAtMs ?? 0),
            firstDroppedSeq: Number(g.firstDroppedSeq ?? 0),
            lastDroppedSeq: Number(g.lastDroppedSeq ?? 0),
            reason: g.reason ?? '',
          });
          gap = checked.gap;
          return { kind: 'gap', deviceId: this.device.id, seq, gap: checked.gap, adjustments: checked.adjustments };
        }, bytes, release);
        if (!result || !gap) return;
        const stored = gap as GapRecord;
        this.send({ ack: { seq: result.lastSeq } });
        if (result.duplicate) this.events.emit('duplicate', { deviceId: this.device.id, seq });
        if (!result.duplicate) {
          this.log.warn({ deviceId: this.device.id, dropped: stored.droppedCount }, 'agent reported dropped reports');
          this.events.emit('gap', { deviceId: this.device.id, tenantId: this.device.tenantId, seq, gap: stored });
        }
      }
    }, bytes);
  }

  /**
   * Hands a frame to the group commit; the lane's next frame may follow as
   * soon as this one has its place in the order. Null: the connection closed
   * before it was stored (nothing to answer).
   */
  private async commit(prepare: () => IngestItem, bytes: number, release: () => void): Promise<CommitResult | null> {
    const outcome: CommitOutcome | null = await this.commits.submit(prepare, bytes, () => this.closed, release);
    if (outcome === null || this.closed) return null;
    if (!outcome.ok) throw outcome.error;
    return outcome.result;
  }

  /**
   * Queues store work on this connection's lane: it runs in arrival order,
   * taking turns with every other connection. The lane stops reading the
   * socket (TCP backpressure) while this connection or its tenant holds more
   * than its share. A store failure closes the connection unacknowledged.
   */
  private enqueueTask(task: (release: () => void) => Promise<unknown>, bytes = 0): void {
    this.lane.push(async (release) => {
      if (this.closed) return;
      try {
        await task(release);
      } catch (err) {
        if (err instanceof CollectorError && err.code === 'COL_ERR_UNAUTHORIZED') {
          this.fail('COL_ERR_UNAUTHORIZED', err.message, CLOSE_CODES.unauthorized);
          return;
        }
        if (err instanceof CollectorError && err.code === 'COL_ERR_FRAME_DECODE') {
          this.fail('COL_ERR_FRAME_DECODE', err.message, CLOSE_CODES.badFrame);
          return;
        }
        this.log.error({ deviceId: this.device.id, err: (err as Error).message }, 'storing agent frame failed');
        // Without an ack the agent keeps the record and resends it after reconnecting.
        this.fail('COL_ERR_INTERNAL', 'the collector could not store this frame; it will be accepted on resend', 1011);
      }
    }, bytes);
  }

  /** Resolves when this connection has no store work running or queued (for tests and shutdown). */
  idle(): Promise<void> {
    return this.lane.idle();
  }

  /** From the Welcome on, the silence sweep cuts the connection off after three heartbeat intervals without a frame. */
  private startWatchdog(): void {
    if (!this.closed) this.silence.watch(this);
  }

  /** @internal Called by the silence sweep. */
  silent(): void {
    this.log.warn({ deviceId: this.device.id }, 'agent silent for three heartbeats; closing');
    this.ws.terminate();
  }

  /** Sends the device its collection schedules (applied without an agent restart). */
  pushPolicy(schedules: Record<string, string>): void {
    if (this.helloSeen && !this.closed) this.send({ policy: { schedules } });
  }

  /** Ends the connection at once (device revoked, or replaced by a newer connection). */
  terminate(): void {
    this.closed = true;
    this.lane.close();
    this.ws.terminate();
  }

  private send(frame: FrameInit): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    // A client that does not read what it is sent would have it buffered here without end.
    if (this.ws.bufferedAmount > this.limits.maxSendBufferBytes) {
      this.log.warn({ deviceId: this.device.id, buffered: this.ws.bufferedAmount }, 'agent does not read its acks; closing');
      this.events.emit('rejected', { deviceId: this.device.id, code: 'COL_ERR_BACKLOG' });
      this.closed = true;
      this.lane.close();
      this.ws.terminate();
      return;
    }
    this.ws.send(encodeFrame(frame));
  }

  private fail(code: CollectorErrorCode | 'COL_ERR_INTERNAL', message: string, closeCode: number): void {
    if (this.closed) return;
    this.log.warn({ deviceId: this.device.id, code, message }, 'closing agent connection on protocol error');
    this.events.emit('rejected', { deviceId: this.device.id, code });
    this.send({ error: { code, message } });
    this.closed = true;
    this.lane.close();
    // Read again (frames are ignored now) so the client's close frame is seen.
    this.ws.resume();
    this.ws.close(closeCode, code);
    // A client that never answers the close handshake is cut off after a while.
    setTimeout(() => this.ws.terminate(), 5000).unref();
  }

  private onClose(): void {
    this.closed = true;
    this.lane.close();
    clearTimeout(this.helloTimer);
    this.silence.unwatch(this);
    if (this.helloSeen) {
      this.events.emit('disconnected', { deviceId: this.device.id, tenantId: this.device.tenantId, graceful: this.graceful });
    }
  }
}

/** What was wrong with a frame that did not decode, for its Error frame. */
function decodeProblem(err: unknown): string {
  return err instanceof FrameDecodeError ? err.message : String(err);
}

/**
 * The frame's bytes, copied when they are a small view of a larger buffer
 * (a socket read holding several frames), so a queued frame keeps only itself.
 */
function ownBytes(data: Buffer): Buffer {
  return data.buffer.byteLength > 2 * data.length ? Buffer.from(data) : data;
}
