// The routing stage: gives every alert an owner, a response time and an
// escalation path, from the tenant's ownership config, and hands the
// decision to notify. Subscribes to the rules stage's alert changes on the bus.
import { registerTemplateRoutes } from '../api/template-routes.js';
import { registerCalendarRoutes } from '../api/calendar-routes.js';
import { CalendarImports } from '../calendars/calendar-imports.js';
import { ALL_TENANTS } from '../store/store.js';
import type { FastifyInstance } from 'fastify';
import { registerRoutingRoutes } from '../api/routing-routes.js';
import { routingSettings } from './config.js';
import type { OwnershipConfig } from './ownership-config.js';
import { RoutingEngine } from './routing-stage.js';
import type { RoutingEngineOptions } from './routing-stage.js';
import { createMaintenance } from '../maintenance/index.js';
import type { Maintenance } from '../maintenance/index.js';

export type { RoutingLogger, Actor, OwnershipView, RoutingEngineOptions } from './routing-stage.js';
export { RoutingEngine, thresholdOverride } from './routing-stage.js';
export { routingConfigSchema, routingSettings } from './config.js';
export type { RoutingConfig, RoutingSettings } from './config.js';
export { decideRoute, decideEscalation } from './decide-route.js';
export type { RouteDecision, EscalationPlan, ChannelRef } from './decide-route.js';
export { parseOwnership, checkOwnership, loadOwnershipFile } from './load-ownership.js';
export type { OwnershipConfig, Owner, Team } from './ownership-config.js';
export type { RouteSubject } from './match-line.js';

export type RoutingStageOptions = Omit<RoutingEngineOptions, 'calendars'>;

export interface RoutingStage {
  /** The engine behind the API, for other stages and tests. */
  engine: RoutingEngine;
  /** Imported calendars (tests refresh them on demand). */
  calendars: CalendarImports;
  /** Maintenance windows, inhibition and the notification record. */
  maintenance: Maintenance;
  /** Adds the ownership, tuning and matrix routes to the authenticated /api/v1 scope. */
  registerRoutes(api: FastifyInstance): void;
  start(): Promise<void>;
  /** Safe to call twice. */
  stop(): Promise<void>;
}

export function createRoutingStage(options: RoutingStageOptions): RoutingStage {
  // Imported calendars feed each tenant's config; they reach the engine through these closures.
  const calendars: CalendarImports = new CalendarImports({
    db: options.store.db, settings: routingSettings(options.config).calendars, log: options.log, now: options.now,
    tenants: async () => (await options.store.listTenants(ALL_TENANTS)).map((t) => t.id),
    configOf: async (tenantId): Promise<OwnershipConfig> => (await engine.tenantConfig(tenantId)).config,
    changed: (tenantId) => engine.forgetConfig(tenantId),
  });
  // Maintenance and inhibition reach the engine through these closures, as calendars do.
  const maintenance: Maintenance = createMaintenance({
    store: options.store, bus: options.bus, isLeader: () => options.leadership?.isLeader() ?? true, now: options.now, log: options.log, engine: () => engine,
    declaredInhibits: (ruleId) => options.rulePack?.().rules.find((r) => r.id === ruleId)?.inhibits ?? [],
    settings: options.config.maintenance,
  });
  const engine: RoutingEngine = new RoutingEngine({ ...options, calendars, gate: maintenance.gate });
  let started = false;
  let stopped = false;
  return {
    engine,
    calendars,
    maintenance,
    registerRoutes(api) {
      maintenance.registerRoutes(api);
      registerRoutingRoutes(api, engine);
      registerTemplateRoutes(api, { engine, publicUrl: options.publicUrl ?? null });
      registerCalendarRoutes(api, { engine, calendars });
    },
    async start() {
      if (started || stopped) return;
      started = true;
      await calendars.load();
      engine.start();
      maintenance.start();
      calendars.start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await maintenance.stop();
      await calendars.stop();
      await engine.stop();
    },
  };
}
