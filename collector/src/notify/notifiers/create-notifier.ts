// The one place a channel's type picks its notifier.
import type { ChannelConfig, SmtpSettings } from '../channel-config.js';
import type { Notifier, NotifierOptions } from '../notifier.js';
import { createEmailNotifier } from './email.js';
import { createPagerDutyNotifier } from './pagerduty.js';
import { createSlackNotifier } from './slack.js';
import { createTeamsNotifier } from './teams.js';
import { createWebhookNotifier } from './webhook.js';
import { createTicketNotifier } from '../../tickets/ticket-notifier.js';

export function createNotifier(c: ChannelConfig, o: NotifierOptions & { smtp: SmtpSettings | null }): Notifier {
  switch (c.type) {
    case 'webhook': return createWebhookNotifier(c, o);
    case 'slack': return createSlackNotifier(c, o);
    case 'teams': return createTeamsNotifier(c, o);
    case 'email': return createEmailNotifier(c, o);
    case 'pagerduty': return createPagerDutyNotifier(c, o);
    case 'ticket': return createTicketNotifier(c, o);
  }
}
