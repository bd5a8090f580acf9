// The routing stage: gives every alert an owner, a response time and an
// escalation path, from the tenant's ownership config, and hands the
// decision to notify. Subscribes to the rules stage's alert changes.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.js';
import type { AlertEmitter } from '../rules/alert-events.js';
import type { RoutingConfig } from './config.js';

export interface RoutingLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RoutingStageOptions {
  store: Store;
  alerts: AlertEmitter;
  config: RoutingConfig;
  log?: RoutingLogger;
  now?: () => number;
}

export interface RoutingStage {
  /** Adds the ownership, tuning and matrix routes to the authenticated /api/v1 scope. */
  registerRoutes(api: FastifyInstance): void;
  start(): Promise<void>;
  /** Safe to call twice. */
  stop(): Promise<void>;
}

export function createRoutingStage(_options: RoutingStageOptions): RoutingStage {
  return {
    registerRoutes() {},
    async start() {},
    async stop() {},
  };
}
