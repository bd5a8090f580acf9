// pnpm bench [--quick] [--label <text>] [--results <file>] [--no-markdown] [--only a,b [--merge]]
// Drives the collector (its real CLI, embedded store, default rule pack) and
// a minimal server on the same stack with the same load generator, in one
// run, each server pinned to one core and the generator to the other. Full:
// bench/results/latest.json and the table in BENCHMARKS.md. --quick: small
// counts and short windows (under two minutes), bench/results/quick.json,
// BENCHMARKS.md untouched.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeMachine, describeSource } from './lib/machine.mjs';
import { cleanupAll, hardFdLimit, installCleanup, removeDir } from './lib/processes.mjs';
import { COLLECTOR_CLI, enrollTemplate } from './lib/servers.mjs';
import { alertToWebhook, fairness, fixedRate, idleAgents, maxThroughput, reconnectStorm, rulesThroughput } from './lib/scenarios.mjs';
import { renderMarkdown, updateBenchmarksFile } from './lib/report.mjs';
import { PROFILES } from './profiles.mjs';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    profile: { type: 'string' },
    label: { type: 'string' },
    results: { type: 'string' },
    'no-markdown': { type: 'boolean', default: false },
    only: { type: 'string' },
    merge: { type: 'boolean', default: false },
  },
});
const profileName = values.profile ?? (values.quick ? 'quick' : 'full');
const base = PROFILES[profileName];
if (!base) throw new Error(`--profile: expected one of ${Object.keys(PROFILES).join(', ')}, got "${profileName}"`);
const here = dirname(new URL(import.meta.url).pathname);
const resultsFile = values.results ?? join(here, 'results', profileName === 'full' ? 'latest.json' : `${profileName}.json`);
const writeMarkdown = profileName === 'full' && !values['no-markdown'];
const only = values.only ? new Set(values.only.split(',')) : null;

if (!existsSync(COLLECTOR_CLI)) {
  console.error('bench: collector/dist/cli.js is missing; build first (pnpm install builds, or pnpm build)');
  process.exit(2);
}

installCleanup();
const started = Date.now();
// The whole run is bounded too: past its budget everything it started is stopped.
setTimeout(() => {
  console.error(`bench: over its budget of ${base.budgetMinutes} minutes; stopping`);
  cleanupAll();
  process.exit(1);
}, base.budgetMinutes * 60_000).unref();
// One server process may hold as many agents as its open files allow, less some for its store and listeners.
const fdLimit = hardFdLimit();
const profile = { ...base, idle: { ...base.idle, agents: Math.min(base.idle.agents, fdLimit ? fdLimit - 500 : base.idle.agents) } };
/** Devices a measurement needs enrolled. */
function countFor(name) {
  return {
    maxThroughput: Math.max(...profile.throughput.agents), fixedRate: profile.fixedRate.agents, idle: profile.idle.agents,
    reconnectStorm: profile.storm.agents, alertToWebhook: 1, fairness: 2, rules: 0,
  }[name] ?? 0;
}
const deviceCount = Math.max(profile.idle.agents, profile.storm.agents, profile.fixedRate.agents, ...profile.throughput.agents);

// --merge --only x,y: measure those again and keep the rest of the results file (a rerun of one measurement).
const previous = values.merge && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : null;
if (values.merge && !only) throw new Error('--merge needs --only <measurements>: which ones to measure again');
const results = {
  profile: profileName,
  label: values.label ?? previous?.label ?? null,
  startedAt: new Date(started).toISOString(),
  machine: describeMachine(),
  source: describeSource(),
  limits: { openFilesHard: fdLimit, serverCore: 0, generatorCore: 1 },
  scenarios: { ...previous?.scenarios },
  ...(previous ? { merged: { from: previous.startedAt, remeasured: [...only] } } : {}),
  ...(previous?.failed ? { failed: previous.failed } : {}),
};

async function main() {
  console.log(`bench: ${profileName} profile on ${results.machine.cpuModel} (${results.machine.cores} cores), Node ${results.machine.node}, open-file limit ${fdLimit}`);
  const needed = only ? Math.max(1, ...[...only].map((name) => countFor(name))) : deviceCount;
  const template = await enrollTemplate({ count: needed, tenants: profile.tenants });
  results.enrollment = { devices: needed, tenants: profile.tenants, seconds: Math.round(template.enrollSeconds * 10) / 10, perSecond: Math.round(needed / template.enrollSeconds) };
  console.log(`bench: enrolled ${needed} devices over ${profile.tenants} tenants through /api/v1/enroll in ${results.enrollment.seconds} s`);
  const ctx = { template, profile };
  const steps = [
    ['maxThroughput', maxThroughput], ['fixedRate', fixedRate], ['idle', idleAgents],
    ['reconnectStorm', reconnectStorm], ['alertToWebhook', alertToWebhook], ['fairness', fairness], ['rules', rulesThroughput],
  ];
  try {
    for (const [name, fn] of steps) {
      if (only && !only.has(name)) continue;
      if (results.failed) {
        delete results.failed[name];
        if (Object.keys(results.failed).length === 0) delete results.failed;
      }
      if (profile.skip?.includes(name)) continue;
      try {
        results.scenarios[name] = await fn(ctx);
      } catch (err) {
        // One measurement that cannot finish does not cost the others; the results say what failed.
        console.error(`bench: ${name} failed: ${err.stack ?? err}`);
        results.failed = { ...results.failed, [name]: String(err.message ?? err).slice(0, 2000) };
      }
    }
  } finally {
    removeDir(template.dir);
  }
  results.generator = ctx.generatorInfo ?? null;
  results.finishedAt = new Date().toISOString();
  results.durationSeconds = Math.round((Date.now() - started) / 1000);
  results.machine.loadAverageAtEnd = describeMachine().loadAverage;
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${renderMarkdown(results)}`);
  console.log(`bench: results in ${resultsFile} (${results.durationSeconds} s)`);
  if (writeMarkdown) {
    const file = join(here, '..', 'BENCHMARKS.md');
    writeFileSync(file, updateBenchmarksFile(readFileSync(file, 'utf8'), results));
    console.log(`bench: table updated in ${file}`);
  }
}

main().then(
  () => { cleanupAll(); process.exit(results.failed ? 1 : 0); },
  (err) => {
    console.error(`bench: failed: ${err.stack ?? err}`);
    cleanupAll();
    process.exit(1);
  },
);
