// Generic webhook: the notification as JSON, optionally signed with
// HMAC-SHA256 over the exact body bytes (`X-Tandem-Signature: sha256=<hex>`).
import { createHmac } from 'node:crypto';
import { channelSecret } from '../channel-config.js';
import type { ChannelConfig } from '../channel-config.js';
import { isGroup } from '../notification.js';
import type { Notification } from '../notification.js';
import type { Notifier, NotifierOptions } from '../notifier.js';
import { postJson } from './http-post.js';
import { defaultMessage } from '../templates/render-template.js';
import type { RenderedMessage } from '../templates/channel-templates.js';

type WebhookChannel = Extract<ChannelConfig, { type: 'webhook' }>;

export const SIGNATURE_HEADER = 'x-tandem-signature';

/**
 * One alert: `alert`. A group: `group: {key, count}` and `alerts` (every alert
 * of the group), with `alert` the first of them.
 */
export function webhookPayload(n: Notification, message: RenderedMessage = defaultMessage(n, 'webhook')) {
  const grouped = isGroup(n)
    ? {
      group: { key: n.group.key, count: n.group.count },
      alerts: n.group.alerts.map((a) => ({ id: a.alertId, deviceId: a.deviceId, hostname: a.hostname, severity: a.severity, summary: a.summary, at: new Date(a.at).toISOString() })),
    }
    : {};
  return {
    version: 1,
    kind: n.kind,
    at: new Date(n.at).toISOString(),
    alert: {
      id: n.alertId, dedupKey: n.dedupKey, tenantId: n.tenantId, deviceId: n.deviceId, hostname: n.hostname,
      ruleId: n.ruleId, category: n.category, severity: n.severity, summary: n.summary,
    },
    ...grouped,
    routing: { owner: n.owner, slaMinutes: n.slaMinutes, trace: n.trace },
    /** The human text (the channel's template); receivers that only show a line show this. */
    text: message.text!,
  };
}

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function createWebhookNotifier(c: WebhookChannel, o: NotifierOptions): Notifier {
  return {
    channel: c.name,
    type: 'webhook',
    async send(n, message) {
      const url = channelSecret(c.name, c.url, o.env);
      const key = c.hmacSecret ? channelSecret(c.name, c.hmacSecret, o.env) : null;
      // Header values are credentials too (an API key header): resolved like every secret, never echoed in an error.
      const headers = Object.fromEntries(Object.entries(c.headers ?? {}).map(([h, v]) => [h, channelSecret(c.name, v, o.env)]));
      const secrets = [c.url, url, c.hmacSecret ?? '', key ?? '', ...Object.values(c.headers ?? {}), ...Object.values(headers)];
      const body = JSON.stringify(webhookPayload(n, message));
      await postJson({
        channel: c.name, url, body, timeoutMs: o.timeoutMs, secrets,
        headers: { ...headers, ...(key ? { [SIGNATURE_HEADER]: signBody(body, key) } : {}) },
      });
    },
  };
}
