// Appends reports to an agent's spool as fast as it can and prints each seq
// once append() has returned (durable). The fault test kills it with SIGKILL
// mid-stream and then checks the spool.
import { join } from 'node:path';
import { FileSpool, spoolSnapshot } from '../../../agent/dist/index.js';

const [dataDir, deviceId, countArg, maxBytesArg, startMsArg] = process.argv.slice(2);
const count = Number(countArg ?? 1e9);
const maxBytes = Number(maxBytesArg ?? 64 * 1024 * 1024);
const startMs = Number(startMsArg ?? Date.now());
const spool = FileSpool.open({ dir: join(dataDir, 'spool'), maxBytes });
const volumes = Array.from({ length: 4 }, (_, i) => ({
  mount: `/data${i}`, fsType: 'ext4', sizeBytes: 1e12, usedBytes: 4e11, freeBytes: 6e11, usedPercent: 40 + i,
  inodesTotal: null, inodesUsed: null, inodesUsedPercent: null, device: `/dev/sd${'abcd'[i]}1`, smartHealth: null,
}));
for (let i = 0; i < count; i++) {
  const snapshot = {
    deviceId, collectedAt: new Date(startMs + i * 60_000).toISOString(), agentVersion: 'spool-writer',
    inventory: null, patch: null, backup: null, security: null,
    disk: { state: 'ok', reason: null, volumes },
  };
  const { seq } = spoolSnapshot(spool, snapshot);
  process.stdout.write(`${seq}\n`);
}
spool.close();
