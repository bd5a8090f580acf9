// The reports the load generator sends: a snapshot recorded on a Debian
// server with `tandem-agent collect --once --json` (131 pending updates, 19 KB
// as JSON), encoded once as a real tandem.v1 Report. Frames are then the
// protobuf encoding of {seq, report} built from those bytes, byte for byte
// what encodeFrame gives, so sending thousands a second costs the generator
// almost nothing.
import { readFileSync } from 'node:fs';
import { tandem, snapshotToReport } from '@tandem/proto';

const FIXTURE = new URL('../fixtures/snapshot-debian-server.json', import.meta.url);
const recorded = JSON.parse(readFileSync(FIXTURE, 'utf8'));

/** The recorded snapshot, collected now. */
export function recordedSnapshot(deviceId = 'bench') {
  return { ...structuredClone(recorded), deviceId, collectedAt: new Date().toISOString() };
}

/** The recorded snapshot with one newly failed backup job named `job` (fires backup-failed at once). */
export function failedBackupSnapshot(job) {
  const s = recordedSnapshot();
  const now = Date.now();
  s.backup = {
    state: 'ok', reason: null,
    jobs: [{ provider: 'restic', name: job, lastSuccessAt: new Date(now - 86_400_000).toISOString(), lastAttemptAt: new Date(now).toISOString(), lastResult: 'failed', detail: 'repository locked' }],
  };
  return s;
}

export function reportBytes(snapshot) {
  return tandem.v1.Report.encode(snapshotToReport(snapshot)).finish();
}

function varint(n) {
  const out = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

// Frame.seq is field 1 (varint), Frame.report field 12 (length-delimited).
const SEQ_TAG = 0x08;
const REPORT_TAG = (12 << 3) | 2;

/** The wire bytes of Frame{seq, report} for already encoded Report bytes. */
export function reportFrame(seq, report) {
  const head = Buffer.from([SEQ_TAG, ...varint(seq), REPORT_TAG, ...varint(report.length)]);
  return Buffer.concat([head, report]);
}
