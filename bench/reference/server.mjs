// The reference: the least a server on the same stack must do to take the
// agent protocol (ws + protobufjs + better-sqlite3, WAL, synchronous=FULL).
// Per-device credentials checked before the upgrade, Hello → Welcome, every
// Report decoded and stored as its snapshot JSON exactly once per (device,
// seq), all frames that arrived in one event-loop tick committed in one
// transaction, each acknowledged only after that commit, Heartbeats
// answered. No rules, routing or API: the bench measures the collector's cost
// of everything it does on top of this.
//   node bench/reference/server.mjs --port <p> --db <file> --devices <credentials.json>
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { WebSocketServer } from 'ws';
import { decodeFrame, encodeFrame, PROTOCOL_VERSION, reportToSnapshot } from '@tandem/proto';

const { values } = parseArgs({ options: { port: { type: 'string' }, db: { type: 'string' }, devices: { type: 'string' } } });
const HEARTBEAT_SECONDS = 30;
const MAX_IN_FLIGHT = 32;
const MAX_FRAME_BYTES = 1024 * 1024;

const db = new Database(values.db);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`
  CREATE TABLE IF NOT EXISTS devices (id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL, last_seq INTEGER NOT NULL DEFAULT 0, last_seen_at INTEGER);
  CREATE TABLE IF NOT EXISTS reports (device_id TEXT NOT NULL REFERENCES devices(id), seq INTEGER NOT NULL, received_at INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (device_id, seq));
`);
const hash = (secret) => createHash('sha256').update(secret).digest('hex');
if (values.devices) {
  const add = db.prepare('INSERT OR IGNORE INTO devices (id, secret_hash) VALUES (?, ?)');
  db.transaction((list) => { for (const d of list) add.run(d.deviceId, hash(d.deviceSecret)); })(JSON.parse(readFileSync(values.devices, 'utf8')));
}
const findDevice = db.prepare('SELECT id, secret_hash, last_seq FROM devices WHERE id = ?');
const insertReport = db.prepare('INSERT OR IGNORE INTO reports (device_id, seq, received_at, body) VALUES (?, ?, ?, ?)');
const advance = db.prepare('UPDATE devices SET last_seq = max(last_seq, ?), last_seen_at = ? WHERE id = ?');
const seen = db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?');

// Group commit: what arrived in this tick goes into one transaction at its end.
let pending = [];
const commit = db.transaction((batch, at) => {
  for (const w of batch) {
    if (w.body === null) seen.run(at, w.session.deviceId);
    else if (insertReport.run(w.session.deviceId, w.seq, at, w.body).changes > 0) advance.run(w.seq, at, w.session.deviceId);
  }
});
function flush() {
  const batch = pending;
  pending = [];
  commit(batch, Date.now());
  for (const w of batch) {
    if (w.body === null) continue;
    w.session.committed = Math.max(w.session.committed, w.seq);
    w.session.dirty = true;
  }
  for (const w of batch) {
    if (w.session.dirty) {
      w.session.dirty = false;
      w.session.send({ ack: { seq: w.session.committed } });
    }
  }
}
function enqueue(work) {
  if (pending.length === 0) setImmediate(flush);
  pending.push(work);
}

const server = createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({
  server, path: '/agent/v1', maxPayload: MAX_FRAME_BYTES * 4,
  verifyClient: ({ req }, done) => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const dot = token.indexOf('.');
    const row = dot > 0 ? findDevice.get(token.slice(0, dot)) : undefined;
    const ok = row && timingSafeEqual(Buffer.from(hash(token.slice(dot + 1)), 'hex'), Buffer.from(row.secret_hash, 'hex'));
    if (!ok) return done(false, 401, 'unknown device or wrong secret');
    req.device = row;
    done(true);
  },
});

wss.on('connection', (ws, req) => {
  const session = {
    deviceId: req.device.id, committed: req.device.last_seq, dirty: false, hello: false,
    send: (frame) => { if (ws.readyState === ws.OPEN) ws.send(encodeFrame(frame)); },
  };
  const fail = (code, message) => {
    session.send({ error: { code, message } });
    ws.close(4400, code);
  };
  ws.on('error', () => {});
  ws.on('message', (data, isBinary) => {
    if (!isBinary || data.length > MAX_FRAME_BYTES) return fail('REF_ERR_FRAME', 'binary protobuf frames of at most 1 MiB');
    let frame;
    try {
      frame = decodeFrame(data);
    } catch (err) {
      return fail('REF_ERR_FRAME', err.message);
    }
    if (frame.hello) {
      if (frame.hello.deviceId !== session.deviceId) return fail('REF_ERR_DEVICE', 'Hello names another device');
      session.hello = true;
      session.committed = findDevice.get(session.deviceId).last_seq;
      enqueue({ session, seq: 0, body: null });
      session.send({ welcome: { protocolVersion: PROTOCOL_VERSION, lastCommittedSeq: session.committed, heartbeatIntervalSeconds: HEARTBEAT_SECONDS, maxFrameBytes: MAX_FRAME_BYTES, maxInFlight: MAX_IN_FLIGHT, deviceId: session.deviceId } });
    } else if (!session.hello) {
      fail('REF_ERR_ORDER', 'the first frame must be Hello');
    } else if (frame.report) {
      const seq = Number(frame.seq);
      if (!(seq > 0)) return fail('REF_ERR_SEQ', 'report without a positive seq');
      enqueue({ session, seq, body: JSON.stringify(reportToSnapshot(session.deviceId, frame.report)) });
    } else if (frame.heartbeat) {
      session.send({ heartbeat: { sentAtMs: Date.now() } });
    }
  });
});

server.listen(Number(values.port), '127.0.0.1', () => console.log(JSON.stringify({ listening: server.address().port })));
const stop = () => {
  for (const ws of wss.clients) ws.terminate();
  server.close();
  if (pending.length > 0) flush();
  db.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
