// What notify delivers: one alert event (fire, escalation, reminder,
// resolve) with the routing decision that says who gets it and why.
export const NOTIFICATION_KINDS = ['fire', 'escalation', 'reminder', 'resolve'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notification {
  kind: NotificationKind;
  alertId: string;
  /** Stable for the alert's episode, so a pager can group trigger and resolve. */
  dedupKey: string;
  tenantId: string;
  deviceId: string;
  hostname: string | null;
  ruleId: string;
  category: string;
  severity: 'info' | 'warning' | 'critical';
  summary: string;
  /** The routing decision behind this notification. */
  owner: 'internal' | 'provider' | 'both';
  slaMinutes: number;
  trace: string[];
  /** ms */
  at: number;
}

const KIND_TITLE: Record<NotificationKind, string> = { fire: 'FIRING', escalation: 'ESCALATED', reminder: 'REMINDER', resolve: 'RESOLVED' };

/** "[FIRING critical] firewall-off on fin-ws-07: Firewall is off" */
export function headline(n: Notification): string {
  return `[${KIND_TITLE[n.kind]} ${n.severity}] ${n.ruleId} on ${n.hostname ?? n.deviceId}: ${n.summary}`;
}

/** The plain-text body shared by email and chat fallbacks. */
export function plainText(n: Notification): string {
  return [
    headline(n),
    '',
    `tenant: ${n.tenantId}   owner: ${n.owner}   response time: ${n.slaMinutes} min`,
    `alert: ${n.alertId}   category: ${n.category}`,
    '',
    'why this is yours:',
    ...n.trace.map((t) => `  - ${t}`),
  ].join('\n');
}
