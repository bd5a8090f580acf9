// The notification chain: mute → time window → dedup → retry → send, one
// delivery per channel; channels are delivered independently so a slow pager
// does not hold up the chat message.
import type { ChannelConfig, SmtpSettings } from './channel-config.js';
import type { Notification } from './notification.js';
import type { Notifier } from './notifier.js';
import { createNotifier } from './notifiers/create-notifier.js';
import { createDedupStage } from './stages/dedup.js';
import { muteStage } from './stages/mute.js';
import { createRetryStage } from './stages/retry.js';
import { createSendStage } from './stages/send.js';
import { chain } from './stages/stage.js';
import type { Delivery, DeliveryOutcome, Next } from './stages/stage.js';
import { timeWindowStage } from './stages/time-window.js';

export interface NotifyPipelineOptions {
  attempts: number;
  backoffMs: number;
  timeoutMs: number;
  dedupMinutes: number;
  smtp: SmtpSettings | null;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  env?: NodeJS.ProcessEnv;
  /** Replaces the real notifiers (tests). */
  notifierFor?: (channel: ChannelConfig) => Notifier;
}

export interface DeliveryTarget {
  channel: ChannelConfig;
  team: 'internal' | 'provider';
  inHours: boolean;
}

export interface DeliveryReport {
  team: 'internal' | 'provider';
  channel: string;
  outcome: DeliveryOutcome;
}

export interface NotifyPipeline {
  deliver(n: Notification, targets: DeliveryTarget[], muted: boolean): Promise<DeliveryReport[]>;
}

export function createNotifyPipeline(o: NotifyPipelineOptions): NotifyPipeline {
  const notifiers = new Map<string, Notifier>();
  const notifierFor = (d: Delivery): Notifier => {
    if (o.notifierFor) return o.notifierFor(d.channel);
    const key = JSON.stringify(d.channel);
    let n = notifiers.get(key);
    if (!n) {
      n = createNotifier(d.channel, { timeoutMs: o.timeoutMs, smtp: o.smtp, env: o.env });
      if (notifiers.size > 1000) notifiers.clear();
      notifiers.set(key, n);
    }
    return n;
  };
  const run: Next = chain(
    [muteStage, timeWindowStage, createDedupStage(o.dedupMinutes * 60_000, o.now), createRetryStage({ attempts: o.attempts, backoffMs: o.backoffMs, sleep: o.sleep })],
    createSendStage(notifierFor),
  );
  return {
    async deliver(n, targets, muted) {
      return Promise.all(targets.map(async (t) => ({
        team: t.team, channel: t.channel.name, outcome: await run({ notification: n, channel: t.channel, team: t.team, muted, inHours: t.inHours }),
      })));
    },
  };
}
