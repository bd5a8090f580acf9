// A preview: what a channel would receive for a sample alert, rendered with
// the templates in force (or an edited one not saved yet) — the text parts
// and the exact payload the notifier would send. Pure.
import type { ChannelConfig } from '../channel-config.js';
import { groupNotifications, NOTIFICATION_KINDS } from '../notification.js';
import type { Notification, NotificationKind } from '../notification.js';
import { emailSubject } from '../notifiers/email.js';
import { pagerDutyEvents } from '../notifiers/pagerduty.js';
import { slackPayload } from '../notifiers/slack.js';
import { teamsPayload } from '../notifiers/teams.js';
import { webhookPayload } from '../notifiers/webhook.js';
import { checkParts, templateFor } from './channel-templates.js';
import type { RenderedMessage, TemplatesByType } from './channel-templates.js';
import { renderMessage } from './render-template.js';
import type { TemplateLinks } from './template-fields.js';

/** The sample alert a preview renders; every field optional. */
export interface SampleAlert {
  kind?: NotificationKind;
  ruleId?: string;
  category?: string;
  severity?: Notification['severity'];
  summary?: string;
  hostname?: string;
  /** More than 1: a follow-up group of this many alerts. */
  count?: number;
}

export const SAMPLE_KINDS = NOTIFICATION_KINDS;

export function sampleNotification(tenantId: string, s: SampleAlert = {}, at = Date.now()): Notification {
  const one = (i: number): Notification => ({
    kind: s.kind ?? 'fire', alertId: `alr_sample${i || ''}`, dedupKey: `alr_sample${i || ''}`, tenantId, deviceId: `dev_sample${i || ''}`,
    hostname: i === 0 ? (s.hostname ?? 'sample-ws-01') : `sample-ws-${String(i + 1).padStart(2, '0')}`,
    ruleId: s.ruleId ?? 'disk-full', category: s.category ?? 'disk', severity: s.severity ?? 'warning', summary: s.summary ?? 'Disk / is 96% full',
    owner: 'provider', slaMinutes: 240, trace: ['line 1 (disk): category=disk → provider', 'SLA 240 min for warning'], at,
  });
  const count = Math.max(1, Math.min(s.count ?? 1, 200));
  return count === 1 ? one(0) : groupNotifications(Array.from({ length: count }, (_, i) => one(i)), `grp-${s.kind ?? 'fire'}-alr_sample`);
}

export interface ChannelPreview {
  team: 'internal' | 'provider';
  channel: string;
  type: ChannelConfig['type'];
  parts: RenderedMessage;
  /** The template text of each part that was rendered (in force, or as edited). */
  templates: Record<string, string>;
  /** What the notifier would send: the JSON body, or the mail's subject, text and HTML. Secrets are not included. */
  payload: unknown;
}

export function payloadOf(n: Notification, type: ChannelConfig['type'], m: RenderedMessage): unknown {
  switch (type) {
    case 'email': return { subject: m.subject || emailSubject(n), text: m.text, html: m.html };
    case 'slack': return slackPayload(n, m);
    case 'teams': return teamsPayload(n, m);
    case 'webhook': return webhookPayload(n, m);
    case 'pagerduty': return pagerDutyEvents(n, '(routing key)', m);
  }
}

/** Problems of an edited template (unsaved), named like config errors; empty when it is fine. */
export function editProblems(channel: string, template: Record<string, unknown>): string[] {
  const problems: string[] = [];
  checkParts(template, ['template'], `channel "${channel}"`, { addIssue: (i) => problems.push(`template.${String(i.path[1])}: ${i.message}`) });
  return problems;
}

export function previewChannel(o: {
  notification: Notification; team: 'internal' | 'provider'; channel: ChannelConfig; wide: TemplatesByType; links: TemplateLinks; edited?: Record<string, string>;
}): ChannelPreview {
  const type = o.channel.type;
  const layers = [o.wide[type], o.channel.template, o.edited];
  const parts = renderMessage({ notification: o.notification, type, layers, links: o.links });
  return { team: o.team, channel: o.channel.name, type, parts, templates: templateFor(type, ...layers), payload: payloadOf(o.notification, type, parts) };
}
