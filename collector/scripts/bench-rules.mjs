// Rules benchmark, run on the built collector (`npx tsc -b` first):
//   node collector/scripts/bench-rules.mjs [--seconds 5] [--devices 1000]
// 1. Evaluation throughput of the default pack, in snapshots per second on
//    one core (the pure core: facts, conditions, state machine).
// 2. Time from a report committed by ingest to its alert firing, through a
//    real collector, a real agent socket and the embedded store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { setImmediate } from 'node:timers';
import WebSocket from 'ws';
import { encodeFrame, decodeFrame, PROTOCOL_VERSION, snapshotToReport } from '@tandem/proto';
import { CompiledRuleSet, DEFAULT_RULES_FILE, evaluateDevice, loadRulePackFile } from '../dist/rules/index.js';
import { createCollectorServer, parseCollectorConfig } from '../dist/index.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, devices: { type: 'string', default: '1000' }, reports: { type: 'string', default: '200' } } });
const seconds = Number(values.seconds);
const deviceCount = Number(values.devices);
const HOUR = 3_600_000;
const now = Date.parse('2026-11-28T10:00:00.000Z');
const iso = (ms) => new Date(ms).toISOString();

/** A realistic snapshot: 4 volumes, 12 pending updates (3 security), 2 backup jobs, 2 AV products, 3 encrypted volumes. */
function snapshot(deviceId, i, at = now) {
  const volume = (mount, used) => ({ mount, fsType: 'ext4', sizeBytes: 1e12, usedBytes: used * 1e10, freeBytes: (100 - used) * 1e10, usedPercent: used, inodesTotal: 1e7, inodesUsed: 1e5, inodesUsedPercent: 1, device: '/dev/sda', smartHealth: 'ok' });
  const update = (n, security) => ({ name: `pkg-${n}`, currentVersion: '1.0', availableVersion: '1.1', security, kb: null, severity: null });
  return {
    deviceId, collectedAt: iso(at), agentVersion: '0.1.0',
    inventory: { state: 'ok', reason: null, hostname: `host-${i}`, os: 'win32', osName: 'Windows 11 Pro', osVersion: '23H2', arch: 'x64', uptimeSeconds: 86400, kernel: null, serial: 'X', manufacturer: 'Dell', model: 'Latitude', memoryBytes: 16e9, cpuCores: 8, chassis: ['server', 'workstation', 'laptop'][i % 3] },
    patch: { state: 'ok', reason: null, source: 'windows-update', pendingCount: 12, securityCount: 3, rebootRequired: i % 7 === 0, updates: Array.from({ length: 12 }, (_, n) => update(n, n < 3)), lastInstalledAt: iso(at - 24 * HOUR) },
    disk: { state: 'ok', reason: null, volumes: [volume('C:', 40 + (i % 60)), volume('D:', 55), volume('E:', 70), volume('F:', 20)] },
    backup: { state: 'ok', reason: null, jobs: [
      { provider: 'windows-server-backup', name: 'system', lastSuccessAt: iso(at - (i % 5) * 10 * HOUR), lastAttemptAt: iso(at - HOUR), lastResult: i % 11 === 0 ? 'failed' : 'success', detail: null },
      { provider: 'restic', name: 'files', lastSuccessAt: iso(at - 2 * HOUR), lastAttemptAt: iso(at - 2 * HOUR), lastResult: 'success', detail: null },
    ] },
    security: {
      state: 'ok', reason: null,
      antivirus: [
        { product: 'Microsoft Defender', enabled: true, realTime: i % 13 !== 0, upToDate: true, signaturesUpdatedAt: iso(at - 5 * HOUR) },
        { product: 'Vendor EDR', enabled: true, realTime: true, upToDate: true, signaturesUpdatedAt: iso(at - 80 * HOUR) },
      ],
      firewall: { enabled: i % 17 !== 0, profiles: [{ name: 'domain', enabled: true }, { name: 'private', enabled: true }, { name: 'public', enabled: true }] },
      encryption: [{ mount: 'C:', state: 'on', method: 'BitLocker' }, { mount: 'D:', state: i % 5 === 0 ? 'off' : 'on', method: 'BitLocker' }, { mount: 'E:', state: 'on', method: 'BitLocker' }],
      checks: { secureBoot: 'on' },
      endpointProtection: [{
        product: 'CrowdStrike Falcon', installed: true, running: true, onboarded: true, connected: true, lastContactAt: iso(at - HOUR),
        version: '7.14.16703.0', outdated: null, reducedFunctionality: i % 29 === 0, tamperProtection: true, detail: null,
      }],
    },
  };
}

