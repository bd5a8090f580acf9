// "These 12 open alerts would move from provider to internal": the effect of
// an ownership or tuning change on open alerts, before it is applied. Pure.
import { decideRoute } from './decide-route.js';
import type { RouteSubject } from './match-line.js';
import { alertMatches } from './match-line.js';
import type { OwnershipConfig } from './ownership-config.js';

export interface OpenAlert {
  id: string;
  subject: RouteSubject;
}

export interface PreviewMove {
  from: string;
  to: string;
  alertIds: string[];
}

export interface ChangePreview {
  moves: PreviewMove[];
  muted: string[];
  unmuted: string[];
  /** Open alerts of a rule whose threshold would change for their device. */
  reevaluated: string[];
  summary: string[];
}

const plural = (n: number, word: string) => `${n} open ${word}${n === 1 ? '' : 's'}`;

export function previewChange(input: {
  before: OwnershipConfig; after: OwnershipConfig; alerts: OpenAlert[]; at: number;
  threshold?: { rule: string; match: OwnershipConfig['tuning'][number]['match'] };
}): ChangePreview {
  const moves = new Map<string, PreviewMove>();
  const muted: string[] = [];
  const unmuted: string[] = [];
  const reevaluated: string[] = [];
  for (const a of input.alerts) {
    const was = decideRoute({ config: input.before, subject: a.subject, at: input.at });
    const will = decideRoute({ config: input.after, subject: a.subject, at: input.at });
    if (was.owner !== will.owner) {
      const key = `${was.owner}→${will.owner}`;
      const m = moves.get(key) ?? { from: was.owner, to: will.owner, alertIds: [] };
      m.alertIds.push(a.id);
      moves.set(key, m);
    }
    if (!was.muted && will.muted) muted.push(a.id);
    if (was.muted && !will.muted) unmuted.push(a.id);
    if (input.threshold && a.subject.rule === input.threshold.rule && alertMatches(input.threshold.match, a.subject)) reevaluated.push(a.id);
  }
  const summary = [...moves.values()].map((m) => `${plural(m.alertIds.length, 'alert')} would move from ${m.from} to ${m.to}`);
  if (muted.length > 0) summary.push(`${plural(muted.length, 'alert')} would be muted`);
  if (unmuted.length > 0) summary.push(`${plural(unmuted.length, 'alert')} would no longer be muted`);
  if (input.threshold) summary.push(`${plural(reevaluated.length, 'alert')} of ${input.threshold.rule} would be evaluated against the new threshold`);
  if (summary.length === 0) summary.push('no open alert would change owner or notification');
  return { moves: [...moves.values()], muted, unmuted, reevaluated, summary };
}
