// The I/O edge of routing: listens to alert changes, decides (pure core),
// stores the decision with its trace, hands notifications to notify, runs
// the escalation timer, and serves ownership, tuning, audit and matrix to
// the API. Work for one alert runs strictly in order.
import { EventEmitter } from 'node:events';
import { stringify as toYaml } from 'yaml';
import { CollectorError } from '../errors.js';
import { newId } from '../auth/secrets.js';
import type { Store, TenantScope } from '../store/store.js';
import { ALL_TENANTS } from '../store/store.js';
import type { AlertChange } from '../rules/alert-events.js';
import type { AlertState } from '../rules/alert-state.js';
import { OPEN_STATES } from '../rules/alert-state.js';
import { AlertStore } from '../rules/alert-store.js';
import { roleOf } from '../rules/facts.js';
import { DEFAULT_RULES_FILE, loadRulePackFile, parseRulePack } from '../rules/load-rules.js';
import type { RulePack } from '../rules/rule-pack.js';
import { validateOverrides } from '../rules/rule-pack.js';
import type { ChannelConfig } from '../notify/channel-config.js';
import type { Notification, NotificationKind } from '../notify/notification.js';
import { createNotifyPipeline } from '../notify/notify-pipeline.js';
import type { DeliveryReport, DeliveryTarget, NotifyPipeline } from '../notify/notify-pipeline.js';
import type { Notifier } from '../notify/notifier.js';
import { DeadLetterStore } from '../notify/dead-letter-store.js';
import type { StoredDeadLetter } from '../notify/dead-letter-store.js';
import { routingSettings } from './config.js';
import type { RoutingConfig, RoutingSettings } from './config.js';
import { decideEscalation, decideReroute, decideRoute } from './decide-route.js';
import type { RouteDecision } from './decide-route.js';
import { defaultOwnership, defaultOwnershipDocument } from './default-ownership.js';
import { nextEscalationStep } from './escalation.js';
import { checkOwnership, parseOwnership } from './load-ownership.js';
import type { RouteSubject } from './match-line.js';
import { teamsOf } from './ownership-config.js';
import type { OwnershipConfig, Team } from './ownership-config.js';
import { RoutingStore } from './routing-store.js';
import type { AlertRoute, DecisionRecord, StoredOwnership } from './routing-store.js';
import { appendAudit, auditEntry, listAudit } from './audit-log.js';
import type { AuditAction, AuditEntry } from './audit-log.js';
import { applyTuning, removeTuning } from './tuning.js';
import type { TuningRequest } from './tuning.js';
import { previewChange } from './tuning-preview.js';
import { withTuningText } from './ownership-text.js';
import type { ChangePreview, OpenAlert } from './tuning-preview.js';
import { classesFromRules, groupName, groupsFromConfig, ownershipMatrix } from './ownership-matrix.js';
import type { DeviceGroup, MatrixRow } from './ownership-matrix.js';
import { coverageGaps, markGaps } from './coverage-gaps.js';
import type { CoverageGap } from './coverage-gaps.js';
import { availability } from './decide-route.js';
import { actionRefusal } from './action-guardrail.js';
import type { GuardedAction } from './action-guardrail.js';
import type { NotifyGate } from '../maintenance/notify-gate.js';

export interface RoutingLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** A decision as live streams see it. */
export interface RoutingDecisionEvent {
  alertId: string;
  tenantId: string;
  reason: 'fire' | 'severity' | 'escalation' | 'reminder' | 'reroute' | 'resolve';
  decision: RouteDecision;
  configVersion: number | null;
  at: number;
}

export interface RoutingEvents {
  decision: [RoutingDecisionEvent];
  /** Threshold overrides changed (a tuning change or revert); the rules stage reloads them. */
  thresholds: [Array<Record<string, unknown>>];
  delivery: [{ alertId: string; tenantId: string; kind: NotificationKind; reports: DeliveryReport[]; at: number }];
}

export type RoutingEmitter = EventEmitter<RoutingEvents>;

/** Who is making a change, as the audit log records it. */
export interface Actor {
  name: string;
  role: string;
}

export const sideOf = (role: string): 'provider' | 'internal' => (role.startsWith('provider') ? 'provider' : 'internal');

export interface OwnershipView {
  tenantId: string;
  /** null: no config stored; the default applies. */
  version: number | null;
  source: 'stored' | 'default';
  updatedAt: number | null;
  updatedBy: string | null;
  document: Record<string, unknown>;
  text: string;
}

