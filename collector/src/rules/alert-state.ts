// Alert state: one record per (tenant, device, rule, instance) episode.
// pending (condition holds, `for` not elapsed) → firing → acknowledged or
// snoozed → resolved. A key's newest record is its "current" one; it keeps
// the bookkeeping (flapping, re-arming) that outlives a single episode.
import type { Category, Severity } from './rule-pack.js';

export const ALERT_STATES = ['pending', 'firing', 'acknowledged', 'snoozed', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATES)[number];

/** States in which an alert is open (someone may still have to act). */
export const OPEN_STATES: ReadonlySet<AlertStatus> = new Set(['pending', 'firing', 'acknowledged', 'snoozed']);
/** States in which an alert has fired and not resolved. */
export const ACTIVE_STATES: ReadonlySet<AlertStatus> = new Set(['firing', 'acknowledged', 'snoozed']);

/** Evaluation bookkeeping that is not part of what people see. */
export interface AlertTracking {
  /** Times (ms) the key fired or resolved, within the flapping window. */
  changes: number[];
  /** While flapping: since when the condition has been clear. */
  clearSince: number | null;
  /** Since when a lower severity than the current one has held. */
  lowerSince: number | null;
  /** Manually resolved: fire again only after the condition has been seen clear. */
  rearm: boolean;
}

export interface Acknowledgement {
  by: string;
  comment: string;
  at: number;
}

export interface AlertState {
  id: string;
  /** Stable across episodes: tenant/device/rule/instance. */
  key: string;
  tenantId: string;
  deviceId: string;
  ruleId: string;
  /** The item the alert is about (a mount, a backup job, an update), '' for the device itself. */
  instance: string;
  category: Category;
  severity: Severity;
  status: AlertStatus;
  flapping: boolean;
  summary: string;
  labels: Record<string, string>;
  /** When the condition started to hold. */
  pendingSince: number;
  firedAt: number | null;
  resolvedAt: number | null;
  updatedAt: number;
  ack: Acknowledgement | null;
  /** The person working the alert, when someone assigned it. */
  assignee: { to: string; by: string; at: number } | null;
  snoozedUntil: number | null;
  tracking: AlertTracking;
  /** Number of history entries so far; the next one gets this + 1. */
  historyCount: number;
}

/** One recorded change of an alert, with its cause. */
export interface AlertTransition {
  alertId: string;
  key: string;
  seq: number;
  at: number;
  /** null when the alert was created. */
  from: AlertStatus | null;
  /** 'cancelled': a pending alert whose condition cleared before `for` elapsed; it is removed. */
  to: AlertStatus | 'cancelled';
  severity: Severity;
  cause: string;
  actor: string | null;
  comment: string | null;
  /** Whether people should hear about it (false while flapping, for pending, for bookkeeping). */
  notify: boolean;
}

export function alertKey(tenantId: string, deviceId: string, ruleId: string, instance: string): string {
  return `${tenantId}/${deviceId}/${ruleId}/${instance}`;
}

export function emptyTracking(): AlertTracking {
  return { changes: [], clearSince: null, lowerSince: null, rearm: false };
}

/** Appends a transition, numbering it in the alert's history. */
export function record(state: AlertState, out: AlertTransition[], t: Omit<AlertTransition, 'alertId' | 'key' | 'seq' | 'severity'> & { severity?: Severity }): void {
  state.historyCount += 1;
  out.push({ alertId: state.id, key: state.key, seq: state.historyCount, severity: t.severity ?? state.severity, ...t });
}
