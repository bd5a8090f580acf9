import { EventEmitter } from 'node:events';
import type { Snapshot } from '@tandem/proto';
import type { CommittedDevice, GapRecord } from '../store/store.js';

/** What ingest hands to the next stages (rules, streams) after a durable commit. */
export interface IngestEvents {
  /** `latest` is the device's merged latest status and `device` its row, both as committed with this report. */
  report: [{ deviceId: string; tenantId: string; seq: number; snapshot: Snapshot; latest: Snapshot; device: CommittedDevice }];
  gap: [{ deviceId: string; tenantId: string; seq: number; gap: GapRecord }];
  connected: [{ deviceId: string; tenantId: string }];
  disconnected: [{ deviceId: string; tenantId: string; graceful: boolean }];
  /** A frame refused with a protocol error (the connection is closed). */
  rejected: [{ deviceId: string; code: string }];
  /** A data frame that was already stored (a resend after a lost ack). */
  duplicate: [{ deviceId: string; seq: number }];
  /** A report stored with values the plausibility layer changed (see plausibility.ts). */
  adjusted: [{ deviceId: string; seq: number; adjustments: Array<{ path: string; problem: string }> }];
  /** A data frame stored below the device's highest seq (it arrived after a newer one). */
  late: [{ deviceId: string; seq: number; lastSeq: number }];
}

export type IngestEmitter = EventEmitter<IngestEvents>;

export function createIngestEmitter(): IngestEmitter {
  return new EventEmitter<IngestEvents>();
}
