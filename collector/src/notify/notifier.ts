// One notifier per configured channel. `send` resolves when the receiving
// service accepted the notification, or throws a classified NotifyError.
import type { ChannelType } from './channel-config.js';
import type { Notification } from './notification.js';

export interface Notifier {
  readonly channel: string;
  readonly type: ChannelType;
  send(n: Notification): Promise<void>;
}

export interface NotifierOptions {
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
}
