// PagerDuty Events API v2: trigger on fire, escalation and reminder (same
// dedup key, so PagerDuty keeps one incident), resolve on resolve.
import { resolveSecret } from '../channel-config.js';
import type { ChannelConfig } from '../channel-config.js';
import { headline } from '../notification.js';
import type { Notification } from '../notification.js';
import type { Notifier, NotifierOptions } from '../notifier.js';
import { NotifyError } from '../notify-error.js';
import { postJson } from './http-post.js';

type PagerDutyChannel = Extract<ChannelConfig, { type: 'pagerduty' }>;

export function pagerDutyEvent(n: Notification, routingKey: string) {
  if (n.kind === 'resolve') return { routing_key: routingKey, event_action: 'resolve', dedup_key: n.dedupKey };
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: n.dedupKey,
    payload: {
      summary: headline(n).slice(0, 1024),
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
    async send(n) {
      let key: string;
      let url: string;
      try {
        key = resolveSecret(c.routingKey, o.env);
        url = resolveSecret(c.url, o.env);
      } catch (err) {
        throw new NotifyError(c.name, (err as Error).message, false);
      }
      await postJson({ channel: c.name, url, body: JSON.stringify(pagerDutyEvent(n, key)), timeoutMs: o.timeoutMs, secrets: [c.routingKey, key, c.url, url] });
    },
  };
}
