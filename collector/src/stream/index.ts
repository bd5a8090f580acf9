// Live alert streams for the NOC board and internal IT: the open alerts on
// connect, then every change, filtered and scoped to what the caller's role
// may see. Slow clients are dropped, never buffered without bound.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.js';
import type { RulesStage } from '../rules/index.js';
import type { RoutingStage } from '../routing/index.js';

export interface AlertStreamOptions {
  store: Store;
  rules: RulesStage;
  routing: RoutingStage;
}

export interface AlertStream {
  /** Adds the stream endpoint to the authenticated /api/v1 scope. */
  registerRoutes(api: FastifyInstance): void;
  /** Closes every stream. Safe to call twice. */
  stop(): Promise<void>;
}

export function createAlertStream(_options: AlertStreamOptions): AlertStream {
  return {
    registerRoutes() {},
    async stop() {},
  };
}
