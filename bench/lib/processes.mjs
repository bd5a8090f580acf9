// Child processes and temp folders of a bench run, and what the kernel says
// about them. Everything started here is registered, so a failure or Ctrl-C
// still stops every process and removes every folder.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const children = new Set();
const dirs = new Set();

export function tempDir(name) {
  const dir = mkdtempSync(join(tmpdir(), `tandem-bench-${name}-`));
  dirs.add(dir);
  return dir;
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

/** Kills every registered process (SIGKILL: the run is over) and removes every folder. */
export function cleanupAll() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try { child.kill('SIGKILL'); } catch { /* already gone */ }
    }
  }
  children.clear();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

let installed = false;
/** Cleanup on exit, on an uncaught failure and on Ctrl-C or SIGTERM. */
export function installCleanup() {
  if (installed) return;
  installed = true;
  process.on('exit', cleanupAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      console.error(`\nbench: ${signal}, stopping every process it started`);
      cleanupAll();
      process.exit(130);
    });
  }
}

const has = (cmd) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const canPin = has('taskset') && cpus().length > 1;

/** The hard limit on open files of processes started from here (what `ulimit -n` may be raised to). */
export function hardFdLimit() {
  return Number(execFileSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim()) || null;
}

/**
 * Starts `node script args` with its open-file limit raised to the hard limit
 * and, when taskset exists and the machine has more than one core, pinned to
 * `core`. The shell execs, so the child's pid is node's own.
 */
export function startNode(script, args, { core = null, env = {}, stdio = ['ignore', 'pipe', 'pipe'], ipc = false } = {}) {
  const quoted = [process.execPath, ...process.execArgv, script, ...args].map((a) => `'${String(a).replace(/'/g, `'\\''`)}'`).join(' ');
  const pin = canPin && core !== null ? `taskset -c ${core} ` : '';
  const child = spawn('sh', ['-c', `ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec ${pin}${quoted}`], {
    env: { ...process.env, ...env }, stdio: ipc ? [...stdio, 'ipc'] : stdio,
  });
  children.add(child);
  child.output = '';
  const keep = (d) => { child.output = (child.output + d.toString()).slice(-20_000); };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', () => children.delete(child));
  return child;
}

export function exited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

export async function stopChild(child, signal = 'SIGTERM', graceMs = 10_000) {
  if (exited(child)) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function waitUntil(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

const CLOCK_TICKS = Number((() => { try { return execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }); } catch { return '100'; } })()) || 100;

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Resident memory in bytes, from /proc. */
export function rssBytes(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : null;
}

/** Open-file limit in force for a running process. */
export function fdLimitOf(pid) {
  const m = /Max open files\s+(\d+)\s+(\d+)/.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'));
  return m ? { soft: Number(m[1]), hard: Number(m[2]) } : null;
}

/** Measures a process's CPU share (of one core) and RSS over `ms`. */
export async function measureProcess(pid, ms) {
  const c0 = cpuSeconds(pid);
  const t0 = performance.now();
  await sleep(ms);
  const cpu = cpuSeconds(pid) - c0;
  const elapsed = (performance.now() - t0) / 1000;
  return { cpuPercent: Math.round((cpu / elapsed) * 1000) / 10, cpuSeconds: Math.round(cpu * 100) / 100, seconds: Math.round(elapsed * 10) / 10, rssBytes: rssBytes(pid) };
}
