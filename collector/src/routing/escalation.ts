// When an unacknowledged alert escalates and when reminders follow. Pure:
// the stage's timer asks this for every routed open alert.
import type { AlertStatus } from '../rules/alert-state.js';
import type { EscalationPlan } from './decide-route.js';

export interface EscalationProgress {
  firedAt: number;
  plan: EscalationPlan;
  escalatedAt: number | null;
  reminders: number;
  lastReminderAt: number | null;
}

export type EscalationStep =
  | { kind: 'none'; nextAt: number | null }
  | { kind: 'escalate' }
  | { kind: 'remind'; reminder: number };

const MIN = 60_000;

export function nextEscalationStep(p: EscalationProgress, status: AlertStatus, now: number): EscalationStep {
  // Acknowledged, snoozed or resolved: someone has it, or nobody needs to.
  if (status !== 'firing') return { kind: 'none', nextAt: null };
  if (p.escalatedAt === null) {
    const due = p.firedAt + p.plan.afterMinutes * MIN;
    return now >= due ? { kind: 'escalate' } : { kind: 'none', nextAt: due };
  }
  if (p.reminders >= p.plan.maxReminders || p.plan.repeatEveryMinutes <= 0) return { kind: 'none', nextAt: null };
  const due = (p.lastReminderAt ?? p.escalatedAt) + p.plan.repeatEveryMinutes * MIN;
  return now >= due ? { kind: 'remind', reminder: p.reminders + 1 } : { kind: 'none', nextAt: due };
}
