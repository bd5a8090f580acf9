// The routing stage put together: the modules that each do one job
// (alert-router: routing and escalation; notify-outbox: notifications and
// dead letters; ownership-versions; tuning-service; ownership-matrix-service;
// tenant-configs), the repositories they get, and the service the API calls.
// Config changes reach every node: the node that stored one announces it
// ('config.changed'), each node forgets its copy, the leader re-routes.
import type { Bus } from '../bus/index.js';
import type { Leadership } from '../cluster/leadership.js';
import { singleNodeLeadership } from '../cluster/leadership.js';
import type { Store, TenantScope } from '../store/store.js';
import type { AlertState } from '../rules/alert-state.js';
import { AlertStore } from '../rules/alert-store.js';
import { DEFAULT_RULES_FILE, loadRulePackFile, parseRulePack } from '../rules/load-rules.js';
import type { RulePack } from '../rules/rule-pack.js';
import type { TunedThresholds } from '../rules/tuned-thresholds.js';
import type { ChannelConfig } from '../notify/channel-config.js';
import type { Notifier } from '../notify/notifier.js';
import { DeadLetterStore } from '../notify/dead-letter-store.js';
import type { StoredDeadLetter } from '../notify/dead-letter-store.js';
import type { Actor } from './actor.js';
import { sideOf } from './actor.js';
import { actionRefusal } from './action-guardrail.js';
import type { GuardedAction } from './action-guardrail.js';
import { alertSubjects } from './alert-subjects.js';
import type { AlertSubjects } from './alert-subjects.js';
import { AlertRouter } from './alert-router.js';
import type { AuditEntry } from './audit-log.js';
import { routingSettings } from './config.js';
import type { RoutingConfig, RoutingSettings } from './config.js';
import type { CoverageGap } from './coverage-gaps.js';
import type { OwnershipConfig, Team } from './ownership-config.js';
import type { Notification } from '../notify/notification.js';
import type { DeliveryReport } from '../notify/notify-pipeline.js';
import type { AlertChange } from '../rules/alert-events.js';
import type { NotifyGate } from '../maintenance/notify-gate.js';
import { TicketLedger } from '../tickets/ticket-sync.js';
import { TicketStore } from '../tickets/ticket-store.js';
import { decideRoute } from './decide-route.js';
import type { RouteDecision } from './decide-route.js';
import { NotifyOutbox } from './notify-outbox.js';
import { MatrixService } from './ownership-matrix-service.js';
import type { DeviceGroup, MatrixRow } from './ownership-matrix.js';
import { OwnershipVersions } from './ownership-versions.js';
import type { OwnershipView } from './ownership-versions.js';
import { RoutingStore } from './routing-store.js';
import type { AlertRoute, DecisionRecord, StoredOwnership } from './routing-store.js';
import { silentRoutingLog } from './routing-logger.js';
import type { RoutingLogger } from './routing-logger.js';
import { TenantConfigs } from './tenant-configs.js';
import type { TenantConfig } from './tenant-configs.js';
import { TuningService } from './tuning-service.js';
import type { TuningRequest } from './tuning.js';
import type { ChangePreview } from './tuning-preview.js';

export type { RoutingLogger } from './routing-logger.js';
export type { Actor } from './actor.js';
export { sideOf } from './actor.js';
export type { OwnershipView } from './ownership-versions.js';
export type { TenantConfig } from './tenant-configs.js';
export { thresholdOverride } from './tuning-service.js';

