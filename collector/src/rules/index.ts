// The rules stage: turns stored snapshots into alerts. Ingest hands it every
// committed report over the bus; each device's due time drives its
// time-based rules (in a cluster, on the node whose share the device is);
// tuned thresholds reach it through TunedThresholds.
import type { FastifyInstance } from 'fastify';
import { registerAlertRoutes } from '../api/alert-routes.js';
import { RulesEngine } from './rules-stage.js';
import type { AlertService, RulesStageOptions } from './rules-stage.js';
import type { RulePack } from './rule-pack.js';
import type { DeviceLabels } from './facts.js';
import type { ResolvedRule } from './compile-rules.js';
import type { TunedThresholds } from './tuned-thresholds.js';

export type { RulesStageOptions, RulesLogger, AlertService, RuleSource } from './rules-stage.js';
export { RulesEngine } from './rules-stage.js';
export { DueTimers } from './due-timers.js';
export type { AlertChange } from './alert-events.js';
export type { TunedThresholds } from './tuned-thresholds.js';
export type { AlertState, AlertStatus, AlertTransition } from './alert-state.js';
export { ALERT_STATES } from './alert-state.js';
export { evaluateDevice } from './evaluate.js';
export { CompiledRuleSet } from './compile-rules.js';
export { parseRulePack, loadRulePackFile, DEFAULT_RULES_FILE } from './load-rules.js';
export { CATEGORIES, SEVERITIES } from './rule-pack.js';
export type { Category, Severity, RulePack } from './rule-pack.js';

export interface RulesStage {
  /** Adds the alert routes to the authenticated /api/v1 scope. */
  registerRoutes(api: FastifyInstance): void;
  start(): Promise<void>;
  /** Safe to call twice. */
  stop(): Promise<void>;
  /** Evaluates this node's share of the devices now (as at start; every device outside a cluster). */
  evaluateAll(): Promise<void>;
  /** Evaluates one device now (after anything queued for it). */
  evaluateDevice(deviceId: string): Promise<void>;
  /** Evaluates those of these devices that are this node's share, e.g. one just revoked, or a lost node's. */
  evaluateShare(deviceIds: readonly string[]): Promise<void>;
  /** The due-time schedule of time-based rules; stopped, it fires nothing and keeps what is scheduled. */
  dueTimers: { start(): void; stop(): void; dueAt(deviceId: string): number | null };
  /** Threshold overrides tuned per tenant and device group (from routing's tuning). */
  setTunedOverrides(overrides: Array<Record<string, unknown>>): { ok: true } | { ok: false; problems: string[] };
  /** The rule pack in force (rules.file, or the one replaced through the API). */
  rulePack(): RulePack;
  /** A rule's parameters for a device group, after every override; null when the pack has no such rule. */
  ruleSettings(ruleId: string, labels: DeviceLabels): ResolvedRule | null;
}

export interface RulesStageWiring {
  /** Tuned thresholds, applied at start and whenever they change. */
  thresholds?: TunedThresholds;
  log?: { error(obj: object, msg: string): void };
}

export function createRulesStage(options: RulesStageOptions & RulesStageWiring): RulesStage {
  const engine = new RulesEngine(options);
  const { bus, thresholds } = options;
  const log = options.log ?? { error: (obj: object, msg: string) => console.error(`rules: ${msg}`, obj) };
  const unsubscribe: Array<() => void> = [];
  const applyThresholds = async () => {
    if (!thresholds) return;
    const applied = engine.setTunedOverrides(await thresholds.current());
    if (!applied.ok) log.error({ problems: applied.problems }, 'tuned thresholds do not fit the rule pack; keeping the previous ones');
  };
  // A rule pack replaced through the API on any node is stored first, then announced; other nodes read it then.
  const service: AlertService = {
    list: (filter, scope, page) => engine.list(filter, scope, page),
    get: (id, scope) => engine.get(id, scope),
    act: (id, scope, action) => engine.act(id, scope, action),
    rules: () => engine.rules(),
    manualResolveAllowed: (ruleId) => engine.manualResolveAllowed(ruleId),
    async replaceRules(body, by) {
      const changed = await engine.replaceRules(body, by);
      if (changed.ok) bus.publish('config.changed', { kind: 'rules' });
      return changed;
    },
  };
  return {
    registerRoutes(api) {
      registerAlertRoutes(api, service);
    },
    async start() {
      await engine.start();
      await applyThresholds();
      if (thresholds) unsubscribe.push(thresholds.onChange(() => void applyThresholds().catch((err: unknown) => log.error({ err: (err as Error).message }, 'could not reload tuned thresholds'))));
      unsubscribe.push(bus.subscribe('config.changed', (e, origin) => {
        if (e.kind !== 'rules' || origin.local) return;
        void engine.reloadStoredRules().then(() => void engine.evaluateAll().catch(() => {}), (err: unknown) => log.error({ err: (err as Error).message }, 'could not reload the rule pack'));
      }));
    },
    async stop() {
      for (const off of unsubscribe.splice(0)) off();
      await engine.stop();
    },
    evaluateAll: () => engine.evaluateAll(),
    evaluateDevice: (deviceId) => engine.evaluateDevice(deviceId),
    evaluateShare: (deviceIds) => engine.evaluateShare(deviceIds),
    dueTimers: engine.dueTimers,
    setTunedOverrides: (overrides) => engine.setTunedOverrides(overrides),
    rulePack: () => engine.rules().pack,
    ruleSettings: (ruleId, labels) => engine.ruleSettings(ruleId, labels),
  };
}
