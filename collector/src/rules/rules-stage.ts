// The I/O edge of the rules stage: listens to ingest on the bus, takes the
// committed device and latest status ingest hands it (and reads a device only
// for due times and connection events), loads its alert records, runs the
// pure evaluation, saves the outcome and tells subscribers. Work for one
// device runs strictly in order (reports, due times and people's actions
// never interleave); devices run independently. Time-based rules are
// evaluated at each device's due time (due-timers.ts), not by a sweep over
// every device. In a cluster a node keeps the due times of its share of the
// devices (see AlertStore.deviceIdsAfter), so each is evaluated by one node.
import type { Bus, BusEvents } from '../bus/index.js';
import type { Leadership } from '../cluster/leadership.js';
import type { Store, TenantScope } from '../store/store.js';
import { CollectorError } from '../errors.js';
import { newId } from '../auth/secrets.js';
import { rulesSettings } from './config.js';
import type { RulesConfig, RulesSettings } from './config.js';
import { AlertStore } from './alert-store.js';
import type { AlertFilter, AlertHistoryEntry, DeviceRow, DeviceShare, PresenceRecord } from './alert-store.js';
import { DueTimers } from './due-timers.js';
import type { AlertState } from './alert-state.js';
import { applyAction } from './alert-actions.js';
import type { AlertAction } from './alert-actions.js';
import { CompiledRuleSet } from './compile-rules.js';
import { evaluateDevice } from './evaluate.js';
import type { EvaluationResult } from './evaluate.js';
import { roleOf } from './facts.js';
import type { DeviceFacts, DeviceLabels } from './facts.js';
import { checkConfigOverrides, checkRulePack, DEFAULT_RULES_FILE, loadRulePackFile, parseRulePack } from './load-rules.js';
import type { RulePack } from './rule-pack.js';
import { trackFirstSeen } from './update-first-seen.js';

export interface RulesLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RulesStageOptions {
  store: Store;
  /** Ingest's events arrive here; alert changes leave here ('alert.changed'). */
  bus: Bus;
  /**
   * In a cluster each node evaluates and keeps the due times of its share of
   * the devices (AlertStore's DeviceShare; absent: every device).
   */
  leadership?: Leadership;
  config: RulesConfig;
  now?: () => number;
  log?: RulesLogger;
}

/** Where the rules in force came from. */
export interface RuleSource {
  origin: 'default' | 'file' | 'api';
  /** The file, for default and file origins. */
  file: string | null;
  text: string;
  updatedAt: number | null;
  updatedBy: string | null;
}

export type RuleSetChange = { ok: true } | { ok: false; problems: string[] };

