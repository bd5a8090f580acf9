// The rules stage: turns stored snapshots into alerts. Ingest hands it every
// committed report; a timer drives the time-based rules.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.js';
import type { IngestEmitter } from '../ingest/events.js';
import type { RulesConfig } from './config.js';

export interface RulesStageOptions {
  store: Store;
  events: IngestEmitter;
  config: RulesConfig;
  now?: () => number;
}

export interface RulesStage {
  /** Adds the alert routes to the authenticated /api/v1 scope. */
  registerRoutes(api: FastifyInstance): void;
  start(): Promise<void>;
  /** Safe to call twice. */
  stop(): Promise<void>;
}

export function createRulesStage(_options: RulesStageOptions): RulesStage {
  return {
    registerRoutes() {},
    async start() {},
    async stop() {},
  };
}
