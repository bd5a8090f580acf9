// Benchmark: the spool's durable append (write + fdatasync per record) and
// acknowledged clean-up, with report-sized records.
// Usage: node agent/scripts/bench-spool.mjs [records]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSpool, RECORD_KIND } from '../dist/index.js';

const n = Number(process.argv[2] ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'tandem-spool-bench-'));
const payload = Buffer.alloc(2048, 7);
const spool = FileSpool.open({ dir, maxBytes: 64 * 1024 * 1024 });
let t = process.hrtime.bigint();
for (let i = 0; i < n; i++) spool.append(RECORD_KIND.report, payload, Date.now());
const appendMs = Number(process.hrtime.bigint() - t) / 1e6;
t = process.hrtime.bigint();
let read = 0;
for (let seq = 0, r; (r = spool.nextAfter(seq)); seq = r.seq) read++;
const readMs = Number(process.hrtime.bigint() - t) / 1e6;
t = process.hrtime.bigint();
for (let seq = 64; seq <= n; seq += 64) spool.ack(seq);
spool.ack(n);
const ackMs = Number(process.hrtime.bigint() - t) / 1e6;
spool.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({
  records: n, recordBytes: payload.length + 25,
  appendPerSecond: Math.round(n / (appendMs / 1000)), appendMsEach: +(appendMs / n).toFixed(3),
  readAllMs: +readMs.toFixed(1), records_read: read, ackInBatchesOf64Ms: +ackMs.toFixed(1),
}, null, 2));