function throughput() {
  const { pack } = loadRulePackFile(DEFAULT_RULES_FILE);
  const rules = new CompiledRuleSet(pack);
  let ids = 0;
  const newId = () => `alr_${++ids}`;
  // Devices in a steady state: the alerts their snapshots raise are already open, as in production.
  const devices = Array.from({ length: deviceCount }, (_, i) => {
    const s = snapshot(`dev_${i}`, i);
    const firstSeen = new Map(s.patch.updates.map((u, n) => [u.name, now - n * 24 * HOUR]));
    const facts = {
      tenantId: `tenant-${i % 20}`, deviceId: `dev_${i}`, hostname: s.inventory.hostname,
      labels: { tenant: `tenant-${i % 20}`, site: `site-${i % 4}`, tags: ['finance'], os: 'win32', role: s.inventory.chassis },
      snapshot: s, agent: { connected: true, stopped: false, offlineSince: null, lastSeenAt: now, lastGapAt: null, lastGapDropped: null },
      updateFirstSeen: firstSeen,
    };
    return { facts, text: JSON.stringify(s), previous: [] };
  });
  const run = (d, withParse) => {
    const facts = withParse ? { ...d.facts, snapshot: JSON.parse(d.text) } : d.facts;
    return evaluateDevice({ rules: rules.forDevice(facts.labels), facts, previous: d.previous, now, flapping: rules.flapping, newId });
  };
  let open = 0;
  for (const d of devices) {
    const r = run(d, false);
    d.previous = r.changed;
    open += r.changed.filter((s) => s.status !== 'resolved').length;
  }
  const measure = (withParse) => {
    for (let i = 0; i < 3 * deviceCount; i++) run(devices[i % deviceCount], withParse); // warm-up
    let n = 0;
    const start = process.hrtime.bigint();
    const end = start + BigInt(seconds * 1e9);
    while (process.hrtime.bigint() < end) {
      for (let i = 0; i < 200; i++) run(devices[(n + i) % deviceCount], withParse);
      n += 200;
    }
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    return n / elapsed;
  };
  return { rules: pack.rules.length, open: open / deviceCount, pure: measure(false), withParse: measure(true) };
}

async function reportToAlert(count) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  const config = parseCollectorConfig(`listen: { host: 127.0.0.1, port: 0 }\ndataDir: ${dataDir}\nlogLevel: silent\n`, join(dataDir, 'collector.yaml'));
  const server = await createCollectorServer(config);
  const url = await server.listen();
  await server.store.createTenant({ id: 'acme', name: 'Acme' });
  const { token } = await server.store.createEnrollToken({ tenantId: 'acme' });
  const d = await server.store.enrollDevice(token, { hostname: 'bench', os: 'win32', agentVersion: '0.1.0' });
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/agent/v1`, { headers: { authorization: `Bearer ${d.deviceId}.${d.deviceSecret}` } });
  await new Promise((ok, fail) => { ws.once('open', ok); ws.once('error', fail); });
  const acks = [];
  ws.on('message', (data) => { const f = decodeFrame(data); if (f.ack) acks.push(Number(f.ack.seq)); });
  ws.send(encodeFrame({ hello: { deviceId: d.deviceId, agentVersion: '0.1.0', protocolVersion: PROTOCOL_VERSION, hostname: 'bench', os: 'win32' } }));
  const committedAt = new Map();
  server.bus.subscribe('report.committed', (e) => committedAt.set(e.seq, performance.now()));
  const firing = (instance) => server.store.db.selectFrom('alerts').select(['id']).where('device_id', '=', d.deviceId).where('rule_id', '=', 'backup-failed')
    .where('instance', '=', instance).where('state', '=', 'firing').executeTakeFirst();
  const latencies = [];
  for (let seq = 1; seq <= count; seq++) {
    // Every report carries a newly failed backup job, so every report must raise an alert
    // (a new key each time: toggling one key would rightly be held as flapping).
    const s = snapshot(d.deviceId, 1, Date.now());
    const name = `job-${seq}`;
    s.backup.jobs.push({ provider: 'restic', name, lastSuccessAt: iso(Date.now() - HOUR), lastAttemptAt: iso(Date.now()), lastResult: 'failed', detail: 'locked' });
    ws.send(encodeFrame({ seq, report: snapshotToReport(s) }));
    const deadline = performance.now() + 5000;
    while (!(acks.includes(seq) && committedAt.has(seq) && (await firing(`restic/${name}`)))) {
      if (performance.now() > deadline) throw new Error(`report ${seq}: no alert within 5 s`);
      await new Promise((ok) => setImmediate(ok));
    }
    latencies.push(performance.now() - committedAt.get(seq));
  }
  ws.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { n: latencies.length, p50: pct(50), p95: pct(95), p99: pct(99), max: latencies.at(-1) };
}

const t = throughput();
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores), node ${process.version}`);
console.log(`default pack: ${t.rules} rules, ${t.open.toFixed(1)} open alerts per device, ${deviceCount} distinct devices`);
console.log(`evaluation (pure core):            ${Math.round(t.pure).toLocaleString('en')} snapshots/s on one core`);
console.log(`evaluation incl. JSON.parse:       ${Math.round(t.withParse).toLocaleString('en')} snapshots/s on one core`);
const l = await reportToAlert(Number(values.reports));
console.log(`report committed → alert firing:   p50 ${l.p50.toFixed(2)} ms, p95 ${l.p95.toFixed(2)} ms, p99 ${l.p99.toFixed(2)} ms, max ${l.max.toFixed(2)} ms (${l.n} reports)`);
