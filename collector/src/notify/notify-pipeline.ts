// The notification chain: mute → time window → group → dedup → dead letter
// → retry → send, one delivery per channel; channels are delivered
// independently so a slow pager does not hold up the chat message.
import type { ChannelConfig, SmtpSettings } from './channel-config.js';
import type { Notification } from './notification.js';
import type { Notifier } from './notifier.js';
import { createNotifier } from './notifiers/create-notifier.js';
import { createDeadLetterStage } from './stages/dead-letter.js';
import type { DeadLetter } from './stages/dead-letter.js';
import { createDedupStage } from './stages/dedup.js';
import { createGroupStage } from './stages/group.js';
import { muteStage } from './stages/mute.js';
import { createRetryStage } from './stages/retry.js';
import { createSendStage } from './stages/send.js';
import { chain } from './stages/stage.js';
import type { Delivery, DeliveryOutcome, Next } from './stages/stage.js';
import { timeWindowStage } from './stages/time-window.js';
import { renderMessage } from './templates/render-template.js';
import type { TemplatesByType } from './templates/channel-templates.js';
import type { TicketLedger } from '../tickets/ticket-sync.js';

export interface NotifyPipelineOptions {
  attempts: number;
  backoffMs: number;
  timeoutMs: number;
  dedupMinutes: number;
  /** The group window (ms); 0 or absent sends each notification on its own. */
  groupWaitMs?: number;
  /** A group this large is sent before its window ends. Default 500. */
  groupMaxAlerts?: number;
  /** Stores a delivery that failed for good; answers its id. */
  deadLetter?: (letter: DeadLetter) => Promise<string | null>;
  smtp: SmtpSettings | null;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  env?: NodeJS.ProcessEnv;
  /** Replaces the real notifiers (tests). */
  notifierFor?: (channel: ChannelConfig) => Notifier;
  /** Collector-wide templates per channel type (routing.notify.templates); a channel's own template wins. */
  templates?: TemplatesByType;
  /** The collector's public URL, for links in messages; null: no links. */
  publicUrl?: string | null;
  /** The alert → ticket links that ticket channels keep. */
  tickets?: TicketLedger;
}

export interface DeliveryTarget {
  channel: ChannelConfig;
  team: 'internal' | 'provider';
  inHours: boolean;
  /** For a resolve: the pager dedup keys it closes on this channel. */
  incidentKeys?: string[];
}

export interface DeliveryReport {
  team: 'internal' | 'provider';
  channel: string;
  outcome: DeliveryOutcome;
}

export interface NotifyPipeline {
  deliver(n: Notification, targets: DeliveryTarget[], muted: boolean): Promise<DeliveryReport[]>;
  /** Sends again what failed (a dead letter), past grouping and dedup, with the usual retries. */
  resend(n: Notification, target: DeliveryTarget): Promise<DeliveryOutcome>;
  /** Sends every open group now; later notifications are not grouped (shutdown). */
  flush(): Promise<void>;
}

export function createNotifyPipeline(o: NotifyPipelineOptions): NotifyPipeline {
  const notifiers = new Map<string, Notifier>();
  const notifierFor = (d: Delivery): Notifier => {
    if (o.notifierFor) return o.notifierFor(d.channel);
    const key = JSON.stringify(d.channel);
    let n = notifiers.get(key);
    if (!n) {
      n = createNotifier(d.channel, { timeoutMs: o.timeoutMs, smtp: o.smtp, env: o.env, tickets: o.tickets });
      if (notifiers.size > 1000) notifiers.clear();
      notifiers.set(key, n);
    }
    return n;
  };
  const group = createGroupStage({ waitMs: o.groupWaitMs ?? 0, maxAlerts: o.groupMaxAlerts });
  const retry = createRetryStage({ attempts: o.attempts, backoffMs: o.backoffMs, sleep: o.sleep });
  const render = (d: Delivery) => renderMessage({
    notification: d.notification, type: d.channel.type, layers: [o.templates?.[d.channel.type], d.channel.template], links: { publicUrl: o.publicUrl ?? null },
  });
  const send = createSendStage(notifierFor, render);
  const run: Next = chain(
    [muteStage, timeWindowStage, group, createDedupStage(o.dedupMinutes * 60_000, o.now), ...(o.deadLetter ? [createDeadLetterStage(o.deadLetter, o.now)] : []), retry],
    send,
  );
  const resendChain: Next = chain([retry], send);
  const forTarget = (n: Notification, t: DeliveryTarget): Notification => (n.kind === 'resolve' && t.incidentKeys ? { ...n, incidentKeys: t.incidentKeys } : n);
  return {
    async deliver(n, targets, muted) {
      return Promise.all(targets.map(async (t) => ({
        team: t.team, channel: t.channel.name, outcome: await run({ notification: forTarget(n, t), channel: t.channel, team: t.team, muted, inHours: t.inHours }),
      })));
    },
    resend(n, t) {
      return resendChain({ notification: n, channel: t.channel, team: t.team, muted: false, inHours: true });
    },
    flush: () => group.flush(),
  };
}
