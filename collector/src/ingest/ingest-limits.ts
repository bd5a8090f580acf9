// The bounds that hold for every agent connection whatever the client does.
// Declared here once; config.ts reads them under `limits:` and
// collector/README.md documents them.
import { z } from 'zod';

export const INGEST_LIMIT_DEFAULTS = {
  maxQueuedPerTenant: 512,
  ingestConcurrency: 4,
  maxSendBufferBytes: 1024 * 1024,
} as const;

export const ingestLimits = {
  /** Frames received on one connection and not yet acknowledged before it is closed (4429); default 2 × maxInFlight. */
  maxQueuedFrames: z.number().int().min(2).max(65_536).optional(),
  /** Bytes of frames received on one connection and not yet acknowledged before it is closed (4429); default 16 MiB or 4 × maxFrameBytes. */
  maxQueuedBytes: z.number().int().min(64 * 1024).max(1024 * 1024 * 1024).optional(),
  /** Frames queued across one tenant's connections at which they stop being read until half have drained. */
  maxQueuedPerTenant: z.number().int().min(1).max(1_000_000).default(INGEST_LIMIT_DEFAULTS.maxQueuedPerTenant),
  /** Store tasks (a Hello, a frame being checked and handed to the group commit) running at once across all connections. */
  ingestConcurrency: z.number().int().min(1).max(256).default(INGEST_LIMIT_DEFAULTS.ingestConcurrency),
  /** Bytes the collector buffers for a client that does not read its acks before closing it (4429). */
  maxSendBufferBytes: z.number().int().min(16 * 1024).max(256 * 1024 * 1024).default(INGEST_LIMIT_DEFAULTS.maxSendBufferBytes),
};

/**
 * A well-behaved agent sends at most maxInFlight frames ahead of their acks
 * and the connection stops being read at half the byte bound, so the hard
 * bounds must leave room above that, or they would close agents that follow
 * the protocol.
 */
export function checkIngestLimits(
  l: { maxFrameBytes: number; maxInFlight: number; maxQueuedFrames?: number | undefined; maxQueuedBytes?: number | undefined },
  ctx: z.RefinementCtx,
): void {
  if (l.maxQueuedFrames !== undefined && l.maxQueuedFrames <= l.maxInFlight) {
    ctx.addIssue({ code: 'custom', path: ['maxQueuedFrames'], message: `must be greater than maxInFlight (${l.maxInFlight})` });
  }
  if (l.maxQueuedBytes !== undefined && l.maxQueuedBytes < 4 * l.maxFrameBytes) {
    ctx.addIssue({ code: 'custom', path: ['maxQueuedBytes'], message: `must be at least 4 × maxFrameBytes (${4 * l.maxFrameBytes})` });
  }
}

/** The per-connection hard bounds in force (configured, or derived from maxInFlight and maxFrameBytes). */
export function connectionBounds(l: { maxFrameBytes: number; maxInFlight: number; maxQueuedFrames?: number | undefined; maxQueuedBytes?: number | undefined }): { maxQueuedFrames: number; maxQueuedBytes: number } {
  return {
    maxQueuedFrames: l.maxQueuedFrames ?? 2 * l.maxInFlight,
    maxQueuedBytes: l.maxQueuedBytes ?? Math.max(16 * 1024 * 1024, 4 * l.maxFrameBytes),
  };
}
