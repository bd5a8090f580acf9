// Alert routing with escalation: every alert change gets its decision (pure
// core: decide-route.ts), stored with its trace and announced
// ('alert.routed'), and its notification handed to the outbox; a timer
// escalates and reminds what stays unacknowledged past its response time; a
// config change re-routes the tenant's open alerts. Work for one alert runs
// strictly in order.
//
// In a cluster the leader routes every node's alert changes (they arrive on
// the bus) and runs the timer, so each notification is grouped, deduplicated
// and sent once. A node that becomes leader first routes the firing alerts
// nobody routed and settles the routes of alerts that resolved meanwhile
// (changes made while no node led).
import { setImmediate as yieldTurn } from 'node:timers/promises';
import type { Bus } from '../bus/index.js';
import type { Leadership } from '../cluster/leadership.js';
import type { AlertChange } from '../rules/alert-events.js';
import type { AlertState } from '../rules/alert-state.js';
import { OPEN_STATES } from '../rules/alert-state.js';
import type { AlertStore } from '../rules/alert-store.js';
import { ALL_TENANTS } from '../store/store.js';
import type { NotificationKind } from '../notify/notification.js';
import type { AlertRouted } from '../bus/index.js';
import type { AlertSubjects } from './alert-subjects.js';
import { decideEscalation, decideReroute, decideRoute } from './decide-route.js';
import type { RouteDecision } from './decide-route.js';
import { nextEscalationStep } from './escalation.js';
import type { NotifyOutbox } from './notify-outbox.js';
import { teamsOf } from './ownership-config.js';
import type { OwnershipConfig, Team } from './ownership-config.js';
import type { RoutingStore } from './routing-store.js';
import type { RoutingLogger } from './routing-logger.js';
import type { NotifyGate } from '../maintenance/notify-gate.js';
import type { TenantConfigs } from './tenant-configs.js';

export interface AlertRouterOptions {
  routes: RoutingStore;
  alerts: Pick<AlertStore, 'get' | 'list' | 'history'>;
  configs: TenantConfigs;
  subjects: AlertSubjects;
  outbox: NotifyOutbox;
  bus: Bus;
  leadership: Leadership;
  escalationCheckSeconds: number;
  log: RoutingLogger;
  now: () => number;
  /** Maintenance windows and inhibition (src/maintenance): hold a notification, or an escalation clock. */
  gate?: NotifyGate;
}

export class AlertRouter {
  private readonly queues = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private catchingUp: Promise<void> | null = null;
  private unsubscribe: Array<() => void> = [];
  private stopped = false;

  constructor(private readonly o: AlertRouterOptions) {}

