// Slack-compatible incoming webhook (also Mattermost, Rocket.Chat): a text
// fallback plus blocks with the routing trace.
import { channelSecret } from '../channel-config.js';
import type { ChannelConfig } from '../channel-config.js';
import { alertLine, headline, isGroup, listedAlerts } from '../notification.js';
import type { Notification } from '../notification.js';
import type { Notifier, NotifierOptions } from '../notifier.js';
import { postJson } from './http-post.js';

type SlackChannel = Extract<ChannelConfig, { type: 'slack' }>;

export function slackPayload(n: Notification) {
  const text = headline(n);
  const list = [];
  if (isGroup(n)) {
    const { shown, more } = listedAlerts(n);
    list.push({ type: 'section', text: { type: 'mrkdwn', text: [...shown.map((a) => `• ${alertLine(a)}`), ...(more > 0 ? [`… and ${more} more`] : [])].join('\n') } });
  }
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${text}*\nowner: *${n.owner}* · response time: ${n.slaMinutes} min · tenant: ${n.tenantId}` } },
      ...list,
      { type: 'context', elements: [{ type: 'mrkdwn', text: n.trace.map((t) => `• ${t}`).join('\n') }] },
    ],
  };
}

export function createSlackNotifier(c: SlackChannel, o: NotifierOptions): Notifier {
  return {
    channel: c.name,
    type: 'slack',
    async send(n) {
      const url = channelSecret(c.name, c.url, o.env);
      await postJson({ channel: c.name, url, body: JSON.stringify(slackPayload(n)), timeoutMs: o.timeoutMs, secrets: [c.url, url] });
    },
  };
}
