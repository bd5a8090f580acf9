import { snapshotToReport, tandem } from '@tandem/proto';
import type { Snapshot } from '@tandem/proto';
import type { FileSpool, DroppedRange } from './file-spool.js';
import { RECORD_KIND } from './file-spool.js';

/**
 * Writes one snapshot to the spool as a Report record. Returns its seq and,
 * when the spool's bound forced older reports out (a gap record then follows
 * in the spool), what was dropped.
 */
export function spoolSnapshot(spool: FileSpool, snapshot: Snapshot): { seq: number; dropped: DroppedRange | null } {
  const payload = tandem.v1.Report.encode(snapshotToReport(snapshot)).finish();
  const seq = spool.append(RECORD_KIND.report, payload, Date.parse(snapshot.collectedAt));
  return { seq, dropped: spool.takeDropped() };
}
