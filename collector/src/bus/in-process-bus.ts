// The bus of a single node: events go to this process's subscribers only.
import { randomBytes } from 'node:crypto';
import type { Bus, BusLogger } from './bus.js';
import { LocalDelivery } from './local-delivery.js';

const consoleLog: BusLogger = { warn: () => {}, error: (obj, msg) => console.error(`bus: ${msg}`, obj) };

export function nodeId(): string {
  return `node-${randomBytes(6).toString('hex')}`;
}

export function createInProcessBus(options: { node?: string; log?: BusLogger } = {}): Bus {
  const node = options.node ?? nodeId();
  const local = new LocalDelivery(options.log ?? consoleLog);
  const origin = { node, local: true };
  return {
    node,
    publish: (type, event) => local.deliver(type, event, origin),
    subscribe: (type, handler, opts) => local.subscribe(type, handler, opts),
    start: async () => {},
    flush: async () => {},
    stop: async () => {},
  };
}
