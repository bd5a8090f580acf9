// The routing stage: gives every alert an owner, a response time and an
// escalation path, from the tenant's ownership config, and hands the
// decision to notify. Subscribes to the rules stage's alert changes on the bus.
import type { FastifyInstance } from 'fastify';
import { registerRoutingRoutes } from '../api/routing-routes.js';
import { RoutingEngine } from './routing-stage.js';
import type { RoutingEngineOptions } from './routing-stage.js';

export type { RoutingLogger, Actor, OwnershipView, RoutingEngineOptions } from './routing-stage.js';
export { RoutingEngine, thresholdOverride } from './routing-stage.js';
export { routingConfigSchema, routingSettings } from './config.js';
export type { RoutingConfig, RoutingSettings } from './config.js';
export { decideRoute, decideEscalation } from './decide-route.js';
export type { RouteDecision, EscalationPlan, ChannelRef } from './decide-route.js';
export { parseOwnership, checkOwnership, loadOwnershipFile } from './load-ownership.js';
export type { OwnershipConfig, Owner, Team } from './ownership-config.js';
export type { RouteSubject } from './match-line.js';

export type RoutingStageOptions = RoutingEngineOptions;

export interface RoutingStage {
  /** The engine behind the API, for other stages and tests. */
  engine: RoutingEngine;
  /** Adds the ownership, tuning and matrix routes to the authenticated /api/v1 scope. */
  registerRoutes(api: FastifyInstance): void;
  start(): Promise<void>;
  /** Safe to call twice. */
  stop(): Promise<void>;
}

export function createRoutingStage(options: RoutingStageOptions): RoutingStage {
  const engine = new RoutingEngine(options);
  let started = false;
  let stopped = false;
  return {
    engine,
    registerRoutes(api) {
      registerRoutingRoutes(api, engine);
    },
    async start() {
      if (started || stopped) return;
      started = true;
      engine.start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await engine.stop();
    },
  };
}
