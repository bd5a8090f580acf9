// What imported feeds mean for routing: a holiday calendar's days join the
// team's holidays, an away calendar's events join its away periods, each
// with its source so traces and pages can say where it came from. Pure.
import type { CoverageGap } from '../routing/coverage-gaps.js';
import { TEAMS } from '../routing/ownership-config.js';
import type { AwayPeriod, CalendarSource, OwnershipConfig, Team } from '../routing/ownership-config.js';
import type { FeedState } from './calendar-store.js';

export type FeedLookup = (team: Team, name: string) => FeedState | undefined;

/** "calendar acme-ooo (outlook.office365.com)" */
export const sourceText = (c: CalendarSource, origin: string) => `calendar ${c.name} (${origin})`;

function datesBetween(from: string, until: string): string[] {
  const out: string[] = [];
  const d = new Date(`${from}T12:00:00Z`);
  // A holiday longer than a year is a feed error, not a holiday: capped.
  for (let i = 0; i < 366; i++) {
    const s = d.toISOString().slice(0, 10);
    if (s > until) break;
    out.push(s);
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

export function withImported(config: OwnershipConfig, feed: FeedLookup, origin: (c: CalendarSource) => string): OwnershipConfig {
  let changed = false;
  const teams = { ...config.teams };
  for (const t of TEAMS) {
    const team = config.teams[t];
    const sources = team.calendars ?? [];
    if (sources.length === 0) continue;
    const away: AwayPeriod[] = [...team.away];
    const holidays = new Set(team.hours?.holidays ?? []);
    for (const c of sources) {
      const state = feed(t, c.name);
      if (!state) continue;
      const source = sourceText(c, origin(c));
      for (const e of state.events) {
        if (c.kind === 'holidays' && e.allDay) for (const d of datesBetween(e.from, e.until)) holidays.add(d);
        else away.push({ from: e.from, until: e.until, reason: e.summary, source });
      }
    }
    changed = true;
    teams[t] = { ...team, away, hours: team.hours ? { ...team.hours, holidays: [...holidays].sort() } : null };
  }
  return changed ? { ...config, teams } : config;
}

export interface ImportedPeriodView {
  from: string;
  until: string;
  allDay: boolean;
  summary: string;
  /** holiday or away: what the period does for the team. */
  effect: 'holiday' | 'away';
}

export interface FeedView {
  team: Team;
  name: string;
  kind: CalendarSource['kind'];
  source: string;
  refreshMinutes: number;
  /** ISO; null: never imported yet. */
  importedAt: string | null;
  lastAttemptAt: string | null;
  /** The last attempt's problem; the periods are then the last good copy's. */
  error: string | null;
  truncated: boolean;
  periods: ImportedPeriodView[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function feedViews(config: OwnershipConfig, feed: FeedLookup, origin: (c: CalendarSource) => string): FeedView[] {
  return TEAMS.flatMap((t) => (config.teams[t].calendars ?? []).map((c): FeedView => {
    const s = feed(t, c.name);
    return {
      team: t, name: c.name, kind: c.kind, source: sourceText(c, origin(c)), refreshMinutes: c.refreshMinutes,
      importedAt: iso(s?.goodAt ?? null), lastAttemptAt: iso(s?.attemptAt ?? null), error: s?.error ?? null, truncated: s?.truncated ?? false,
      periods: (s?.events ?? []).map((e) => ({ from: e.from, until: e.until, allDay: e.allDay, summary: e.summary, effect: c.kind === 'holidays' && e.allDay ? 'holiday' : 'away' })),
    };
  }));
}

/** A feed whose last refresh failed: its team's holidays or absences may be out of date, so routing may send alerts to someone who is away. */
export function feedWarnings(views: FeedView[]): CoverageGap[] {
  return views.filter((v) => v.error !== null).map((v) => ({
    kind: 'calendar-failed' as const, from: null, until: null, classes: [], count: 0, affected: [],
    message: `${v.team} team's ${v.source} could not be refreshed (${v.error}) at ${v.lastAttemptAt}; ${v.importedAt
      ? `routing uses the copy imported at ${v.importedAt} (${v.periods.length} period${v.periods.length === 1 ? '' : 's'})`
      : 'nothing was ever imported from it, so its holidays and absences are not known'}`,
  }));
}
