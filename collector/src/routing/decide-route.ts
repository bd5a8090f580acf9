// The routing decision: the pure core. (config, alert, device labels, time)
// → who owns the alert now, its response time, its escalation path, the
// channels to notify, and a trace a person can read.
import { describeLocal, describeWindow, withinHours } from './business-hours.js';
import { awayAt, teamTimeZone } from './away-periods.js';
import { alertMatches, describeMatch } from './match-line.js';
import type { RouteSubject } from './match-line.js';
import { otherTeam, ownerOf, teamsOf } from './ownership-config.js';
import type { Owner, OwnershipConfig, OwnershipLine, Team, TuningEntry } from './ownership-config.js';
import type { Severity } from '../rules/rule-pack.js';
import { awayText, formatMinutes, iso, lineLabel, lineTrace, outsideText, tuningLabel } from './routing-trace.js';

export interface EscalationPlan {
  /** Unacknowledged this long after firing, the alert escalates. */
  afterMinutes: number;
  to: Owner;
  repeatEveryMinutes: number;
  maxReminders: number;
}

export interface ChannelRef {
  team: Team;
  channel: string;
}

export interface RouteDecision {
  /** Who must respond now, after hours, away periods and coverage. */
  owner: Owner;
  /** Who owns this class of alert by the config (before coverage). */
  lineOwner: Owner;
  slaMinutes: number;
  escalation: EscalationPlan;
  channels: ChannelRef[];
  muted: { tuningId: string; until: number | null; reason: string } | null;
  /** The matching line's 1-based index; null for the default owner. */
  line: number | null;
  /** The matching line's id, when it has one. */
  lineId: string | null;
  /** Why the owner changed for now (hours, away periods, nobody available); empty when it did not. */
  coverage: string[];
  tuningId: string | null;
  /** Teams in `owner` that cannot act right now (for coverage gaps). */
  unavailable: Team[];
  trace: string[];
}

export interface RouteInput {
  config: OwnershipConfig;
  subject: RouteSubject;
  at: number;
}

export type Availability = { available: true } | { available: false; because: 'away' | 'hours'; text: string };

export function availability(config: OwnershipConfig, team: Team, at: number): Availability {
  const cfg = config.teams[team];
  const away = awayAt(cfg, at);
  if (away) return { available: false, because: 'away', text: awayText(team, away) };
  if (cfg.hours) {
    const v = withinHours(cfg.hours, at);
    if (!v.open) return { available: false, because: 'hours', text: outsideText(team, cfg, v.why, v.date) };
  }
  return { available: true };
}

const active = (t: TuningEntry, at: number) => t.until === null || t.until > at;

export function firstMatchingLine(config: OwnershipConfig, subject: RouteSubject): OwnershipLine | null {
  return config.lines.find((l) => alertMatches(l.match, subject)) ?? null;
}

/** Which guardrail forbids muting this alert, if any. */
export function unmutableBy(config: OwnershipConfig, subject: RouteSubject): string | null {
  const u = config.guardrails.unmutable;
  if (u.rules.includes(subject.rule)) return `unmutable.rules includes ${subject.rule}`;
  if ((u.categories as string[]).includes(subject.category)) return `unmutable.categories includes ${subject.category}`;
  if ((u.severities as string[]).includes(subject.severity)) return `unmutable.severities includes ${subject.severity}`;
  return null;
}

