// Reading an ownership config (YAML, or the same document as JSON) into the
// compiled form. Every problem is reported at once, each with its path:
// `ownership.yaml: lines[2].match.severity: expected one of info, warning, critical`.
import { readFileSync } from 'node:fs';
import { readYaml } from '../yaml-text.js';
import { z } from 'zod';
import { CollectorError } from '../errors.js';
import { channelSchema } from '../notify/channel-config.js';
import type { ChannelConfig } from '../notify/channel-config.js';
import { templatesByTypeSchema } from '../notify/templates/channel-templates.js';
import type { TemplatesByType } from '../notify/templates/channel-templates.js';
import { parseDuration } from '../rules/duration.js';
import { CATEGORIES, SEVERITIES } from '../rules/rule-pack.js';
import type { Category, Severity } from '../rules/rule-pack.js';
import { compileMatcher } from './match-line.js';
import { BUILT_IN_SLA, CALENDAR_KINDS, COVER_MODES, MATCH_FIELDS, OWNERS, TUNING_KINDS, WEEKDAYS } from './ownership-config.js';
import type {
  AlertMatch, AwayPeriod, BusinessHours, CalendarSource, FieldMatch, MatchField, OwnershipConfig, OwnershipLine, SlaTable, TeamConfig, TuningEntry,
} from './ownership-config.js';

const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `expected one of ${values.join(', ')}` });

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateOrTime = z.string().refine((s) => (DATE.test(s) ? !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) : /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s))), {
  error: 'expected a date (2026-12-24) or an ISO time (2026-12-24T08:00:00+01:00)',
});
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time of day like 08:00');
const duration = z.union([z.string(), z.number()]).refine((v) => (typeof v === 'number' ? Number.isInteger(v) && v >= 0 : parseDuration(v) !== null), {
  error: 'expected minutes or a duration like 15m, 4h, 1d',
}).refine((v) => typeof v === 'number' || parseDuration(v) === null || parseDuration(v) === 0 || parseDuration(v)! >= 60_000, {
  // Response times and reminders are kept in whole minutes; "10s" would silently become 0.
  error: 'expected at least 1m (response times are whole minutes; 0 means at once)',
});
const matchValue = z.union([z.string(), z.array(z.string()).min(1)]);
// A record rather than an object keeps the written order, so traces read like the config.
const matchSchema = z.partialRecord(z.enum(MATCH_FIELDS), matchValue)
  .superRefine((m, ctx) => {
    // Checked here rather than after the schema, so these problems are listed with all the others.
    const problems: Array<[string, string]> = [];
    compileMatch(m, [], problems, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
  });
const slaSchema = z.object({ critical: duration.optional(), warning: duration.optional(), info: duration.optional() }).strict();

const teamSchema = z.object({
  name: z.string().min(1).optional(),
  channels: z.array(channelSchema).default([]),
  hours: z.object({
    timeZone: z.string().refine(validTimeZone, { error: 'expected an IANA time zone like Europe/Berlin' }),
    days: z.array(oneOf(WEEKDAYS)).default(['mon', 'tue', 'wed', 'thu', 'fri']),
    from: clock,
    to: clock,
    holidays: z.array(z.string().regex(DATE, 'expected a date like 2026-12-24')).default([]),
  }).strict().optional(),
  away: z.array(z.object({ from: dateOrTime, until: dateOrTime, reason: z.string().min(1).default('away') }).strict()).default([]),
  /** iCalendar feeds of holidays or away periods (docs/calendars.md). */
  calendars: z.array(z.object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lower-case letters, digits and dashes'),
    kind: oneOf(CALENDAR_KINDS),
    url: z.string().refine((v) => /^https?:\/\/[^\s/]+\S*$/.test(v) || /^env:[A-Za-z_][A-Za-z0-9_]*$/.test(v), 'expected an http(s) URL or env:NAME').optional(),
    file: z.string().refine((v) => v.startsWith('/'), 'expected an absolute path').optional(),
    refresh: duration.default('6h'),
  }).strict()).default([]),
}).strict();

const tuningSchema = z.object({
  id: z.string().min(1),
  kind: oneOf(TUNING_KINDS),
  match: matchSchema.default({}),
  reason: z.string().min(1),
  until: z.string().refine((s) => !Number.isNaN(Date.parse(s)), { error: 'expected an ISO time' }).optional(),
  rule: z.string().min(1).optional(),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
  for: duration.optional(),
  by: z.string().min(1),
  at: z.string().min(1),
}).strict();