  start(): void {
    if (this.timer || this.stopped) return;
    this.unsubscribe.push(this.o.bus.subscribe('alert.changed', this.onAlertChange));
    this.unsubscribe.push(this.o.leadership.onChange((leader) => {
      if (leader) void this.catchUp();
    }));
    this.timer = setInterval(() => {
      if (this.o.leadership.isLeader()) void this.checkEscalations();
    }, this.o.escalationCheckSeconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
    await this.catchingUp;
    await Promise.all([...this.queues.values()]);
  }

  /** Every node's alert changes; the leader routes them. */
  readonly onAlertChange = (change: AlertChange): void => {
    if (this.stopped || !this.o.leadership.isLeader()) return;
    void this.enqueue(change.alert.id, () => this.handleChange(change));
  };

  /** Resolves once every decision queued for the alert (or all) is made and stored. */
  settled(alertId?: string): Promise<unknown> {
    return alertId ? (this.queues.get(alertId) ?? Promise.resolve()) : Promise.all([...this.queues.values()]);
  }

  private enqueue(alertId: string, task: () => Promise<void>): Promise<void> {
    const run = (this.queues.get(alertId) ?? Promise.resolve()).then(task);
    const settled = run.catch((err: unknown) => this.o.log.error({ alertId, err: (err as Error).message }, 'routing an alert failed'));
    this.queues.set(alertId, settled);
    void settled.then(() => {
      if (this.queues.get(alertId) === settled) this.queues.delete(alertId);
    });
    return settled;
  }

  private async handleChange({ alert, transition: t }: AlertChange): Promise<void> {
    const { routes, configs, subjects } = this.o;
    const at = t.at;
    if (t.to === 'cancelled' || t.to === 'pending') return;
    if (t.to === 'firing' && t.notify) {
      const previous = await routes.route(alert.id);
      // The same change routed already (a new leader's catch-up met the change itself on the bus).
      if (previous && previous.firedAt === at && previous.state === 'firing') return;
      const reason = previous && t.from === 'firing' ? 'severity' : 'fire';
      const { config, version } = await configs.get(alert.tenantId);
      const { subject, hostname } = await subjects(alert);
      const decision = decideRoute({ config, subject, at });
      // A fresh look (new episode, worse severity, snooze ended) starts the response time again.
      await routes.saveRoute({ alertId: alert.id, tenantId: alert.tenantId, configVersion: version, decision, firedAt: at, escalatedAt: null, reminders: 0, lastReminderAt: null, state: 'firing', updatedAt: at });
      await this.decided(alert, reason, decision, version, at, 'fire', hostname, config);
      return;
    }
    const route = await routes.route(alert.id);
    if (!route) return;
    // A resolve is told once, however often the change arrives.
    if (t.to === 'resolved' && route.state === 'resolved') return;
    await routes.setRouteState(alert.id, t.to, at);
    // A person's acknowledgement, comment, assignment or snooze becomes a note in the alert's tickets.
    if (t.actor && t.to !== 'resolved') {
      const { config } = await configs.get(alert.tenantId);
      this.o.outbox.ticketUpdate(alert, { action: t.cause, actor: t.actor, text: t.comment }, at, route.decision, config);
    }
    if (t.to === 'resolved' && t.notify) {
      const { config } = await configs.get(alert.tenantId);
      const { hostname } = await subjects(alert);
      await this.decided(alert, 'resolve', route.decision, route.configVersion, at, 'resolve', hostname, config);
    }
  }

  /** Records a decision, announces it, and hands the notification to the outbox. */
  private async decided(alert: AlertState, reason: AlertRouted['reason'], decision: RouteDecision, version: number | null, at: number,
    kind: NotificationKind, hostname: string | null, config: OwnershipConfig, onlyTeams?: Team[]): Promise<void> {
    const hold = await this.o.gate?.hold(alert, kind, at);
    if (hold) decision = { ...decision, trace: [...decision.trace, `${hold.reason}: no notification`] };
    const seq = await this.o.routes.recordDecision(alert.id, { at, reason, owner: decision.owner, slaMinutes: decision.slaMinutes, configVersion: version, trace: decision.trace, deliveries: [] });
    this.o.bus.publish('alert.routed', { alertId: alert.id, tenantId: alert.tenantId, reason, decision, configVersion: version, at });
    if (hold) return;
    this.o.outbox.send({ alert, decision, decisionSeq: seq, kind, hostname, config, at, onlyTeams });
  }

  // ── escalation ──────────────────────────────────────────────────────────

  /** The timer's pass over firing routed alerts; a pass still running is not started twice. */
  checkEscalations(): Promise<void> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = (async () => {
      let after = '';
      for (;;) {
        if (this.stopped) return;
        const batch = await this.o.routes.firingRoutes(after, 200);
        if (batch.length === 0) return;
        await Promise.all(batch.map((r) => this.enqueue(r.alertId, () => this.escalateOne(r.alertId))));
        after = batch[batch.length - 1]!.alertId;
      }
    })().catch((err: unknown) => this.o.log.error({ err: (err as Error).message }, 'escalation check failed')).finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  private async escalateOne(alertId: string): Promise<void> {
    const { routes, configs, subjects } = this.o;
    const route = await routes.route(alertId);
    if (!route || route.state !== 'firing') return;
    const alert = await this.o.alerts.get(alertId, ALL_TENANTS);
    const now = this.o.now();
    if (!alert || alert.status !== 'firing') {
      await routes.setRouteState(alertId, alert?.status ?? 'resolved', now);
      return;
    }
    const step = nextEscalationStep({ firedAt: route.firedAt, plan: route.decision.escalation, escalatedAt: route.escalatedAt, reminders: route.reminders, lastReminderAt: route.lastReminderAt }, alert.status, now);
    if (step.kind === 'none') return;
    if (await this.o.gate?.clockHeld(alert, now)) return;
    const { config, version } = await configs.get(alert.tenantId);
    const { subject, hostname } = await subjects(alert);
    if (step.kind === 'escalate') {
      const decision = decideEscalation({ config, subject, at: now, firedAt: route.firedAt, previous: route.decision });
      await routes.saveRoute({ ...route, configVersion: version, decision, escalatedAt: now, updatedAt: now });
      await this.decided(alert, 'escalation', decision, version, now, 'escalation', hostname, config);
    } else {
      const decision = { ...route.decision, trace: [...route.decision.trace, `reminder ${step.reminder} of ${route.decision.escalation.maxReminders}: still unacknowledged`] };
      await routes.saveRoute({ ...route, reminders: step.reminder, lastReminderAt: now, updatedAt: now });
      await this.decided(alert, 'reminder', decision, route.configVersion, now, 'reminder', hostname, config);
    }
  }

  /** After a config change: open alerts whose owner changes get the new decision; newly responsible teams hear about it. */
  async reroute(tenantId: string): Promise<void> {
    const { routes, configs, subjects } = this.o;
    const { config, version } = await configs.get(tenantId);
    for (const alert of await this.openAlerts(tenantId)) {
      await this.enqueue(alert.id, async () => {
        const route = await routes.route(alert.id);
        if (!route || !OPEN_STATES.has(alert.status)) return;
        const { subject, hostname } = await subjects(alert);
        const at = this.o.now();
        // An escalated alert keeps its escalation while it is still overdue under the new rules.
        const { decision, escalatedAt } = decideReroute({ config, subject, at, firedAt: route.firedAt, escalatedAt: route.escalatedAt });
        const unchanged = decision.owner === route.decision.owner && (decision.muted === null) === (route.decision.muted === null) && escalatedAt === route.escalatedAt;
        // An escalated alert records the re-evaluation under each new version, so its trace says why it stays escalated.
        if (unchanged && (route.escalatedAt === null || route.configVersion === version)) return;
        const before = new Set(teamsOf(route.decision.owner));
        const reset = escalatedAt === null && route.escalatedAt !== null ? { reminders: 0, lastReminderAt: null } : {};
        await routes.saveRoute({ ...route, ...reset, configVersion: version, decision, escalatedAt, updatedAt: at });
        const newTeams = teamsOf(decision.owner).filter((t) => !before.has(t));
        await this.decided(alert, 'reroute', decision, version, at, 'fire', hostname, config, newTeams);
      });
    }
  }

  /** Open alerts of a tenant, every page. */
  async openAlerts(tenantId: string): Promise<AlertState[]> {
    const out: AlertState[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await this.o.alerts.list({ states: [...OPEN_STATES], tenantId }, ALL_TENANTS, { limit: 1000, offset });
      out.push(...page.alerts);
      if (page.alerts.length < 1000) return out;
    }
  }

  /**
   * On becoming leader: firing alerts that have no route yet get theirs (and
   * their notification); routes still firing whose alert resolved meanwhile
   * are resolved, with the resolve notification the change carried.
   */
  catchUp(): Promise<void> {
    if (this.catchingUp) return this.catchingUp;
    const leading = () => !this.stopped && this.o.leadership.isLeader();
    this.catchingUp = (async () => {
      for (let after = ''; leading();) {
        const ids = await this.o.routes.unroutedFiring(after, 200);
        if (ids.length === 0) break;
        for (const id of ids) {
          // Between alerts the loop lets other work in: on SQLite every query answers at once,
          // and thousands of alerts would otherwise hold agents and people out for minutes.
          await yieldTurn();
          const alert = await this.o.alerts.get(id, ALL_TENANTS);
          if (!alert || alert.status !== 'firing') continue;
          const transition = { alertId: id, key: alert.key, seq: alert.historyCount, at: alert.firedAt ?? alert.updatedAt, from: 'pending' as const, to: 'firing' as const, severity: alert.severity, cause: 'routed by the new leader', actor: null, comment: null, notify: true };
          await this.enqueue(id, () => this.handleChange({ alert, transition }));
        }
        after = ids[ids.length - 1]!;
      }
      for (let after = ''; leading();) {
        const batch = await this.o.routes.firingRoutes(after, 200);
        if (batch.length === 0) break;
        for (const route of batch) {
          await yieldTurn();
          const alert = await this.o.alerts.get(route.alertId, ALL_TENANTS);
          if (!alert || alert.status !== 'resolved') continue;
          const resolved = (await this.o.alerts.history(alert.id)).findLast((h) => h.to === 'resolved');
          const transition = { alertId: alert.id, key: alert.key, seq: resolved?.seq ?? alert.historyCount, at: resolved?.at ?? alert.updatedAt, from: 'firing' as const, to: 'resolved' as const, severity: alert.severity, cause: resolved?.cause ?? 'resolved', actor: resolved?.actor ?? null, comment: resolved?.comment ?? null, notify: resolved?.notified ?? true };
          await this.enqueue(alert.id, () => this.handleChange({ alert, transition }));
        }
        after = batch[batch.length - 1]!.alertId;
      }
    })().catch((err: unknown) => this.o.log.error({ err: (err as Error).message }, 'routing alerts left unrouted failed')).finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }
}
