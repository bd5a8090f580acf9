// Slack-compatible incoming webhook (also Mattermost, Rocket.Chat): a text
// fallback plus blocks with the routing trace.
import { channelSecret } from '../channel-config.js';
import type { ChannelConfig } from '../channel-config.js';
import { alertLine, isGroup, listedAlerts } from '../notification.js';
import type { Notification } from '../notification.js';
import type { Notifier, NotifierOptions } from '../notifier.js';
import { postJson } from './http-post.js';
import { defaultMessage } from '../templates/render-template.js';
import type { RenderedMessage } from '../templates/channel-templates.js';

type SlackChannel = Extract<ChannelConfig, { type: 'slack' }>;

export function slackPayload(n: Notification, message: RenderedMessage = defaultMessage(n, 'slack')) {
  const text = message.text!;
  const list = [];
  if (isGroup(n)) {
    const { shown, more } = listedAlerts(n);
    list.push({ type: 'section', text: { type: 'mrkdwn', text: [...shown.map((a) => `• ${alertLine(a)}`), ...(more > 0 ? [`… and ${more} more`] : [])].join('\n') } });
  }
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: message.body! } },
      ...list,
      // Slack refuses an empty text object: a template that leaves the footer empty drops the block.
      ...(message.footer ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: message.footer }] }] : []),
    ],
  };
}

export function createSlackNotifier(c: SlackChannel, o: NotifierOptions): Notifier {
  return {
    channel: c.name,
    type: 'slack',
    async send(n, message) {
      const url = channelSecret(c.name, c.url, o.env);
      await postJson({ channel: c.name, url, body: JSON.stringify(slackPayload(n, message)), timeoutMs: o.timeoutMs, secrets: [c.url, url] });
    },
  };
}
