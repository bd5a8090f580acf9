// One agent connection: Hello → Welcome, then Reports and Gaps stored exactly
// once and acknowledged only after the commit. Any protocol violation gets an
// Error frame naming it and a 4xxx close; nothing stored is touched.
import type { WebSocket } from 'ws';
import {
  decodeFrame, encodeFrame, frameBody, FrameDecodeError, PROTOCOL_VERSION, protocolMajor, reportToSnapshot,
} from '@tandem/proto';
import type { Frame, FrameInit } from '@tandem/proto';
import type { Store, DeviceRecord } from '../store/store.js';
import { CLOSE_CODES, CollectorError } from '../errors.js';
import type { CollectorErrorCode } from '../errors.js';
import type { IngestEmitter } from './events.js';
import { COLLECTOR_VERSION } from '../version.js';

export interface SessionLimits {
  maxFrameBytes: number;
  maxInFlight: number;
  heartbeatSeconds: number;
  helloTimeoutMs: number;
}

export interface SessionLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export class AgentSession {
  private helloSeen = false;
  private closed = false;
  private graceful = false;
  private queue: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private paused = false;
  private lastReceivedAt = Date.now();
  private readonly helloTimer: NodeJS.Timeout;
  private watchdog: NodeJS.Timeout | null = null;

  constructor(
    private readonly ws: WebSocket,
    private readonly device: DeviceRecord,
    private readonly store: Store,
    private readonly events: IngestEmitter,
    private readonly limits: SessionLimits,
    private readonly log: SessionLogger,
  ) {
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
    let frame: Frame;
    try {
      frame = decodeFrame(data);
    } catch (err) {
      const message = err instanceof FrameDecodeError ? err.message : String(err);
      return this.fail('COL_ERR_FRAME_DECODE', message, CLOSE_CODES.badFrame);
    }
    const body = frameBody(frame);
    if (body === null) return this.fail('COL_ERR_FRAME_BODY', 'frame has no body (or a body this collector does not know)', CLOSE_CODES.badFrame);
    if (body === 'hello') return this.onHello(frame);
    if (!this.helloSeen) return this.fail('COL_ERR_PROTOCOL_ORDER', `${body} frame before Hello; the first frame must be Hello`, CLOSE_CODES.protocolOrder);
    switch (body) {
      case 'report':
      case 'gap':
        return this.enqueue(frame, body);
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

  private enqueue(frame: Frame, body: 'report' | 'gap'): void {
    const seq = Number(frame.seq);
    if (!Number.isSafeInteger(seq) || seq <= 0) {
      return this.fail('COL_ERR_SEQ', `${body} frame without a positive seq`, CLOSE_CODES.badFrame);
    }
    this.enqueueTask(async () => {
      if (body === 'report') {
        const snapshot = reportToSnapshot(this.device.id, frame.report!);
        const result = await this.store.commitReport(this.device.id, seq, snapshot);
        this.send({ ack: { seq: result.lastSeq } });
        if (result.duplicate) this.events.emit('duplicate', { deviceId: this.device.id, seq });
        if (!result.duplicate && result.latest) {
          this.events.emit('report', { deviceId: this.device.id, tenantId: this.device.tenantId, seq, snapshot, latest: result.latest });
        }
      } else {
        const g = frame.gap!;
        const gap = {
          droppedCount: Number(g.droppedCount),
          firstDroppedAt: g.firstDroppedAtMs ? new Date(Number(g.firstDroppedAtMs)).toISOString() : null,
          lastDroppedAt: g.lastDroppedAtMs ? new Date(Number(g.lastDroppedAtMs)).toISOString() : null,
          firstDroppedSeq: Number(g.firstDroppedSeq),
          lastDroppedSeq: Number(g.lastDroppedSeq),
          reason: g.reason ?? '',
        };
        const result = await this.store.commitGap(this.device.id, seq, gap);
        this.send({ ack: { seq: result.lastSeq } });
        if (!result.duplicate) {
          this.log.warn({ deviceId: this.device.id, dropped: gap.droppedCount }, 'agent reported dropped reports');
          this.events.emit('gap', { deviceId: this.device.id, tenantId: this.device.tenantId, seq, gap });
        }
      }
    });
  }

  /**
   * Runs store work strictly in arrival order. When more than maxInFlight
   * frames wait, the socket stops reading (TCP backpressure) instead of
   * buffering without bound.
   */
  private enqueueTask(task: () => Promise<unknown>): void {
    this.queued++;
    if (this.queued > this.limits.maxInFlight && !this.paused) {
      this.paused = true;
      this.ws.pause();
    }
    this.queue = this.queue.then(task).catch((err: unknown) => {
      if (err instanceof CollectorError && err.code === 'COL_ERR_UNAUTHORIZED') {
        this.fail('COL_ERR_UNAUTHORIZED', err.message, CLOSE_CODES.unauthorized);
        return;
      }
      this.log.error({ deviceId: this.device.id, err: (err as Error).message }, 'storing agent frame failed');
      // Without an ack the agent keeps the record and resends it after reconnecting.
      this.fail('COL_ERR_INTERNAL', 'the collector could not store this frame; it will be accepted on resend', 1011);
    }).finally(() => {
      this.queued--;
      if (this.paused && this.queued <= this.limits.maxInFlight / 2) {
        this.paused = false;
        this.ws.resume();
      }
    });
  }

  private startWatchdog(): void {
    const limitMs = this.limits.heartbeatSeconds * 3000;
    this.watchdog = setInterval(() => {
      if (Date.now() - this.lastReceivedAt > limitMs) {
        this.log.warn({ deviceId: this.device.id }, 'agent silent for three heartbeats; closing');
        this.ws.terminate();
      }
    }, Math.min(limitMs, 10_000));
    this.watchdog.unref();
  }

  /** Sends the device its collection schedules (applied without an agent restart). */
  pushPolicy(schedules: Record<string, string>): void {
    if (this.helloSeen && !this.closed) this.send({ policy: { schedules } });
  }

  /** Ends the connection at once (device revoked, or replaced by a newer connection). */
  terminate(): void {
    this.closed = true;
    this.ws.terminate();
  }

  private send(frame: FrameInit): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(encodeFrame(frame));
  }

  private fail(code: CollectorErrorCode | 'COL_ERR_INTERNAL', message: string, closeCode: number): void {
    if (this.closed) return;
    this.log.warn({ deviceId: this.device.id, code, message }, 'closing agent connection on protocol error');
    this.events.emit('rejected', { deviceId: this.device.id, code });
    this.send({ error: { code, message } });
    this.closed = true;
    this.ws.close(closeCode, code);
  }

  private onClose(): void {
    this.closed = true;
    clearTimeout(this.helloTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.helloSeen) {
      this.events.emit('disconnected', { deviceId: this.device.id, tenantId: this.device.tenantId, graceful: this.graceful });
    }
  }
}
