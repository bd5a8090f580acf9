// The rules stage: turns stored snapshots into alerts. Ingest hands it every
// committed report; each device's due time drives its time-based rules.
import type { FastifyInstance } from 'fastify';
import { registerAlertRoutes } from '../api/alert-routes.js';
import { RulesEngine } from './rules-stage.js';
import type { RulesStageOptions } from './rules-stage.js';
import type { AlertEmitter } from './alert-events.js';
import type { RulePack } from './rule-pack.js';

export type { RulesStageOptions, RulesLogger, AlertService, RuleSource } from './rules-stage.js';
export { RulesEngine } from './rules-stage.js';
export { DueTimers } from './due-timers.js';
export type { AlertChange, AlertEmitter, AlertEvents } from './alert-events.js';
export type { AlertState, AlertStatus, AlertTransition } from './alert-state.js';
export { ALERT_STATES } from './alert-state.js';
export { evaluateDevice } from './evaluate.js';
export { CompiledRuleSet } from './compile-rules.js';
export { parseRulePack, loadRulePackFile, DEFAULT_RULES_FILE } from './load-rules.js';
export { CATEGORIES, SEVERITIES } from './rule-pack.js';
export type { Category, Severity, RulePack } from './rule-pack.js';

export interface RulesStage {
  /** Every stored alert change, for routing and live streams. */
  events: AlertEmitter;
  /** Adds the alert routes to the authenticated /api/v1 scope. */
  registerRoutes(api: FastifyInstance): void;
  start(): Promise<void>;
  /** Safe to call twice. */
  stop(): Promise<void>;
  /** Evaluates every device now (as at start). */
  evaluateAll(): Promise<void>;
  /** Evaluates one device now (after anything queued for it), e.g. when it was revoked. */
  evaluateDevice(deviceId: string): Promise<void>;
  /** The due-time schedule of time-based rules; stopped, it fires nothing and keeps what is scheduled. */
  dueTimers: { start(): void; stop(): void; dueAt(deviceId: string): number | null };
  /** Threshold overrides tuned per tenant and device group (from routing's tuning). */
  setTunedOverrides(overrides: Array<Record<string, unknown>>): { ok: true } | { ok: false; problems: string[] };
  /** The rule pack in force (rules.file, or the one replaced through the API). */
  rulePack(): RulePack;
}

export function createRulesStage(options: RulesStageOptions): RulesStage {
  const engine = new RulesEngine(options);
  return {
    events: engine.events,
    registerRoutes(api) {
      registerAlertRoutes(api, engine);
    },
    start: () => engine.start(),
    stop: () => engine.stop(),
    evaluateAll: () => engine.evaluateAll(),
    evaluateDevice: (deviceId) => engine.evaluateDevice(deviceId),
    dueTimers: engine.dueTimers,
    setTunedOverrides: (overrides) => engine.setTunedOverrides(overrides),
    rulePack: () => engine.rules().pack,
  };
}