/** What the API routes need from the stage. */
export interface AlertService {
  list(filter: AlertFilter, scope: TenantScope, page: { limit: number; offset: number }): Promise<{ alerts: AlertState[]; total: number }>;
  get(id: string, scope: TenantScope): Promise<{ alert: AlertState; history: AlertHistoryEntry[]; manualResolve: boolean } | null>;
  act(id: string, scope: TenantScope, action: DistributiveOmit<AlertAction, 'manualResolveAllowed'>): Promise<AlertState>;
  rules(): { pack: RulePack; source: RuleSource };
  replaceRules(body: unknown, by: string): Promise<RuleSetChange>;
  manualResolveAllowed(ruleId: string): boolean;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const consoleLog: RulesLogger = {
  info: () => {},
  error: (obj, msg) => console.error(`rules: ${msg}`, obj),
};

/** Devices a sweep evaluates between turns of the event loop. */
const SWEEP_PAGE = 50;

export class RulesEngine implements AlertService {
  readonly alerts: AlertStore;
  private ruleSet: CompiledRuleSet;
  /** Threshold overrides tuned per tenant and device group through routing's tuning API. */
  private tunedOverrides: Array<Record<string, unknown>> = [];
  private source: RuleSource;
  private readonly settings: RulesSettings;
  private readonly now: () => number;
  private readonly log: RulesLogger;
  private readonly queues = new Map<string, Promise<void>>();
  /** Devices with an evaluation queued that has not started yet. */
  private readonly waiting = new Set<string>();
  /** The newest committed device and latest status ingest handed over, for the evaluation waiting. */
  private readonly handed = new Map<string, DeviceRow>();
  /**
   * Evaluations running at once across devices. Not many: the store's
   * connection is shared with ingest, and a long line of rule queries ahead
   * of a group commit would hold up agents' acks. Enough that the saves of
   * several evaluations share one commit (store/write-batch.ts); evaluating
   * a connected device seldom queries at all (see `held`). Reports that
   * arrive meanwhile fold into the evaluation their device is waiting for.
   */
  private readonly slots = new Slots(8);
  /**
   * What evaluation reads of the devices whose agent is connected to this
   * node, as last read or written: presence, first-seen times and alert
   * records. While the agent is connected here this node alone writes
   * presence (through the connection's events) and first-seen times (through
   * its evaluations, which run one at a time per device), so an evaluation
   * per report need not read them back. Alert records also change by
   * people's actions, on any node: every alert change (this node's or, over
   * the bus, another's) drops the device's entry. Dropped too at every
   * presence change, when the agent leaves, and after HELD_MS (retention
   * prunes old resolved records); bounded like any cache.
   */
  private readonly held = new Map<string, HeldFacts>();
  /** Counts entries dropped by alert changes: an evaluation that ran across one does not keep what it read. */
  private heldDrops = 0;
  /** Set while an evaluation publishes its own alert changes. */
  private publishingEvaluation = false;
  private readonly connectedHere = new Set<string>();
  /** When each device's time-based rules next need a look. */
  readonly dueTimers: DueTimers;
  private sweeping: Promise<void> | null = null;
  private started = false;
  private stopped = false;
  // The ingest events that move alerts; rejected and duplicate frames change nothing here.
  private readonly listeners: { [K in 'report.committed' | 'report.gap' | 'agent.connected' | 'agent.disconnected']: (e: BusEvents[K]) => void };
  private unsubscribe: Array<() => void> = [];

  constructor(private readonly options: RulesStageOptions) {
    this.alerts = new AlertStore(options.store.db, options.bus.node, options.store.writes);
    this.now = options.now ?? Date.now;
    this.log = options.log ?? consoleLog;
    this.settings = rulesSettings(options.config);
    // A broken rules file or override stops the collector at start, with every problem listed.
    const file = this.settings.file ?? DEFAULT_RULES_FILE;
    const loaded = loadRulePackFile(file);
    this.ruleSet = this.compiled(loaded.pack, (problems) => new CollectorError('COL_ERR_RULES_INVALID', `invalid rules config:\n${problems.map((p) => `  ${p}`).join('\n')}`));
    this.source = { origin: this.settings.file ? 'file' : 'default', file, text: loaded.text, updatedAt: null, updatedBy: null };
    this.dueTimers = new DueTimers({
      resolutionMs: this.settings.evaluateEverySeconds * 1000,
      now: this.now,
      fire: (ids) => void this.due(ids),
    });
    this.listeners = {
      'report.committed': (e) => this.schedule(e.deviceId, 'report', undefined, { ...e.device, snapshot: e.latest }),
      'report.gap': (e) => this.schedule(e.deviceId, 'gap', async () => {
        this.held.delete(e.deviceId);
        await this.alerts.recordGap(e.deviceId, this.now(), e.gap.droppedCount);
      }),
      'agent.connected': (e) => this.schedule(e.deviceId, 'connected', async () => {
        this.held.delete(e.deviceId);
        await this.alerts.setConnection(e.deviceId, true, false, this.now());
        this.connectedHere.add(e.deviceId);
      }),
      'agent.disconnected': (e) => this.schedule(e.deviceId, 'disconnected', async () => {
        this.connectedHere.delete(e.deviceId);
        this.held.delete(e.deviceId);
        await this.alerts.setConnection(e.deviceId, false, e.graceful, this.now());
      }),
    };
  }