export interface RoutingEngineOptions {
  store: Store;
  bus: Bus;
  /** Routing of alert changes and the escalation timer run on the leader (absent: this node always leads). */
  leadership?: Leadership;
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

export class RoutingEngine {
  readonly routes: RoutingStore;
  readonly deadLetters: DeadLetterStore;
  readonly settings: RoutingSettings;
  /** Tuned thresholds, for the rules stage. */
  readonly thresholds: TunedThresholds;
  private readonly alerts: AlertStore;
  private readonly now: () => number;
  private readonly leadership: Leadership;
  private readonly configs: TenantConfigs;
  private readonly subjects: AlertSubjects;
  private readonly outbox: NotifyOutbox;
  private readonly router: AlertRouter;
  private readonly versionsOf: OwnershipVersions;
  private readonly tuning: TuningService;
  private readonly matrixOf: MatrixService;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly options: RoutingEngineOptions) {
    const { store, bus } = options;
    const log = options.log ?? silentRoutingLog;
    this.now = options.now ?? Date.now;
    this.leadership = options.leadership ?? singleNodeLeadership();
    this.routes = new RoutingStore(store.db, store.writes);
    this.deadLetters = new DeadLetterStore(store.db);
    this.alerts = new AlertStore(store.db);
    this.settings = routingSettings(options.config);
    this.configs = new TenantConfigs(this.routes, this.settings, log, options.calendars);
    this.subjects = alertSubjects(this.alerts);
    this.outbox = new NotifyOutbox({ routes: this.routes, deadLetters: this.deadLetters, settings: this.settings, bus, log, now: this.now, notifierFor: options.notifierFor, sleep: options.sleep, publicUrl: options.publicUrl ?? null,
      tickets: new TicketLedger(new TicketStore(store.db), this.now),
    });
    this.router = new AlertRouter({
      routes: this.routes, alerts: this.alerts, configs: this.configs, subjects: this.subjects, outbox: this.outbox, bus, leadership: this.leadership,
      escalationCheckSeconds: this.settings.escalationCheckSeconds, log, now: this.now, gate: options.gate,
    });
    this.versionsOf = new OwnershipVersions({ routes: this.routes, configs: this.configs, settings: this.settings, log, now: this.now, afterChange: (t) => this.afterChange(t) });
    const rulePack = () => this.rulePack();
    this.tuning = new TuningService({
      routes: this.routes, configs: this.configs, versions: this.versionsOf, subjects: this.subjects, openAlerts: (t) => this.router.openAlerts(t), rulePack, bus, now: this.now,
    });
    this.thresholds = this.tuning.thresholds;
    this.matrixOf = new MatrixService({
      configs: this.configs, rulePack, now: this.now, calendarWarnings: options.calendars ? (t, c) => options.calendars!.warnings(t, c) : undefined,
      devices: (tenantId) => store.listDevices({ all: false, tenantIds: [tenantId] }, { limit: 5000, offset: 0 }),
    });
  }

  start(): void {
    if (this.unsubscribe) return;
    // Another node stored a tenant's config: forget this node's copy; the leader re-routes.
    this.unsubscribe = this.options.bus.subscribe('config.changed', (e, origin) => {
      if (e.kind !== 'ownership' || origin.local) return;
      this.configs.forget(e.tenantId);
      if (this.leadership.isLeader()) void this.router.reroute(e.tenantId);
    });
    this.router.start();
    if (this.leadership.isLeader()) void this.router.catchUp();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.router.stop();
    // Open groups go out now rather than at the end of their window.
    await this.outbox.stop();
  }

  private async afterChange(tenantId: string): Promise<void> {
    if (this.leadership.isLeader()) await this.router.reroute(tenantId);
    this.options.bus.publish('config.changed', { kind: 'ownership', tenantId });
  }

  tenantConfig(tenantId: string): Promise<TenantConfig> {
    return this.configs.get(tenantId);
  }

  /** A message about no single alert (a maintenance window's summary, a site outage) to every channel of a team, past grouping and dedup. */
  async sendToTeam(tenantId: string, team: Team, n: Notification): Promise<DeliveryReport[]> {
    return this.outbox.sendToTeam(team, n, (await this.configs.get(tenantId)).config);
  }

  /** An alert change routed as if it had just arrived (an inhibiting cause resolved); the leader routes it. */
  onAlertChange(change: AlertChange): void {
    this.router.onAlertChange(change);
  }

  /** Drops a tenant's cached config (null: every tenant's), e.g. after its imported calendars changed. */
  forgetConfig(tenantId: string | null): void {
    this.configs.forget(tenantId);
  }