export interface TenantConfig {
  config: OwnershipConfig;
  version: number | null;
  document: Record<string, unknown>;
  stored: StoredOwnership | null;
}

export interface RoutingEngineOptions {
  store: Store;
  config: RoutingConfig;
  log?: RoutingLogger;
  now?: () => number;
  /** Replaces the real notifiers (tests). */
  notifierFor?: (channel: ChannelConfig) => Notifier;
  sleep?: (ms: number) => Promise<void>;
  /** The rule pack in force (collector.yaml's rules.file, or one replaced through the API); tuning checks and the matrix read it. */
  rulePack?: () => RulePack;
  /** collector.yaml's publicUrl: links in notification templates. */
  publicUrl?: string | null;
  /** Imported calendars (src/calendars): merged into each tenant's config; failed feeds are coverage warnings. */
  calendars?: {
    apply(tenantId: string, config: OwnershipConfig): OwnershipConfig;
    warnings(tenantId: string, config: OwnershipConfig): CoverageGap[];
  };
  /** Maintenance windows and inhibition (src/maintenance): hold a notification, or an escalation clock. */
  gate?: NotifyGate;
}

const silent: RoutingLogger = { info: () => {}, warn: () => {}, error: (obj, msg) => console.error(`routing: ${msg}`, obj) };

const conflict = (m: string) => new CollectorError('COL_ERR_CONFLICT', m, { statusCode: 409 });
const notFound = (m: string) => new CollectorError('COL_ERR_NOT_FOUND', m, { statusCode: 404 });

