// Time from a report to the first notification of a lone alert, through a
// real collector process on loopback with the default group window (30 s):
//   node tests/bench/lone-alert.mjs [--samples 8]
// Each sample is its own tenant (so each alert is the first of its group
// key): one device reports a full disk, the tenant's ownership config sends
// disk alerts to a webhook on loopback, and the clock runs from sending the
// report frame to the webhook receiving the notification.
import { execFileSync, spawn } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { decodeFrame, encodeFrame, PROTOCOL_VERSION, snapshotToReport } from '@tandem/proto';

const { values } = parseArgs({ options: { samples: { type: 'string', default: '8' } } });
const samples = Math.max(1, Math.min(Number(values.samples), 50));
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'collector', 'dist', 'cli.js');

const arrived = new Map();
const receiver = createHttpServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (!arrived.has(req.url)) arrived.set(req.url, performance.now());
    res.writeHead(200);
    res.end('{}');
  });
});
await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
const hook = `http://127.0.0.1:${receiver.address().port}`;

const port = await new Promise((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => { const p = srv.address().port; srv.close(() => resolve(p)); });
});
const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-lone-'));
const config = join(dir, 'collector.yaml');
// The default group window (30 s) stays: the point is that a lone alert does not wait for it.
writeFileSync(config, `listen: { host: 127.0.0.1, port: ${port} }\ndataDir: data\nlogLevel: error\nrules: { overrides: [{ rule: disk-full, for: 0s }] }\n`);
const run = (args) => execFileSync(process.execPath, [cli, ...args, '--config', config], { encoding: 'utf8' }).trim();
const url = `http://127.0.0.1:${port}`;
for (let i = 0; i < samples; i++) run(['tenant', 'create', '--id', `t${i}`, '--name', `Tenant ${i}`]);
const admin = run(['token', 'create', '--name', 'bench']);
const server = spawn(process.execPath, [cli, 'serve', '--config', config], { stdio: ['ignore', 'ignore', 'inherit'] });
for (let i = 0; ; i++) {
  if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) break;
  if (i > 300 || server.exitCode !== null) {
    server.kill('SIGKILL');
    throw new Error('collector did not start');
  }
  await new Promise((r) => setTimeout(r, 100));
}

const ownership = (i) => `teams:\n  internal: {}\n  provider:\n    channels: [{ name: noc, type: webhook, url: "${hook}/t${i}" }]\nlines:\n  - { match: { category: disk }, owner: provider }\n`;

function snapshot(deviceId) {
  return {
    deviceId, collectedAt: new Date().toISOString(), agentVersion: '0.1.0', inventory: null, patch: null, backup: null, security: null,
    disk: { state: 'ok', reason: null, volumes: [{ mount: '/', fsType: 'ext4', sizeBytes: 1000, usedBytes: 970, freeBytes: 30, usedPercent: 97, inodesTotal: null, inodesUsed: null, inodesUsedPercent: null, device: '/dev/sda1', smartHealth: null }] },
  };
}

const latencies = [];
for (let i = 0; i < samples; i++) {
  const put = await fetch(`${url}/api/v1/tenants/t${i}/ownership`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/yaml' }, body: ownership(i) });
  if (!put.ok) throw new Error(`ownership for t${i}: HTTP ${put.status}`);
  const token = run(['enroll-token', 'create', '--tenant', `t${i}`, '--max-uses', '1']);
  const device = await (await fetch(`${url}/api/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, hostname: `bench-${i}`, os: 'linux' }) })).json();
  const ws = new WebSocket(`${url.replace('http', 'ws')}/agent/v1`, { headers: { authorization: `Bearer ${device.deviceId}.${device.deviceSecret}` } });
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  const welcomed = new Promise((resolve) => ws.on('message', (d) => { if (decodeFrame(d).body === 'welcome') resolve(); }));
  ws.send(encodeFrame({ hello: { deviceId: device.deviceId, agentVersion: '0.1.0', protocolVersion: PROTOCOL_VERSION, hostname: `bench-${i}`, os: 'linux' } }));
  await welcomed;
  const t0 = performance.now();
  ws.send(encodeFrame({ seq: 1, report: snapshotToReport(snapshot(device.deviceId)) }));
  const deadline = Date.now() + 120_000;
  while (!arrived.has(`/t${i}`)) {
    if (Date.now() > deadline) throw new Error(`no notification for t${i} within 120 s`);
    await new Promise((r) => setTimeout(r, 2));
  }
  latencies.push(arrived.get(`/t${i}`) - t0);
  ws.close();
}

server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
receiver.close();
rmSync(dir, { recursive: true, force: true });
const sorted = [...latencies].sort((a, b) => a - b);
const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
console.log(`lone alert, report sent → first notification received (group window 30 s): p50 ${pct(0.5).toFixed(1)} ms, p95 ${pct(0.95).toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms (${sorted.length} samples)`);
