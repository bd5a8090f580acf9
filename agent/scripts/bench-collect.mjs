// Benchmark: one full collection of every topic on this machine.
// Reports, per run: wall time, CPU time of the agent process alone, CPU time
// including the OS tools it ran, and peak RSS of the agent process.
// Usage: node agent/scripts/bench-collect.mjs [runs] [--config agent.yaml]
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 5);
const configIdx = args.indexOf('--config');
const config = configIdx >= 0 ? ['--config', args[configIdx + 1]] : [];

// The agent prints its own rusage (self and children) to stderr when asked.
const rows = [];
for (let i = 0; i < runs; i++) {
  const started = process.hrtime.bigint();
  const { stderr: out } = spawnSync(process.execPath, [cli, 'collect', '--once', '--json', ...config], {
    env: { ...process.env, TANDEM_REPORT_USAGE: '1' }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const usage = JSON.parse(out.trim().split('\n').filter((l) => l.startsWith('{"usage"')).at(-1)).usage;
  rows.push({ wallMs, ...usage });
}
const median = (k) => rows.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(rows.length / 2)];
const fmt = (k, unit) => `${median(k).toFixed(0)} ${unit}`;
console.log(JSON.stringify({ runs, node: process.version, median: {
  wall: fmt('wallMs', 'ms'), agentCpu: fmt('selfCpuMs', 'ms'), toolsCpu: fmt('childrenCpuMs', 'ms'), peakRss: fmt('maxRssMb', 'MB'),
}, rows }, null, 2));
