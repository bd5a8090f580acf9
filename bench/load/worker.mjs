// One load generator process: a share of the agents, each a real WebSocket
// connection from one of several loopback source addresses, speaking the
// agent protocol (Hello, Reports numbered by seq with at most maxInFlight
// unacknowledged, Heartbeats at the interval the server's Welcome names,
// resending whatever is unacknowledged after a reconnect, with the agent's
// exponential backoff and full jitter). Driven by its parent over IPC.
import WebSocket from 'ws';
import { decodeFrame, encodeFrame, PROTOCOL_VERSION, snapshotToReport } from '@tandem/proto';
import { failedBackupSnapshot, recordedSnapshot, reportBytes, reportFrame } from '../lib/snapshots.mjs';

let options = null;
let agents = [];
let mode = 'idle';
let stats = freshStats();
let report = reportBytes(recordedSnapshot());
// A fresh collectedAt now and then, as an agent's reports would carry.
setInterval(() => { report = reportBytes(recordedSnapshot()); }, 5000).unref();

function freshStats() {
  return { offered: 0, acked: 0, sentFrames: 0, latencies: [], attempts: 0, connects: 0, closes: 0, lastAckAt: 0 };
}

const now = () => performance.timeOrigin + performance.now();

class Agent {
  constructor(device, localAddress) {
    this.device = device;
    this.localAddress = localAddress;
    this.ws = null;
    this.welcomed = false;
    this.lastSeq = 0;
    this.ackedSeq = 0;
    this.sentSeq = 0;
    this.window = 32;
    this.offeredAt = new Map();
    this.custom = new Map();
    this.onSent = new Map();
    this.attempt = 0;
    this.heartbeat = null;
    this.reconnectTimer = null;
    this.stopped = false;
    this.hostile = false;
    this.welcomeWaiters = [];
  }

  connect() {
    if (this.stopped) return;
    stats.attempts++;
    const ws = new WebSocket(options.url, {
      headers: { authorization: `Bearer ${this.device.deviceId}.${this.device.deviceSecret}` },
      localAddress: this.localAddress, perMessageDeflate: false, handshakeTimeout: 60_000,
    });
    this.ws = ws;
    ws.binaryType = 'nodebuffer';
    ws.on('open', () => {
      stats.connects++;
      ws.send(encodeFrame({ hello: { deviceId: this.device.deviceId, agentVersion: '0.1.0', protocolVersion: PROTOCOL_VERSION, lastSeq: this.lastSeq, hostname: 'bench', os: 'linux' } }));
    });
    ws.on('message', (data) => this.onFrame(data));
    ws.on('error', () => {});
    ws.on('close', () => {
      if (this.ws !== ws) return;
      stats.closes++;
      this.welcomed = false;
      this.ws = null;
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.heartbeat = null;
      if (!this.stopped) this.scheduleReconnect();
    });
  }

  scheduleReconnect() {
    const cap = Math.min(options.backoff.capMs, options.backoff.baseMs * 2 ** this.attempt);
    this.attempt++;
    this.reconnectTimer = setTimeout(() => this.connect(), Math.random() * cap);
  }

  onFrame(data) {
    const frame = decodeFrame(data);
    if (frame.welcome) {
      const w = frame.welcome;
      this.welcomed = true;
      this.attempt = 0;
      this.window = this.hostile ? Infinity : w.maxInFlight || 32;
      this.acknowledge(Number(w.lastCommittedSeq));
      // A flooding client does not resend what it lost: it just sends more.
      if (this.hostile) this.forgetUnacknowledged();
      // Everything unacknowledged is sent again on the new connection.
      this.sentSeq = this.ackedSeq;
      const every = (w.heartbeatIntervalSeconds || 30) * 1000;
      const ws = this.ws;
      setTimeout(() => {
        if (this.ws !== ws || !this.welcomed) return;
        this.sendHeartbeat();
        this.heartbeat = setInterval(() => this.sendHeartbeat(), every);
      }, Math.random() * every);
      for (const w of this.welcomeWaiters.splice(0)) w();
      this.pump();
    } else if (frame.ack) {
      this.acknowledge(Number(frame.ack.seq));
      if (mode === 'flood') {
        this.lastSeq = Math.max(this.lastSeq, this.ackedSeq + this.window);
        this.fillOffers();
      }
      this.pump();
    }
  }

  sendHeartbeat() {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(encodeFrame({ heartbeat: { sentAtMs: Date.now() } }));
  }

  acknowledge(seq) {
    if (seq <= this.ackedSeq) return;
    const at = now();
    for (let s = this.ackedSeq + 1; s <= seq; s++) {
      const offered = this.offeredAt.get(s);
      if (offered !== undefined) {
        stats.latencies.push(at - offered);
        stats.acked++;
        this.offeredAt.delete(s);
        this.custom.delete(s);
      }
    }
    stats.lastAckAt = at;
    this.ackedSeq = seq;
  }

  forgetUnacknowledged() {
    this.offeredAt.clear();
    this.lastSeq = this.ackedSeq;
  }

  /** Offers reports up to lastSeq that have no offer time yet (closed loop: offered when there is room). */
  fillOffers() {
    const at = now();
    for (let s = this.ackedSeq + 1; s <= this.lastSeq; s++) {
      if (!this.offeredAt.has(s)) {
        this.offeredAt.set(s, at);
        stats.offered++;
      }
    }
  }

  /** A new report, collected at `at` (its latency counts from then, however long it waits to be sent). */
  offer(at = now(), frame = null) {
    const seq = ++this.lastSeq;
    this.offeredAt.set(seq, at);
    if (frame) this.custom.set(seq, frame);
    stats.offered++;
    this.pump();
    return seq;
  }

