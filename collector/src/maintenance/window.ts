// A maintenance window: when (a local start time and a length, once or
// repeated by an RRULE in the tenant's time zone), what (a tenant, sites,
// device groups by labels, devices; categories or rules), why and whose.
// Checked here once, when it is written: a window that does not parse, never
// ends, is longer than the contract allows, or names something internal IT
// may not silence is refused with the field named. Pure.
import { z } from 'zod';
import * as rrule from 'rrule';
import { CATEGORIES } from '../rules/rule-pack.js';
import type { Category, Severity } from '../rules/rule-pack.js';
import type { Guardrails, Team } from '../routing/ownership-config.js';

// rrule ships CommonJS to Node: its functions arrive on the default export there, as named ones under bundlers.
const { rrulestr, Frequency } = ((rrule as unknown as { default?: typeof rrule }).default ?? rrule);

export interface MaintenanceWindow {
  id: string;
  tenantId: string;
  reason: string;
  /** The team that scheduled it and gets the summary at its end. */
  owner: Team;
  /** Empty lists: the whole tenant. A device group is a set of labels, all of which a device carries. */
  scope: { sites: string[]; tags: string[]; devices: string[] };
  /** Empty lists: every category and rule. */
  only: { categories: Category[]; rules: string[] };
  /** Local wall time of the (first) start, YYYY-MM-DDTHH:MM, in `timeZone`. */
  start: string;
  durationMinutes: number;
  /** RFC 5545 recurrence (FREQ=WEEKLY;BYDAY=SA;UNTIL=…), or null for a one-off window. */
  rrule: string | null;
  timeZone: string;
  createdBy: string;
  /** Which side of the contract scheduled it: internal IT's windows stay within the guardrails. */
  createdBySide: Team;
  createdAt: number;
}

export interface MaintenanceLimits {
  /** The longest one occurrence may be (the contract's limit). */
  maxMinutes: number;
}

export const DEFAULT_MAINTENANCE_LIMITS: MaintenanceLimits = { maxMinutes: 12 * 60 };

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const validZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const windowInputSchema = z.object({
  reason: z.string().trim().min(1, 'a reason is required').max(500),
  owner: z.enum(['internal', 'provider'], { error: 'expected internal or provider' }),
  scope: z.object({
    sites: z.array(z.string().min(1).max(200)).max(100).default([]),
    tags: z.array(z.string().min(1).max(200)).max(20).default([]),
    devices: z.array(z.string().min(1).max(200)).max(500).default([]),
  }).strict().default({ sites: [], tags: [], devices: [] }),
  only: z.object({
    categories: z.array(z.enum(CATEGORIES, { error: `expected one of ${CATEGORIES.join(', ')}` })).max(20).default([]),
    rules: z.array(z.string().min(1).max(200)).max(100).default([]),
  }).strict().default({ categories: [], rules: [] }),
  start: z.string().regex(LOCAL, 'expected a local time like 2026-12-05T22:00').refine((s) => !Number.isNaN(Date.parse(`${s}:00Z`)), 'not a real date'),
  durationMinutes: z.number().int('expected whole minutes').min(1, 'at least 1 minute'),
  rrule: z.string().max(500).nullable().default(null),
  timeZone: z.string().refine(validZone, 'not a known time zone (expected an IANA name like Europe/Berlin)'),
}).strict();

export type WindowInput = z.input<typeof windowInputSchema>;

/** The ways a window is refused; `guardrail` is a 403, the rest are bad input. */
export type WindowCheck =
  | { ok: true; window: Omit<MaintenanceWindow, 'id' | 'tenantId' | 'createdBy' | 'createdBySide' | 'createdAt'> }
  | { ok: false; kind: 'invalid' | 'guardrail'; problems: string[] };

const teamName: Record<Team, string> = { internal: 'internal IT', provider: 'the provider' };

