// Streams spooled records to a collector over WebSocket and deletes them from
// the spool only when the collector acknowledges them. Reconnects with full
// jitter backoff, rotating through the configured collector URLs. What the
// collector says is checked first (collector-claims.ts): an implausible
// Welcome or Ack is refused, logged, never applied, and the connection is
// dropped and retried with backoff.
import WebSocket from 'ws';
import { decodeFrame, encodeFrame, frameBody, PROTOCOL_VERSION, tandem } from '@tandem/proto';
import type { FrameInit } from '@tandem/proto';
import { AgentError } from '../errors.js';
import type { FileSpool, SpoolRecord } from '../spool/file-spool.js';
import { RECORD_KIND, decodeGap } from '../spool/file-spool.js';
import type { DeviceCredentials } from '../credentials.js';
import { authorizationHeader } from '../credentials.js';
import type { Logger } from '../log.js';
import { fullJitterDelay } from './backoff.js';
import { tlsClientOptions } from './tls-options.js';
import type { AgentTlsConfig, TlsClientOptions } from './tls-options.js';
import { AGENT_VERSION } from '../version.js';
import { checkAck, checkWelcome, MAX_IN_FLIGHT } from './collector-claims.js';
import type { DeliveryWatch } from './delivery-watch.js';

export interface WsTransportOptions {
  urls: string[];
  credentials: DeviceCredentials;
  spool: FileSpool;
  hello: { hostname: string; os: string };
  heartbeatSeconds: number;
  backoff: { baseMs: number; capMs: number };
  tls: AgentTlsConfig;
  log: Logger;
  onPolicy?: (policy: tandem.v1.IPolicy) => void;
  /** Called on each Welcome (connected and caught up on what the collector has). */
  onWelcome?: (welcome: { url: string; committedSeq: number }) => void;
  /** Told about progress, connections and problems, to raise "delivery stuck". */
  watch?: DeliveryWatch;
}

/** Close code the agent uses when it refuses what a collector said (as the collector's 4400 for a bad frame). */
export const CLOSE_REFUSED = 4400;

export class WsTransport {
  private ws: WebSocket | null = null;
  private ready = false;
  private sentUpTo = 0;
  private maxInFlight: number = MAX_IN_FLIGHT.default;
  private attempt = 0;
  /** A refusal since the last real progress: a Welcome alone then does not reset the backoff. */
  private refusedSinceProgress = false;
  /** This connection was refused: nothing more it says is read. */
  private refused = false;
  private urlIndex = 0;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private lastReceivedAt = 0;
  private readonly tls: TlsClientOptions;

  constructor(private readonly options: WsTransportOptions) {
    if (options.urls.length === 0) throw new AgentError('AGT_ERR_USAGE', 'no collector URL to connect to');
    this.tls = tlsClientOptions(options.tls);
  }

