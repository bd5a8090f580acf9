// PagerDuty Events API v2: trigger on fire, escalation and reminder (same
// dedup key, so PagerDuty keeps one incident), resolve on resolve. A group
// is one trigger with the group's key and its alerts in custom_details; a
// resolve closes every incident key it carries (one event each).
import { channelSecret } from '../channel-config.js';
import type { ChannelConfig } from '../channel-config.js';
import { alertLine, headline, isGroup } from '../notification.js';
import type { Notification } from '../notification.js';
import type { Notifier, NotifierOptions } from '../notifier.js';
import { postJson } from './http-post.js';
import { defaultMessage } from '../templates/render-template.js';
import type { RenderedMessage } from '../templates/channel-templates.js';

type PagerDutyChannel = Extract<ChannelConfig, { type: 'pagerduty' }>;

/** How many alerts of a group custom_details lists (PagerDuty limits an event to 512 KB). */
const PD_GROUP_LIST = 100;

/** The events one notification becomes: one trigger, or one resolve per incident key. */
export function pagerDutyEvents(n: Notification, routingKey: string, message: RenderedMessage = defaultMessage(n, 'pagerduty')) {
  if (n.kind === 'resolve') {
    return (n.incidentKeys ?? [n.dedupKey]).map((key) => ({ routing_key: routingKey, event_action: 'resolve', dedup_key: key }));
  }
  return [pagerDutyEvent(n, routingKey, message)];
}

export function pagerDutyEvent(n: Notification, routingKey: string, message: RenderedMessage = defaultMessage(n, 'pagerduty')) {
  // PagerDuty refuses a summary over 1024 characters or an empty one.
  const summary = (message.summary || headline(n)).slice(0, 1024);
  if (n.kind === 'resolve') return { routing_key: routingKey, event_action: 'resolve', dedup_key: n.dedupKey };
  if (isGroup(n)) {
    return {
      routing_key: routingKey,
      event_action: 'trigger',
      dedup_key: n.group.key,
      payload: {
        summary,
        source: `${n.group.count} devices`,
        severity: n.severity,
        timestamp: new Date(n.at).toISOString(),
        component: n.ruleId,
        group: n.tenantId,
        class: n.category,
        custom_details: {
          kind: n.kind, count: n.group.count, owner: n.owner, slaMinutes: n.slaMinutes, trace: n.trace,
          alerts: n.group.alerts.slice(0, PD_GROUP_LIST).map((a) => `${alertLine(a)} (${a.alertId})`),
        },
      },
    };
  }
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: n.dedupKey,
    payload: {
      summary,
      source: n.hostname ?? n.deviceId,
      severity: n.severity,
      timestamp: new Date(n.at).toISOString(),
      component: n.ruleId,
      group: n.tenantId,
      class: n.category,
      custom_details: { kind: n.kind, alertId: n.alertId, owner: n.owner, slaMinutes: n.slaMinutes, trace: n.trace },
    },
  };
}

export function createPagerDutyNotifier(c: PagerDutyChannel, o: NotifierOptions): Notifier {
  return {
    channel: c.name,
    type: 'pagerduty',
    async send(n, message) {
      const key = channelSecret(c.name, c.routingKey, o.env);
      const url = channelSecret(c.name, c.url, o.env);
      for (const event of pagerDutyEvents(n, key, message)) {
        await postJson({ channel: c.name, url, body: JSON.stringify(event), timeoutMs: o.timeoutMs, secrets: [c.routingKey, key, c.url, url] });
      }
    },
  };
}