  pump() {
    if (!this.welcomed || this.ws?.readyState !== WebSocket.OPEN) return;
    while (this.sentSeq < this.lastSeq && this.sentSeq - this.ackedSeq < this.window) {
      const seq = ++this.sentSeq;
      const custom = this.custom.get(seq);
      this.ws.send(custom ? encodeFrame({ seq, report: custom }) : reportFrame(seq, report));
      stats.sentFrames++;
      const sent = this.onSent.get(seq);
      if (sent) { this.onSent.delete(seq); sent(now()); }
    }
  }

  welcomedOnce() {
    return this.welcomed ? Promise.resolve() : new Promise((r) => this.welcomeWaiters.push(r));
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.ws?.terminate();
    this.ws = null;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function withTimeout(promise, ms) {
  let timer;
  const result = await Promise.race([promise.then(() => true), new Promise((r) => { timer = setTimeout(() => r(false), ms); })]);
  clearTimeout(timer);
  return result;
}

let rateTimer = null;

const commands = {
  init(msg) {
    options = msg;
    agents = msg.devices.map((d, i) => new Agent(d, msg.localAddresses[i % msg.localAddresses.length]));
    return { agents: agents.length };
  },

  /** Opens every connection, a bounded number at a time, and waits for each Welcome. */
  async connect({ concurrency = 50, timeoutMs = 300_000 }) {
    const t0 = now();
    let next = 0;
    let welcomed = 0;
    const lane = async () => {
      while (next < agents.length) {
        const a = agents[next++];
        if (!a.ws) a.connect();
        if (await withTimeout(a.welcomedOnce(), Math.max(1, timeoutMs - (now() - t0)))) welcomed++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, agents.length) }, lane));
    return { welcomed, ms: now() - t0 };
  },

  /** Closed loop: every agent keeps its window of maxInFlight reports full. */
  flood() {
    mode = 'flood';
    for (const a of agents) {
      a.lastSeq = Math.max(a.lastSeq, a.ackedSeq + a.window);
      a.fillOffers();
      a.pump();
    }
    return {};
  },

  /** Open loop: `perSecond` reports spread evenly over this worker's agents, each timed from when it was due. */
  rate({ perSecond }) {
    mode = 'rate';
    const start = now();
    let due = 0;
    let turn = 0;
    const order = agents.map((_, i) => i).sort(() => Math.random() - 0.5);
    rateTimer = setInterval(() => {
      const upTo = Math.floor(((now() - start) * perSecond) / 1000);
      for (; due < upTo; due++) agents[order[turn++ % order.length]].offer(start + (due * 1000) / perSecond);
    }, 5);
    return {};
  },

  /** Each agent has `count` reports waiting (collected while its collector was away). */
  backlog({ count }) {
    mode = 'backlog';
    const at = now();
    for (const a of agents) for (let i = 0; i < count; i++) a.offer(at);
    return {};
  },

  /**
   * Agent `index` turns hostile: `burst` reports in one socket write every
   * `everyMs`, ignoring maxInFlight and acks, reconnecting (after 50-100 ms)
   * whenever it is cut off. Its own generator's figures are not reported.
   */
  hostile({ index, burst, everyMs }) {
    const a = agents[index];
    a.hostile = true;
    a.window = Infinity;
    options.backoff = { baseMs: 50, capMs: 100 };
    rateTimer = setInterval(() => {
      if (!a.welcomed || a.ws?.readyState !== WebSocket.OPEN) return;
      // Always more than the server reads, but bounded here: a server that stops reading would have it pile up without end.
      if (a.ws.bufferedAmount > 16 * 1024 * 1024) return;
      a.ws._socket.cork();
      for (let i = 0; i < burst; i++) a.offer();
      a.ws._socket.uncork();
    }, everyMs);
    return {};
  },

  /** One report with a newly failed backup job from agent `index`; answers when it is on the wire. */
  async failedBackup({ index, job }) {
    const a = agents[index];
    const sentAt = new Promise((r) => a.onSent.set(a.lastSeq + 1, r));
    const seq = a.offer(now(), snapshotToReport(failedBackupSnapshot(job)));
    return { seq, sentAt: await sentAt };
  },

  sample() {
    return { offered: stats.offered, acked: stats.acked, connected: agents.filter((a) => a.welcomed).length, lastAckAt: stats.lastAckAt };
  },

  /** Stops offering; waits (bounded) until everything offered is acknowledged; hands back the figures. */
  async drain({ timeoutMs }) {
    mode = 'idle';
    if (rateTimer) clearInterval(rateTimer);
    rateTimer = null;
    const deadline = now() + timeoutMs;
    while (stats.acked < stats.offered && now() < deadline) await sleep(50);
    const out = { ...stats, unfinished: stats.offered - stats.acked, sentFrames: stats.sentFrames };
    stats = freshStats();
    return out;
  },

  /** Last seq each agent holds as acknowledged, and the highest it assigned. */
  seqs() {
    return agents.map((a) => ({ deviceId: a.device.deviceId, lastSeq: a.lastSeq, ackedSeq: a.ackedSeq }));
  },

  close() {
    for (const a of agents) a.stop();
    return {};
  },
};

process.on('message', async (msg) => {
  try {
    const result = await commands[msg.cmd](msg);
    process.send({ id: msg.id, ok: true, result });
  } catch (err) {
    process.send({ id: msg.id, ok: false, error: err.stack ?? String(err) });
  }
});
process.on('disconnect', () => process.exit(0));
