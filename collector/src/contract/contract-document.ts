// The ownership contract as a document: the "who owns what" appendix to the
// service agreement, derived from one version of the ownership config. Pure:
// config and alert classes in, a document model out; renderers follow.
import { describeHours } from '../routing/business-hours.js';
import { describeMatch } from '../routing/match-line.js';
import { groupsFromConfig, ownershipMatrix } from '../routing/ownership-matrix.js';
import type { AlertClass, DeviceGroup, MatrixRow } from '../routing/ownership-matrix.js';
import { TEAMS, TUNING_KINDS } from '../routing/ownership-config.js';
import type { CoverMode, OwnershipConfig, Team } from '../routing/ownership-config.js';
import { formatMinutes } from '../routing/routing-trace.js';
import { SEVERITIES } from '../rules/rule-pack.js';
import type { Severity } from '../rules/rule-pack.js';

export const TEAM_TITLES: Record<Team, string> = { internal: 'Internal IT', provider: 'Provider' };

/** Who owns one class of alert (category × severity × device group) and how fast it must be answered. */
export interface ResponsibilityCell {
  category: string;
  severity: Severity;
  group: string;
  /** "provider", "both", or per rule where the category's rules differ ("backup-failed: internal; backup-stale: provider"). */
  owner: string;
  /** "30 min", or per rule where they differ. */
  response: string;
  escalation: string;
  /** Each rule's owner and response time, for a diff that names the rule when a category's rules differ. */
  rules: Record<string, { owner: string; response: string }>;
}

export interface ContractDocument {
  tenantId: string;
  tenantName: string;
  /** null: the built-in default (no stored version). */
  version: number | null;
  versionAt: number | null;
  versionBy: string | null;
  matrix: ResponsibilityCell[];
  teams: Array<{ team: Team; hours: string; holidays: string[]; channels: string[]; calendars: string[] }>;
  coverage: string[];
  responseTimes: Array<{ severity: Severity; minutes: number }>;
  escalation: string[];
  lines: string[];
  guardrails: string[];
  internalMayChange: string[];
}

const coverText = (m: CoverMode, when: string): string =>
  m === 'other' ? `${when}, the other team covers the alert` : m === 'both' ? `${when}, both teams receive the alert` : `${when}, the owning team still receives the alert`;

/** Rows that agree across a category's rules collapse into one value; otherwise each rule is named. */
function collapse(rows: MatrixRow[], value: (r: MatrixRow) => string): string {
  const values = new Set(rows.map(value));
  if (values.size === 1) return [...values][0]!;
  return rows.map((r) => `${r.rule}: ${value(r)}`).join('; ');
}

const ownerText = (r: MatrixRow) => `${r.owner}${r.muted ? ' (muted)' : ''}`;

export function responsibilityMatrix(config: OwnershipConfig, classes: AlertClass[], groups: DeviceGroup[], at: number): ResponsibilityCell[] {
  const rows = ownershipMatrix(config, classes, groups, at);
  const cells = new Map<string, MatrixRow[]>();
  for (const r of rows) {
    const key = `${r.category}\u0000${r.severity}\u0000${r.group}`;
    cells.set(key, [...(cells.get(key) ?? []), r]);
  }
  const order = (s: string) => SEVERITIES.indexOf(s as Severity);
  return [...cells.values()].map((rs) => ({
    category: rs[0]!.category, severity: rs[0]!.severity, group: rs[0]!.group,
    owner: collapse(rs, ownerText), response: collapse(rs, (r) => formatMinutes(r.slaMinutes)), escalation: collapse(rs, (r) => r.escalation),
    rules: Object.fromEntries(rs.map((r) => [r.rule, { owner: ownerText(r), response: formatMinutes(r.slaMinutes) }])),
  })).sort((a, b) => a.category.localeCompare(b.category) || a.group.localeCompare(b.group) || order(b.severity) - order(a.severity));
}

export function contractDocument(input: {
  tenantId: string; tenantName: string; version: number | null; versionAt: number | null; versionBy: string | null;
  config: OwnershipConfig; classes: AlertClass[]; groups?: DeviceGroup[]; at: number;
}): ContractDocument {
  const { config } = input;
  const g = config.guardrails;
  const guardrails = [
    ...g.lockedLines.map((id) => `Line ${id} is locked: internal IT may not take it over or hand it off.`),
    ...g.unmutable.rules.map((r) => `Alerts of rule ${r} cannot be muted.`),
    ...g.unmutable.categories.map((c) => `${c} alerts cannot be muted.`),
    ...g.unmutable.severities.map((s) => `${s} alerts cannot be muted.`),
    ...g.fixedThresholds.map((r) => `The thresholds of rule ${r} are fixed.`),
    ...TEAMS.map((t) => `${TEAM_TITLES[t]} ${g.crossTeamActions[t] ? 'may' : 'may not'} acknowledge or snooze alerts only the other team owns.`),
  ];
  const internalMayChange = [
    `Through tuning (${TUNING_KINDS.join(', ')}), for their own organisation only, every change audited and previewed:`,
    'keep an alert class (take it over), hand it off to the provider, mute it with a reason and an end, or change a threshold;',
    'within the guardrails above. The provider edits the rest of this document.',
  ];
  return {
    tenantId: input.tenantId, tenantName: input.tenantName, version: input.version, versionAt: input.versionAt, versionBy: input.versionBy,
    matrix: responsibilityMatrix(config, input.classes, input.groups ?? groupsFromConfig(config), input.at),
    teams: TEAMS.map((t) => {
      const c = config.teams[t];
      return {
        team: t, hours: describeHours(c.hours), holidays: c.hours?.holidays ?? [], channels: c.channels.map((ch) => `${ch.name} (${ch.type})`),
        calendars: (c.calendars ?? []).map((s) => `${s.name} (${s.kind})`),
      };
    }),
    coverage: [coverText(config.coverage.outsideHours, 'Outside a team\'s hours'), coverText(config.coverage.away, 'While a team is away')],
    responseTimes: SEVERITIES.map((s) => ({ severity: s, minutes: config.defaults.sla[s] })).reverse(),
    escalation: [
      `An alert not acknowledged within its response time escalates to ${config.escalation.to === 'both' ? 'both teams' : 'the other team'}.`,
      config.escalation.repeatEveryMinutes > 0 && config.escalation.maxReminders > 0
        ? `Reminders follow every ${formatMinutes(config.escalation.repeatEveryMinutes)}, at most ${config.escalation.maxReminders}.` : 'No reminders follow.',
    ],
    lines: config.lines.map((l) => `${l.index}${l.id ? ` (${l.id})` : ''}: ${describeMatch(l.match)} → ${l.owner}${Object.keys(l.sla).length > 0 ? `, response ${Object.entries(l.sla).map(([s, m]) => `${s} ${formatMinutes(m)}`).join(', ')}` : ''}`),
    guardrails,
    internalMayChange,
  };
}
