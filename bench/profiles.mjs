// How big and how long each measurement is. `full` is what BENCHMARKS.md
// reports; `quick` checks the whole bench in under two minutes; `smoke` is
// the test's: tiny counts, every path once.
export const PROFILES = {
  full: {
    budgetMinutes: 75,
    tenants: 20, workers: 4, sources: 8, repeats: 3,
    throughput: { agents: [1, 100], warmupMs: 3000, measureMs: 10_000, drainMs: 60_000 },
    fixedRate: { rates: [250, 1000], agents: 1000, measureMs: 20_000, drainMs: 60_000 },
    // Capped by the open-file limit at run time.
    idle: { agents: 19_500, connectTimeoutMs: 900_000, settleMs: 15_000, measureMs: 60_000 },
    storm: { agents: 10_000, connectTimeoutMs: 900_000, backlog: 3, limitMs: 300_000, backoff: { baseMs: 1000, capMs: 60_000 } },
    alerts: { count: 50, timeoutMs: 15_000, gapMs: 200 },
    rules: { seconds: 3, devices: 1000, reports: 50 },
    fairness: { measureMs: 10_000, burst: 200, everyMs: 10, calmPerSecond: 5, drainMs: 30_000 },
  },
  quick: {
    budgetMinutes: 5,
    tenants: 4, workers: 2, sources: 4, repeats: 1,
    throughput: { agents: [1, 10], warmupMs: 500, measureMs: 1500, drainMs: 20_000 },
    fixedRate: { rates: [100], agents: 100, measureMs: 3000, drainMs: 20_000 },
    idle: { agents: 500, connectTimeoutMs: 60_000, settleMs: 1000, measureMs: 3000 },
    // A shorter backoff than the agent's, so the quick run does not wait out a minute of jitter.
    storm: { agents: 200, connectTimeoutMs: 60_000, backlog: 1, limitMs: 60_000, backoff: { baseMs: 200, capMs: 2000 } },
    alerts: { count: 3, timeoutMs: 10_000, gapMs: 100 },
    rules: { seconds: 1, devices: 100, reports: 5 },
    fairness: { measureMs: 1500, burst: 200, everyMs: 10, calmPerSecond: 5, drainMs: 20_000 },
  },
  smoke: {
    budgetMinutes: 4,
    tenants: 2, workers: 2, sources: 2, repeats: 1,
    throughput: { agents: [1, 4], warmupMs: 300, measureMs: 1000, drainMs: 20_000 },
    fixedRate: { rates: [40], agents: 8, measureMs: 1500, drainMs: 20_000 },
    idle: { agents: 10, connectTimeoutMs: 60_000, settleMs: 200, measureMs: 1000 },
    storm: { agents: 6, connectTimeoutMs: 60_000, backlog: 2, limitMs: 60_000, backoff: { baseMs: 200, capMs: 2000 } },
    alerts: { count: 2, timeoutMs: 15_000, gapMs: 100 },
    rules: { seconds: 1, devices: 50, reports: 5 },
    fairness: { measureMs: 1500, burst: 50, everyMs: 10, calmPerSecond: 5, drainMs: 20_000 },
    skip: ['rules'],
  },
};
