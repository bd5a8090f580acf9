// The event bus: how the collector's stages hand each other typed events,
// on one node (in-process) or across nodes (PostgreSQL LISTEN/NOTIFY).
export type { Bus, BusHandler, BusLogger, EventOrigin, SubscribeOptions } from './bus.js';
export type { BusEvents, BusEventType, ReportCommitted, AlertRouted, ConfigChanged } from './events.js';
export { CLUSTER_EVENTS } from './events.js';
export { createInProcessBus, nodeId } from './in-process-bus.js';
export { createPostgresBus } from './postgres-bus.js';
export type { PostgresBus, PostgresBusOptions } from './postgres-bus.js';
