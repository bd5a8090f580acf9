// The ownership matrix: for every class of alert (rule and severity) and
// every device group, who owns it, in which hours, with what response time
// and escalation. Derived from the config; pure.
import { createRequire } from 'node:module';
import type { RuleDefinition, Severity } from '../rules/rule-pack.js';
import { describeHours } from './business-hours.js';
import { decideRoute } from './decide-route.js';
import type { RouteSubject } from './match-line.js';
import { teamsOf } from './ownership-config.js';
import type { AlertMatch, Matcher, MatchField, OwnershipConfig } from './ownership-config.js';
import { formatMinutes } from './routing-trace.js';

export interface AlertClass {
  rule: string;
  category: string;
  severities: Severity[];
}

export interface DeviceGroup {
  /** "site=hq, role=server" or "any other device". */
  name: string;
  site: string | null;
  role: string | null;
  os: string | null;
  tags: string[];
  /** Devices in the group, when derived from the inventory. */
  devices?: number;
}

export interface MatrixRow {
  category: string;
  rule: string;
  severity: Severity;
  group: string;
  /** Owner by the config and tuning, before hours and away periods. */
  owner: string;
  line: number | null;
  slaMinutes: number;
  hours: string;
  escalation: string;
  muted: boolean;
  /** The coverage gaps this row is part of (filled in with the gaps, see coverage-gaps.ts). */
  gaps: Array<'no-channel' | 'nobody-available' | 'calendar-failed'>;
}

/** "backup-failed (warning) on site=hq": how gaps name a row. */
export const rowKey = (r: Pick<MatrixRow, 'rule' | 'severity' | 'group'>): string => `${r.rule} (${r.severity}) on ${r.group}`;

export function classesFromRules(rules: RuleDefinition[]): AlertClass[] {
  return rules.map((r) => ({ rule: r.id, category: r.category, severities: [...new Set(r.levels.map((l) => l.severity))] }));
}

export function groupName(g: Pick<DeviceGroup, 'site' | 'role' | 'os' | 'tags'>): string {
  const parts = [g.site && `site=${g.site}`, g.role && `role=${g.role}`, g.os && `os=${g.os}`, g.tags.length > 0 && `tags=${g.tags.join(',')}`].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'any other device';
}

// randexp is CommonJS whose types declare an ES default export; require() gives the class itself.
const RandExp = createRequire(import.meta.url)('randexp') as (typeof import('randexp'))['default'];

/** A label value that passes the test: the value itself, or the shortest string a regex takes; null when none is found. */
function sampleOf(m: Matcher): string | null {
  if (m.equals !== null) return m.equals;
  try {
    const gen = new RandExp(m.regex!);
    gen.randInt = (from: number) => from;
    const sample = gen.gen();
    return m.regex!.test(sample) ? sample : null;
  } catch {
    return null;
  }
}

interface Labelled {
  value: string;
  /** How the group is named: the plain value, or the regex as written. */
  shown: string;
}

/**
 * Device groups the config itself names (in line and tuning matches), plus
 * everything else. A regex test (`site: /^branch-/`) names a group too,
 * routed as a device whose label is the shortest value the regex takes.
 */
export function groupsFromConfig(config: OwnershipConfig): DeviceGroup[] {
  const out = new Map<string, DeviceGroup>();
  const labelled = (fields: AlertMatch['fields'], f: MatchField): Labelled[] =>
    fields.find((x) => x.field === f)?.positive.flatMap((m) => {
      const value = sampleOf(m);
      return value === null ? [] : [{ value, shown: m.regex ? m.text : value }];
    }) ?? [];
  for (const match of [...config.lines.map((l) => l.match), ...config.tuning.map((t) => t.match)]) {
    const sites = labelled(match.fields, 'site');
    const roles = labelled(match.fields, 'role');
    const oses = labelled(match.fields, 'os');
    const tags = labelled(match.fields, 'tags');
    if (sites.length + roles.length + oses.length + tags.length === 0) continue;
    const any = [null];
    for (const site of sites.length ? sites : any) for (const role of roles.length ? roles : any) for (const os of oses.length ? oses : any) {
      const tag = tags[0] ?? null;
      const name = groupName({ site: site?.shown ?? null, role: role?.shown ?? null, os: os?.shown ?? null, tags: tag ? [tag.shown] : [] });
      if (!out.has(name)) out.set(name, { name, site: site?.value ?? null, role: role?.value ?? null, os: os?.value ?? null, tags: tag ? [tag.value] : [] });
    }
  }
  const rest = groupName({ site: null, role: null, os: null, tags: [] });
  out.set(rest, { name: rest, site: null, role: null, os: null, tags: [] });
  return [...out.values()];
}

export function subjectFor(c: AlertClass, severity: Severity, g: DeviceGroup): RouteSubject {
  return { category: c.category, rule: c.rule, severity, site: g.site, tags: g.tags, os: g.os, role: g.role };
}

/** Hours, SLA and escalation do not depend on time; `at` only decides which tuning is still active. */
export function ownershipMatrix(config: OwnershipConfig, classes: AlertClass[], groups: DeviceGroup[], at: number): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const c of classes) {
    for (const severity of c.severities) {
      for (const g of groups) {
        const d = decideRoute({ config, subject: subjectFor(c, severity, g), at });
        rows.push({
          category: c.category, rule: c.rule, severity, group: g.name, owner: d.lineOwner, line: d.line, slaMinutes: d.slaMinutes,
          hours: teamsOf(d.lineOwner).map((t) => `${t}: ${describeHours(config.teams[t].hours)}`).join('; '),
          escalation: `after ${formatMinutes(d.slaMinutes)} → ${d.lineOwner === 'both' ? 'both' : config.escalation.to === 'both' ? 'both' : d.lineOwner === 'internal' ? 'provider' : 'internal'}`,
          muted: d.muted !== null, gaps: [],
        });
      }
    }
  }
  return rows;
}

/** A fixed-width table for the terminal. */
export function formatMatrix(rows: MatrixRow[]): string {
  const head = ['category', 'rule', 'severity', 'device group', 'owner', 'line', 'SLA', 'hours', 'escalation'];
  const body = rows.map((r) => [r.category, r.rule, r.severity, r.group, `${r.owner}${r.muted ? ' (muted)' : ''}${r.gaps.length > 0 ? ' (gap)' : ''}`, r.line === null ? 'default' : String(r.line), formatMinutes(r.slaMinutes), r.hours, r.escalation]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...body.map(fmt)].join('\n');
}
