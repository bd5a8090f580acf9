// What notify reported for one notification, as record entries. A skipped
// delivery names the stage that held it back. Pure.
import type { DeliveryReport } from '../notify-pipeline.js';
import type { NotificationRecord, Suppression } from './record-store.js';

const BY_REASON: Array<[RegExp, Suppression]> = [
  [/^muted/, 'mute'],
  [/^duplicate/, 'dedup'],
  [/outside the team's hours/, 'time-window'],
  [/group/, 'grouping'],
];

export function suppressionOf(reason: string): Suppression {
  return BY_REASON.find(([re]) => re.test(reason))?.[1] ?? 'other';
}

export function recordsFromReports(
  alert: { alertId: string; tenantId: string }, kind: string, reports: DeliveryReport[], at: number,
): Array<Omit<NotificationRecord, 'id'>> {
  return reports.map((r) => {
    const base = { tenantId: alert.tenantId, alertId: alert.alertId, at, kind, team: r.team, channel: r.channel };
    const o = r.outcome;
    if (o.status === 'sent') {
      return { ...base, outcome: 'sent' as const, suppressedBy: null, reason: o.group && o.group.size > 1 ? `sent as one message for ${o.group.size} alerts (group ${o.group.key})` : `sent after ${o.attempts} attempt(s)` };
    }
    if (o.status === 'failed') return { ...base, outcome: 'failed' as const, suppressedBy: null, reason: `${o.reason} after ${o.attempts} attempt(s)${o.deadLetter ? `; dead letter ${o.deadLetter}` : ''}` };
    return { ...base, outcome: 'suppressed' as const, suppressedBy: suppressionOf(o.reason), reason: o.reason };
  });
}
