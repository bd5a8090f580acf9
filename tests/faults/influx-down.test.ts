// The metrics sink against a real InfluxDB-protocol server (Debian's
// victoria-metrics, started here on a free loopback port): a real collector
// process writes each report's numbers through InfluxDB's write API, and the
// series are read back with the expected names, tags and values. Then the
// server is stopped: ingest goes on (reports acked and stored), alerts still
// fire, and the points that could not be written are counted on /metrics.
// Started again, writes resume.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, PROTOCOL_VERSION, snapshotToReport } from '@tandem/proto';
import type { Frame, Snapshot } from '@tandem/proto';
import { startVictoriaMetrics } from '../services/victoria-metrics.mjs';
import type { ExportedSeries, TestVictoriaMetrics } from '../services/victoria-metrics.mjs';
import { AGENT_CLI, runNode, startCollector, tempDir, waitUntil } from '../support/processes.js';
import type { RunningCollector } from '../support/processes.js';
import { storedReports } from '../support/agents.js';

const TOKEN = 'influx-token-MARKER-5d1e7a90c3';
const recorded = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'collector', 'test', 'metrics-sink', 'testdata', 'windows-laptop.json'), 'utf8')) as Snapshot;

let vm: TestVictoriaMetrics;
let collector: RunningCollector;
let apiToken: string;
let device: { deviceId: string; secret: string };
let ws: WebSocket;
const frames: Frame[] = [];

/** The recorded laptop with drive C: at `usedPercent`, collected `agoMs` before now. */
function report(usedPercent: number, agoMs = 0): Snapshot {
  const volumes = recorded.disk!.volumes.map((v) => (v.mount === 'C:' ? { ...v, usedPercent } : v));
  return { ...recorded, deviceId: device.deviceId, collectedAt: new Date(Date.now() - agoMs).toISOString(), disk: { ...recorded.disk!, volumes } };
}

function send(seq: number, snapshot: Snapshot): void {
  ws.send(encodeFrame({ seq, report: snapshotToReport(snapshot) }));
}

