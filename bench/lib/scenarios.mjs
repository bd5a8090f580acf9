// The measurements. Each one starts its server on fresh data (a copy of the
// enrolled store), drives it with the load generator, stops it, and reads
// from the store what was kept: every figure comes with how many reports
// were offered, acknowledged and found stored afterwards.
import { join } from 'node:path';
import { startGenerator } from '../load/generator.mjs';
import { latencySummary, median, ratio } from './stats.mjs';
import { cpuSeconds, fdLimitOf, measureProcess, rssBytes, sleep, startNode } from './processes.mjs';
import { SERVERS, startTandem } from './servers.mjs';
import { startWebhookReceiver } from './webhook-receiver.mjs';

const SERVER_CORE = 0;
const GENERATOR_CORE = 1;
const MB = 1024 * 1024;

const began = performance.now();
function log(line) {
  console.log(`bench [${Math.round((performance.now() - began) / 1000)} s]: ${line}`);
}

/** Reports found in the store for these devices, against what each device's generator agent was acknowledged. */
function storedAgainst(stored, devices) {
  let n = 0;
  for (const d of devices) n += stored.get(d.deviceId)?.n ?? 0;
  return n;
}

/** Server and generator for one measurement; always stopped and removed, whatever happens. */
async function withRun(kind, ctx, agents, fn, { backoff } = {}) {
  const server = await SERVERS[kind](ctx.template, { core: SERVER_CORE });
  const devices = ctx.template.devices.slice(0, agents);
  let generator = null;
  try {
    generator = await startGenerator({
      url: server.agentUrl, devices, workers: Math.min(ctx.profile.workers, Math.ceil(agents / 10)), core: GENERATOR_CORE, sources: ctx.profile.sources, backoff,
    });
    ctx.generatorInfo = { workers: ctx.profile.workers, sources: generator.sources, fdLimit: generator.fdLimit };
    const result = await fn({ server, generator, devices });
    await generator.stop();
    generator = null;
    await server.stop();
    const stored = storedAgainst(server.stored(), devices);
    return { ...result, stored, lost: Math.max(0, (result.acked ?? 0) - stored) };
  } finally {
    if (generator) await generator.stop().catch(() => {});
    await server.stop().catch(() => {});
    server.remove();
  }
}

/** Connects every agent (bounded in time); fewer than all welcomed is a figure, reported, not a failure. */
async function connectAll(generator, agents, what, timeoutMs = 300_000) {
  const c = await generator.connect({ concurrency: 50, timeoutMs });
  if (c.welcomed < agents) log(`${what}: only ${c.welcomed} of ${agents} agents got a Welcome within ${timeoutMs / 1000} s`);
  if (c.welcomed === 0) throw new Error(`${what}: no agent got a Welcome`);
  return c;
}

/** Closed loop: every agent keeps maxInFlight reports unacknowledged; reports acknowledged per second over the window. */
async function maxThroughputOnce(kind, ctx, agents) {
  const p = ctx.profile.throughput;
  return withRun(kind, ctx, agents, async ({ server, generator }) => {
    await connectAll(generator, agents, 'throughput');
    await generator.flood();
    await sleep(p.warmupMs);
    const a = await generator.sample();
    const cpu0 = cpuSeconds(server.pid);
    const t0 = performance.now();
    await sleep(p.measureMs);
    const b = await generator.sample();
    const cpu = cpuSeconds(server.pid) - cpu0;
    const seconds = (performance.now() - t0) / 1000;
    const d = await generator.drain(p.drainMs);
    return {
      reportsPerSecond: Math.round((b.acked - a.acked) / seconds), cpuMsPerReport: b.acked > a.acked ? Math.round((cpu * 1000 * 1000) / (b.acked - a.acked)) / 1000 : null,
      ack: latencySummary(d.latencies, d.unfinished), offered: d.offered, acked: d.acked,
    };
  });
}

