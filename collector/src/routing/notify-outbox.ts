// The notify outbox: hands each routing decision's notification to the
// notify pipeline and records what was delivered. Deliveries for one alert
// run strictly in order (a resolve is worked out after the fire it follows
// was delivered); a resolve goes to whoever received the episode's
// notifications. Also the dead letters people retry.
import type { Bus } from '../bus/index.js';
import { CollectorError } from '../errors.js';
import type { AlertState } from '../rules/alert-state.js';
import type { ChannelConfig } from '../notify/channel-config.js';
import type { Notification, NotificationKind } from '../notify/notification.js';
import { createNotifyPipeline } from '../notify/notify-pipeline.js';
import type { DeliveryReport, DeliveryTarget, NotifyPipeline } from '../notify/notify-pipeline.js';
import type { Notifier } from '../notify/notifier.js';
import type { DeadLetterStore, StoredDeadLetter } from '../notify/dead-letter-store.js';
import type { Actor } from './actor.js';
import type { RoutingSettings } from './config.js';
import { availability } from './decide-route.js';
import type { RouteDecision } from './decide-route.js';
import type { OwnershipConfig, Team } from './ownership-config.js';
import type { RoutingStore } from './routing-store.js';
import type { RoutingLogger } from './routing-logger.js';
import type { TicketLedger } from '../tickets/ticket-sync.js';

export interface NotifyOutboxOptions {
  routes: RoutingStore;
  deadLetters: DeadLetterStore;
  settings: RoutingSettings;
  bus: Bus;
  log: RoutingLogger;
  now: () => number;
  /** Replaces the real notifiers (tests). */
  notifierFor?: (channel: ChannelConfig) => Notifier;
  sleep?: (ms: number) => Promise<void>;
  /** collector.yaml's publicUrl: links in notification templates. */
  publicUrl?: string | null;
  /** The alerts' tickets in the ticket channels' systems (src/tickets). */
  tickets?: TicketLedger;
}

/** One decision's notification, as the router hands it over. */
export interface OutgoingNotification {
  alert: AlertState;
  decision: RouteDecision;
  /** The decision record's seq, where the deliveries are stored. */
  decisionSeq: number;
  kind: NotificationKind;
  hostname: string | null;
  config: OwnershipConfig;
  at: number;
  /** Only these teams' channels (a re-route tells newly responsible teams only). */
  onlyTeams?: Team[];
}

const conflict = (m: string) => new CollectorError('COL_ERR_CONFLICT', m, { statusCode: 409 });
const notFound = (m: string) => new CollectorError('COL_ERR_NOT_FOUND', m, { statusCode: 404 });

