import { snapshotToReport, tandem } from '@tandem/proto';
import type { Snapshot } from '@tandem/proto';
import type { FileSpool, DroppedRange } from './file-spool.js';
import { RECORD_KIND } from './file-spool.js';

/**
 * Writes one snapshot to the spool as a Report record. When the spool's
 * bound forced older reports out, a Gap record follows, so the collector
 * learns how many were lost and when. Returns the report's seq and what was
 * dropped, if anything.
 */
export function spoolSnapshot(spool: FileSpool, snapshot: Snapshot, maxBytes: number): { seq: number; dropped: DroppedRange | null } {
  const payload = tandem.v1.Report.encode(snapshotToReport(snapshot)).finish();
  const seq = spool.append(RECORD_KIND.report, payload, Date.parse(snapshot.collectedAt));
  const dropped = spool.takeDropped();
  if (dropped) {
    const gap = tandem.v1.Gap.encode({
      droppedCount: dropped.count,
      firstDroppedAtMs: dropped.firstAtMs,
      lastDroppedAtMs: dropped.lastAtMs,
      firstDroppedSeq: dropped.firstSeq,
      lastDroppedSeq: dropped.lastSeq,
      reason: `spool bound of ${maxBytes} bytes reached`,
    }).finish();
    spool.append(RECORD_KIND.gap, gap, Date.now());
  }
  return { seq, dropped };
}
