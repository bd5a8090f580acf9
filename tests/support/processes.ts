// Real collector and agent processes for end-to-end tests: each in its own
// throwaway folder, on a free loopback port, stopped by the test.
import { spawn, execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const COLLECTOR_CLI = join(root, 'collector', 'dist', 'cli.js');
export const AGENT_CLI = join(root, 'agent', 'dist', 'cli.js');
export const ARTIFACTS = join(root, 'test-artifacts');

export function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `tandem-${name}-`));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface CliResult { code: number; stdout: string; stderr: string }

export function runNode(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { env: { ...process.env, ...env }, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

export class Proc {
  output = '';
  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (d: Buffer) => { this.output += d.toString(); });
    child.stderr?.on('data', (d: Buffer) => { this.output += d.toString(); });
  }

  static start(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Proc {
    return new Proc(spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.exited) return;
    const done = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await done;
    clearTimeout(timer);
  }
}

export interface RunningCollector {
  proc: Proc;
  url: string;
  configFile: string;
  dir: string;
  cli(args: string[]): Promise<CliResult>;
}

export async function startCollector(extraYaml = ''): Promise<RunningCollector> {
  const dir = tempDir('collector');
  const port = await freePort();
  const configFile = join(dir, 'collector.yaml');
  writeFileSync(configFile, `listen: { host: 127.0.0.1, port: ${port} }\ndataDir: data\nlogLevel: warn\n${extraYaml}`);
  const url = `http://127.0.0.1:${port}`;
  const proc = await serve(configFile, url);
  return { proc, url, configFile, dir, cli: (args) => runNode(COLLECTOR_CLI, [...args, '--config', configFile]) };
}

/** Starts the collector again on the same config, data and port (after a crash, say). */
export async function restartCollector(c: RunningCollector): Promise<void> {
  c.proc = await serve(c.configFile, c.url);
}

async function serve(configFile: string, url: string): Promise<Proc> {
  const proc = Proc.start(COLLECTOR_CLI, ['serve', '--config', configFile]);
  await waitUntil(async () => {
    if (proc.exited) throw new Error(`collector exited: ${proc.output}`);
    return fetch(`${url}/readyz`).then((r) => r.ok, () => false);
  }, 60_000, 'collector ready');
  return proc;
}

export async function waitUntil<T>(check: () => Promise<T | false | undefined | null>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
      if ((err as Error).message.includes('exited')) throw err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