export function decideRoute({ config, subject, at }: RouteInput): RouteDecision {
  const trace: string[] = [];
  const line = firstMatchingLine(config, subject);
  let lineOwner: Owner;
  if (line) {
    lineOwner = line.owner;
    trace.push(lineTrace(line));
  } else {
    lineOwner = config.defaults.owner;
    trace.push(`no line matched; default owner ${lineOwner}`);
  }

  // Internal IT's keep / hand off sit on top of the lines, except where the contract locks the line.
  let tuningId: string | null = null;
  const claim = config.tuning.find((t) => (t.kind === 'keep' || t.kind === 'handoff') && active(t, at) && alertMatches(t.match, subject));
  if (claim) {
    if (line?.id && config.guardrails.lockedLines.includes(line.id)) {
      trace.push(`${tuningLabel(claim)} not applied: ${lineLabel(line)} is locked by guardrail lockedLines`);
    } else {
      lineOwner = claim.kind === 'keep' ? 'internal' : 'provider';
      tuningId = claim.id;
      trace.push(`${tuningLabel(claim)}: ${describeMatch(claim.match)} → ${lineOwner}`);
    }
  }

  const severity = subject.severity as Severity;
  const fromLine = line?.sla[severity];
  const slaMinutes = fromLine ?? config.defaults.sla[severity] ?? config.defaults.sla.warning;
  trace.push(`SLA ${formatMinutes(slaMinutes)} for ${severity}${fromLine === undefined ? ' (default)' : ''}`);

  // Coverage: a team that cannot act now is covered as the config says.
  // Each team's local time is in the trace, so a reader sees the clock the decision used.
  const when = (team: Team) => describeLocal(at, teamTimeZone(config.teams[team]));
  const situation = (team: Team, a: Extract<Availability, { available: false }>): string => {
    const hours = config.teams[team].hours;
    if (a.because === 'hours' && hours && !a.text.includes('holiday')) return `${team} outside hours (${when(team)}, outside ${describeWindow(hours)})`;
    return `${a.text} (${when(team)})`;
  };
  const coverage: string[] = [];
  const recipients = new Set<Team>(teamsOf(lineOwner));
  const unavailable: Team[] = [];
  for (const team of teamsOf(lineOwner)) {
    const a = availability(config, team, at);
    if (a.available) {
      const hours = config.teams[team].hours;
      if (hours) trace.push(`${team} in hours (${when(team)}, inside ${describeWindow(hours)})`);
      continue;
    }
    const mode = a.because === 'away' ? config.coverage.away : config.coverage.outsideHours;
    const other = otherTeam(team);
    let text: string;
    if (mode === 'owner') {
      text = `${situation(team, a)}; coverage keeps it with ${team}`;
      unavailable.push(team);
    } else if (mode === 'both') {
      recipients.add(other);
      unavailable.push(team);
      text = `${situation(team, a)} → both teams`;
    } else {
      recipients.delete(team);
      recipients.add(other);
      text = `${situation(team, a)} → ${other} covers`;
    }
    trace.push(text);
    coverage.push(text);
  }
  for (const team of recipients) {
    if (unavailable.includes(team) || teamsOf(lineOwner).includes(team)) continue;
    const a = availability(config, team, at);
    if (!a.available) unavailable.push(team);
  }
  const covering = [...recipients].filter((t) => !unavailable.includes(t));
  if (covering.length === 0) {
    // Nobody can act: still tell the owner rather than nobody, and say so.
    for (const t of teamsOf(lineOwner)) recipients.add(t);
    const text = `coverage gap: nobody can act now; notifying ${ownerOf(recipients)} anyway`;
    trace.push(text);
    coverage.push(text);
  }
  const owner = ownerOf(recipients)!;

  let muted: RouteDecision['muted'] = null;
  const mute = config.tuning.find((t) => t.kind === 'mute' && active(t, at) && alertMatches(t.match, subject));
  if (mute) {
    const forbidden = unmutableBy(config, subject);
    if (forbidden) trace.push(`${tuningLabel(mute)} ignored: guardrail ${forbidden}`);
    else {
      muted = { tuningId: mute.id, until: mute.until, reason: mute.reason };
      trace.push(`muted by ${tuningLabel(mute)}${mute.until !== null ? ` until ${iso(mute.until)}` : ''}: no notification`);
    }
  }

  const channels: ChannelRef[] = [];
  for (const team of recipients) {
    const list = config.teams[team].channels;
    if (list.length === 0) trace.push(`${team} has no notification channel`);
    for (const c of list) channels.push({ team, channel: c.name });
  }

  const to: Owner = config.escalation.to === 'both' || owner === 'both' ? 'both' : otherTeam(owner as Team);
  const escalation: EscalationPlan = {
    afterMinutes: slaMinutes, to, repeatEveryMinutes: config.escalation.repeatEveryMinutes, maxReminders: config.escalation.maxReminders,
  };
  trace.push(`unacknowledged after ${formatMinutes(slaMinutes)} → escalates to ${to}${escalation.maxReminders > 0 ? `, reminders every ${formatMinutes(escalation.repeatEveryMinutes)} (at most ${escalation.maxReminders})` : ''}`);

  return { owner, lineOwner, slaMinutes, escalation, channels, muted, line: line?.index ?? null, lineId: line?.id ?? null, coverage, tuningId, unavailable, trace };
}

/** The decision at escalation: decided again at that time, then widened to the escalation target. */
export function decideEscalation(input: RouteInput & { firedAt: number; previous: RouteDecision }): RouteDecision {
  const again = decideRoute(input);
  const overdue = Math.max(0, Math.round((input.at - input.firedAt) / 60_000));
  const recipients = new Set<Team>([...teamsOf(again.owner), ...teamsOf(input.previous.escalation.to)]);
  const owner = ownerOf(recipients)!;
  const channels: ChannelRef[] = [];
  for (const team of recipients) for (const c of input.config.teams[team].channels) channels.push({ team, channel: c.name });
  return {
    ...again,
    owner,
    channels,
    trace: [...again.trace, `unacknowledged ${formatMinutes(overdue)} after firing (SLA ${formatMinutes(input.previous.slaMinutes)}) → escalated to ${input.previous.escalation.to}`],
  };
}

/**
 * The decision after the ownership config changed under an open alert. An
 * alert that had escalated stays escalated while it is past the response
 * time of the new rules (widened to the new escalation target); one the new
 * rules give more time goes back to waiting, with its new due time. Either
 * way the trace says which.
 */
export function decideReroute(input: RouteInput & { firedAt: number; escalatedAt: number | null }): { decision: RouteDecision; escalatedAt: number | null } {
  const again = decideRoute(input);
  if (input.escalatedAt === null) return { decision: again, escalatedAt: null };
  const due = input.firedAt + again.slaMinutes * 60_000;
  if (input.at >= due) {
    const escalated = decideEscalation({ ...input, previous: again });
    return {
      decision: { ...escalated, trace: [...escalated.trace, `config changed: stays escalated (escalated at ${iso(input.escalatedAt)}; still past the response time of the new rules)`] },
      escalatedAt: input.escalatedAt,
    };
  }
  return {
    decision: { ...again, trace: [...again.trace, `config changed: escalation withdrawn (the new response time of ${formatMinutes(again.slaMinutes)} has not passed); escalates at ${iso(due)} if still unacknowledged`] },
    escalatedAt: null,
  };
}