  /** Resolves once every decision queued for the alert is made and stored (its deliveries may still be under way). */
  settled(alertId?: string): Promise<unknown> {
    return this.router.settled(alertId);
  }

  /** Resolves once the alert's notifications queued so far are delivered or given up (tests, shutdown). */
  async delivered(alertId?: string): Promise<void> {
    await this.router.settled(alertId);
    await this.outbox.delivered(alertId);
  }

  /** The escalation timer's pass (tests call it directly). */
  checkEscalations(): Promise<void> {
    return this.router.checkEscalations();
  }

  // ── the API's service ───────────────────────────────────────────────────

  ownership(tenantId: string): Promise<OwnershipView> {
    return this.versionsOf.ownership(tenantId);
  }

  versions(tenantId: string) {
    return this.versionsOf.versions(tenantId);
  }

  ownershipVersion(tenantId: string, version: number): Promise<StoredOwnership | null> {
    return this.versionsOf.ownershipVersion(tenantId, version);
  }

  replaceOwnership(tenantId: string, body: unknown, actor: Actor): Promise<{ ok: true; view: OwnershipView; auditId: string } | { ok: false; problems: string[] }> {
    return this.versionsOf.replaceOwnership(tenantId, body, actor);
  }

  revert(tenantId: string, auditId: string, actor: Actor): Promise<{ auditId: string; version: number | null }> {
    return this.versionsOf.revert(tenantId, auditId, actor);
  }

  audit(tenantId: string, page: { limit: number; offset: number }): Promise<AuditEntry[]> {
    return this.versionsOf.audit(tenantId, page);
  }

  previewTuning(tenantId: string, request: TuningRequest, actor: Actor): Promise<ChangePreview & { change: string }> {
    return this.tuning.previewTuning(tenantId, request, actor);
  }

  applyTuning(tenantId: string, request: TuningRequest, actor: Actor): Promise<{ auditId: string; tuningId: string; version: number | null; change: string; preview: ChangePreview }> {
    return this.tuning.applyTuning(tenantId, request, actor);
  }

  /** Threshold changes of every tenant, in the shape of collector.yaml's `rules.overrides`. */
  thresholdOverrides(): Promise<Array<Record<string, unknown>>> {
    return this.tuning.thresholdOverrides();
  }

  matrix(tenantId: string, days?: number): Promise<{ version: number | null; groups: DeviceGroup[]; rows: MatrixRow[]; gaps: Array<Omit<CoverageGap, 'affected'>> }> {
    return this.matrixOf.matrix(tenantId, days);
  }

  listDeadLetters(tenantId: string, page: { limit: number; offset: number; status?: 'open' | 'delivered' }): Promise<{ total: number; letters: StoredDeadLetter[] }> {
    return this.outbox.listDeadLetters(tenantId, page);
  }

  async retryDeadLetter(tenantId: string, id: string, actor: Actor): Promise<StoredDeadLetter> {
    const { config } = await this.configs.get(tenantId);
    return this.outbox.retryDeadLetter(tenantId, id, config, actor);
  }

  /** The routing of an alert: the decision in force and every decision made. */
  async routingOf(alertId: string, scope: TenantScope): Promise<{ alert: AlertState; route: AlertRoute | null; decisions: DecisionRecord[] } | null> {
    const alert = await this.alerts.get(alertId, scope);
    if (!alert) return null;
    await this.settled(alertId);
    return { alert, route: await this.routes.route(alertId), decisions: await this.routes.decisions(alertId) };
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
    const { config } = await this.configs.get(alert.tenantId);
    return actionRefusal(config, route.decision, sideOf(role), action);
  }

  /** What an alert's routing would be right now (for alerts that never fired: pending ones). */
  async decideNow(alert: AlertState): Promise<{ decision: RouteDecision; version: number | null }> {
    const { config, version } = await this.configs.get(alert.tenantId);
    return { decision: decideRoute({ config, subject: (await this.subjects(alert)).subject, at: this.now() }), version };
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
}
