// Ack latency of a well-behaved agent while another device floods, against a
// real collector process on loopback. Run on the built collector (`npx tsc -b`):
//   node tests/bench/ingest-flood.mjs [--seconds 5] [--interval 200]
// The flood client sends bursts of reports without waiting for acks and
// reconnects whenever it is closed; the good client (another tenant) sends
// one report every `interval` ms and waits for its ack. Reported: the good
// client's ack latency (p50/p95/max), /healthz latency, how many flood
// frames were sent and acknowledged, and how often the flood was cut off.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { decodeFrame, encodeFrame, PROTOCOL_VERSION, snapshotToReport } from '@tandem/proto';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, interval: { type: 'string', default: '200' } } });
const seconds = Math.min(Number(values.seconds), 30);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'collector', 'dist', 'cli.js');

const port = await new Promise((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => { const p = srv.address().port; srv.close(() => resolve(p)); });
});
const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-flood-'));
const config = join(dir, 'collector.yaml');
writeFileSync(config, `listen: { host: 127.0.0.1, port: ${port} }\ndataDir: data\nlogLevel: error\n`);
const run = (args) => execFileSync(process.execPath, [cli, ...args, '--config', config], { encoding: 'utf8' }).trim();
run(['tenant', 'create', '--id', 'calm', '--name', 'Calm']);
run(['tenant', 'create', '--id', 'rogue', '--name', 'Rogue']);
const url = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [cli, 'serve', '--config', config], { stdio: ['ignore', 'ignore', 'inherit'] });
for (let i = 0; ; i++) {
  if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) break;
  if (i > 300 || server.exitCode !== null) {
    server.kill('SIGKILL');
    throw new Error('collector did not start');
  }
  await new Promise((r) => setTimeout(r, 100));
}

async function enroll(tenant) {
  const token = run(['enroll-token', 'create', '--tenant', tenant, '--max-uses', '1']);
  const res = await fetch(`${url}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, hostname: tenant, os: 'linux' }) });
  return res.json();
}

function snapshot(deviceId, used) {
  return {
    deviceId, collectedAt: new Date().toISOString(), agentVersion: '0.1.0', inventory: null, patch: null, backup: null, security: null,
    disk: { state: 'ok', reason: null, volumes: [{ mount: '/', fsType: 'ext4', sizeBytes: 1000, usedBytes: used * 10, freeBytes: 1000 - used * 10, usedPercent: used, inodesTotal: null, inodesUsed: null, inodesUsedPercent: null, device: '/dev/sda1', smartHealth: null }] },
  };
}

async function open(device, onFrame) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/agent/v1`, { headers: { authorization: `Bearer ${device.deviceId}.${device.deviceSecret}` } });
  ws.on('error', () => {});
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  const welcomed = new Promise((resolve) => ws.on('message', (d) => { const f = decodeFrame(d); if (f.body === 'welcome') resolve(); onFrame(f); }));
  ws.send(encodeFrame({ hello: { deviceId: device.deviceId, agentVersion: '0.1.0', protocolVersion: PROTOCOL_VERSION, hostname: 'bench', os: 'linux' } }));
  await welcomed;
  return ws;
}

const rogue = await enroll('rogue');
const calm = await enroll('calm');
const until = Date.now() + seconds * 1000;
let floodSent = 0;
let floodCloses = 0;
let floodSeq = 0;
let floodAcked = 0;

const flood = (async () => {
  while (Date.now() < until) {
    const ws = await open(rogue, (f) => { if (f.body === 'ack') floodAcked = Math.max(floodAcked, Number(f.ack.seq)); });
    let closed = false;
    ws.on('close', () => { closed = true; floodCloses++; });
    while (!closed && Date.now() < until) {
      ws._socket.cork();
      for (let i = 0; i < 200; i++) { ws.send(encodeFrame({ seq: ++floodSeq, report: snapshotToReport(snapshot(rogue.deviceId, floodSeq % 100)) })); floodSent++; }
      ws._socket.uncork();
      await new Promise((r) => setTimeout(r, 10));
    }
    ws.terminate();
  }
})();

const ackMs = [];
const healthMs = [];
const good = (async () => {
  let waiting = null;
  const ws = await open(calm, (f) => { if (f.body === 'ack' && waiting) { const w = waiting; waiting = null; w(); } });
  for (let seq = 1; Date.now() < until; seq++) {
    const t0 = performance.now();
    const acked = new Promise((r) => { waiting = r; });
    ws.send(encodeFrame({ seq, report: snapshotToReport(snapshot(calm.deviceId, 10)) }));
    await acked;
    ackMs.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, Number(values.interval)));
  }
  ws.close();
})();

const health = (async () => {
  while (Date.now() < until) {
    const t0 = performance.now();
    await (await fetch(`${url}/healthz`)).text();
    healthMs.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
})();

await Promise.all([flood, good, health]);
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
rmSync(dir, { recursive: true, force: true });

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN; };
const fmt = (xs) => `p50 ${pct(xs, 0.5).toFixed(1)} ms, p95 ${pct(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (${xs.length} samples)`;
console.log(`flood: ${floodSent} frames sent, highest seq acknowledged ${floodAcked}, connection closed ${floodCloses} times`);
console.log(`good agent ack: ${fmt(ackMs)}`);
console.log(`/healthz: ${fmt(healthMs)}`);
