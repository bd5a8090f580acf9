// The timeline's pure merge: history and routing decisions in one list,
// each delivery its own entry (sent, grouped, failed with its dead letter,
// suppressed), ordered by time with a change before the decision it caused.
import { describe, expect, it } from 'vitest';
import { alertTimeline } from '../../src/api/alert-timeline.js';
import type { AlertHistoryEntry } from '../../src/rules/alert-store.js';
import type { DecisionRecord } from '../../src/routing/routing-store.js';
import { UNACK_CAUSE } from '../../src/rules/alert-actions.js';

const h = (seq: number, at: number, from: string | null, to: string, cause: string, actor: string | null = null, comment: string | null = null): AlertHistoryEntry =>
  ({ seq, at, from, to, severity: 'critical', cause, actor, comment, notified: true });

const decision = (seq: number, at: number, reason: string, deliveries: DecisionRecord['deliveries']): DecisionRecord =>
  ({ seq, at, reason, owner: 'provider', slaMinutes: 15, configVersion: 1, trace: ['line 1 → provider'], deliveries });

describe('alert timeline', () => {
  it('classifies each history entry by what people did', () => {
    const entries = alertTimeline([
      h(1, 100, null, 'pending', 'Disk / is 97% full'),
      h(2, 200, 'pending', 'firing', 'held for 2s'),
      h(3, 300, 'firing', 'acknowledged', 'acknowledged', 'kim', 'on it'),
      h(4, 400, 'acknowledged', 'firing', UNACK_CAUSE, 'kim', 'not mine'),
      h(5, 500, 'firing', 'firing', 'assigned to lee@noc.example', 'kim', null),
      h(6, 600, 'firing', 'firing', 'comment', 'lee', 'vendor ticket 4711'),
      h(7, 700, 'firing', 'snoozed', 'snoozed until 2026-12-01T12:00:00.000Z', 'lee', null),
      h(8, 800, 'snoozed', 'resolved', 'condition cleared'),
    ], []);
    expect(entries.map((e) => e.kind)).toEqual(['raised', 'fired', 'acknowledged', 'unacknowledged', 'assigned', 'comment', 'snoozed', 'resolved']);
    expect(entries[4]!.assignee).toBe('lee@noc.example');
  });

  it('puts every delivery after the decision that caused it, and the decision after the change at the same moment', () => {
    const entries = alertTimeline([h(1, 100, null, 'firing', 'raised'), h(2, 900, 'firing', 'acknowledged', 'acknowledged', 'kim', 'ok')], [
      decision(1, 100, 'fire', [
        { team: 'provider', channel: 'noc-hook', outcome: { status: 'sent', attempts: 1, group: { key: 'g1', size: 3 } } },
        { team: 'provider', channel: 'pager', outcome: { status: 'failed', reason: 'HTTP 410', retryable: false, attempts: 1, deadLetter: 'dlq_1' } },
        { team: 'internal', channel: 'chat', outcome: { status: 'skipped', reason: 'outside business hours' } },
      ]),
      decision(2, 500, 'escalation', []),
    ]);
    expect(entries.map((e) => [e.at, e.kind, e.status ?? null])).toEqual([
      [100, 'raised', null], [100, 'routing', null], [100, 'notification', 'sent'], [100, 'notification', 'failed'], [100, 'notification', 'suppressed'],
      [500, 'routing', null], [900, 'acknowledged', null],
    ]);
    expect(entries[2]!.text).toBe('sent in a group of 3 alerts');
    expect(entries[3]).toMatchObject({ deadLetter: 'dlq_1', retryable: false, text: 'failed after 1 attempt: HTTP 410' });
    expect(entries[4]!.text).toBe('suppressed: outside business hours');
    expect(entries[5]!.text).toBe('escalated: owner provider, respond within 15 min');
  });
});
