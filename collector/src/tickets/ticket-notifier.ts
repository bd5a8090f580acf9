// A `type: ticket` channel as a notifier: each alert of a notification
// (a group is synced alert by alert) is synced with its ticket in the
// channel's system. Credentials are resolved at send time from their
// env:/file: references and remembered for redaction, so they appear in no
// log line, error or dead letter.
import { channelSecret } from '../notify/channel-config.js';
import type { ChannelConfig } from '../notify/channel-config.js';
import { isGroup, membersOf } from '../notify/notification.js';
import type { Notifier, NotifierOptions, SendContext } from '../notify/notifier.js';
import { NotifyError } from '../notify/notify-error.js';
import { CONNECTORS } from './connectors/index.js';
import { createTicketHttp } from './ticket-http.js';
import type { TicketHttpOptions } from './ticket-http.js';
import { syncTicket } from './ticket-sync.js';
import type { SyncResult, TicketLedger } from './ticket-sync.js';

type TicketChannel = Extract<ChannelConfig, { type: 'ticket' }>;

export interface TicketNotifierOptions extends NotifierOptions {
  tickets?: TicketLedger;
  /** Bounds of the in-place wait for a 429's Retry-After (ticket-http.ts). */
  http?: Pick<TicketHttpOptions, 'maxRetryAfterMs' | 'maxRateLimitWaits' | 'sleep'>;
  /** Each alert's outcome (tests, logs). */
  onSynced?: (alertId: string, result: SyncResult) => void;
}

export function createTicketNotifier(c: TicketChannel, o: TicketNotifierOptions): Notifier {
  const spec = CONNECTORS[c.system];
  const resolved = new Map<string, string>();
  const secret = (name: string): string => {
    const ref = c.credentials[name];
    if (ref === undefined) throw new NotifyError(c.name, `credential ${name} is not configured`, false);
    const v = channelSecret(c.name, ref, o.env);
    resolved.set(name, v);
    return v;
  };
  const http = createTicketHttp({ channel: c.name, baseUrl: c.url, timeoutMs: o.timeoutMs, secrets: () => [...resolved.values()], ...o.http });
  const connector = spec.create({ channel: c.name, http, secret, mapping: c.mapping });
  return {
    channel: c.name,
    type: 'ticket',
    async send(n, message, context?: SendContext) {
      const ledger = o.tickets;
      if (!ledger) throw new NotifyError(c.name, 'ticket channels need the collector\'s store', false);
      if (!context) throw new NotifyError(c.name, 'a ticket delivery must name its team', false);
      const ref = { tenantId: n.tenantId, team: context.team, channel: c.name };
      ledger.register(ref, { spec, connector });
      // A group is one message elsewhere; here every alert keeps its own ticket.
      const single = !isGroup(n);
      for (const m of membersOf(n)) {
        const result = await syncTicket({
          ledger, spec, connector, channel: ref, reopenWindowMs: c.reopenWindowMinutes * 60_000, n: m,
          ...(single ? { title: message?.subject, text: message?.text } : {}),
        });
        o.onSynced?.(m.alertId, result);
      }
    },
  };
}