export function checkWindow(input: unknown, side: Team, guardrails: Guardrails, limits: MaintenanceLimits = DEFAULT_MAINTENANCE_LIMITS): WindowCheck {
  const parsed = windowInputSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, kind: 'invalid', problems: parsed.error.issues.map((i) => `body${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`) };
  }
  const w = parsed.data;
  const problems: string[] = [];
  if (w.durationMinutes > limits.maxMinutes) {
    problems.push(`body.durationMinutes: ${w.durationMinutes} minutes is longer than the ${limits.maxMinutes} minutes a window may last (routing.maintenance.maxWindowMinutes)`);
  }
  if (w.rrule !== null) {
    const problem = rruleProblem(w.rrule);
    if (problem) problems.push(`body.rrule: ${problem}`);
  }
  if (problems.length > 0) return { ok: false, kind: 'invalid', problems };
  if (side === 'internal') {
    // The contract's unmutable categories and rules cannot be put in maintenance by internal IT either.
    const cats = w.only.categories.filter((c) => guardrails.unmutable.categories.includes(c));
    const rules = w.only.rules.filter((r) => guardrails.unmutable.rules.includes(r));
    if (cats.length > 0) problems.push(`guardrail unmutable: ${teamName[side]} may not put category ${cats.join(', ')} in maintenance (guardrails.unmutable.categories)`);
    if (rules.length > 0) problems.push(`guardrail unmutable: ${teamName[side]} may not put rule ${rules.join(', ')} in maintenance (guardrails.unmutable.rules)`);
    if (w.owner !== side) problems.push(`guardrail: ${teamName[side]} may only schedule its own windows (owner: internal)`);
    if (problems.length > 0) return { ok: false, kind: 'guardrail', problems };
  }
  return { ok: true, window: { ...w, reason: w.reason, only: { categories: w.only.categories as Category[], rules: w.only.rules } } };
}

/** Why an RRULE is refused: it does not parse, carries its own DTSTART, or never ends. */
export function rruleProblem(rule: string): string | null {
  const text = rule.replace(/^RRULE:/i, '').trim();
  if (/DTSTART|TZID/i.test(text)) return 'give the start in `start` and the zone in `timeZone`, not in the RRULE';
  try {
    const r = rrulestr(`RRULE:${text}`, { dtstart: new Date(Date.UTC(2000, 0, 1)) });
    if (!r.options.count && !r.options.until) return `"${text}" never ends; add COUNT= or UNTIL=`;
    if (r.options.count && r.options.count > 1000) return `COUNT=${r.options.count} is more than 1000 occurrences`;
    if (r.options.freq > Frequency.HOURLY) return 'repeats more often than hourly; a maintenance window repeats at most every hour';
  } catch (err) {
    return `"${text}" is not an RRULE (${(err as Error).message})`;
  }
  return null;
}

