// The fields a notification template may use, declared once: the catalog
// that validation checks names against, the docs list, and the view a
// template is rendered with are all built from this list.
import { alertLine, groupTitle, headline, isGroup, listedAlerts } from '../notification.js';
import type { Notification } from '../notification.js';

/** text: a value; list: a section repeats for each item; flag: a section shows when true. */
export type FieldKind = 'text' | 'list' | 'flag';

export interface FieldSpec {
  kind: FieldKind;
  about: string;
  /** For a list: the fields of one item (`.` is the item itself for a list of text). */
  item?: Record<string, string>;
}

const GROUPED_ALERT_FIELDS = {
  id: 'the alert id',
  hostname: 'the device\'s hostname, or its id when unknown',
  deviceId: 'the device id',
  severity: 'info, warning or critical',
  summary: 'what is wrong, in one line',
  at: 'when it changed (ISO time)',
  line: '"host: summary"',
} as const;

export const TEMPLATE_FIELDS: Record<string, FieldSpec> = {
  headline: { kind: 'text', about: 'the shipped one-line title: "[FIRING critical] firewall-off on fin-ws-07: Firewall is off" (a group: "[FIRING warning] 3 alerts: disk-full (acme)")' },
  kind: { kind: 'text', about: 'fire, escalation, reminder or resolve' },
  kindTitle: { kind: 'text', about: 'FIRING, ESCALATED, REMINDER, RESOLVED or UPDATE (ticket notes)' },
  isFire: { kind: 'flag', about: 'true for a fire' },
  isEscalation: { kind: 'flag', about: 'true for an escalation' },
  isReminder: { kind: 'flag', about: 'true for a reminder' },
  isResolve: { kind: 'flag', about: 'true for a resolve' },
  isGroup: { kind: 'flag', about: 'true when the message stands for several alerts (a follow-up group)' },
  title: { kind: 'text', about: 'the headline without its [KIND severity] mark: "firewall-off on fin-ws-07: Firewall is off", "3 alerts: disk-full (acme)"' },
  hasLinks: { kind: 'flag', about: 'true when links.* are set (the collector has a publicUrl)' },
  'alert.id': { kind: 'text', about: 'the alert id (of the first alert, for a group)' },
  'alert.rule': { kind: 'text', about: 'the rule that raised it (disk-full)' },
  'alert.category': { kind: 'text', about: 'patch, disk, backup, security, agent or status' },
  'alert.severity': { kind: 'text', about: 'info, warning or critical (the highest, for a group)' },
  'alert.summary': { kind: 'text', about: 'what is wrong, in one line' },
  'alert.at': { kind: 'text', about: 'when it changed (ISO time)' },
  'device.id': { kind: 'text', about: 'the device id' },
  'device.hostname': { kind: 'text', about: 'the device\'s hostname, or its id when unknown' },
  'tenant.id': { kind: 'text', about: 'the client organisation' },
  'owner.team': { kind: 'text', about: 'internal, provider or both' },
  'sla.minutes': { kind: 'text', about: 'the response time in minutes' },
  'sla.dueAt': { kind: 'text', about: 'when the response time runs out (ISO time)' },
  trace: { kind: 'list', about: 'why this is yours: the routing trace, one line per item ({{.}})', item: { '.': 'one line of the trace' } },
  'links.alert': { kind: 'text', about: 'the alert\'s page in the web UI (empty without publicUrl)' },
  'links.routing': { kind: 'text', about: 'the alert\'s routing trace page in the web UI (empty without publicUrl)' },
  'group.key': { kind: 'text', about: 'the group\'s key (a pager dedup key); empty for a single alert' },
  'group.count': { kind: 'text', about: 'how many alerts the message stands for (1 for a single alert)' },
  'group.more': { kind: 'text', about: 'how many alerts group.listed leaves out' },
  'group.hasMore': { kind: 'flag', about: 'true when group.listed leaves some out' },
  'group.listed': { kind: 'list', about: 'the first 10 alerts of a group', item: GROUPED_ALERT_FIELDS },
  'group.alerts': { kind: 'list', about: 'every alert of a group (the alert itself for a single one)', item: GROUPED_ALERT_FIELDS },
};

export const FIELD_NAMES = Object.keys(TEMPLATE_FIELDS);

const KIND_TITLE = { fire: 'FIRING', escalation: 'ESCALATED', reminder: 'REMINDER', resolve: 'RESOLVED', update: 'UPDATE' } as const;

/** Where links point; without a public URL links are empty rather than wrong. */
export interface TemplateLinks {
  publicUrl: string | null;
}

/** The view a template is rendered with: exactly the fields of the catalog (a test keeps them in step). */
export function templateView(n: Notification, links: TemplateLinks): Record<string, unknown> {
  const base = links.publicUrl?.replace(/\/+$/, '') ?? null;
  const alerts = (n.group?.alerts ?? [{ alertId: n.alertId, dedupKey: n.dedupKey, deviceId: n.deviceId, hostname: n.hostname, severity: n.severity, summary: n.summary, at: n.at }])
    .map((a) => ({ id: a.alertId, hostname: a.hostname ?? a.deviceId, deviceId: a.deviceId, severity: a.severity, summary: a.summary, at: new Date(a.at).toISOString(), line: alertLine(a) }));
  const { shown, more } = listedAlerts(n);
  const listed = isGroup(n) ? alerts.slice(0, shown.length) : alerts;
  return {
    headline: headline(n),
    kind: n.kind,
    kindTitle: KIND_TITLE[n.kind],
    isFire: n.kind === 'fire', isEscalation: n.kind === 'escalation', isReminder: n.kind === 'reminder', isResolve: n.kind === 'resolve',
    isGroup: isGroup(n),
    title: isGroup(n) ? groupTitle(n) : `${n.ruleId} on ${n.hostname ?? n.deviceId}: ${n.summary}`,
    hasLinks: base !== null,
    alert: { id: n.alertId, rule: n.ruleId, category: n.category, severity: n.severity, summary: n.summary, at: new Date(n.at).toISOString() },
    device: { id: n.deviceId, hostname: n.hostname ?? n.deviceId },
    tenant: { id: n.tenantId },
    owner: { team: n.owner },
    sla: { minutes: String(n.slaMinutes), dueAt: new Date(n.at + n.slaMinutes * 60_000).toISOString() },
    trace: n.trace,
    links: {
      alert: base ? `${base}/#/alerts/${encodeURIComponent(n.alertId)}` : '',
      routing: base ? `${base}/#/alerts/${encodeURIComponent(n.alertId)}/routing` : '',
    },
    group: { key: n.group?.key ?? '', count: String(n.group?.count ?? 1), more: String(isGroup(n) ? more : 0), hasMore: isGroup(n) && more > 0, listed, alerts },
  };
}
