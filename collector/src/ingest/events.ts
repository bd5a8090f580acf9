// What ingest hands to the next stages after a durable commit, published on
// the bus (see bus/events.ts for the events and who receives them).
import type { Bus, BusEvents } from '../bus/index.js';

/** Ingest's names for the bus events it publishes. */
const INGEST_EVENTS = {
  report: 'report.committed',
  gap: 'report.gap',
  connected: 'agent.connected',
  disconnected: 'agent.disconnected',
  rejected: 'frame.rejected',
  duplicate: 'frame.duplicate',
  adjusted: 'report.adjusted',
  late: 'report.late',
} as const;

type IngestName = keyof typeof INGEST_EVENTS;

export type IngestEvents = { [K in IngestName]: [BusEvents[(typeof INGEST_EVENTS)[K]]] };

/** How an agent session publishes what it stored or refused. */
export interface IngestEmitter {
  emit<K extends IngestName>(event: K, ...args: IngestEvents[K]): void;
}

export function ingestPublisher(bus: Bus): IngestEmitter {
  return {
    emit(event, payload) {
      bus.publish(INGEST_EVENTS[event], payload as never);
    },
  };
}
