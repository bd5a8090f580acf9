// A real InfluxDB-protocol server for the tests: Debian's victoria-metrics
// (installed by ensure-packages.mjs). It accepts InfluxDB line protocol at
// /api/v2/write and answers with its Prometheus API, so a test writes the
// way InfluxDB is written and reads the series back. One per test file, on a
// free loopback port with a throwaway data folder; a fault test may stop it
// and start it again on the same port and data.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BINARY = '/usr/bin/victoria-metrics';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitUntil(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`victoria-metrics: timed out after ${timeoutMs} ms waiting for ${what}`);
}

export async function startVictoriaMetrics() {
  if (!existsSync(BINARY)) throw new Error(`${BINARY} is missing (Debian package victoria-metrics); run tests/services/ensure-packages.mjs`);
  const dir = mkdtempSync(join(tmpdir(), 'tandem-vm-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child = null;
  let output = '';

  const startServer = async () => {
    output = '';
    child = spawn(BINARY, [
      `-httpListenAddr=127.0.0.1:${port}`, `-storageDataPath=${join(dir, 'data')}`, '-retentionPeriod=1y',
      // Points are readable as soon as they are written, not 30 s later, and the test's own queries are never cached.
      '-search.latencyOffset=0s', '-search.disableCache', '-loggerLevel=ERROR', '-memory.allowedPercent=10',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => { output += d.toString(); });
    child.stderr.on('data', (d) => { output += d.toString(); });
    const exited = new Promise((r) => child.once('exit', r));
    child.exited = exited;
    await waitUntil(async () => {
      if (child.exitCode !== null) throw new Error(`victoria-metrics exited: ${output}`);
      return (await fetch(`${url}/health`)).ok;
    }, 30_000, 'the server to answer /health');
  };

  const stopServer = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const c = child;
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
    await c.exited;
    clearTimeout(timer);
  };

  await startServer();
  return {
    url,
    startServer,
    stopServer,
    /** Every sample of the series matching a Prometheus selector, as /api/v1/export gives them. */
    async exportSeries(selector) {
      // Written rows reach search after an in-memory flush; ask for it so a poll sees them sooner.
      await fetch(`${url}/internal/force_flush`).catch(() => {});
      const res = await fetch(`${url}/api/v1/export?${new URLSearchParams({ 'match[]': selector })}`);
      if (!res.ok) throw new Error(`victoria-metrics export ${res.status}: ${await res.text()}`);
      const text = await res.text();
      return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
    },
    stop: async () => {
      try {
        await stopServer();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
