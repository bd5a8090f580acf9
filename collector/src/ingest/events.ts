import { EventEmitter } from 'node:events';
import type { Snapshot } from '@tandem/proto';
import type { GapRecord } from '../store/store.js';

/** What ingest hands to the next stages (rules, streams) after a durable commit. */
export interface IngestEvents {
  report: [{ deviceId: string; tenantId: string; seq: number; snapshot: Snapshot; latest: Snapshot }];
  gap: [{ deviceId: string; tenantId: string; seq: number; gap: GapRecord }];
  connected: [{ deviceId: string; tenantId: string }];
  disconnected: [{ deviceId: string; tenantId: string; graceful: boolean }];
}

export type IngestEmitter = EventEmitter<IngestEvents>;

export function createIngestEmitter(): IngestEmitter {
  return new EventEmitter<IngestEvents>();
}