export async function maxThroughput(ctx) {
  const out = [];
  for (const agents of ctx.profile.throughput.agents) {
    const runs = { tandem: [], reference: [] };
    for (let r = 0; r < ctx.profile.repeats; r++) {
      // Alternating which goes first, so a drift in the machine's load falls on both.
      for (const kind of r % 2 === 0 ? ['tandem', 'reference'] : ['reference', 'tandem']) {
        const run = await maxThroughputOnce(kind, ctx, agents);
        log(`max throughput, ${agents} agent(s), ${kind}: ${run.reportsPerSecond} reports/s acked, ack p99 ${run.ack.p99Ms} ms (stored ${run.stored}/${run.acked})`);
        runs[kind].push(run);
      }
    }
    const summary = (rs) => ({
      reportsPerSecond: median(rs.map((x) => x.reportsPerSecond)),
      ackP50Ms: median(rs.map((x) => x.ack.p50Ms)),
      ackP99Ms: median(rs.map((x) => x.ack.p99Ms)),
      cpuMsPerReport: median(rs.map((x) => x.cpuMsPerReport)),
      offered: rs.reduce((n, x) => n + x.offered, 0), acked: rs.reduce((n, x) => n + x.acked, 0),
      stored: rs.reduce((n, x) => n + x.stored, 0), lost: rs.reduce((n, x) => n + x.lost, 0),
      runs: rs,
    });
    const tandem = summary(runs.tandem);
    const reference = summary(runs.reference);
    out.push({ agents, tandem, reference, ratio: ratio(tandem.reportsPerSecond, reference.reportsPerSecond) });
  }
  return out;
}

/** Open loop: a fixed rate spread over the agents; each report's ack latency counts from when it was due. */
export async function fixedRate(ctx) {
  const p = ctx.profile.fixedRate;
  const out = [];
  for (const perSecond of p.rates) {
    const row = { perSecond, agents: p.agents, seconds: p.measureMs / 1000 };
    for (const kind of ['tandem', 'reference']) {
      row[kind] = await withRun(kind, ctx, p.agents, async ({ server, generator }) => {
        await connectAll(generator, p.agents, 'fixed rate');
        // Every agent's first report first, unmeasured: a device's first contact raises and routes its alerts once,
        // which is not the steady state a rate describes (a restart with a backlog is the reconnect storm's).
        await generator.backlog(1);
        const warm = await generator.drain(p.drainMs);
        if (warm.unfinished > 0) throw new Error(`fixed rate: ${warm.unfinished} first reports unacknowledged after ${p.drainMs / 1000} s`);
        // ...and the work those reports set off (routing, notifications) done: the server quiet for a second.
        const quietBy = performance.now() + p.drainMs;
        while ((await measureProcess(server.pid, 1000)).cpuPercent > 10 && performance.now() < quietBy);
        await generator.rate(perSecond);
        await sleep(p.measureMs);
        const d = await generator.drain(p.drainMs);
        // The first reports are stored too: counted with the rest, so what was kept is checked for every report sent.
        return { ack: latencySummary(d.latencies, d.unfinished), offered: warm.offered + d.offered, acked: warm.acked + d.acked, firstReports: warm.acked, drainLimitMs: p.drainMs };
      });
      log(`${perSecond} reports/s over ${p.agents} agents, ${kind}: ack p50 ${row[kind].ack.p50Ms} ms, p99 ${row[kind].ack.p99Ms} ms, ${row[kind].ack.unfinished} unacknowledged after ${p.drainMs / 1000} s`);
    }
    out.push(row);
  }
  return out;
}

/** Agents that only say Hello and then send heartbeats at the interval the Welcome names. */
export async function idleAgents(ctx) {
  const p = ctx.profile.idle;
  const row = { agents: p.agents, settleSeconds: p.settleMs / 1000, measureSeconds: p.measureMs / 1000 };
  for (const kind of ['tandem', 'reference']) {
    row[kind] = await withRun(kind, ctx, p.agents, async ({ server, generator }) => {
      const before = rssBytes(server.pid);
      row.serverFdLimit = fdLimitOf(server.pid);
      // Connecting is not idling: the window starts only once every agent has its Welcome (or the bound is reached).
      const c = await connectAll(generator, p.agents, 'idle agents', p.connectTimeoutMs);
      await sleep(p.settleMs);
      const connected = (await generator.sample()).connected;
      const m = await measureProcess(server.pid, p.measureMs);
      const still = await generator.sample();
      const d = await generator.drain(1000);
      return {
        welcomed: c.welcomed, connected, stillConnected: still.connected, connectSeconds: Math.round(c.ms / 100) / 10,
        connectsPerSecond: Math.round(c.welcomed / (c.ms / 1000)), cpuPercent: m.cpuPercent,
        rssMB: Math.round(m.rssBytes / MB), rssBeforeMB: Math.round(before / MB),
        rssPer1000AgentsMB: Math.round((m.rssBytes / MB / (connected / 1000)) * 10) / 10,
        offered: d.offered, acked: d.acked, reconnects: d.connects - p.agents,
      };
    });
    log(`${p.agents} idle agents, ${kind}: ${row[kind].cpuPercent} % of a core, ${row[kind].rssMB} MB RSS, ${row[kind].welcomed} welcomed, ${row[kind].stillConnected} connected at the end`);
  }
  row.cpuRatio = ratio(row.tandem.cpuPercent, row.reference.cpuPercent);
  row.rssRatio = ratio(row.tandem.rssMB, row.reference.rssMB);
  // CPU grows with the agents held; at this rate one core's half holds about this many.
  row.tandem.agentsAtHalfCore = row.tandem.cpuPercent > 0 ? Math.round((50 / row.tandem.cpuPercent) * row.tandem.connected) : null;
  return row;
}

