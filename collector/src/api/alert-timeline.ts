// An alert's timeline: its history (state changes, acknowledgements,
// comments, assignments, snoozes), its routing decisions (first routing,
// escalations, reminders, re-routes, the resolve) and every notification
// those decisions led to, per channel (sent, failed, grouped or suppressed),
// in one list ordered by time. Pure: stored records in, entries out.
import type { AlertHistoryEntry } from '../rules/alert-store.js';
import { UNACK_CAUSE } from '../rules/alert-actions.js';
import type { DecisionRecord } from '../routing/routing-store.js';

export type TimelineKind =
  | 'raised' | 'fired' | 'acknowledged' | 'unacknowledged' | 'snoozed' | 'resolved' | 'comment' | 'assigned' | 'changed'
  | 'routing' | 'notification';

export interface TimelineEntry {
  at: number;
  kind: TimelineKind;
  /** What happened, in words. */
  text: string;
  actor: string | null;
  comment: string | null;
  from?: string | null;
  to?: string;
  severity?: string;
  /** routing: fire, severity, escalation, reminder, reroute, resolve. */
  reason?: string;
  owner?: string;
  slaMinutes?: number;
  trace?: string[];
  /** assigned: to whom. */
  assignee?: string;
  /** notification: the channel and what came of the delivery. */
  team?: string;
  channel?: string;
  status?: 'sent' | 'failed' | 'suppressed';
  attempts?: number;
  group?: { key: string; size: number } | null;
  deadLetter?: string | null;
  retryable?: boolean;
}

const ASSIGNED = 'assigned to ';

function historyKind(h: AlertHistoryEntry): TimelineKind {
  if (h.from === null) return 'raised';
  if (h.cause === 'comment') return 'comment';
  if (h.cause === UNACK_CAUSE) return 'unacknowledged';
  if (h.from === h.to && h.cause.startsWith(ASSIGNED)) return 'assigned';
  if (h.to === 'acknowledged') return 'acknowledged';
  if (h.to === 'snoozed') return 'snoozed';
  if (h.to === 'resolved') return 'resolved';
  if (h.to === 'firing' && h.from !== 'firing') return 'fired';
  return 'changed';
}

const REASON_TEXT: Record<string, string> = {
  fire: 'routed', severity: 'routed again (severity changed)', escalation: 'escalated', reminder: 'reminder (still unacknowledged)',
  reroute: 're-routed', resolve: 'resolve announced',
};

/** Within the same millisecond: the change, then the decision it caused, then its notifications. */
const RANK: Record<string, number> = { routing: 1, notification: 2 };

/** A notification held before it reached notify (maintenance, inhibition), from the notification record. */
export interface HeldNotification {
  at: number;
  kind: string;
  suppressedBy: string | null;
  reason: string | null;
}

export function alertTimeline(history: AlertHistoryEntry[], decisions: DecisionRecord[], held: HeldNotification[] = []): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const h of history) {
    const kind = historyKind(h);
    const entry: TimelineEntry = { at: h.at, kind, text: h.cause, actor: h.actor, comment: h.comment, from: h.from, to: h.to, severity: h.severity };
    if (kind === 'assigned') entry.assignee = h.cause.slice(ASSIGNED.length);
    out.push(entry);
  }
  for (const d of decisions) {
    out.push({
      at: d.at, kind: 'routing', text: `${REASON_TEXT[d.reason] ?? d.reason}: owner ${d.owner}, respond within ${d.slaMinutes} min`,
      actor: null, comment: null, reason: d.reason, owner: d.owner, slaMinutes: d.slaMinutes, trace: d.trace,
    });
    for (const r of d.deliveries) {
      const o = r.outcome;
      const base = { at: d.at, kind: 'notification' as const, actor: null, comment: null, reason: d.reason, team: r.team, channel: r.channel };
      if (o.status === 'sent') {
        out.push({ ...base, status: 'sent', attempts: o.attempts, group: o.group ?? null, text: o.group && o.group.size > 1 ? `sent in a group of ${o.group.size} alerts` : 'sent' });
      } else if (o.status === 'failed') {
        out.push({ ...base, status: 'failed', attempts: o.attempts, group: o.group ?? null, deadLetter: o.deadLetter ?? null, retryable: o.retryable, text: `failed after ${o.attempts} attempt${o.attempts === 1 ? '' : 's'}: ${o.reason}` });
      } else {
        out.push({ ...base, status: 'suppressed', group: null, text: `suppressed: ${o.reason}` });
      }
    }
  }
  for (const h of held) {
    out.push({ at: h.at, kind: 'notification', actor: null, comment: null, reason: h.kind, status: 'suppressed', group: null, text: `held (${h.suppressedBy ?? 'other'}): ${h.reason ?? 'no reason recorded'}` });
  }
  return out
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.at - y.e.at || (RANK[x.e.kind] ?? 0) - (RANK[y.e.kind] ?? 0) || x.i - y.i)
    .map(({ e }) => e);
}