const ackedSeqs = () => new Set(frames.filter((f) => f.body === 'ack').map((f) => Number(f.ack!.seq)));
const acked = (...seqs: number[]) => waitUntil(async () => seqs.every((s) => ackedSeqs().has(s)), 30_000, `acks of seq ${seqs.join(', ')}`);

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${collector.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

const droppedTotal = async () =>
  (await metric('tandem_influx_points_dropped_total{reason="retries_exhausted"}')) + (await metric('tandem_influx_points_dropped_total{reason="buffer_full"}'));

async function series(): Promise<ExportedSeries[]> {
  return vm.exportSeries(`{__name__=~"tandem_.*",device="${device.deviceId}"}`);
}

const valueAt = (all: ExportedSeries[], name: string, labels: Record<string, string>, time: number): number | undefined => {
  const s = all.find((x) => x.metric.__name__ === name && Object.entries(labels).every(([k, v]) => x.metric[k] === v));
  const i = s ? s.timestamps.indexOf(time) : -1;
  return i >= 0 ? s!.values[i] : undefined;
};

beforeAll(async () => {
  vm = await startVictoriaMetrics();
  // The collector process inherits this environment; its config names the variable, never the token.
  process.env.TANDEM_TEST_INFLUX_TOKEN = TOKEN;
  collector = await startCollector(`rules: { overrides: [{ rule: disk-full, for: 0s }] }
metrics:
  influx: { url: "${vm.url}", org: tandem, bucket: endpoints, token: env:TANDEM_TEST_INFLUX_TOKEN, flushIntervalMs: 100, maxRetries: 1, retryDelayMs: 100, maxBufferPoints: 200 }
`);
  await collector.cli(['tenant', 'create', '--id', 'metrics', '--name', 'Metrics']);
  apiToken = (await collector.cli(['token', 'create', '--name', 'influx-test'])).stdout.trim();
  const enrollToken = (await collector.cli(['enroll-token', 'create', '--tenant', 'metrics', '--site', 'HQ', '--max-uses', '1'])).stdout.trim();
  const home = tempDir('agent');
  writeAgentConfig(home);
  const enrolled = await runNode(AGENT_CLI, ['enroll', '--url', collector.url, '--token', enrollToken, '--config', join(home, 'agent.yaml')]);
  if (enrolled.code !== 0) throw new Error(`enroll failed: ${enrolled.stderr}`);
  device = JSON.parse(readFileSync(join(home, 'data', 'credentials.json'), 'utf8')) as { deviceId: string; secret: string };
  ws = new WebSocket(`${collector.url.replace(/^http/, 'ws')}/agent/v1`, { headers: { authorization: `Bearer ${device.deviceId}.${device.secret}` } });
  ws.on('message', (d: Buffer) => frames.push(decodeFrame(d)));
  await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
  ws.send(encodeFrame({ hello: { deviceId: device.deviceId, agentVersion: '0.4.0', protocolVersion: PROTOCOL_VERSION, hostname: 'FIN-LT-042', os: 'win32' } }));
  await waitUntil(async () => frames.some((f) => f.body === 'welcome'), 30_000, 'welcome');
});

function writeAgentConfig(home: string): void {
  // The agent process only enrolls; this test speaks the wire protocol itself with recorded snapshots.
  writeFileSync(join(home, 'agent.yaml'), 'dataDir: data\n');
}

afterAll(async () => {
  ws?.terminate();
  await collector?.proc.stop();
  await vm?.stop();
  delete process.env.TANDEM_TEST_INFLUX_TOKEN;
});

describe('metrics to an InfluxDB-protocol server', () => {
  it('writes one point per topic of a report, read back with the expected names, tags and values', async () => {
    const s = report(50, 60_000);
    send(1, s);
    await acked(1);
    const time = Date.parse(s.collectedAt);
    const tags = { tenant: 'metrics', site: 'HQ', device: device.deviceId, os: 'win32' };
    const all = await waitUntil(async () => {
      const got = await series();
      return valueAt(got, 'tandem_security_encryption_on', tags, time) !== undefined && valueAt(got, 'tandem_disk_used_percent', { ...tags, mount: 'D:' }, time) !== undefined ? got : null;
    }, 60_000, 'the report\'s series in victoria-metrics');
    expect(valueAt(all, 'tandem_disk_used_percent', { ...tags, mount: 'C:' }, time)).toBe(50);
    expect(valueAt(all, 'tandem_disk_free_bytes', { ...tags, mount: 'C:' }, time)).toBe(41861623808);
    expect(valueAt(all, 'tandem_disk_used_percent', { ...tags, mount: 'D:' }, time)).toBe(20);
    expect(valueAt(all, 'tandem_patch_pending', tags, time)).toBe(3);
    expect(valueAt(all, 'tandem_patch_security', tags, time)).toBe(2);
    expect(valueAt(all, 'tandem_patch_reboot_required', tags, time)).toBe(1);
    // The updates were first seen with this report: pending for no time yet.
    expect(valueAt(all, 'tandem_patch_oldest_pending_seconds', tags, time)).toBe(0);
    expect(valueAt(all, 'tandem_backup_age_seconds', { ...tags, job: 'windows-server-backup:Nightly' }, time)).toBe(Math.round((time - Date.parse('2026-11-28T21:00:00.000Z')) / 1000));
    expect(valueAt(all, 'tandem_backup_last_ok', { ...tags, job: 'windows-server-backup:Nightly' }, time)).toBe(0);
    expect(valueAt(all, 'tandem_security_antivirus_on', tags, time)).toBe(1);
    expect(valueAt(all, 'tandem_security_antivirus_up_to_date', tags, time)).toBe(0);
    expect(valueAt(all, 'tandem_security_firewall_on', tags, time)).toBe(0);
    expect(valueAt(all, 'tandem_security_encryption_on', tags, time)).toBe(0);
    // Tags are the bounded set only: no hostname, product or reason.
    const allowed = ['__name__', 'tenant', 'site', 'device', 'os', 'mount', 'job'];
    for (const s2 of all) {
      expect(Object.keys(s2.metric)).toEqual(expect.arrayContaining(['__name__', 'tenant', 'site', 'device', 'os']));
      for (const k of Object.keys(s2.metric)) expect(allowed).toContain(k);
    }
    expect(JSON.stringify(all.map((x) => x.metric))).not.toContain('FIN-LT-042');
    // Five points: two mounts, patch, the backup job, security (each field is a series of its own once stored).
    await waitUntil(async () => (await metric('tandem_influx_points_written_total')) === 5, 30_000, 'written points counted');
    expect(await droppedTotal()).toBe(0);
  });

  it('goes on ingesting and alerting while the server is down, counts the drops, and writes again once it is back', async () => {
    await vm.stopServer();
    // Drive C: fills while nobody can write metrics: every report is still acked and stored, the alert still fires.
    for (let seq = 2; seq <= 6; seq++) send(seq, report(97, (7 - seq) * 1000));
    await acked(2, 3, 4, 5, 6);
    expect((await storedReports(collector, apiToken, device.deviceId)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    await waitUntil(async () => {
      const res = await fetch(`${collector.url}/api/v1/alerts?device=${device.deviceId}&rule=disk-full&state=firing`, { headers: { authorization: `Bearer ${apiToken}` } });
      return ((await res.json()) as { total: number }).total >= 1;
    }, 30_000, 'the disk-full alert firing while InfluxDB is down');
    await waitUntil(async () => (await droppedTotal()) >= 1, 60_000, 'dropped points counted on /metrics');
    expect(await metric('tandem_influx_points_pending')).toBeLessThanOrEqual(200);

    await vm.startServer();
    const s = report(77.5);
    send(7, s);
    await acked(7);
    const time = Date.parse(s.collectedAt);
    const tags = { tenant: 'metrics', site: 'HQ', device: device.deviceId, os: 'win32', mount: 'C:' };
    await waitUntil(async () => valueAt(await series(), 'tandem_disk_used_percent', tags, time) === 77.5, 60_000, 'writes resuming after the restart');
    // The token never reached the collector's output, not even in a write error.
    expect(collector.proc.output).not.toContain(TOKEN);
  });
});
