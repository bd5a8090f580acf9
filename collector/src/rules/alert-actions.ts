// What people do to an alert: acknowledge (and take it back), snooze,
// resolve by hand, comment, assign to a person. Pure:
// the current record in, the changed record and its history entry out, or a
// refusal saying why.
import { ACTIVE_STATES, record } from './alert-state.js';
import type { AlertState, AlertTransition } from './alert-state.js';
import { withChange } from './flapping.js';
import type { FlapPolicy } from './rule-pack.js';

export type AlertAction =
  | { kind: 'ack'; actor: string; comment: string }
  | { kind: 'unack'; actor: string; comment: string }
  | { kind: 'snooze'; actor: string; comment: string; until: number }
  | { kind: 'resolve'; actor: string; comment: string; manualResolveAllowed: boolean }
  | { kind: 'comment'; actor: string; comment: string }
  | { kind: 'assign'; actor: string; comment: string; assignee: string };

/** The history cause of an un-acknowledgement (the timeline tells it apart from a fresh firing). */
export const UNACK_CAUSE = 'acknowledgement withdrawn';

export type ActionOutcome =
  | { ok: true; state: AlertState; transition: AlertTransition }
  | { ok: false; reason: 'conflict' | 'forbidden'; message: string };

export function applyAction(current: AlertState, action: AlertAction, now: number, flapping: FlapPolicy): ActionOutcome {
  const refuse = (message: string, reason: 'conflict' | 'forbidden' = 'conflict'): ActionOutcome => ({ ok: false, reason, message });
  const s: AlertState = { ...current, tracking: { ...current.tracking, changes: [...current.tracking.changes] }, updatedAt: now };
  const out: AlertTransition[] = [];
  const from = current.status;
  switch (action.kind) {
    case 'ack':
      if (current.status === 'acknowledged') return refuse(`alert ${current.id} is already acknowledged by ${current.ack?.by ?? 'someone'}`);
      if (!ACTIVE_STATES.has(current.status)) return refuse(`alert ${current.id} is ${current.status}; only a firing or snoozed alert can be acknowledged`);
      s.status = 'acknowledged';
      s.snoozedUntil = null;
      s.ack = { by: action.actor, comment: action.comment, at: now };
      record(s, out, { at: now, from, to: 'acknowledged', cause: 'acknowledged', actor: action.actor, comment: action.comment, notify: true });
      break;
    case 'unack':
      // Back to firing without paging anyone: the response time still runs from
      // when the alert fired, so an alert nobody works on escalates as before.
      if (current.status !== 'acknowledged') return refuse(`alert ${current.id} is ${current.status}; only an acknowledged alert can be un-acknowledged`);
      s.status = 'firing';
      s.ack = null;
      record(s, out, { at: now, from, to: 'firing', cause: UNACK_CAUSE, actor: action.actor, comment: action.comment, notify: false });
      break;
    case 'snooze':
      if (!ACTIVE_STATES.has(current.status)) return refuse(`alert ${current.id} is ${current.status}; only a firing, acknowledged or snoozed alert can be snoozed`);
      if (action.until <= now) return refuse('the snooze must end in the future');
      s.status = 'snoozed';
      s.snoozedUntil = action.until;
      record(s, out, { at: now, from, to: 'snoozed', cause: `snoozed until ${new Date(action.until).toISOString()}`, actor: action.actor, comment: action.comment, notify: true });
      break;
    case 'resolve':
      if (current.status === 'resolved') return refuse(`alert ${current.id} is already resolved`);
      if (!action.manualResolveAllowed) return refuse(`rule ${current.ruleId} does not allow manual resolve; the alert resolves when its condition clears`, 'forbidden');
      s.status = 'resolved';
      s.resolvedAt = now;
      s.snoozedUntil = null;
      s.flapping = false;
      // Without this the next evaluation would raise it again while the condition still holds.
      s.tracking = { ...s.tracking, rearm: true, clearSince: null, lowerSince: null, changes: withChange(s.tracking.changes, now, flapping) };
      record(s, out, { at: now, from, to: 'resolved', cause: 'resolved by hand; raised again only after the condition clears', actor: action.actor, comment: action.comment, notify: true });
      break;
    case 'comment':
      // A note in the history; the state does not change and nobody is paged.
      record(s, out, { at: now, from, to: current.status, cause: 'comment', actor: action.actor, comment: action.comment, notify: false });
      break;
    case 'assign':
      if (current.status === 'resolved') return refuse(`alert ${current.id} is resolved; there is nothing left to assign`);
      s.assignee = { to: action.assignee, by: action.actor, at: now };
      record(s, out, { at: now, from, to: current.status, cause: `assigned to ${action.assignee}`, actor: action.actor, comment: action.comment || null, notify: false });
      break;
  }
  return { ok: true, state: s, transition: out[0]! };
}