export class RoutingEngine {
  readonly events: RoutingEmitter = new EventEmitter<RoutingEvents>();
  readonly routes: RoutingStore;
  readonly deadLetters: DeadLetterStore;
  readonly settings: RoutingSettings;
  private readonly alerts: AlertStore;
  private readonly now: () => number;
  private readonly log: RoutingLogger;
  private readonly notify: NotifyPipeline;
  private readonly defaults: OwnershipConfig;
  private readonly configs = new Map<string, TenantConfig>();
  private readonly queues = new Map<string, Promise<void>>();
  /** Deliveries per alert, in order (a resolve is worked out after the fire it follows was delivered). */
  private readonly outbox = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: RoutingEngineOptions) {
    this.routes = new RoutingStore(options.store.db);
    this.deadLetters = new DeadLetterStore(options.store.db);
    this.alerts = new AlertStore(options.store.db);
    this.now = options.now ?? Date.now;
    this.log = options.log ?? silent;
    this.settings = routingSettings(options.config);
    this.defaults = defaultOwnership(this.settings);
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => {
      // While stopping, retries give up quickly instead of holding shutdown.
      if (this.stopped) return r();
      setTimeout(r, ms).unref();
    }));
    const n = this.settings.notify;
    this.notify = createNotifyPipeline({
      ...n, groupWaitMs: n.groupWaitSeconds * 1000, smtp: this.settings.smtp, now: this.now, sleep, notifierFor: options.notifierFor, publicUrl: options.publicUrl ?? null,
      deadLetter: async (letter) => {
        const id = await this.deadLetters.add(letter);
        this.log.warn({ tenantId: letter.tenantId, channel: letter.channel, kind: letter.kind, alerts: letter.alertIds.length, reason: letter.error, attempts: letter.attempts, deadLetter: id }, 'notification dead-lettered');
        return id;
      },
    });
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.checkEscalations(), this.settings.escalationCheckSeconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
    await Promise.all([...this.queues.values()]);
    // Open groups go out now rather than at the end of their window.
    await this.notify.flush();
    await this.delivered();
  }

  private enqueue(alertId: string, task: () => Promise<void>): Promise<void> {
    const run = (this.queues.get(alertId) ?? Promise.resolve()).then(task);
    const settled = run.catch((err: unknown) => this.log.error({ alertId, err: (err as Error).message }, 'routing an alert failed'));
    this.queues.set(alertId, settled);
    void settled.then(() => {
      if (this.queues.get(alertId) === settled) this.queues.delete(alertId);
    });
    return settled;
  }

  // ── configs ─────────────────────────────────────────────────────────────

  async tenantConfig(tenantId: string): Promise<TenantConfig> {
    const cached = this.configs.get(tenantId);
    if (cached) return cached;
    const stored = await this.routes.currentOwnership(tenantId);
    let entry: TenantConfig = { config: this.defaults, version: null, document: defaultOwnershipDocument(this.settings), stored: null };
    if (stored) {
      const parsed = checkOwnership(stored.document, `stored ownership v${stored.version}`);
      if (parsed.ok) entry = { config: parsed.config, version: stored.version, document: stored.document, stored };
      // A stored config that no longer loads (a newer validation) must not leave alerts without an owner.
      else this.log.error({ tenantId, problems: parsed.problems }, 'stored ownership config no longer loads; using the default');
    }
    if (this.options.calendars) entry = { ...entry, config: this.options.calendars.apply(tenantId, entry.config) };
    this.configs.set(tenantId, entry);
    return entry;
  }

  /** Drops a tenant's cached config (null: every tenant's), e.g. after its imported calendars changed. */
  forgetConfig(tenantId: string | null): void {
    if (tenantId === null) this.configs.clear();
    else this.configs.delete(tenantId);
  }

  // ── alert changes ───────────────────────────────────────────────────────

  /** The rules stage's `change` listener. */
  readonly onAlertChange = (change: AlertChange): void => {
    if (this.stopped) return;
    void this.enqueue(change.alert.id, () => this.handleChange(change));
  };

  /** Resolves once every decision queued for the alert is made and stored (its deliveries may still be under way). */
  settled(alertId?: string): Promise<unknown> {
    return alertId ? (this.queues.get(alertId) ?? Promise.resolve()) : Promise.all([...this.queues.values()]);
  }

  /** Resolves once the alert's notifications queued so far are delivered or given up (tests, shutdown). */
  async delivered(alertId?: string): Promise<void> {
    await this.settled(alertId);
    // Finished entries remove themselves; whatever was queued meanwhile is waited for too.
    for (;;) {
      const pending = alertId ? this.outbox.get(alertId) : this.outbox.size > 0 ? Promise.all(this.outbox.values()) : undefined;
      if (!pending) return;
      await pending;
    }
  }

  private deliverLater(alertId: string, task: () => Promise<void>): void {
    const run = (this.outbox.get(alertId) ?? Promise.resolve()).then(task);
    const settled = run.catch((err: unknown) => this.log.error({ alertId, err: (err as Error).message }, 'notifying failed'));
    this.outbox.set(alertId, settled);
    void settled.then(() => {
      if (this.outbox.get(alertId) === settled) this.outbox.delete(alertId);
    });
  }

  private async subjectOf(alert: AlertState): Promise<{ subject: RouteSubject; hostname: string | null }> {
    const device = await this.alerts.device(alert.deviceId);
    return {
      subject: {
        category: alert.category, rule: alert.ruleId, severity: alert.severity,
        site: device?.site ?? null, tags: device?.tags ?? [], os: device?.snapshot?.inventory?.os ?? device?.os ?? null, role: roleOf(device?.snapshot ?? null),
      },
      hostname: device?.snapshot?.inventory?.hostname ?? device?.hostname ?? null,
    };
  }

  private async handleChange({ alert, transition: t }: AlertChange): Promise<void> {
    const at = t.at;
    if (t.to === 'cancelled' || t.to === 'pending') return;
    if (t.to === 'firing' && t.notify) {
      const previous = await this.routes.route(alert.id);
      const reason = previous && t.from === 'firing' ? 'severity' : 'fire';
      const { config, version } = await this.tenantConfig(alert.tenantId);
      const { subject, hostname } = await this.subjectOf(alert);
      const decision = decideRoute({ config, subject, at });
      // A fresh look (new episode, worse severity, snooze ended) starts the response time again.
      await this.routes.saveRoute({ alertId: alert.id, tenantId: alert.tenantId, configVersion: version, decision, firedAt: at, escalatedAt: null, reminders: 0, lastReminderAt: null, state: 'firing', updatedAt: at });
      await this.decided(alert, reason, decision, version, at, 'fire', hostname, config);
      return;
    }
    const route = await this.routes.route(alert.id);
    if (!route) return;
    await this.routes.setRouteState(alert.id, t.to, at);
    if (t.to === 'resolved' && t.notify) {
      const { config } = await this.tenantConfig(alert.tenantId);
      const { hostname } = await this.subjectOf(alert);
      await this.decided(alert, 'resolve', route.decision, route.configVersion, at, 'resolve', hostname, config);
    }
  }

  /** Records a decision, tells live streams, and hands the notification to the alert's outbox. */
  private async decided(alert: AlertState, reason: RoutingDecisionEvent['reason'], decision: RouteDecision, version: number | null, at: number,
    kind: NotificationKind, hostname: string | null, config: OwnershipConfig, onlyTeams?: Team[]): Promise<void> {
    const hold = await this.options.gate?.hold(alert, kind, at);
    if (hold) decision = { ...decision, trace: [...decision.trace, `${hold.reason}: no notification`] };
    const seq = await this.routes.recordDecision(alert.id, { at, reason, owner: decision.owner, slaMinutes: decision.slaMinutes, configVersion: version, trace: decision.trace, deliveries: [] });
    this.emit('decision', { alertId: alert.id, tenantId: alert.tenantId, reason, decision, configVersion: version, at });
    if (hold) return;
    const n: Notification = {
      kind, alertId: alert.id, dedupKey: alert.id, tenantId: alert.tenantId, deviceId: alert.deviceId, hostname, ruleId: alert.ruleId,
      category: alert.category, severity: alert.severity, summary: alert.summary, owner: decision.owner, slaMinutes: decision.slaMinutes, trace: decision.trace, at,
    };
    const muted = decision.muted !== null;
    this.deliverLater(alert.id, async () => {
      // A resolve goes to whoever received the episode's notifications, known once those are delivered.
      const { targets, held } = kind === 'resolve'
        ? await this.resolveTargets(alert, decision, config, at)
        : { targets: this.decisionTargets(decision, config, at, onlyTeams), held: [] as DeliveryReport[] };
      if (targets.length === 0 && held.length === 0) return;
      const reports = [...(targets.length > 0 ? await this.notify.deliver(n, targets, muted) : []), ...held];
      await this.routes.setDeliveries(alert.id, seq, reports);
      if (kind !== 'resolve') {
        await this.routes.addNotified(alert.id, reports.flatMap((r) => (r.outcome.status === 'sent' ? [{ team: r.team, channel: r.channel, keys: [r.outcome.group?.key ?? n.dedupKey] }] : [])));
      }
      for (const r of reports) {
        if (r.outcome.status === 'failed') this.log.warn({ alertId: alert.id, channel: r.channel, reason: r.outcome.reason, attempts: r.outcome.attempts }, 'notification not delivered');
      }
      this.emit('delivery', { alertId: alert.id, tenantId: alert.tenantId, kind, reports, at });
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
    const notified = await this.routes.notified(alert.id);
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
        if (key === alert.id || (await this.routes.openSharingKey(alert.tenantId, alert.id, nc.team, nc.channel, key)) === 0) keys.push(key);
      }
      if (keys.length === 0 && channel.type === 'pagerduty') {
        held.push({ team: nc.team, channel: nc.channel, outcome: { status: 'skipped', reason: 'other alerts of its group are still open' } });
        continue;
      }
      targets.push({ channel, team: nc.team, inHours: availability(config, nc.team, at).available, incidentKeys: keys });
    }
    return { targets, held };
  }

  private emit<K extends keyof RoutingEvents>(event: K, ...args: RoutingEvents[K]): void {
    try {
      (this.events.emit as (e: K, ...a: RoutingEvents[K]) => boolean)(event, ...args);
    } catch (err) {
      this.log.error({ event, err: (err as Error).message }, 'a routing subscriber failed');
    }
  }

  // ── escalation ──────────────────────────────────────────────────────────

  /** The timer's pass over firing routed alerts; a pass still running is not started twice. */
  checkEscalations(): Promise<void> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = (async () => {
      let after = '';
      for (;;) {
        if (this.stopped) return;
        const batch = await this.routes.firingRoutes(after, 200);
        if (batch.length === 0) return;
        await Promise.all(batch.map((r) => this.enqueue(r.alertId, () => this.escalateOne(r.alertId))));
        after = batch[batch.length - 1]!.alertId;
      }
    })().catch((err: unknown) => this.log.error({ err: (err as Error).message }, 'escalation check failed')).finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  private async escalateOne(alertId: string): Promise<void> {
    const route = await this.routes.route(alertId);
    if (!route || route.state !== 'firing') return;
    const alert = await this.alerts.get(alertId, ALL_TENANTS);
    const now = this.now();
    if (!alert || alert.status !== 'firing') {
      await this.routes.setRouteState(alertId, alert?.status ?? 'resolved', now);
      return;
    }
    const step = nextEscalationStep({ firedAt: route.firedAt, plan: route.decision.escalation, escalatedAt: route.escalatedAt, reminders: route.reminders, lastReminderAt: route.lastReminderAt }, alert.status, now);
    if (step.kind === 'none') return;
    if (await this.options.gate?.clockHeld(alert, now)) return;
    const { config, version } = await this.tenantConfig(alert.tenantId);
    const { subject, hostname } = await this.subjectOf(alert);
    if (step.kind === 'escalate') {
      const decision = decideEscalation({ config, subject, at: now, firedAt: route.firedAt, previous: route.decision });
      await this.routes.saveRoute({ ...route, configVersion: version, decision, escalatedAt: now, updatedAt: now });
      await this.decided(alert, 'escalation', decision, version, now, 'escalation', hostname, config);
    } else {
      const decision = { ...route.decision, trace: [...route.decision.trace, `reminder ${step.reminder} of ${route.decision.escalation.maxReminders}: still unacknowledged`] };
      await this.routes.saveRoute({ ...route, reminders: step.reminder, lastReminderAt: now, updatedAt: now });
      await this.decided(alert, 'reminder', decision, route.configVersion, now, 'reminder', hostname, config);
    }
  }

  /** After a config change: open alerts whose owner changes get the new decision; newly responsible teams hear about it. */
  private async reroute(tenantId: string): Promise<void> {
    const { config, version } = await this.tenantConfig(tenantId);
    for (const alert of await this.openAlerts(tenantId)) {
      await this.enqueue(alert.id, async () => {
        const route = await this.routes.route(alert.id);
        if (!route || !OPEN_STATES.has(alert.status)) return;
        const { subject, hostname } = await this.subjectOf(alert);
        const at = this.now();
        // An escalated alert keeps its escalation while it is still overdue under the new rules.
        const { decision, escalatedAt } = decideReroute({ config, subject, at, firedAt: route.firedAt, escalatedAt: route.escalatedAt });
        const unchanged = decision.owner === route.decision.owner && (decision.muted === null) === (route.decision.muted === null) && escalatedAt === route.escalatedAt;
        // An escalated alert records the re-evaluation under each new version, so its trace says why it stays escalated.
        if (unchanged && (route.escalatedAt === null || route.configVersion === version)) return;
        const before = new Set(teamsOf(route.decision.owner));
        const reset = escalatedAt === null && route.escalatedAt !== null ? { reminders: 0, lastReminderAt: null } : {};
        await this.routes.saveRoute({ ...route, ...reset, configVersion: version, decision, escalatedAt, updatedAt: at });
        const newTeams = teamsOf(decision.owner).filter((t) => !before.has(t));
        await this.decided(alert, 'reroute', decision, version, at, 'fire', hostname, config, newTeams);
      });
    }
  }

  private async openAlerts(tenantId: string): Promise<AlertState[]> {
    const out: AlertState[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await this.alerts.list({ states: [...OPEN_STATES], tenantId }, ALL_TENANTS, { limit: 1000, offset });
      out.push(...page.alerts);
      if (page.alerts.length < 1000) return out;
    }
  }

  // ── the API's service ───────────────────────────────────────────────────

  async ownership(tenantId: string): Promise<OwnershipView> {
    const c = await this.tenantConfig(tenantId);
    return {
      tenantId, version: c.version, source: c.stored ? 'stored' : 'default', updatedAt: c.stored?.createdAt ?? null, updatedBy: c.stored?.createdBy ?? null,
      document: c.document, text: c.stored?.text ?? toYaml(c.document),
    };
  }

  versions(tenantId: string) {
    return this.routes.ownershipVersions(tenantId);
  }

  async ownershipVersion(tenantId: string, version: number): Promise<StoredOwnership | null> {
    return this.routes.ownershipVersion(tenantId, version);
  }

  /** Replaces the tenant's config (provider). A body without `tuning` keeps internal IT's tuning. */
  async replaceOwnership(tenantId: string, body: unknown, actor: Actor): Promise<{ ok: true; view: OwnershipView; auditId: string } | { ok: false; problems: string[] }> {
    const isText = typeof body === 'string';
    const parsed = isText ? parseOwnership(body, 'body') : checkOwnership(body, 'body');
    if (!parsed.ok) return parsed;
    const current = await this.tenantConfig(tenantId);
    let document = parsed.document;
    let text = isText ? body : toYaml(document);
    if (!('tuning' in document) && Array.isArray(current.document.tuning) && current.document.tuning.length > 0) {
      document = { ...document, tuning: current.document.tuning };
      text = isText ? withTuningText(body, document) : toYaml(document);
    }
    const recheck = checkOwnership(document, 'body');
    if (!recheck.ok) return recheck;
    const id = await this.store(tenantId, current, document, text, actor, 'ownership.replace', 'replaced the ownership config', current.stored ? current.document : null, document, null);
    await this.afterChange(tenantId);
    return { ok: true, view: await this.ownership(tenantId), auditId: id };
  }

  private async store(tenantId: string, current: TenantConfig, document: Record<string, unknown>, text: string, actor: Actor,
    action: AuditAction, summary: string, before: unknown, after: unknown, reverts: string | null): Promise<string> {
    const id = newId('aud');
    const at = this.now();
    const version = await this.routes.storeOwnership(tenantId, current.version, document, text, actor.name, at, async (v, trx) => {
      await appendAudit(trx, { id, tenantId, at, actor: actor.name, role: actor.role, side: sideOf(actor.role), action, summary, before, after, versionBefore: current.version, versionAfter: v, reverts });
    });
    if (version === null) {
      this.configs.delete(tenantId);
      throw conflict('the ownership config changed while this change was being made; try again');
    }
    this.configs.delete(tenantId);
    this.log.info({ tenantId, version, action, by: actor.name }, 'ownership config changed');
    return id;
  }

  private async afterChange(tenantId: string): Promise<void> {
    await this.reroute(tenantId);
    this.emit('thresholds', await this.thresholdOverrides());
  }

  private async openAlertSubjects(tenantId: string): Promise<OpenAlert[]> {
    const out: OpenAlert[] = [];
    for (const a of await this.openAlerts(tenantId)) out.push({ id: a.id, subject: (await this.subjectOf(a)).subject });
    return out;
  }

  private async proposed(tenantId: string, request: TuningRequest, actor: Actor) {
    const current = await this.tenantConfig(tenantId);
    const result = applyTuning({ document: current.document, config: current.config, request, id: newId('tun'), by: actor.name, at: this.now(), rules: (await this.rulePack()).rules });
    if (!result.ok) {
      if (result.kind === 'guardrail') throw new CollectorError('COL_ERR_GUARDRAIL', result.message, { statusCode: 403 });
      throw new CollectorError('COL_ERR_BAD_REQUEST', result.problems.join('; '), { statusCode: 400 });
    }
    if (request.action === 'threshold') {
      const problems = await this.checkThreshold(tenantId, result.entry);
      if (problems.length > 0) throw new CollectorError('COL_ERR_BAD_REQUEST', problems.join('; '), { statusCode: 400 });
    }
    return { current, result };
  }

  async previewTuning(tenantId: string, request: TuningRequest, actor: Actor): Promise<ChangePreview & { change: string }> {
    const { current, result } = await this.proposed(tenantId, request, actor);
    const entry = result.config.tuning[0]!;
    const preview = previewChange({
      before: current.config, after: result.config, alerts: await this.openAlertSubjects(tenantId), at: this.now(),
      ...(entry.kind === 'threshold' && entry.rule ? { threshold: { rule: entry.rule, match: entry.match } } : {}),
    });
    return { change: result.summary, ...preview };
  }

  async applyTuning(tenantId: string, request: TuningRequest, actor: Actor): Promise<{ auditId: string; tuningId: string; version: number | null; change: string; preview: ChangePreview }> {
    const { current, result } = await this.proposed(tenantId, request, actor);
    const entry = result.config.tuning[0]!;
    const preview = previewChange({
      before: current.config, after: result.config, alerts: await this.openAlertSubjects(tenantId), at: this.now(),
      ...(entry.kind === 'threshold' && entry.rule ? { threshold: { rule: entry.rule, match: entry.match } } : {}),
    });
    const auditId = await this.store(tenantId, current, result.document, withTuningText(current.stored?.text ?? null, result.document), actor, `tuning.${request.action}` as AuditAction, result.summary, null, result.entry, null);
    await this.afterChange(tenantId);
    return { auditId, tuningId: entry.id, version: (await this.tenantConfig(tenantId)).version, change: result.summary, preview };
  }

  audit(tenantId: string, page: { limit: number; offset: number }): Promise<AuditEntry[]> {
    return listAudit(this.options.store.db, tenantId, page);
  }

  async revert(tenantId: string, auditId: string, actor: Actor): Promise<{ auditId: string; version: number | null }> {
    const entry = await auditEntry(this.options.store.db, tenantId, auditId);
    if (!entry) throw notFound(`audit entry ${auditId} not found`);
    if (entry.action === 'revert') throw conflict(`audit entry ${auditId} is itself a revert; revert the original change only once`);
    if (entry.revertedBy) throw conflict(`audit entry ${auditId} was already reverted by ${entry.revertedBy}`);
    if (sideOf(actor.role) === 'internal' && entry.side !== 'internal') {
      throw new CollectorError('COL_ERR_GUARDRAIL', `guardrail provider changes: internal IT cannot revert a change the provider made (${entry.action})`, { statusCode: 403 });
    }
    const current = await this.tenantConfig(tenantId);
    let document: Record<string, unknown>;
    let before: unknown;
    let after: unknown;
    if (entry.action === 'ownership.replace') {
      const restored = (entry.before as Record<string, unknown> | null) ?? defaultOwnershipDocument(this.settings);
      document = { ...restored, tuning: current.document.tuning ?? [] };
      before = current.document;
      after = document;
    } else {
      const tuningId = (entry.after as { id: string }).id;
      const removed = removeTuning(current.document, tuningId);
      if (!removed) throw conflict(`tuning ${tuningId} is no longer in the ownership config`);
      document = removed;
      before = entry.after;
      after = null;
    }
    const text = entry.action === 'ownership.replace' ? toYaml(document) : withTuningText(current.stored?.text ?? null, document);
    const checked = checkOwnership(document, 'reverted config');
    if (!checked.ok) throw conflict(`the change cannot be reverted: ${checked.problems.join('; ')}`);
    const id = await this.store(tenantId, current, document, text, actor, 'revert', `reverted ${entry.action}: ${entry.summary}`, before, after, entry.id);
    await this.afterChange(tenantId);
    return { auditId: id, version: (await this.tenantConfig(tenantId)).version };
  }

  /** The routing of an alert: the decision in force and every decision made. */
  async routingOf(alertId: string, scope: TenantScope): Promise<{ alert: AlertState; route: AlertRoute | null; decisions: DecisionRecord[] } | null> {
    const alert = await this.alerts.get(alertId, scope);
    if (!alert) return null;
    await this.settled(alertId);
    return { alert, route: await this.routes.route(alertId), decisions: await this.routes.decisions(alertId) };
  }

  /** A message about no single alert (a maintenance window's summary) to every channel of a team, past grouping and dedup. */
  async sendToTeam(tenantId: string, team: Team, n: Notification): Promise<DeliveryReport[]> {
    const { config } = await this.tenantConfig(tenantId);
    const reports: DeliveryReport[] = [];
    for (const channel of config.teams[team].channels) reports.push({ team, channel: channel.name, outcome: await this.notify.resend(n, { channel, team, inHours: true }) });
    return reports;
  }

  // ── dead letters ────────────────────────────────────────────────────────

  listDeadLetters(tenantId: string, page: { limit: number; offset: number; status?: 'open' | 'delivered' }): Promise<{ total: number; letters: StoredDeadLetter[] }> {
    return this.deadLetters.list(tenantId, page);
  }

  /** Sends a dead letter again to its channel as the config names it now, with the usual retries. */
  async retryDeadLetter(tenantId: string, id: string, actor: Actor): Promise<StoredDeadLetter> {
    const letter = await this.deadLetters.get(tenantId, id);
    if (!letter) throw notFound(`dead letter ${id} not found`);
    if (letter.status === 'delivered') throw conflict(`dead letter ${id} was already delivered by a retry`);
    const { config } = await this.tenantConfig(tenantId);
    const channel = config.teams[letter.team]?.channels.find((c) => c.name === letter.channel);
    if (!channel) throw conflict(`channel ${letter.team}/${letter.channel} is no longer in the ownership config`);
    const outcome = await this.notify.resend(letter.notification, { channel, team: letter.team, inHours: true });
    const at = this.now();
    if (outcome.status === 'sent') await this.deadLetters.retried(id, at, actor.name, { delivered: true });
    else if (outcome.status === 'failed') await this.deadLetters.retried(id, at, actor.name, { delivered: false, error: outcome.reason, retryable: outcome.retryable, attempts: outcome.attempts });
    this.log.info({ tenantId, deadLetter: id, by: actor.name, outcome: outcome.status }, 'dead letter retried');
    return (await this.deadLetters.get(tenantId, id))!;
  }

  /**
   * Why the caller may not acknowledge or snooze this alert (guardrails.crossTeamActions), or null.
   * An alert the caller cannot see, or one not routed yet, is left to the action itself to refuse or allow.
   */
  async actionRefusal(alertId: string, scope: TenantScope, role: string, action: GuardedAction): Promise<string | null> {
    const alert = await this.alerts.get(alertId, scope);
    if (!alert) return null;
    await this.settled(alertId);
    const route = await this.routes.route(alertId);
    if (!route) return null;
    const { config } = await this.tenantConfig(alert.tenantId);
    return actionRefusal(config, route.decision, sideOf(role), action);
  }

  /** What an alert's routing would be right now (for alerts that never fired: pending ones). */
  async decideNow(alert: AlertState): Promise<{ decision: RouteDecision; version: number | null }> {
    const { config, version } = await this.tenantConfig(alert.tenantId);
    return { decision: decideRoute({ config, subject: (await this.subjectOf(alert)).subject, at: this.now() }), version };
  }

  private async rulePack(): Promise<RulePack> {
    if (this.options.rulePack) return this.options.rulePack();
    const stored = await this.alerts.storedRuleSet();
    if (stored) {
      const parsed = parseRulePack(stored.body, 'stored rules');
      if (parsed.ok) return parsed.pack;
    }
    return loadRulePackFile(DEFAULT_RULES_FILE).pack;
  }

  private async checkThreshold(tenantId: string, entry: Record<string, unknown>): Promise<string[]> {
    const pack = await this.rulePack();
    const check = validateOverrides([thresholdOverride(tenantId, entry)], pack.rules);
    return check.ok ? [] : check.problems.map((p) => `body: ${p.path.replace(/^overrides\[0\]\./, '')}: ${p.message}`);
  }

  async matrix(tenantId: string, days = 28): Promise<{ version: number | null; groups: DeviceGroup[]; rows: MatrixRow[]; gaps: Array<Omit<CoverageGap, 'affected'>> }> {
    const { config, version } = await this.tenantConfig(tenantId);
    const classes = classesFromRules((await this.rulePack()).rules);
    const groups = await this.deviceGroups(tenantId, config);
    const at = this.now();
    const gaps = [...coverageGaps(config, classes, groups, at, days), ...(this.options.calendars?.warnings(tenantId, config) ?? [])];
    // Rows carry their gaps; a gap lists a few examples only, as one gap per time window would repeat every row.
    return { version, groups, rows: markGaps(ownershipMatrix(config, classes, groups, at), gaps), gaps: gaps.map(({ affected: _all, ...g }) => g) };
  }

  /** The tenant's devices grouped by the labels routing matches on. */
  private async deviceGroups(tenantId: string, config: OwnershipConfig): Promise<DeviceGroup[]> {
    const devices = await this.options.store.listDevices({ all: false, tenantIds: [tenantId] }, { limit: 5000, offset: 0 });
    if (devices.length === 0) return groupsFromConfig(config);
    const groups = new Map<string, DeviceGroup>();
    for (const d of devices) {
      const g = { site: d.site, role: roleOf(d.status), os: d.status?.inventory?.os ?? d.os, tags: [...d.tags].sort() };
      const name = groupName(g);
      const existing = groups.get(name);
      if (existing) existing.devices = (existing.devices ?? 0) + 1;
      else groups.set(name, { name, ...g, devices: 1 });
    }
    return [...groups.values()].slice(0, 100);
  }

  /** Threshold changes of every tenant, in the shape of collector.yaml's `rules.overrides`. */
  async thresholdOverrides(): Promise<Array<Record<string, unknown>>> {
    const rows = await this.options.store.db.selectFrom('ownership_configs').select(['tenant_id', 'document']).where('is_current', '=', 1).execute();
    const out: Array<Record<string, unknown>> = [];
    for (const r of rows) {
      const doc = JSON.parse(r.document) as { tuning?: Array<Record<string, unknown>> };
      // Oldest first, so a newer change for the same group wins as overrides apply in order.
      for (const t of [...(doc.tuning ?? [])].reverse()) {
        if (t.kind !== 'threshold') continue;
        if (typeof t.until === 'string' && Date.parse(t.until) <= this.now()) continue;
        out.push(thresholdOverride(r.tenant_id, t));
      }
    }
    return out;
  }
}

/** A threshold tuning entry as a rules override for the tenant's device group. */
export function thresholdOverride(tenantId: string, entry: Record<string, unknown>): Record<string, unknown> {
  const match = { ...(entry.match as Record<string, unknown> | undefined), tenant: tenantId };
  return { match, rule: entry.rule, params: entry.params ?? {}, ...(entry.for !== undefined ? { for: typeof entry.for === 'number' ? `${entry.for}m` : entry.for } : {}) };
}
