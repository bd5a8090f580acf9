// Percentiles and medians of samples. A sample that never completed (a
// report never acknowledged) is Infinity: it sorts last, so a percentile that
// falls among them reads as "longer than the run", never as a made-up number.

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** p50/p99/max of latencies in ms; `unfinished` samples count as Infinity. */
export function latencySummary(values, unfinished = 0) {
  const sorted = Float64Array.from(values).sort();
  const all = unfinished > 0 ? Float64Array.from([...sorted, ...new Array(unfinished).fill(Infinity)]) : sorted;
  const round = (v) => (v === null ? null : Number.isFinite(v) ? Math.round(v * 100) / 100 : null);
  return {
    count: values.length,
    unfinished,
    p50Ms: round(percentile(all, 0.5)),
    p99Ms: round(percentile(all, 0.99)),
    maxMs: round(all.length > 0 ? all[all.length - 1] : null),
  };
}

export function median(xs) {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function ratio(a, b) {
  return typeof a === 'number' && typeof b === 'number' && b !== 0 ? Math.round((a / b) * 1000) / 1000 : null;
}
