// The words a routing decision is explained in. Kept in one place so the
// API, the route tester and notifications say the same thing.
import { describeHours } from './business-hours.js';
import { describeMatch } from './match-line.js';
import type { AwayPeriod, OwnershipLine, TeamConfig, TuningEntry } from './ownership-config.js';

export function formatMinutes(m: number): string {
  if (m % 1440 === 0) return `${m / 1440} d`;
  if (m % 60 === 0) return `${m / 60} h`;
  return `${m} min`;
}

export const lineLabel = (l: OwnershipLine): string => `line ${l.index}${l.id ? ` (${l.id})` : ''}`;

export const lineTrace = (l: OwnershipLine): string => `${lineLabel(l)}: ${describeMatch(l.match)} → ${l.owner}`;

export const tuningLabel = (t: TuningEntry): string => `tuning ${t.id} (${t.kind} by ${t.by}: ${t.reason})`;

export function awayText(team: string, p: AwayPeriod): string {
  // An imported period says which calendar it came from.
  const why = [p.reason, p.source].filter(Boolean).join(', ');
  return `${team} away until ${p.until}${why ? ` (${why})` : ''}`;
}

export function outsideText(team: string, cfg: TeamConfig, why: 'holiday' | 'outside', date: string): string {
  return why === 'holiday' ? `${team} holiday on ${date}` : `${team} outside hours (${describeHours(cfg.hours)})`;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