  private compiled(pack: RulePack, fail: (problems: string[]) => Error): CompiledRuleSet {
    const overrides = checkConfigOverrides([...this.settings.overrides, ...this.tunedOverrides], pack);
    if (!overrides.ok) throw fail(overrides.problems);
    return new CompiledRuleSet(pack, overrides.overrides);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.reloadStoredRules();
    await this.alerts.markAllDisconnected(this.now());
    for (const [event, listener] of Object.entries(this.listeners)) this.unsubscribe.push(this.options.bus.subscribe(event as keyof typeof this.listeners, listener as never));
    // A snooze set through the API (on any node) ends at a time no evaluation has seen yet.
    this.unsubscribe.push(this.options.bus.subscribe('alert.changed', ({ alert }) => {
      // An evaluation's own changes are held by the evaluation itself (see evaluateNow).
      if (!this.publishingEvaluation) {
        this.held.delete(alert.deviceId);
        this.heldDrops++;
      }
      if (alert.status === 'snoozed' && alert.snoozedUntil !== null) {
        this.dueNoLaterThan(alert.deviceId, alert.snoozedUntil).catch((err: unknown) => this.log.error({ deviceId: alert.deviceId, err: (err as Error).message }, 'could not schedule the end of a snooze'));
      }
    }));
    // A new leader takes on the devices no live node holds: nobody keeps their due times yet.
    const leadership = this.options.leadership;
    if (leadership) this.unsubscribe.push(leadership.onChange((leader) => { if (leader) this.sweep({ leader: true, orphansOnly: true }).catch((err: unknown) => this.log.error({ err: (err as Error).message }, 'evaluating the devices no node holds failed')); }));
    this.dueTimers.start();
    // This node's share once, in the background: that sets each device's due time from what is stored.
    // From the next turn of the event loop, so the collector listens first: on SQLite every query
    // answers at once, and a sweep begun here would hold the event loop until its first page is done.
    setImmediate(() => {
      if (this.stopped) return;
      this.evaluateAll().catch((err: unknown) => this.log.error({ err: (err as Error).message }, 'evaluating every device at start failed'));
    });
  }