/** Connected agents, the server SIGKILLed, a backlog on every agent, the server restarted: time until everything is stored. */
export async function reconnectStorm(ctx) {
  const p = ctx.profile.storm;
  const row = { agents: p.agents, backlogPerAgent: p.backlog, backoff: { ...p.backoff, jitter: 'full' } };
  for (const kind of ['tandem', 'reference']) {
    row[kind] = await withRun(kind, ctx, p.agents, async ({ server, generator }) => {
      await connectAll(generator, p.agents, 'reconnect storm', p.connectTimeoutMs);
      const killedAt = performance.timeOrigin + performance.now();
      await server.kill();
      await generator.backlog(p.backlog);
      const restartedAt = performance.timeOrigin + performance.now();
      // Not waiting for readiness: the agents are the ones who find out when it takes them.
      await server.restart({ waitReady: false });
      const deadline = Date.now() + p.limitMs;
      let s = await generator.sample();
      let reconnectedAt = null;
      while (s.acked < s.offered && Date.now() < deadline) {
        await sleep(200);
        s = await generator.sample();
        if (reconnectedAt === null && s.connected === p.agents) reconnectedAt = performance.timeOrigin + performance.now();
      }
      const d = await generator.drain(0);
      const done = d.unfinished === 0;
      return {
        allReconnectedSeconds: reconnectedAt === null ? null : Math.round((reconnectedAt - restartedAt) / 100) / 10,
        connectionAttempts: d.attempts, connectionsOpened: d.connects, connectionsClosed: d.closes,
        secondsFromRestart: done ? Math.round((d.lastAckAt - restartedAt) / 100) / 10 : null,
        secondsFromKill: done ? Math.round((d.lastAckAt - killedAt) / 100) / 10 : null,
        limitSeconds: p.limitMs / 1000, offered: d.offered, acked: d.acked, unacknowledged: d.unfinished,
      };
    }, { backoff: p.backoff });
    const r = row[kind];
    r.expected = p.agents * p.backlog;
    // Lost: acknowledged, so deleted by the agent, yet not in the store. What was not acknowledged when the
    // bound was reached is still held by its agent, waiting, not lost.
    r.lost = Math.max(0, r.acked - r.stored);
    r.waitingAtLimit = Math.max(0, r.expected - r.acked);
    log(`reconnect storm, ${p.agents} agents × ${p.backlog}, ${kind}: ${r.secondsFromRestart ?? `not done in ${r.limitSeconds}`} s from restart, stored ${r.stored}/${r.expected}, lost ${r.lost}, still waiting on the agents ${r.waitingAtLimit}`);
  }
  return row;
}

/**
 * Lone alerts: one agent reports a newly failed backup job (the default
 * pack's backup-failed fires at once), the collector routes it to the
 * provider's webhook; from the report's send to the webhook's arrival.
 */
export async function alertToWebhook(ctx) {
  const p = ctx.profile.alerts;
  const receiver = await startWebhookReceiver();
  // No grouping window: the samples share tenant, rule and channel, so within the window (30 s by default)
  // every one after the first would be a follower, held for one grouped message; each sample is meant as a lone alert.
  const extraYaml = `routing:\n  defaultChannels: [{ name: bench-noc, type: webhook, url: "${receiver.url}" }]\n  notify: { groupWaitSeconds: 0 }\n`;
  const server = await startTandem(ctx.template, { core: SERVER_CORE, extraYaml });
  let generator = null;
  try {
    generator = await startGenerator({ url: server.agentUrl, devices: ctx.template.devices.slice(0, 1), workers: 1, core: GENERATOR_CORE, sources: 1 });
    await connectAll(generator, 1, 'alert to webhook');
    const fired = (job) => (post) => post.body?.kind === 'fire' && post.body.alert?.summary?.includes(`restic/${job} failed`);
    // The device's first report also raises what the recorded snapshot holds (encryption off); let that pass.
    await generator.failedBackup(0, 'warm-up');
    await receiver.waitFor(fired('warm-up'), 30_000);
    await sleep(1000);
    const latencies = [];
    let missed = 0;
    for (let i = 1; i <= p.count; i++) {
      const job = `nightly-${i}`;
      const { sentAt } = await generator.failedBackup(0, job);
      const post = await receiver.waitFor(fired(job), p.timeoutMs);
      if (post) latencies.push(post.at - sentAt);
      else missed++;
      await sleep(p.gapMs);
    }
    return { alerts: p.count, groupWaitSeconds: 0, ...latencySummary(latencies, missed), missed };
  } finally {
    if (generator) await generator.stop().catch(() => {});
    await server.stop().catch(() => {});
    server.remove();
    await receiver.close();
  }
}

