// Coverage forecast: over the next weeks, the hours when an alert class would
// reach nobody who is working (internal IT away or off, the provider not
// contracted for those hours, a holiday in one team's zone), listed before
// they happen. Pure; built on the coverage gaps of the routing core.
import { coverageGaps } from '../routing/coverage-gaps.js';
import type { AlertClass, DeviceGroup } from '../routing/ownership-matrix.js';
import type { OwnershipConfig } from '../routing/ownership-config.js';

export interface ForecastWindow {
  from: string;
  until: string;
  hours: number;
  /** Why nobody can act ("internal holiday on 2026-12-25; provider outside hours (…)"). */
  why: string;
  /** Every alert class that would reach nobody ("backup-failed (warning) on site=hq"). */
  classes: string[];
}

export interface CoverageForecast {
  from: string;
  weeks: number;
  windows: ForecastWindow[];
  /** Hours in the horizon when at least one alert class reaches nobody. */
  uncoveredHours: number;
  /** Classes that reach no channel at all, whatever the time. */
  noChannel: string[];
}

export const MAX_FORECAST_WEEKS = 26;

export function coverageForecast(config: OwnershipConfig, classes: AlertClass[], groups: DeviceGroup[], from: number, weeks: number): CoverageForecast {
  const gaps = coverageGaps(config, classes, groups, from, weeks * 7);
  const windows = gaps.filter((g) => g.kind === 'nobody-available').map((g): ForecastWindow => {
    const span = Date.parse(g.until!) - Date.parse(g.from!);
    // The message ends with "(why)"; the reasons are the part a reader acts on.
    const why = /\(([^]*)\)$/.exec(g.message)?.[1] ?? g.message;
    return { from: g.from!, until: g.until!, hours: Math.round((span / 3_600_000) * 100) / 100, why, classes: g.affected };
  }).sort((a, b) => a.from.localeCompare(b.from));
  const noChannel = [...new Set(gaps.filter((g) => g.kind === 'no-channel').flatMap((g) => g.affected))].sort();
  return { from: new Date(from).toISOString(), weeks, windows, uncoveredHours: Math.round(windows.reduce((s, w) => s + w.hours, 0) * 100) / 100, noChannel };
}