export class NotifyOutbox {
  private readonly notify: NotifyPipeline;
  private readonly pending = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(private readonly options: NotifyOutboxOptions) {
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => {
      // While stopping, retries give up quickly instead of holding shutdown.
      if (this.stopping) return r();
      setTimeout(r, ms).unref();
    }));
    const n = options.settings.notify;
    this.notify = createNotifyPipeline({
      ...n, groupWaitMs: n.groupWaitSeconds * 1000, smtp: options.settings.smtp, now: options.now, sleep, notifierFor: options.notifierFor, publicUrl: options.publicUrl ?? null,
      tickets: options.tickets,
      deadLetter: async (letter) => {
        const id = await options.deadLetters.add(letter);
        options.log.warn({ tenantId: letter.tenantId, channel: letter.channel, kind: letter.kind, alerts: letter.alertIds.length, reason: letter.error, attempts: letter.attempts, deadLetter: id }, 'notification dead-lettered');
        return id;
      },
    });
  }

  /** Queues the notification behind the alert's earlier ones. */
  send(out: OutgoingNotification): void {
    const { alert, decision, kind, at } = out;
    const n: Notification = {
      kind, alertId: alert.id, alertKey: alert.key, dedupKey: alert.id, tenantId: alert.tenantId, deviceId: alert.deviceId, hostname: out.hostname, ruleId: alert.ruleId,
      category: alert.category, severity: alert.severity, summary: alert.summary, owner: decision.owner, slaMinutes: decision.slaMinutes, trace: decision.trace, at,
    };
    const muted = decision.muted !== null;
    this.later(alert.id, async () => {
      // A resolve goes to whoever received the episode's notifications, known once those are delivered.
      const { targets, held } = kind === 'resolve'
        ? await this.resolveTargets(alert, decision, out.config, at)
        : { targets: this.decisionTargets(decision, out.config, at, out.onlyTeams), held: [] as DeliveryReport[] };
      if (targets.length === 0 && held.length === 0) return;
      const reports = [...(targets.length > 0 ? await this.notify.deliver(n, targets, muted) : []), ...held];
      await this.options.routes.setDeliveries(alert.id, out.decisionSeq, reports);
      if (kind !== 'resolve') {
        // A ticket channel hears the resolve and later updates even when this delivery failed: its dead letter may still open the ticket.
        const tickets = new Set(targets.filter((t) => t.channel.type === 'ticket').map((t) => `${t.team}/${t.channel.name}`));
        const reached = (r: DeliveryReport) => r.outcome.status === 'sent' || (r.outcome.status === 'failed' && tickets.has(`${r.team}/${r.channel}`));
        await this.options.routes.addNotified(alert.id, reports.flatMap((r) => (reached(r) ? [{ team: r.team, channel: r.channel, keys: [r.outcome.status === 'sent' ? (r.outcome.group?.key ?? n.dedupKey) : n.dedupKey] }] : [])));
      }
      for (const r of reports) {
        if (r.outcome.status === 'failed') this.options.log.warn({ alertId: alert.id, channel: r.channel, reason: r.outcome.reason, attempts: r.outcome.attempts }, 'notification not delivered');
      }
      this.options.bus.publish('notify.delivered', { alertId: alert.id, tenantId: alert.tenantId, kind, reports, at });
    });
  }

  /** Hands an alert update (a person's ack, comment, assignment or snooze) to the ticket channels that received the alert; other channels do not page for it. */
  ticketUpdate(alert: AlertState, note: { action: string; actor: string; text: string | null }, at: number, decision: RouteDecision, config: OwnershipConfig): void {
    this.later(alert.id, async () => {
      const notified = await this.options.routes.notified(alert.id);
      const targets: DeliveryTarget[] = [];
      for (const nc of notified ?? []) {
        const channel = config.teams[nc.team]?.channels.find((c) => c.name === nc.channel);
        if (channel?.type === 'ticket') targets.push({ channel, team: nc.team, inHours: true });
      }
      if (targets.length === 0) return;
      const n: Notification = {
        kind: 'update', alertId: alert.id, alertKey: alert.key, dedupKey: alert.id, tenantId: alert.tenantId, deviceId: alert.deviceId, hostname: null, ruleId: alert.ruleId,
        category: alert.category, severity: alert.severity, summary: alert.summary, owner: decision.owner, slaMinutes: decision.slaMinutes, trace: decision.trace, at, note,
      };
      const reports = await this.notify.deliver(n, targets, false);
      for (const r of reports) {
        if (r.outcome.status === 'failed') this.options.log.warn({ alertId: alert.id, channel: r.channel, reason: r.outcome.reason, attempts: r.outcome.attempts }, 'ticket update not delivered');
      }
      this.options.bus.publish('notify.delivered', { alertId: alert.id, tenantId: alert.tenantId, kind: 'update', reports, at });
    });
  }

  /** A message about no single alert (a maintenance window's summary, a site outage) to every channel of a team, past grouping and dedup. */
  async sendToTeam(team: Team, n: Notification, config: OwnershipConfig): Promise<DeliveryReport[]> {
    const reports: DeliveryReport[] = [];
    for (const channel of config.teams[team].channels) reports.push({ team, channel: channel.name, outcome: await this.notify.resend(n, { channel, team, inHours: true }) });
    return reports;
  }

  /** Resolves once the alert's notifications queued so far (or all) are delivered or given up. */
  async delivered(alertId?: string): Promise<void> {
    // Finished entries remove themselves; whatever was queued meanwhile is waited for too.
    for (;;) {
      const pending = alertId ? this.pending.get(alertId) : this.pending.size > 0 ? Promise.all(this.pending.values()) : undefined;
      if (!pending) return;
      await pending;
    }
  }

  /** Sends open groups now rather than at the end of their window, and waits for everything queued. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.notify.flush();
    await this.delivered();
  }

  private later(alertId: string, task: () => Promise<void>): void {
    const run = (this.pending.get(alertId) ?? Promise.resolve()).then(task);
    const settled = run.catch((err: unknown) => this.options.log.error({ alertId, err: (err as Error).message }, 'notifying failed'));
    this.pending.set(alertId, settled);
    void settled.then(() => {
      if (this.pending.get(alertId) === settled) this.pending.delete(alertId);
    });
  }

  /** The decision's channels (of `onlyTeams`, when given), as the config names them now. */
  private decisionTargets(decision: RouteDecision, config: OwnershipConfig, at: number, onlyTeams?: Team[]): DeliveryTarget[] {
    const targets: DeliveryTarget[] = [];
    for (const ref of decision.channels) {
      if (onlyTeams && !onlyTeams.includes(ref.team)) continue;
      const channel = config.teams[ref.team].channels.find((c) => c.name === ref.channel);
      if (!channel) continue;
      targets.push({ channel, team: ref.team, inHours: availability(config, ref.team, at).available });
    }
    return targets;
  }

  /**
   * Where a resolve goes: every channel that received the episode's fire,
   * escalation, reminder or re-route notifications — not only the decision
   * in force (after an escalation to both teams, both hear it is resolved).
   * A pager incident opened for a group stays open while other alerts of that
   * group are unresolved; the last one closes it.
   */
  private async resolveTargets(alert: AlertState, decision: RouteDecision, config: OwnershipConfig, at: number): Promise<{ targets: DeliveryTarget[]; held: DeliveryReport[] }> {
    const routes = this.options.routes;
    const notified = await routes.notified(alert.id);
    // A route stored before deliveries were recorded: the decision in force.
    if (notified === null) return { targets: this.decisionTargets(decision, config, at), held: [] };
    const targets: DeliveryTarget[] = [];
    const held: DeliveryReport[] = [];
    for (const nc of notified) {
      const channel = config.teams[nc.team]?.channels.find((c) => c.name === nc.channel);
      if (!channel) {
        held.push({ team: nc.team, channel: nc.channel, outcome: { status: 'skipped', reason: 'the channel is no longer in the ownership config' } });
        continue;
      }
      const keys: string[] = [];
      for (const key of nc.keys) {
        if (key === alert.id || (await routes.openSharingKey(alert.tenantId, alert.id, nc.team, nc.channel, key)) === 0) keys.push(key);
      }
      if (keys.length === 0 && channel.type === 'pagerduty') {
        held.push({ team: nc.team, channel: nc.channel, outcome: { status: 'skipped', reason: 'other alerts of its group are still open' } });
        continue;
      }
      targets.push({ channel, team: nc.team, inHours: availability(config, nc.team, at).available, incidentKeys: keys });
    }
    return { targets, held };
  }

  // ── dead letters ────────────────────────────────────────────────────────

  listDeadLetters(tenantId: string, page: { limit: number; offset: number; status?: 'open' | 'delivered' }): Promise<{ total: number; letters: StoredDeadLetter[] }> {
    return this.options.deadLetters.list(tenantId, page);
  }

  /** Sends a dead letter again to its channel as the config names it now, with the usual retries. */
  async retryDeadLetter(tenantId: string, id: string, config: OwnershipConfig, actor: Actor): Promise<StoredDeadLetter> {
    const letters = this.options.deadLetters;
    const letter = await letters.get(tenantId, id);
    if (!letter) throw notFound(`dead letter ${id} not found`);
    if (letter.status === 'delivered') throw conflict(`dead letter ${id} was already delivered by a retry`);
    const channel = config.teams[letter.team]?.channels.find((c) => c.name === letter.channel);
    if (!channel) throw conflict(`channel ${letter.team}/${letter.channel} is no longer in the ownership config`);
    const outcome = await this.notify.resend(letter.notification, { channel, team: letter.team, inHours: true });
    const at = this.options.now();
    if (outcome.status === 'sent') await letters.retried(id, at, actor.name, { delivered: true });
    else if (outcome.status === 'failed') await letters.retried(id, at, actor.name, { delivered: false, error: outcome.reason, retryable: outcome.retryable, attempts: outcome.attempts });
    this.options.log.info({ tenantId, deadLetter: id, by: actor.name, outcome: outcome.status }, 'dead letter retried');
    return (await letters.get(tenantId, id))!;
  }
}