// ── time: wall clock in a zone ↔ instants ─────────────────────────────────

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(at: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    offsetFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * The instant a wall-clock time (given as its UTC fields) happens in a zone.
 * A time skipped by a clock change (02:30 on a spring-forward night) happens
 * an hour later, as the wall clock reads it then.
 */
export function wallToInstant(wall: number, timeZone: string): number {
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  return offsetAt(second, timeZone) === offsetAt(first, timeZone) ? second : Math.max(first, second);
}

const wallOf = (start: string): number => {
  const m = LOCAL.exec(start)!;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
};

export interface Occurrence {
  start: number;
  end: number;
}

const DAY = 86_400_000;

/**
 * The window's occurrences that overlap [from, to). The recurrence is
 * expanded on the wall clock and each start placed in the zone, so a
 * Saturday 22:00 window stays at 22:00 local across daylight saving changes.
 */
export function occurrences(w: Pick<MaintenanceWindow, 'start' | 'durationMinutes' | 'rrule' | 'timeZone'>, from: number, to: number, limit = 500): Occurrence[] {
  const length = w.durationMinutes * 60_000;
  const at = (wall: number): Occurrence => {
    const start = wallToInstant(wall, w.timeZone);
    return { start, end: start + length };
  };
  const first = wallOf(w.start);
  if (w.rrule === null) {
    const o = at(first);
    return o.end > from && o.start < to ? [o] : [];
  }
  const rule = rrulestr(`RRULE:${w.rrule.replace(/^RRULE:/i, '').trim()}`, { dtstart: new Date(first) });
  // Wall-clock bounds widened by a day each side cover any zone offset and the occurrence's length.
  const out: Occurrence[] = [];
  rule.between(new Date(from - length - DAY), new Date(to + DAY), true, (d) => {
    const o = at(d.getTime());
    if (o.end > from && o.start < to) out.push(o);
    return out.length < limit;
  });
  return out;
}

/** The occurrence in force at `at`, or null. */
export function activeOccurrence(w: MaintenanceWindow, at: number): Occurrence | null {
  return occurrences(w, at, at + 1, 1)[0] ?? null;
}

/** The next occurrences from `at` (the one in force first), for people to check a schedule. */
export function nextOccurrences(w: MaintenanceWindow, at: number, count = 5): Occurrence[] {
  return occurrences(w, at, at + 50 * 366 * DAY, count);
}

// ── what a window covers ───────────────────────────────────────────────────

export interface MaintenanceSubject {
  deviceId: string;
  site: string | null;
  tags: string[];
  category: Category;
  rule: string;
  severity: Severity;
}

/**
 * Whether the window covers an alert. A window internal IT scheduled never
 * covers what the contract says cannot be silenced (guardrails.unmutable),
 * even when its scope is the whole tenant.
 */
export function covers(w: MaintenanceWindow, s: MaintenanceSubject, guardrails: Guardrails): boolean {
  const { sites, tags, devices } = w.scope;
  const wholeTenant = sites.length === 0 && tags.length === 0 && devices.length === 0;
  const inScope = wholeTenant || devices.includes(s.deviceId) || (s.site !== null && sites.includes(s.site)) || (tags.length > 0 && tags.every((t) => s.tags.includes(t)));
  if (!inScope) return false;
  const { categories, rules } = w.only;
  if ((categories.length > 0 || rules.length > 0) && !categories.includes(s.category) && !rules.includes(s.rule)) return false;
  if (w.createdBySide === 'internal') {
    const u = guardrails.unmutable;
    if (u.categories.includes(s.category) || u.rules.includes(s.rule) || u.severities.includes(s.severity)) return false;
  }
  return true;
}

// ── a window's time on an alert's response clock ──────────────────────────
// One rule for the routing engine and the SLA report: time an alert spends
// inside an occurrence of a window covering it does not count toward its
// response time. An alert that fires inside one therefore counts from the
// occurrence's end. An occurrence counts from when the window was scheduled:
// a window added afterwards held nothing, so it does not rewrite the past.

/** The part of an occurrence the window was in force for, or null. */
export function inForce(w: Pick<MaintenanceWindow, 'createdAt'>, o: Occurrence): Occurrence | null {
  const start = Math.max(o.start, w.createdAt);
  return o.end > start ? { start, end: o.end } : null;
}

/** The occurrences of covering windows that overlap [from, until), as clock-free time with the window named. */
export function coveredTime(
  windows: MaintenanceWindow[], s: MaintenanceSubject, guardrails: Guardrails, from: number, until: number,
): Array<{ from: number; until: number; reason: string }> {
  const out: Array<{ from: number; until: number; reason: string }> = [];
  for (const w of windows) {
    if (!covers(w, s, guardrails)) continue;
    for (const all of occurrences(w, from, until)) {
      const o = inForce(w, all);
      if (o && o.end > from && o.start < until) out.push({ from: o.start, until: o.end, reason: `maintenance: ${w.reason} (${w.id})` });
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

/**
 * Where the response clock of an alert that fired at `firedAt` starts, given
 * the covering windows' time: later by the time (merged, counted once) it
 * spent inside them after it fired.
 */
export function clockStart(firedAt: number, covered: Array<{ from: number; until: number }>): number {
  let start = firedAt;
  let reached = firedAt;
  for (const c of [...covered].sort((a, b) => a.from - b.from)) {
    const from = Math.max(c.from, reached);
    if (c.until > from) {
      start += c.until - from;
      reached = c.until;
    }
  }
  return start;
}