export const ownershipSchema = z.object({
  teams: z.object({ internal: teamSchema, provider: teamSchema }).strict(),
  defaults: z.object({ owner: oneOf(OWNERS).default('provider'), sla: slaSchema.default({}) }).strict().default({ owner: 'provider', sla: {} }),
  lines: z.array(z.object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lower-case letters, digits and dashes').optional(),
    match: matchSchema.default({}),
    owner: oneOf(OWNERS),
    sla: slaSchema.default({}),
  }).strict()).default([]),
  coverage: z.object({ outsideHours: oneOf(COVER_MODES).default('other'), away: oneOf(COVER_MODES).default('other') }).strict().default({ outsideHours: 'other', away: 'other' }),
  escalation: z.object({
    to: oneOf(['other', 'both'] as const).default('other'),
    repeatEvery: duration.default('30m'),
    maxReminders: z.number().int().min(0).max(100).default(3),
  }).strict().default({ to: 'other', repeatEvery: '30m', maxReminders: 3 }),
  guardrails: z.object({
    lockedLines: z.array(z.string().min(1)).default([]),
    unmutable: z.object({
      rules: z.array(z.string().min(1)).default([]),
      categories: z.array(oneOf(CATEGORIES)).default([]),
      severities: z.array(oneOf(SEVERITIES)).default([]),
    }).strict().default({ rules: [], categories: [], severities: [] }),
    fixedThresholds: z.array(z.string().min(1)).default([]),
    crossTeamActions: z.object({ internal: z.boolean().default(false), provider: z.boolean().default(false) }).strict().default({ internal: false, provider: false }),
  }).strict().default({ lockedLines: [], unmutable: { rules: [], categories: [], severities: [] }, fixedThresholds: [], crossTeamActions: { internal: false, provider: false } }),
  tuning: z.array(tuningSchema).default([]),
  /** The tenant's message templates per channel type; a channel's own template wins (docs/templates.md). */
  templates: templatesByTypeSchema('templates').default({}),
}).strict();

export type OwnershipDocument = z.input<typeof ownershipSchema>;
type ParsedDocument = z.output<typeof ownershipSchema>;

export type OwnershipParse = { ok: true; config: OwnershipConfig; document: Record<string, unknown> } | { ok: false; problems: string[] };

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** `lines[2].match.severity` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(top level)';
}

function issueMessages(issues: z.core.$ZodIssue[], prefix: ReadonlyArray<PropertyKey> = []): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const i of issues) {
    const path = [...prefix, ...i.path];
    if (i.code === 'unrecognized_keys') {
      for (const k of i.keys) out.push([formatPath([...path, k]), 'unknown key']);
    } else if (i.code === 'invalid_type') {
      out.push([formatPath(path), i.message.includes('received undefined') ? 'is required' : `expected ${i.expected}`]);
    } else if (i.code === 'invalid_union' && i.errors.length > 0 && !i.message.startsWith('expected')) {
      // Report the branch that got furthest rather than "invalid input".
      const best = i.errors.reduce((a, b) => (Math.max(0, ...b.map((x) => x.path.length)) > Math.max(0, ...a.map((x) => x.path.length)) ? b : a));
      out.push(...issueMessages(best, path));
    } else {
      out.push([formatPath(path), i.message]);
    }
  }
  return out;
}

/** Parses and validates YAML text; problems are `<name>: <path>: <what is wrong>`. */
export function parseOwnership(text: string, name: string): OwnershipParse {
  const read = readYaml(text, name);
  if (!read.ok) return { ok: false, problems: [read.problem] };
  return checkOwnership(read.value, name);
}

/** Validates an already parsed document (a JSON request body). */
export function checkOwnership(raw: unknown, name: string): OwnershipParse {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [`${name}: expected a mapping with teams and lines at the top level`] };
  }
  const result = ownershipSchema.safeParse(raw);
  if (!result.success) {
    return { ok: false, problems: issueMessages(result.error.issues).map(([path, msg]) => `${name}: ${path}: ${msg}`) };
  }
  const problems: Array<[string, string]> = [];
  const config = compile(result.data, problems);
  if (problems.length > 0) return { ok: false, problems: problems.map(([path, msg]) => `${name}: ${path}: ${msg}`) };
  return { ok: true, config, document: raw as Record<string, unknown> };
}

