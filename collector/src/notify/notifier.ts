// One notifier per configured channel. `send` resolves when the receiving
// service accepted the notification, or throws a classified NotifyError.
import type { ChannelType } from './channel-config.js';
import type { Notification } from './notification.js';
import type { RenderedMessage } from './templates/channel-templates.js';
import type { TicketLedger } from '../tickets/ticket-sync.js';

export interface Notifier {
  readonly channel: string;
  readonly type: ChannelType;
  /** `message`: the rendered text parts of the channel's template; the shipped default when absent. */
  send(n: Notification, message?: RenderedMessage, context?: SendContext): Promise<void>;
}

/** Where a delivery goes beyond its channel: the team whose channel it is (ticket channels keep one ticket per team). */
export interface SendContext {
  team: 'internal' | 'provider';
}

export interface NotifierOptions {
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  /** The alert → ticket links (ticket channels). */
  tickets?: TicketLedger;
}
