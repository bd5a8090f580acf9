// The load generator: several worker processes (pinned to the core the
// server under test does not use), each holding a share of the agents, their
// connections spread over several 127.x.y.z source addresses so neither
// ephemeral ports nor one process's open-file limit bound the count.
import { fdLimitOf, startNode, stopChild } from '../lib/processes.mjs';

const WORKER = new URL('./worker.mjs', import.meta.url).pathname;

/** 127.0.1.1, 127.0.1.2, …: each source address has its own range of ephemeral ports. */
export function loopbackSources(count) {
  return Array.from({ length: count }, (_, i) => `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`);
}

export async function startGenerator({ url, devices, workers, core, sources = 8, backoff = { baseMs: 1000, capMs: 60_000 } }) {
  const count = Math.max(1, Math.min(workers, devices.length));
  const procs = [];
  for (let w = 0; w < count; w++) {
    const child = startNode(WORKER, [], { core, ipc: true });
    let next = 0;
    const waiting = new Map();
    child.on('message', (msg) => {
      const p = waiting.get(msg.id);
      if (!p) return;
      waiting.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(`load worker ${w}: ${msg.error}`));
    });
    child.once('exit', (code, signal) => {
      for (const p of waiting.values()) p.reject(new Error(`load worker ${w} exited (${signal ?? code}): ${child.output.slice(-2000)}`));
      waiting.clear();
    });
    const call = (cmd, args = {}) => new Promise((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve, reject });
      child.send({ id, cmd, ...args });
    });
    procs.push({ child, call });
  }
  const addresses = loopbackSources(sources);
  // Agents dealt round-robin, so every worker and every source address gets an even share.
  const shares = procs.map((_, w) => devices.filter((_, i) => i % count === w));
  await Promise.all(procs.map((p, w) => p.call('init', { url, devices: shares[w], localAddresses: addresses, backoff })));
  const all = (cmd, args) => Promise.all(procs.map((p) => p.call(cmd, args)));
  const sum = (rows, key) => rows.reduce((n, r) => n + r[key], 0);

  return {
    workers: count,
    sources: addresses.length,
    fdLimit: fdLimitOf(procs[0].child.pid),
    async connect(opts = {}) {
      const rows = await all('connect', opts);
      return { welcomed: sum(rows, 'welcomed'), ms: Math.max(...rows.map((r) => r.ms)) };
    },
    flood: () => all('flood'),
    rate: (perSecond) => Promise.all(procs.map((p, w) => p.call('rate', { perSecond: (perSecond * shares[w].length) / devices.length }))),
    backlog: (count) => all('backlog', { count }),
    async sample() {
      const rows = await all('sample');
      return { offered: sum(rows, 'offered'), acked: sum(rows, 'acked'), connected: sum(rows, 'connected'), lastAckAt: Math.max(...rows.map((r) => r.lastAckAt)) };
    },
    async drain(timeoutMs) {
      const rows = await all('drain', { timeoutMs });
      return {
        offered: sum(rows, 'offered'), acked: sum(rows, 'acked'), unfinished: sum(rows, 'unfinished'), sentFrames: sum(rows, 'sentFrames'),
        attempts: sum(rows, 'attempts'), connects: sum(rows, 'connects'), closes: sum(rows, 'closes'), lastAckAt: Math.max(...rows.map((r) => r.lastAckAt)),
        latencies: rows.flatMap((r) => r.latencies),
      };
    },
    hostile: (index, burst, everyMs) => procs[index % count].call('hostile', { index: Math.floor(index / count), burst, everyMs }),
    /** Agent `index` (of the whole list) sends a report with a newly failed backup job. */
    failedBackup(index, job) {
      return procs[index % count].call('failedBackup', { index: Math.floor(index / count), job });
    },
    async seqs() {
      return (await all('seqs')).flat();
    },
    async stop() {
      await Promise.allSettled(procs.map((p) => p.call('close')));
      await Promise.all(procs.map((p) => stopChild(p.child, 'SIGTERM', 5000)));
    },
  };
}
