// Durations as people write them in rule files: 30s, 10m, 26h, 3d, 1w.
// A plain 0 means "immediately".

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/;

/** Milliseconds, or null when the text is not a duration. */
export function parseDuration(text: unknown): number | null {
  if (text === 0 || text === '0') return 0;
  if (typeof text !== 'string') return null;
  const m = DURATION.exec(text.trim());
  if (!m) return null;
  return Math.round(Number(m[1]) * UNIT_MS[m[2]!]!);
}

/** The shortest exact form: 600000 → "10m". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0';
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit]!;
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