  /** Loads the rule pack set through the API (at start, and when another node replaced it). */
  async reloadStoredRules(): Promise<void> {
    const stored = await this.alerts.storedRuleSet();
    if (stored) {
      const parsed = parseRulePack(stored.body, 'stored rules');
      try {
        if (!parsed.ok) throw new Error(parsed.problems.join('; '));
        this.ruleSet = this.compiled(parsed.pack, (problems) => new Error(problems.join('; ')));
        this.source = { origin: 'api', file: null, text: stored.body, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy };
      } catch (err) {
        // Keep alerting with the file pack rather than not at all.
        this.log.error({ err: (err as Error).message }, 'the rule pack set through the API no longer loads; using the file pack');
      }
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.dueTimers.stop();
    for (const off of this.unsubscribe.splice(0)) off();
    await this.sweeping;
    await Promise.all([...this.queues.values()]);
  }

  /** Runs `task` for a device after everything already queued for it. */
  private enqueue<T>(deviceId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(deviceId) ?? Promise.resolve();
    const run = previous.then(task);
    const settled = run.then(() => undefined, () => undefined);
    this.queues.set(deviceId, settled);
    void settled.then(() => {
      if (this.queues.get(deviceId) === settled) this.queues.delete(deviceId);
    });
    return run;
  }

  private schedule(deviceId: string, why: string, before?: () => Promise<void>, handed?: DeviceRow): void {
    if (this.stopped) return;
    if (handed) this.handed.set(deviceId, handed);
    // Reports arriving faster than a device evaluates fold into the one
    // evaluation still waiting: it reads the latest status when it starts, so
    // a flood of reports costs one evaluation at a time, not one per report.
    if (!before && this.waiting.has(deviceId)) return;
    this.waiting.add(deviceId);
    this.enqueue(deviceId, async () => {
      await before?.();
      await this.slots.run(() => {
        // From here on a new report needs an evaluation of its own; until here it joined this one.
        this.waiting.delete(deviceId);
        const device = this.handed.get(deviceId);
        this.handed.delete(deviceId);
        return this.evaluateNow(deviceId, device);
      });
    }).catch((err: unknown) => this.log.error({ deviceId, why, err: (err as Error).message }, 'evaluating rules failed'));
  }

  /** Evaluates one device (after anything queued for it). */
  evaluateDevice(deviceId: string): Promise<void> {
    return this.enqueue(deviceId, () => this.slots.run(() => this.evaluateNow(deviceId)));
  }

  /** This node's share of the devices (every device outside a cluster). */
  private share(): DeviceShare | undefined {
    const leadership = this.options.leadership;
    return leadership && { leader: leadership.isLeader() };
  }

  /**
   * Evaluates those of these devices that are this node's share (and so
   * keeps their due times); the others are left to the node whose share they are.
   */
  async evaluateShare(deviceIds: readonly string[]): Promise<void> {
    const share = this.share();
    const mine = share ? await this.alerts.sharedOf(deviceIds, share) : deviceIds;
    await Promise.all(mine.map((id) => this.evaluateDevice(id).catch((err: unknown) => this.log.error({ deviceId: id, err: (err as Error).message }, 'evaluating rules failed'))));
  }

  /** Brings a device's due time forward to `at`, when it is this node's share. */
  private async dueNoLaterThan(deviceId: string, at: number): Promise<void> {
    const share = this.share();
    if (share && (await this.alerts.sharedOf([deviceId], share)).length === 0) return;
    const current = this.dueTimers.dueAt(deviceId);
    if (current === null || at < current) this.dueTimers.set(deviceId, at);
  }

  /**
   * Devices whose due time came. One that is no longer this node's share
   * (its agent connected to another node) is dropped: its holder keeps its own.
   */
  private async due(deviceIds: string[]): Promise<void> {
    const share = this.share();
    let mine: readonly string[] = deviceIds;
    try {
      if (share) mine = await this.alerts.sharedOf(deviceIds, share);
    } catch (err) {
      // Not known whose they are: look again at the next due slot rather than lose them.
      this.log.error({ devices: deviceIds.length, err: (err as Error).message }, 'could not check which due devices are this node\'s');
      const again = this.now() + this.settings.evaluateEverySeconds * 1000;
      for (const id of deviceIds) if (this.dueTimers.dueAt(id) === null) this.dueTimers.set(id, again);
      return;
    }
    for (const id of mine) this.schedule(id, 'due');
  }

  /**
   * Evaluates this node's share of the devices (at start, and when the rules
   * or tuned thresholds change); a sweep still running is not started twice.
   */
  evaluateAll(): Promise<void> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = this.sweep(this.share()).finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  private async sweep(share: DeviceShare | undefined): Promise<void> {
    let after = '';
    for (;;) {
      if (this.stopped) return;
      const ids = await this.alerts.deviceIdsAfter(after, SWEEP_PAGE, share);
      if (ids.length === 0) return;
      await Promise.all(ids.map((id) => this.evaluateDevice(id).catch((err: unknown) => this.log.error({ deviceId: id, err: (err as Error).message }, 'evaluating rules failed'))));
      after = ids[ids.length - 1]!;
      // Evaluations that change nothing never wait on I/O (SQLite answers at once): without this a
      // sweep over a large fleet would run as one long turn, holding back Hellos and acks until done.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async evaluateNow(deviceId: string, handed?: DeviceRow): Promise<void> {
    const device = handed ?? (await this.alerts.device(deviceId));
    if (!device) {
      this.dueTimers.set(deviceId, null);
      return;
    }
    const now = this.now();
    const drops = this.heldDrops;
    const kept = this.connectedHere.has(deviceId) ? this.held.get(deviceId) : undefined;
    const held = kept && now - kept.at < HELD_MS ? kept : undefined;
    const [previous, presence, seen] = await Promise.all([
      held ? held.alerts : this.alerts.currentForDevice(deviceId),
      held ? held.presence : this.alerts.presence(deviceId),
      held ? held.firstSeen : this.alerts.updatesFirstSeen(deviceId),
    ]);
    const firstSeen = trackFirstSeen(seen, device.snapshot?.patch ?? null, now, device.snapshot?.collectedAt);
    const connected = presence?.connected ?? false;
    const facts: DeviceFacts = {
      tenantId: device.tenantId,
      deviceId,
      hostname: device.snapshot?.inventory?.hostname ?? device.hostname,
      labels: { tenant: device.tenantId, site: device.site, tags: device.tags, os: device.snapshot?.inventory?.os ?? device.os, role: roleOf(device.snapshot) },
      snapshot: device.snapshot,
      agent: {
        connected,
        stopped: !connected && (presence?.graceful ?? false),
        offlineSince: connected ? null : (presence?.changedAt ?? device.lastSeenAt),
        lastSeenAt: device.lastSeenAt,
        lastGapAt: presence?.lastGapAt ?? null,
        lastGapDropped: presence?.lastGapDropped ?? null,
      },
      updateFirstSeen: firstSeen.firstSeen,
    };
    // A revoked device has nobody left to act on its alerts: every rule stops applying.
    const rules = device.revoked ? [] : this.ruleSet.forDevice(facts.labels);
    const result = evaluateDevice({ rules, facts, previous, now, flapping: this.ruleSet.flapping, newId: () => newId('alr') });
    await this.commit(result, { deviceId, added: firstSeen.added, removed: firstSeen.removed }, true);
    // Kept only once saved (a save that failed leaves the next evaluation to
    // read the store): the records as this evaluation left them, each key's
    // newest. A cancelled pending alert hands its key back to an earlier
    // episode this evaluation did not read: then the store is read again.
    if (this.connectedHere.has(deviceId) && result.cancelled.length === 0 && drops === this.heldDrops) {
      const current = new Map(previous.map((a) => [a.key, a]));
      for (const a of result.changed) current.set(a.key, a);
      this.hold(deviceId, { at: held?.at ?? now, alerts: [...current.values()], presence, firstSeen: firstSeen.firstSeen });
    } else {
      this.held.delete(deviceId);
    }
    this.dueTimers.set(deviceId, result.dueAt ?? null);
  }

  private hold(deviceId: string, facts: HeldFacts): void {
    this.held.delete(deviceId);
    this.held.set(deviceId, facts);
    if (this.held.size > HELD_DEVICES) this.held.delete(this.held.keys().next().value!);
  }

  private async commit(result: EvaluationResult, updatesSeen?: Parameters<AlertStore['save']>[1], fromEvaluation = false): Promise<void> {
    await this.alerts.save(result, updatesSeen);
    if (result.transitions.length === 0) return;
    const byId = new Map<string, AlertState>();
    for (const s of [...result.changed, ...result.cancelled]) byId.set(s.id, s);
    // Delivery on this node is synchronous: the flag covers exactly this evaluation's own events.
    this.publishingEvaluation = fromEvaluation;
    try {
      for (const transition of result.transitions) {
        const alert = byId.get(transition.alertId);
        if (!alert) continue;
        this.options.bus.publish('alert.changed', { alert, transition });
      }
    } finally {
      this.publishingEvaluation = false;
    }
  }

  // ── AlertService ───────────────────────────────────────────────────────

  list(filter: AlertFilter, scope: TenantScope, page: { limit: number; offset: number }) {
    return this.alerts.list(filter, scope, page);
  }

  async get(id: string, scope: TenantScope) {
    const alert = await this.alerts.get(id, scope);
    if (!alert) return null;
    return { alert, history: await this.alerts.history(id), manualResolve: this.manualResolveAllowed(alert.ruleId) };
  }

  manualResolveAllowed(ruleId: string): boolean {
    // An alert whose rule was removed can always be closed by hand.
    return this.ruleSet.byId.get(ruleId)?.manualResolve ?? true;
  }

  async act(id: string, scope: TenantScope, action: DistributiveOmit<AlertAction, 'manualResolveAllowed'>): Promise<AlertState> {
    const found = await this.alerts.get(id, scope);
    if (!found) throw new CollectorError('COL_ERR_NOT_FOUND', `alert ${id} not found`, { statusCode: 404 });
    return this.enqueue(found.deviceId, async () => {
      const current = (await this.alerts.get(id, scope))!;
      const full: AlertAction = action.kind === 'resolve' ? { ...action, manualResolveAllowed: this.manualResolveAllowed(current.ruleId) } : action;
      const outcome = applyAction(current, full, this.now(), this.ruleSet.flapping);
      if (!outcome.ok) {
        throw outcome.reason === 'forbidden'
          ? new CollectorError('COL_ERR_FORBIDDEN', outcome.message, { statusCode: 403 })
          : new CollectorError('COL_ERR_CONFLICT', outcome.message, { statusCode: 409 });
      }
      await this.commit({ changed: [outcome.state], cancelled: [], transitions: [outcome.transition] });
      return outcome.state;
    });
  }

  rules() {
    return { pack: this.ruleSet.pack, source: this.source };
  }

  /** A rule's parameters for a device group, with every override in force (collector.yaml's, the pack's, tuned ones). */
  ruleSettings(ruleId: string, labels: DeviceLabels) {
    return this.ruleSet.settingsFor(ruleId, labels);
  }

  /**
   * Replaces the tuned threshold overrides (applied after collector.yaml's)
   * and re-evaluates. A list that does not fit the pack is refused whole and
   * the previous one stays in force.
   */
  setTunedOverrides(overrides: Array<Record<string, unknown>>): { ok: true } | { ok: false; problems: string[] } {
    const previous = this.tunedOverrides;
    this.tunedOverrides = overrides;
    try {
      this.ruleSet = this.compiled(this.ruleSet.pack, (problems) => Object.assign(new Error('overrides'), { problems }));
    } catch (err) {
      this.tunedOverrides = previous;
      return { ok: false, problems: (err as { problems?: string[] }).problems ?? [(err as Error).message] };
    }
    void this.evaluateAll().catch(() => {});
    return { ok: true };
  }

  async replaceRules(body: unknown, by: string): Promise<RuleSetChange> {
    const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
    const parsed = typeof body === 'string' ? parseRulePack(body, 'body') : checkRulePack(body, 'body');
    if (!parsed.ok) return parsed;
    let next: CompiledRuleSet;
    try {
      next = this.compiled(parsed.pack, (problems) => Object.assign(new Error('overrides'), { problems }));
    } catch (err) {
      return { ok: false, problems: (err as { problems: string[] }).problems };
    }
    const at = this.now();
    await this.alerts.storeRuleSet(text, by, at);
    this.ruleSet = next;
    this.source = { origin: 'api', file: null, text, updatedAt: at, updatedBy: by };
    this.log.info({ by, rules: parsed.pack.rules.length }, 'rule pack replaced');
    // Alerts of removed or changed rules settle now rather than at the next tick.
    void this.evaluateAll().catch(() => {});
    return { ok: true };
  }
}

interface HeldFacts {
  /** When they were read from the store. */
  at: number;
  alerts: AlertState[];
  presence: PresenceRecord | null;
  firstSeen: ReadonlyMap<string, number>;
}

/** Devices whose facts are held (the most recently evaluated). */
const HELD_DEVICES = 5000;
/** How long held facts are used before they are read from the store again. */
const HELD_MS = 5 * 60_000;

/** At most `size` tasks at once; the others wait their turn in order. */
class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = size;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