/** Loads a file for the CLI, refusing with every problem listed. */
export function loadOwnershipFile(file: string): { config: OwnershipConfig; text: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CollectorError('COL_ERR_CONFIG', `cannot read ownership config ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
  const parsed = parseOwnership(text, file);
  if (!parsed.ok) throw new CollectorError('COL_ERR_OWNERSHIP_INVALID', `invalid ownership config ${file}:\n${parsed.problems.map((p) => `  ${p}`).join('\n')}`);
  return { config: parsed.config, text };
}

const minutes = (v: string | number): number => (typeof v === 'number' ? v : Math.round(parseDuration(v)! / 60_000));
const clockMinutes = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

export function compileMatch(
  raw: Partial<Record<MatchField, string | string[]>>, path: Array<string | number>, problems: Array<[string, string]>,
  report: (path: Array<string | number>, message: string) => void = (p, message) => problems.push([formatPath(p), message]),
): AlertMatch {
  const fields: FieldMatch[] = [];
  // Written order, so a trace reads like the config.
  for (const field of Object.keys(raw).filter((k): k is MatchField => (MATCH_FIELDS as readonly string[]).includes(k))) {
    const v = raw[field];
    if (v === undefined) continue;
    const texts = Array.isArray(v) ? v : [v];
    const f: FieldMatch = { field, positive: [], negative: [] };
    texts.forEach((text, i) => {
      const where = Array.isArray(v) ? [...path, field, i] : [...path, field];
      const m = compileMatcher(text);
      if (!m.ok) return report(where, m.message);
      // Plain values of closed vocabularies are checked, so a typo is an error rather than a line that never matches.
      const known = field === 'category' ? CATEGORIES : field === 'severity' ? SEVERITIES : null;
      if (known && m.matcher.equals !== null && !(known as readonly string[]).includes(m.matcher.equals)) {
        return report(where, `expected one of ${known.join(', ')}`);
      }
      (m.matcher.negate ? f.negative : f.positive).push(m.matcher);
    });
    fields.push(f);
  }
  return { fields };
}

function compileSla(raw: Partial<Record<Severity, string | number>>): Partial<SlaTable> {
  const out: Partial<SlaTable> = {};
  for (const s of SEVERITIES) if (raw[s] !== undefined) out[s] = minutes(raw[s]!);
  return out;
}

/** A channel with the tenant's template for its type under its own: the pipeline sees one template per channel. */
function withTenantTemplate(c: ChannelConfig, templates: TemplatesByType): ChannelConfig {
  const tenant = templates[c.type] as Record<string, string> | undefined;
  if (!tenant) return c;
  return { ...c, template: { ...tenant, ...c.template } } as ChannelConfig;
}

function compileTeam(raw: ParsedDocument['teams']['internal'], team: string, path: Array<string | number>, problems: Array<[string, string]>, templates: TemplatesByType = {}): TeamConfig {
  let hours: BusinessHours | null = null;
  if (raw.hours) {
    hours = { timeZone: raw.hours.timeZone, days: raw.hours.days, fromMinute: clockMinutes(raw.hours.from), toMinute: clockMinutes(raw.hours.to), holidays: raw.hours.holidays };
    if (hours.fromMinute === hours.toMinute) problems.push([formatPath([...path, 'hours', 'to']), 'must differ from hours.from']);
  }
  const away: AwayPeriod[] = raw.away.map((a, i) => {
    if (a.from > a.until && DATE.test(a.from) === DATE.test(a.until)) problems.push([formatPath([...path, 'away', i, 'until']), 'must not be before from']);
    return { from: a.from, until: a.until, reason: a.reason };
  });
  const calendarNames = new Set<string>();
  const calendars: CalendarSource[] = raw.calendars.map((c, i) => {
    const where = [...path, 'calendars', i];
    if ((c.url === undefined) === (c.file === undefined)) problems.push([formatPath(where), 'a calendar has either url or file']);
    if (calendarNames.has(c.name)) problems.push([formatPath([...where, 'name']), `duplicate calendar name "${c.name}"`]);
    calendarNames.add(c.name);
    if (c.kind === 'holidays' && !raw.hours) problems.push([formatPath([...where, 'kind']), `holidays apply to business hours: set ${formatPath([...path, 'hours'])}, or import the feed as kind: away`]);
    const refreshMinutes = minutes(c.refresh);
    if (refreshMinutes < 1) problems.push([formatPath([...where, 'refresh']), 'expected at least 1m']);
    return { name: c.name, kind: c.kind, url: c.url ?? null, file: c.file ?? null, refreshMinutes };
  });
  const names = new Set<string>();
  raw.channels.forEach((c, i) => {
    if (names.has(c.name)) problems.push([formatPath([...path, 'channels', i, 'name']), `duplicate channel name "${c.name}"`]);
    names.add(c.name);
  });
  return { name: raw.name ?? (team === 'internal' ? 'internal IT' : 'provider'), channels: raw.channels.map((c) => withTenantTemplate(c, templates)), hours, away, calendars };
}

function compile(doc: ParsedDocument, problems: Array<[string, string]>): OwnershipConfig {
  const teams = {
    internal: compileTeam(doc.teams.internal, 'internal', ['teams', 'internal'], problems, doc.templates),
    provider: compileTeam(doc.teams.provider, 'provider', ['teams', 'provider'], problems, doc.templates),
  };
  const ids = new Set<string>();
  const lines: OwnershipLine[] = doc.lines.map((l, i) => {
    if (l.id) {
      if (ids.has(l.id)) problems.push([formatPath(['lines', i, 'id']), `duplicate line id "${l.id}"`]);
      ids.add(l.id);
    }
    return { index: i + 1, id: l.id ?? null, match: compileMatch(l.match, ['lines', i, 'match'], problems), owner: l.owner, sla: compileSla(l.sla) };
  });
  doc.guardrails.lockedLines.forEach((id, i) => {
    if (!ids.has(id)) problems.push([formatPath(['guardrails', 'lockedLines', i]), `no line has id "${id}"`]);
  });
  const tuningIds = new Set<string>();
  const tuning: TuningEntry[] = doc.tuning.map((t, i) => {
    const path = ['tuning', i];
    if (tuningIds.has(t.id)) problems.push([formatPath([...path, 'id']), `duplicate tuning id "${t.id}"`]);
    tuningIds.add(t.id);
    if (t.kind === 'mute' && !t.until) problems.push([formatPath([...path, 'until']), 'a mute needs an end (ISO time)']);
    if (t.kind === 'threshold') {
      if (!t.rule) problems.push([formatPath([...path, 'rule']), 'a threshold change names its rule']);
      if (!t.params || Object.keys(t.params).length === 0) problems.push([formatPath([...path, 'params']), 'a threshold change sets at least one parameter']);
      for (const f of ['category', 'rule', 'severity'] as const) if (t.match[f] !== undefined) problems.push([formatPath([...path, 'match', f]), 'a threshold change matches devices only (site, tags, os, role); its rule goes in rule, and it applies at every severity the rule raises']);
      for (const [f, v] of Object.entries(t.match)) {
        for (const text of Array.isArray(v) ? v : [v]) if (/^!|^\//.test(text)) problems.push([formatPath([...path, 'match', f]), 'threshold device groups take plain values (no negation or regex)']);
      }
    }
    return {
      id: t.id, kind: t.kind, match: compileMatch(t.match, [...path, 'match'], problems), matchText: t.match as Record<string, string | string[]>,
      reason: t.reason, until: t.until ? Date.parse(t.until) : null, rule: t.rule ?? null, params: t.params ?? {},
      forMinutes: t.for === undefined ? null : minutes(t.for), by: t.by, at: t.at,
    };
  });
  const sla = { ...BUILT_IN_SLA, ...compileSla(doc.defaults.sla) };
  return {
    teams,
    defaults: { owner: doc.defaults.owner, sla },
    lines,
    coverage: doc.coverage,
    escalation: { to: doc.escalation.to, repeatEveryMinutes: minutes(doc.escalation.repeatEvery), maxReminders: doc.escalation.maxReminders },
    guardrails: {
      lockedLines: doc.guardrails.lockedLines,
      unmutable: { rules: doc.guardrails.unmutable.rules, categories: doc.guardrails.unmutable.categories as Category[], severities: doc.guardrails.unmutable.severities as Severity[] },
      fixedThresholds: doc.guardrails.fixedThresholds,
      crossTeamActions: doc.guardrails.crossTeamActions,
    },
    tuning,
  };
}
