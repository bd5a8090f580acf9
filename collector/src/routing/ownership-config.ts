// The ownership config of one tenant, after validation: who owns which alert,
// when each team can act, what happens when they cannot, and what internal IT
// may change. The raw YAML shape is documented in docs/routing.md; this is the
// compiled form the pure routing core works on.
import type { ChannelConfig } from '../notify/channel-config.js';
import type { Category, Severity } from '../rules/rule-pack.js';

export const TEAMS = ['internal', 'provider'] as const;
export type Team = (typeof TEAMS)[number];

export const OWNERS = ['internal', 'provider', 'both'] as const;
export type Owner = (typeof OWNERS)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** What happens when the owner cannot act: the other team covers, both hear it, or the owner gets it anyway. */
export const COVER_MODES = ['other', 'both', 'owner'] as const;
export type CoverMode = (typeof COVER_MODES)[number];

export const MATCH_FIELDS = ['category', 'rule', 'severity', 'site', 'tags', 'os', 'role'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

/** One written test on a label: `security`, `!security`, `/^srv-/`, `!/^srv-/`. */
export interface Matcher {
  text: string;
  negate: boolean;
  /** Equality value, or null for a regex. */
  equals: string | null;
  regex: RegExp | null;
}

/** All tests written for one field. Positive tests are alternatives; negative ones must all hold. */
export interface FieldMatch {
  field: MatchField;
  positive: Matcher[];
  negative: Matcher[];
}

export interface AlertMatch {
  fields: FieldMatch[];
}

export interface BusinessHours {
  timeZone: string;
  days: Weekday[];
  /** Minutes after local midnight; `to` below `from` means the window runs past midnight. */
  fromMinute: number;
  toMinute: number;
  /** Local dates (YYYY-MM-DD) when nobody works. */
  holidays: string[];
}

export interface AwayPeriod {
  /** A local date (YYYY-MM-DD, inclusive) or an ISO time. */
  from: string;
  until: string;
  reason: string;
  /** Where an imported period came from ("calendar acme-ooo (outlook.office365.com)"); absent for periods written in the config. */
  source?: string;
}

export const CALENDAR_KINDS = ['holidays', 'away'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

/** An iCalendar feed a team's holidays or away periods are imported from (src/calendars). */
export interface CalendarSource {
  name: string;
  kind: CalendarKind;
  /** An http(s) URL or env:NAME holding one; null for a file. */
  url: string | null;
  /** An absolute path; null for a URL. */
  file: string | null;
  refreshMinutes: number;
}

export interface TeamConfig {
  name: string;
  channels: ChannelConfig[];
  /** null: the team works around the clock. */
  hours: BusinessHours | null;
  away: AwayPeriod[];
  /** Feeds whose holidays and away periods are merged into `hours.holidays` and `away` once imported. */
  calendars?: CalendarSource[];
}

export type SlaTable = Record<Severity, number>;

export interface OwnershipLine {
  /** 1-based position, as people count lines. */
  index: number;
  id: string | null;
  match: AlertMatch;
  owner: Owner;
  /** Minutes per severity; missing severities use the defaults. */
  sla: Partial<SlaTable>;
}

export interface Guardrails {
  /** Line ids internal IT may not take over or hand off. */
  lockedLines: string[];
  unmutable: { rules: string[]; categories: Category[]; severities: Severity[] };
  /** Rules whose thresholds internal IT may not change. */
  fixedThresholds: string[];
  /** Whether a team may acknowledge or snooze alerts only the other team owns (default: neither). */
  crossTeamActions: Record<Team, boolean>;
}

export const TUNING_KINDS = ['keep', 'handoff', 'mute', 'threshold'] as const;
export type TuningKind = (typeof TUNING_KINDS)[number];

export interface TuningEntry {
  id: string;
  kind: TuningKind;
  match: AlertMatch;
  /** The match as written, for traces, previews and the audit log. */
  matchText: Record<string, string | string[]>;
  reason: string;
  /** Mutes end (ms); other entries may end too. null: until reverted. */
  until: number | null;
  /** threshold: the rule and its new params. */
  rule: string | null;
  params: Record<string, unknown>;
  forMinutes: number | null;
  by: string;
  at: string;
}

export interface OwnershipConfig {
  teams: Record<Team, TeamConfig>;
  defaults: { owner: Owner; sla: SlaTable };
  lines: OwnershipLine[];
  coverage: { outsideHours: CoverMode; away: CoverMode };
  escalation: { to: 'other' | 'both'; repeatEveryMinutes: number; maxReminders: number };
  guardrails: Guardrails;
  tuning: TuningEntry[];
}

/** Used when neither the config nor collector.yaml says otherwise. */
export const BUILT_IN_SLA: SlaTable = { critical: 60, warning: 240, info: 1440 };

export const otherTeam = (t: Team): Team => (t === 'internal' ? 'provider' : 'internal');
export const teamsOf = (o: Owner): Team[] => (o === 'both' ? ['internal', 'provider'] : [o]);
export function ownerOf(teams: ReadonlySet<Team> | Team[]): Owner | null {
  const s = new Set(teams);
  if (s.has('internal') && s.has('provider')) return 'both';
  if (s.has('internal')) return 'internal';
  if (s.has('provider')) return 'provider';
  return null;
}
