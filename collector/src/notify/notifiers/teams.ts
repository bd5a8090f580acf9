// Microsoft Teams incoming webhook (Workflows): a message with one Adaptive
// Card showing the alert, its owner and the routing trace.
import { channelSecret } from '../channel-config.js';
import type { ChannelConfig } from '../channel-config.js';
import { alertLine, isGroup, listedAlerts } from '../notification.js';
import type { Notification } from '../notification.js';
import type { Notifier, NotifierOptions } from '../notifier.js';
import { postJson } from './http-post.js';
import { defaultMessage } from '../templates/render-template.js';
import type { RenderedMessage } from '../templates/channel-templates.js';

type TeamsChannel = Extract<ChannelConfig, { type: 'teams' }>;

export function teamsPayload(n: Notification, message: RenderedMessage = defaultMessage(n, 'teams')) {
  const list = [];
  if (isGroup(n)) {
    const { shown, more } = listedAlerts(n);
    list.push({ type: 'TextBlock', text: [...shown.map((a) => `- ${alertLine(a)}`), ...(more > 0 ? [`… and ${more} more`] : [])].join('\n'), wrap: true });
  }
  const alertFact = isGroup(n) ? { title: 'Alerts', value: String(n.group.count) } : { title: 'Alert', value: n.alertId };
  return {
    type: 'message',
    attachments: [{
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.4',
        body: [
          { type: 'TextBlock', text: message.title!, weight: 'Bolder', wrap: true, color: n.kind === 'resolve' ? 'Good' : n.severity === 'critical' ? 'Attention' : 'Warning' },
          { type: 'FactSet', facts: [
            { title: 'Owner', value: n.owner }, { title: 'Response time', value: `${n.slaMinutes} min` },
            { title: 'Tenant', value: n.tenantId }, alertFact,
          ] },
          ...list,
          ...(message.footer ? [{ type: 'TextBlock', text: message.footer, wrap: true, isSubtle: true }] : []),
        ],
      },
    }],
  };
}

export function createTeamsNotifier(c: TeamsChannel, o: NotifierOptions): Notifier {
  return {
    channel: c.name,
    type: 'teams',
    async send(n, message) {
      const url = channelSecret(c.name, c.url, o.env);
      await postJson({ channel: c.name, url, body: JSON.stringify(teamsPayload(n, message)), timeoutMs: o.timeoutMs, secrets: [c.url, url] });
    },
  };
}