  get connected(): boolean {
    return this.ready;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** New records are in the spool: send what the in-flight window allows. */
  flush(): void {
    if (!this.ready || !this.ws) return;
    const spool = this.options.spool;
    const batch: SpoolRecord[] = [];
    let upTo = this.sentUpTo;
    while (upTo - spool.ackedSeq < this.maxInFlight) {
      const record = spool.nextAfter(Math.max(upTo, spool.ackedSeq));
      if (!record) break;
      batch.push(record);
      upTo = record.seq;
    }
    if (batch.length === 0) return;
    // Saved before sending: what a later Welcome may claim is what was really sent.
    spool.markSent(upTo);
    for (const record of batch) this.send(frameOf(record, spool.maxBytes));
    this.sentUpTo = upTo;
  }

  /** Says goodbye (a planned stop is not an outage) and closes. Safe to call twice. */
  async stop(reason = 'agent stopping'): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    const ws = this.ws;
    if (!ws) return;
    if (ws.readyState === WebSocket.OPEN) {
      this.send({ goodbye: { reason } });
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => { ws.terminate(); resolve(); }, 2000);
        ws.once('close', () => { clearTimeout(t); resolve(); });
        ws.close(1000, 'goodbye');
      });
    } else {
      ws.terminate();
    }
  }

  private connect(): void {
    const url = this.options.urls[this.urlIndex % this.options.urls.length]!;
    // ws hands these options to tls.connect, whose checkServerIdentity returns an Error (ws's typings say boolean).
    const options = {
      headers: { authorization: authorizationHeader(this.options.credentials) },
      handshakeTimeout: 15_000,
      maxPayload: 16 * 1024 * 1024,
      ...this.tls,
    } as unknown as WebSocket.ClientOptions;
    const ws = new WebSocket(url, options);
    this.ws = ws;
    this.refused = false;
    ws.binaryType = 'nodebuffer';
    ws.on('open', () => {
      this.lastReceivedAt = Date.now();
      this.send({
        hello: {
          deviceId: this.options.credentials.deviceId,
          agentVersion: AGENT_VERSION,
          protocolVersion: PROTOCOL_VERSION,
          lastSeq: this.options.spool.lastSeq,
          hostname: this.options.hello.hostname,
          os: this.options.hello.os,
        },
      });
    });
    ws.on('message', (data: Buffer) => this.onMessage(data));
    ws.on('unexpected-response', (_req, res) => {
      this.options.log.warn('collector refused the connection', { url, status: res.statusCode });
      this.options.watch?.problem(`${url} refused the connection (HTTP ${res.statusCode})`);
      ws.terminate();
    });
    ws.on('error', (err) => {
      this.options.log.warn('connection error', { url, error: err.message, code: (err as AgentError).code });
      this.options.watch?.problem(`connection to ${url} failed: ${err.message}`);
    });
    ws.on('close', (code, reason) => {
      if (this.ws === ws) this.onClosed(url, code, reason.toString());
    });
  }

  private onMessage(data: Buffer): void {
    try {
      this.handle(data);
    } catch (err) {
      // Whatever a frame does (or the disk under the spool), the agent keeps running.
      this.options.log.error('handling a collector frame failed', { error: (err as Error).message, code: (err as AgentError).code });
      this.ws?.terminate();
    }
  }

  private handle(data: Buffer): void {
    if (this.refused) return;
    this.lastReceivedAt = Date.now();
    let frame;
    try {
      frame = decodeFrame(data);
    } catch (err) {
      this.options.log.warn('collector sent a frame that does not decode', { error: (err as Error).message });
      this.ws?.close(4400, 'bad frame');
      return;
    }
    switch (frameBody(frame)) {
      case 'welcome':
        this.onWelcome(frame.welcome!);
        break;
      case 'ack': {
        if (!this.ready) return this.refuse('Ack before Welcome');
        const claim = checkAck(frame.ack!, this.sentUpTo);
        if (!claim.ok) return this.refuse(claim.reason);
        const before = this.options.spool.ackedSeq;
        this.options.spool.ack(claim.value);
        if (this.options.spool.ackedSeq > before) {
          this.refusedSinceProgress = false;
          this.options.watch?.acked();
        }
        this.flush();
        break;
      }
      case 'heartbeat':
        break;
      case 'policy':
        this.options.onPolicy?.(frame.policy!);
        break;
      case 'error':
        this.options.log.warn('collector reported a protocol error', { code: frame.error!.code, message: frame.error!.message });
        break;
      default:
        this.options.log.warn('collector sent an unexpected frame', { body: frameBody(frame) });
    }
  }

  private onWelcome(w: tandem.v1.IWelcome): void {
    if (this.ready) return this.refuse('a second Welcome on one connection');
    const spool = this.options.spool;
    const claim = checkWelcome(w, { lastSeq: spool.lastSeq, sentSeq: spool.sentSeq, seqConfirmed: spool.seqConfirmed, heartbeatSeconds: this.options.heartbeatSeconds });
    if (!claim.ok) return this.refuse(claim.reason);
    const url = this.currentUrl();
    for (const note of claim.notes) this.options.log.warn('collector asked for an out-of-range setting; clamped', { url, note });
    const { committedSeq, adoptSeq, heartbeatSeconds, maxInFlight } = claim.value;
    if (adoptSeq) {
      this.options.log.warn('this agent has no seq record of its own; continuing above what the collector has stored', { url, committedSeq, renumbered: spool.pendingCount });
      spool.adoptSeq(committedSeq);
    } else {
      spool.ack(committedSeq);
      spool.confirmSeq();
    }
    this.ready = true;
    if (!this.refusedSinceProgress) this.attempt = 0;
    this.maxInFlight = maxInFlight;
    this.sentUpTo = spool.ackedSeq;
    this.startHeartbeats(heartbeatSeconds);
    this.options.watch?.connected(url);
    this.options.log.info('connected', { url, committedSeq, pending: spool.pendingCount });
    this.options.onWelcome?.({ url, committedSeq });
    this.flush();
  }

  /** Refuses what the collector said: logged with its reason, nothing applied, the connection dropped and retried with backoff. */
  private refuse(reason: string): void {
    const url = this.currentUrl();
    this.refusedSinceProgress = true;
    this.refused = true;
    this.options.log.warn('refused what the collector said; dropping the connection', { code: 'AGT_ERR_COLLECTOR_CLAIM', url, reason });
    this.options.watch?.problem(`refused ${url}: ${reason}`);
    this.ready = false;
    const ws = this.ws;
    if (!ws) return;
    ws.close(CLOSE_REFUSED, 'refused: implausible frame');
    // A peer that never answers the close must not keep the agent waiting.
    setTimeout(() => ws.terminate(), 2000).unref();
  }

  private currentUrl(): string {
    return this.options.urls[this.urlIndex % this.options.urls.length]!;
  }

  private startHeartbeats(seconds: number): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    const intervalMs = seconds * 1000;
    this.heartbeatTimer = setInterval(() => {
      if (Date.now() - this.lastReceivedAt > intervalMs * 3) {
        this.options.log.warn('collector silent for three heartbeats; reconnecting');
        this.ws?.terminate();
        return;
      }
      this.send({ heartbeat: { sentAtMs: Date.now() } });
    }, intervalMs);
    this.heartbeatTimer.unref();
  }

  private onClosed(url: string, code: number, reason: string): void {
    this.ready = false;
    this.ws = null;
    this.options.watch?.connected(null);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.stopped) return;
    this.urlIndex++;
    const delay = fullJitterDelay(this.attempt++, this.options.backoff.baseMs, this.options.backoff.capMs);
    this.options.log.info('disconnected', { url, code, reason, retryInMs: delay });
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private send(frame: FrameInit): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(encodeFrame(frame));
  }
}

function frameOf(record: SpoolRecord, maxBytes: number): FrameInit {
  if (record.kind === RECORD_KIND.gap) {
    const d = decodeGap(record.payload);
    return {
      seq: record.seq,
      gap: {
        droppedCount: d.count, firstDroppedSeq: d.firstSeq, lastDroppedSeq: d.lastSeq, firstDroppedAtMs: d.firstAtMs,
        lastDroppedAtMs: d.lastAtMs, reason: `spool bound of ${maxBytes} bytes reached`,
      },
    };
  }
  return { seq: record.seq, report: tandem.v1.Report.decode(record.payload) };
}
