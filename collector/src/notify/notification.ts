// What notify delivers: one alert event (fire, escalation, reminder,
// resolve) with the routing decision that says who gets it and why — or a
// group of such events (same kind, tenant, rule and channel, arriving within
// the group window) sent as one message.
// `update` (an acknowledgement, comment or assignment) goes to ticket channels only, as a note.
export const NOTIFICATION_KINDS = ['fire', 'escalation', 'reminder', 'resolve', 'update'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

type Severity = 'info' | 'warning' | 'critical';

export interface Notification {
  kind: NotificationKind;
  alertId: string;
  /** Stable across the alert's episodes (tenant/device/rule/instance): a ticket of an earlier episode is reopened by it. */
  alertKey?: string;
  /** For an update: who did what, and their comment. */
  note?: { action: string; actor: string | null; text: string | null };
  /** Stable for the alert's episode, so a pager can group trigger and resolve; a group's own key for a group. */
  dedupKey: string;
  tenantId: string;
  deviceId: string;
  hostname: string | null;
  ruleId: string;
  category: string;
  severity: Severity;
  summary: string;
  /** The routing decision behind this notification. */
  owner: 'internal' | 'provider' | 'both';
  slaMinutes: number;
  trace: string[];
  /** ms */
  at: number;
  /** Present when this one message stands for several alerts; the fields above are then those of the first. */
  group?: NotificationGroup;
  /**
   * For a resolve: the pager dedup keys this resolve closes on the channel
   * (the keys its fire, escalation and reminders went out with). Default: `dedupKey`.
   */
  incidentKeys?: string[];
}

/** One alert of a group, as messages list it. */
export interface GroupedAlert {
  alertId: string;
  dedupKey: string;
  deviceId: string;
  hostname: string | null;
  severity: Severity;
  summary: string;
  at: number;
}

export interface NotificationGroup {
  /** Stable for the group: the pager's dedup key, the webhook's `group.key`. */
  key: string;
  count: number;
  /** Every alert of the group, in arrival order. */
  alerts: GroupedAlert[];
}

/** How many alerts a chat message or mail lists before "… and N more". */
export const GROUP_LIST_LIMIT = 10;

const KIND_TITLE: Record<NotificationKind, string> = { fire: 'FIRING', escalation: 'ESCALATED', reminder: 'REMINDER', resolve: 'RESOLVED', update: 'UPDATE' };
const KIND_WORD: Record<NotificationKind, string> = { fire: '', escalation: ' escalated', reminder: ' still unacknowledged', resolve: ' resolved', update: ' updated' };
const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export const isGroup = (n: Notification): n is Notification & { group: NotificationGroup } => n.group !== undefined && n.group.count > 1;

/** "200 alerts: disk-full (acme)", "200 alerts resolved: disk-full (acme)". */
export function groupTitle(n: Notification): string {
  return `${n.group?.count ?? 1} alerts${KIND_WORD[n.kind]}: ${n.ruleId} (${n.tenantId})`;
}

/** "[FIRING critical] firewall-off on fin-ws-07: Firewall is off"; for a group "[FIRING critical] 200 alerts: disk-full (acme)". */
export function headline(n: Notification): string {
  if (isGroup(n)) return `[${KIND_TITLE[n.kind]} ${n.severity}] ${groupTitle(n)}`;
  return `[${KIND_TITLE[n.kind]} ${n.severity}] ${n.ruleId} on ${n.hostname ?? n.deviceId}: ${n.summary}`;
}

/** "fin-ws-07: Disk / is 96% full", one line per alert. */
export const alertLine = (a: GroupedAlert): string => `${a.hostname ?? a.deviceId}: ${a.summary}`;

/** The first GROUP_LIST_LIMIT alerts of a group, and how many are left out. */
export function listedAlerts(n: Notification, limit = GROUP_LIST_LIMIT): { shown: GroupedAlert[]; more: number } {
  const all = n.group?.alerts ?? [];
  return { shown: all.slice(0, limit), more: (n.group?.count ?? all.length) - Math.min(limit, all.length) };
}

/** The plain-text body shared by email and chat fallbacks. */
export function plainText(n: Notification): string {
  const list: string[] = [];
  if (isGroup(n)) {
    const { shown, more } = listedAlerts(n);
    list.push(`alerts (${n.group.count}):`, ...shown.map((a) => `  - ${alertLine(a)}   [${a.severity}, ${a.alertId}]`));
    if (more > 0) list.push(`  … and ${more} more`);
    list.push('');
  }
  return [
    headline(n),
    '',
    `tenant: ${n.tenantId}   owner: ${n.owner}   response time: ${n.slaMinutes} min`,
    isGroup(n) ? `rule: ${n.ruleId}   category: ${n.category}` : `alert: ${n.alertId}   category: ${n.category}`,
    '',
    ...list,
    isGroup(n) ? 'why this is yours (first alert):' : 'why this is yours:',
    ...n.trace.map((t) => `  - ${t}`),
  ].join('\n');
}

export const groupedAlert = (n: Notification): GroupedAlert => ({
  alertId: n.alertId, dedupKey: n.dedupKey, deviceId: n.deviceId, hostname: n.hostname, severity: n.severity, summary: n.summary, at: n.at,
});

/**
 * One notification standing for several (same kind, tenant and rule). The
 * first gives the routing and trace; the severity is the highest of them;
 * resolves carry every incident key of their alerts.
 */
export function groupNotifications(ns: Notification[], key: string): Notification {
  const first = ns[0]!;
  if (ns.length === 1) return first;
  const severity = ns.reduce<Severity>((s, n) => (SEVERITY_RANK[n.severity] > SEVERITY_RANK[s] ? n.severity : s), first.severity);
  const out: Notification = { ...first, dedupKey: key, severity, group: { key, count: ns.length, alerts: ns.map(groupedAlert) } };
  if (first.kind === 'resolve') out.incidentKeys = [...new Set(ns.flatMap((n) => n.incidentKeys ?? [n.dedupKey]))];
  return out;
}

/** The members of a (possibly grouped) notification, as single notifications. */
export function membersOf(n: Notification): Notification[] {
  if (!n.group) return [n];
  const { group: _g, ...base } = n;
  return n.group.alerts.map((a) => ({ ...base, ...a }));
}
