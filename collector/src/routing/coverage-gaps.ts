// Coverage gaps: classes of alert that would reach nobody — a team without a
// channel, or times when no team that could get an alert can act (hours,
// holidays, both teams away). Reported ahead, over a horizon. Pure.
import { availability, decideRoute } from './decide-route.js';
import type { Availability } from './decide-route.js';
import type { AlertClass, DeviceGroup } from './ownership-matrix.js';
import { rowKey, subjectFor } from './ownership-matrix.js';
import type { MatrixRow } from './ownership-matrix.js';
import { TEAMS } from './ownership-config.js';
import type { OwnershipConfig, Team } from './ownership-config.js';

export interface CoverageGap {
  /** calendar-failed: an imported calendar could not be refreshed (src/calendars), so who is away may be out of date. */
  kind: 'no-channel' | 'nobody-available' | 'calendar-failed';
  /** ISO window; null when the gap is not tied to a time. */
  from: string | null;
  until: string | null;
  /** "backup-failed (warning) on site=hq", at most a few examples. */
  classes: string[];
  /** Number of alert classes affected. */
  count: number;
  /** Every alert class affected (classes holds a few examples for reading). */
  affected: string[];
  message: string;
}

interface Window {
  from: number;
  until: number;
  state: Record<Team, Availability>;
}

const STEP_MS = 15 * 60_000;

/** When each team can act over the horizon, merged into windows of unchanged state. */
export function availabilityWindows(config: OwnershipConfig, from: number, days: number): Window[] {
  const out: Window[] = [];
  const end = from + days * 86_400_000;
  const key = (s: Record<Team, Availability>) => TEAMS.map((t) => (s[t].available ? 'y' : s[t].text)).join('|');
  for (let at = from; at < end; at += STEP_MS) {
    const state = { internal: availability(config, 'internal', at), provider: availability(config, 'provider', at) };
    const last = out[out.length - 1];
    if (last && key(last.state) === key(state)) last.until = at + STEP_MS;
    else out.push({ from: at, until: at + STEP_MS, state });
  }
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function coverageGaps(config: OwnershipConfig, classes: AlertClass[], groups: DeviceGroup[], from: number, days = 28): CoverageGap[] {
  const windows = availabilityWindows(config, from, days);
  const samples = new Map<string, Window[]>();
  const stateKey = (w: Window) => TEAMS.map((t) => (w.state[t].available ? 'y' : 'n')).join('');
  for (const w of windows) samples.set(stateKey(w), [...(samples.get(stateKey(w)) ?? []), w]);

  const gaps: CoverageGap[] = [];
  const noChannel = new Map<string, string[]>();
  const nobody = new Map<string, string[]>();
  for (const [k, ws] of samples) {
    const at = ws[0]!.from;
    for (const c of classes) for (const severity of c.severities) for (const g of groups) {
      const d = decideRoute({ config, subject: subjectFor(c, severity, g), at });
      const label = rowKey({ rule: c.rule, severity, group: g.name });
      if (d.channels.length === 0) {
        const list = noChannel.get(k) ?? [];
        list.push(label);
        noChannel.set(k, list);
      }
      if (d.trace.some((t) => t.startsWith('coverage gap'))) {
        const list = nobody.get(k) ?? [];
        list.push(label);
        nobody.set(k, list);
      }
    }
  }
  const whenText = (k: string) => (k === 'yy' ? 'at any time' : k === 'nn' ? 'while neither team can act' : k === 'ny' ? 'while internal IT cannot act' : 'while the provider cannot act');
  // A team without channels fails its alerts at every time it is picked; report once per availability state.
  for (const [k, list] of noChannel) {
    gaps.push({ kind: 'no-channel', from: null, until: null, classes: list.slice(0, 5), count: list.length, affected: list,
      message: `${list.length} alert class${list.length === 1 ? '' : 'es'} would reach no notification channel ${whenText(k)} (${silentTeams(config)})` });
  }
  for (const [k, list] of nobody) {
    for (const w of samples.get(k) ?? []) {
      const why = TEAMS.map((t) => w.state[t]).filter((a): a is Extract<Availability, { available: false }> => !a.available).map((a) => a.text).join('; ');
      gaps.push({ kind: 'nobody-available', from: iso(w.from), until: iso(w.until), classes: list.slice(0, 5), count: list.length, affected: list,
        message: `${iso(w.from)} – ${iso(w.until)}: nobody who would get ${list.length} alert class${list.length === 1 ? '' : 'es'} can act (${why})` });
    }
  }
  return gaps;
}

function silentTeams(config: OwnershipConfig): string {
  const silent = TEAMS.filter((t) => config.teams[t].channels.length === 0);
  return `${silent.join(' and ')} ${silent.length === 1 ? 'has' : 'have'} no channel`;
}

export function formatGaps(gaps: CoverageGap[]): string {
  if (gaps.length === 0) return 'no coverage gaps: every class of alert reaches a team that can act';
  return gaps.map((g) => `${g.kind}: ${g.message}\n  e.g. ${g.classes.join('; ')}`).join('\n');
}

/** The matrix rows, each marked with the kinds of gap it is part of. */
export function markGaps(rows: MatrixRow[], gaps: CoverageGap[]): MatrixRow[] {
  const kinds = new Map<string, Set<CoverageGap['kind']>>();
  for (const g of gaps) for (const key of g.affected) kinds.set(key, (kinds.get(key) ?? new Set()).add(g.kind));
  return rows.map((r) => ({ ...r, gaps: [...(kinds.get(rowKey(r)) ?? [])] }));
}
