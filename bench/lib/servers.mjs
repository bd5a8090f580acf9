// The two servers under test, started the same way: fresh data for each
// measurement, pinned to one core, open-file limit raised to the hard limit.
// Tandem is the real collector CLI (`serve` with a collector.yaml in a temp
// folder, embedded SQLite store, the default rule pack); its devices are
// enrolled once through its own API, as agents enroll, and each measurement
// starts from a copy of that store. The reference gets the same credentials.
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { exited, freePort, removeDir, startNode, stopChild, tempDir, waitUntil } from './processes.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
export const COLLECTOR_CLI = join(ROOT, 'collector', 'dist', 'cli.js');
const REFERENCE = new URL('../reference/server.mjs', import.meta.url).pathname;

function collectorYaml(port, extra = '') {
  // warn: a connection or request per log line would make the benchmark measure logging.
  return `listen: { host: 127.0.0.1, port: ${port} }\ndataDir: data\nlogLevel: warn\n${extra}`;
}

async function cli(configFile, args) {
  const child = startNode(COLLECTOR_CLI, [...args, '--config', configFile]);
  const code = await new Promise((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`tandem-collector ${args.join(' ')} failed: ${child.output}`);
  return child.output.trim();
}

async function serveCollector(configFile, url, core, { waitReady = true } = {}) {
  const child = startNode(COLLECTOR_CLI, ['serve', '--config', configFile], { core });
  if (!waitReady) return child;
  await waitUntil(async () => {
    if (exited(child)) throw new Error(`collector exited: ${child.output}`);
    return fetch(`${url}/readyz`).then((r) => r.ok, () => false);
  }, 120_000, 'collector ready');
  return child;
}

async function api(url, token, path, body) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * A collector store with `count` devices enrolled over `tenants` tenants,
 * each with its own credential from /api/v1/enroll. Returns the store's
 * folder (to copy) and the credentials.
 */
export async function enrollTemplate({ count, tenants, concurrency = 16 }) {
  const dir = tempDir('template');
  const port = await freePort();
  const configFile = join(dir, 'collector.yaml');
  // No time-based rules sweep while enrolling: its pending agent-offline state (10 minutes) would be
  // copied into every measurement's store and fire for every device not connected there yet.
  writeFileSync(configFile, collectorYaml(port, 'rules: { evaluateEverySeconds: 3600 }\n'));
  const url = `http://127.0.0.1:${port}`;
  const token = await cli(configFile, ['token', 'create', '--name', 'bench']);
  const child = await serveCollector(configFile, url, null);
  const t0 = performance.now();
  const devices = new Array(count);
  try {
    const tokens = [];
    for (let t = 0; t < tenants; t++) {
      const tenantId = `client-${String(t + 1).padStart(2, '0')}`;
      await api(url, token, '/api/v1/tenants', { id: tenantId, name: `Client ${t + 1}` });
      tokens.push((await api(url, token, '/api/v1/enroll-tokens', { tenantId, maxUses: Math.ceil(count / tenants) + 1 })).token);
    }
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const enrolled = await api(url, null, '/api/v1/enroll', { token: tokens[i % tenants], hostname: `bench-${i}`, os: 'linux', agentVersion: '0.1.0' });
        devices[i] = { deviceId: enrolled.deviceId, deviceSecret: enrolled.deviceSecret, tenantId: enrolled.tenantId };
      }
    }));
  } finally {
    await stopChild(child);
  }
  const credentials = join(dir, 'credentials.json');
  writeFileSync(credentials, JSON.stringify(devices.map(({ deviceId, deviceSecret }) => ({ deviceId, deviceSecret }))));
  return { dir, devices, credentials, enrollSeconds: (performance.now() - t0) / 1000 };
}

/** Rows of `reports` per device, read from an SQLite store after its server stopped. */
function storedPerDevice(file) {
  const db = new Database(file);
  try {
    return new Map(db.prepare('SELECT device_id AS id, count(*) AS n, max(seq) AS maxSeq FROM reports GROUP BY device_id').all().map((r) => [r.id, r]));
  } finally {
    db.close();
  }
}

/** The real collector on a copy of the template store. `extraYaml` adds config (a webhook channel). */
export async function startTandem(template, { core, extraYaml = '' } = {}) {
  const dir = tempDir('tandem');
  cpSync(join(template.dir, 'data'), join(dir, 'data'), { recursive: true });
  const port = await freePort();
  const configFile = join(dir, 'collector.yaml');
  writeFileSync(configFile, collectorYaml(port, extraYaml));
  const url = `http://127.0.0.1:${port}`;
  let child = await serveCollector(configFile, url, core);
  return {
    name: 'tandem',
    agentUrl: `ws://127.0.0.1:${port}/agent/v1`,
    get pid() { return child.pid; },
    async kill() { await stopChild(child, 'SIGKILL'); },
    /** Starts it again on the same store and port; `waitReady: false` returns at once (agents find it when it listens). */
    async restart({ waitReady = true } = {}) { child = await serveCollector(configFile, url, core, { waitReady }); },
    async stop() { await stopChild(child); },
    stored() { return storedPerDevice(join(dir, 'data', 'tandem.db')); },
    remove() { removeDir(dir); },
  };
}

export async function startReference(template, { core } = {}) {
  const dir = tempDir('reference');
  const port = await freePort();
  const db = join(dir, 'reference.db');
  const serve = async () => {
    const child = startNode(REFERENCE, ['--port', String(port), '--db', db, '--devices', template.credentials], { core });
    await waitUntil(async () => {
      if (exited(child)) throw new Error(`reference server exited: ${child.output}`);
      return child.output.includes('"listening"');
    }, 60_000, 'reference server ready');
    return child;
  };
  let child = await serve();
  return {
    name: 'reference',
    agentUrl: `ws://127.0.0.1:${port}/agent/v1`,
    get pid() { return child.pid; },
    async kill() { await stopChild(child, 'SIGKILL'); },
    async restart() { child = await serve(); },
    async stop() { await stopChild(child); },
    stored() { return existsSync(db) ? storedPerDevice(db) : new Map(); },
    remove() { removeDir(dir); },
  };
}

export const SERVERS = { tandem: startTandem, reference: startReference };