/** The rules stage alone, from the collector's own rules benchmark (pinned like the servers). */
export async function rulesThroughput(ctx) {
  const p = ctx.profile.rules;
  const script = join(new URL('../..', import.meta.url).pathname, 'collector', 'scripts', 'bench-rules.mjs');
  const child = startNode(script, ['--seconds', String(p.seconds), '--devices', String(p.devices), '--reports', String(p.reports)], { core: SERVER_CORE });
  const code = await new Promise((r) => child.once('exit', r));
  const out = child.output;
  const num = (re) => { const m = re.exec(out); return m ? Number(m[1].replace(/,/g, '')) : null; };
  const result = {
    snapshotsPerSecond: num(/evaluation \(pure core\):\s+([\d,]+)/),
    snapshotsPerSecondWithParse: num(/incl\. JSON\.parse:\s+([\d,]+)/),
    committedToFiringP50Ms: num(/alert firing:\s+p50 ([\d.]+) ms/),
    committedToFiringP99Ms: num(/alert firing:.*p99 ([\d.]+) ms/),
    devices: p.devices,
  };
  if (code !== 0 || result.snapshotsPerSecond === null) result.error = `collector/scripts/bench-rules.mjs exited ${code}: ${out.slice(-500)}`;
  log(`rules: ${result.snapshotsPerSecond} snapshots/s (pure), ${result.snapshotsPerSecondWithParse} with JSON.parse`);
  return result;
}

/**
 * Fairness: a device of one tenant floods (bursts of reports in one socket
 * write, never waiting for acks, reconnecting whenever it is cut off) while a
 * device of another tenant reports at a steady rate and /healthz is polled.
 * The calm device's ack latency and the health check's answer time are the
 * figures; the flooder gets only its own share.
 */
export async function fairness(ctx) {
  const p = ctx.profile.fairness;
  const row = { seconds: p.measureMs / 1000, burst: p.burst, everyMs: p.everyMs, calmPerSecond: p.calmPerSecond };
  const [rogue, calm] = ctx.template.devices;
  for (const kind of ['tandem', 'reference']) {
    const server = await SERVERS[kind](ctx.template, { core: SERVER_CORE });
    const generators = [];
    try {
      const flooder = await startGenerator({ url: server.agentUrl, devices: [rogue], workers: 1, core: GENERATOR_CORE, sources: 1 });
      generators.push(flooder);
      const good = await startGenerator({ url: server.agentUrl, devices: [calm], workers: 1, core: GENERATOR_CORE, sources: 1 });
      generators.push(good);
      await connectAll(flooder, 1, 'fairness');
      await connectAll(good, 1, 'fairness');
      await flooder.hostile(0, p.burst, p.everyMs);
      await good.rate(p.calmPerSecond);
      const http = server.agentUrl.replace(/^ws/, 'http').replace(/\/agent\/v1$/, '/healthz');
      const health = [];
      const until = Date.now() + p.measureMs;
      while (Date.now() < until) {
        const t0 = performance.now();
        await fetch(http).then((r) => r.text(), () => null);
        health.push(performance.now() - t0);
        await sleep(100);
      }
      const flood = await flooder.drain(0);
      const d = await good.drain(p.drainMs);
      row[kind] = { calmAck: latencySummary(d.latencies, d.unfinished), health: latencySummary(health), floodSent: flood.sentFrames, floodCutOff: flood.closes };
    } finally {
      for (const g of generators) await g.stop().catch(() => {});
      await server.stop().catch(() => {});
      server.remove();
    }
    log(`fairness, ${kind}: calm device ack p50 ${row[kind].calmAck.p50Ms} ms, p99 ${row[kind].calmAck.p99Ms} ms; /healthz p99 ${row[kind].health.p99Ms} ms; flooder cut off ${row[kind].floodCutOff} times`);
  }
  return row;
}
