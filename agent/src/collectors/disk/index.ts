import si from 'systeminformation';
import { emptyDisk, emptyVolume, unknownTopic } from '@tandem/proto';
import type { DiskStatus, Volume } from '@tandem/proto';
import type { Collector, CollectContext } from '../collector.js';
import { isNotFound } from '../../exec/run-command.js';
import { isRealVolume } from './real-volumes.js';
import { parseDfInodes } from './parse-df-inodes.js';
import { parseSmartctlHealth, parseSmartctlScan, wholeDisk } from './parse-smartctl.js';
import type { SmartHealth } from './parse-smartctl.js';

export interface FsRow {
  fs: string;
  type: string;
  mount: string;
  size: number;
  used: number;
  available: number;
  use: number;
}

/** Turns systeminformation's fsSize rows into the snapshot's volumes. Pure. */
export function volumesFrom(rows: FsRow[], platform: CollectContext['platform']): Volume[] {
  const seen = new Set<string>();
  const volumes: Volume[] = [];
  for (const row of rows) {
    if (!isRealVolume(row.type, row.mount, platform) || seen.has(row.mount)) continue;
    seen.add(row.mount);
    const size = finite(row.size);
    const used = finite(row.used);
    const free = finite(row.available);
    volumes.push({
      ...emptyVolume(row.mount),
      fsType: row.type || null,
      device: row.fs || null,
      sizeBytes: size,
      usedBytes: used,
      freeBytes: free,
      // df's definition (used / (used + available)): what admins see, and what fills up.
      usedPercent: finite(row.use) ?? (used !== null && free !== null && used + free > 0 ? round2((used / (used + free)) * 100) : null),
    });
  }
  return volumes.sort((a, b) => a.mount.localeCompare(b.mount));
}

function finite(n: number | null | undefined): number | null {
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

async function addInodes(ctx: CollectContext, volumes: Volume[]): Promise<void> {
  const outcome = await ctx.run('df', ['-iP']);
  if (isNotFound(outcome) || outcome.exitCode === null) return;
  // df exits 1 when one mount is unreadable but still prints the rest.
  const byMount = new Map(parseDfInodes(outcome.stdout).map((r) => [r.mount, r]));
  for (const v of volumes) {
    const row = byMount.get(v.mount);
    if (!row) continue;
    v.inodesTotal = row.total;
    v.inodesUsed = row.used;
    v.inodesUsedPercent = row.usedPercent;
  }
}

/**
 * SMART health per volume where smartmontools is installed and may read the
 * drives (root). Volumes on devices it cannot address (virtual disks, RAID,
 * network filesystems) keep `smartHealth: null`.
 */
async function addSmartHealth(ctx: CollectContext, volumes: Volume[]): Promise<void> {
  const scan = await ctx.run('smartctl', ['--scan', '-j']);
  if (isNotFound(scan) || scan.exitCode === null) return;
  const devices = new Set(parseSmartctlScan(scan.stdout));
  // smartctl addresses an NVMe drive by its controller (/dev/nvme0), partitions name the namespace (/dev/nvme0n1).
  const addressOf = (disk: string): string | null => (devices.has(disk) ? disk : devices.has(disk.replace(/n\d+$/, '')) ? disk.replace(/n\d+$/, '') : null);
  const wanted = new Set(volumes.map((v) => (v.device ? wholeDisk(v.device) : null)).filter((d): d is string => d !== null && addressOf(d) !== null));
  const health = new Map<string, SmartHealth>();
  await Promise.all([...wanted].map(async (disk) => {
    const out = await ctx.run('smartctl', ['-H', '-j', addressOf(disk)!]);
    health.set(disk, isNotFound(out) ? 'unknown' : parseSmartctlHealth(out.stdout, out.exitCode));
  }));
  for (const v of volumes) {
    const disk = v.device ? wholeDisk(v.device) : null;
    if (disk && health.has(disk)) v.smartHealth = health.get(disk)!;
  }
}

export const diskCollector: Collector<'disk'> = {
  topic: 'disk',
  async collect(ctx): Promise<DiskStatus> {
    let rows: FsRow[];
    try {
      rows = (await si.fsSize()) as FsRow[];
    } catch (err) {
      return { ...emptyDisk(), ...unknownTopic(`could not list volumes: ${(err as Error).message}`) };
    }
    const volumes = volumesFrom(rows, ctx.platform);
    if (volumes.length === 0) {
      return { ...emptyDisk(), ...unknownTopic('no real volumes found (only pseudo filesystems were listed)') };
    }
    if (ctx.platform === 'linux') await Promise.all([addInodes(ctx, volumes), addSmartHealth(ctx, volumes)]);
    return { ...emptyDisk(), volumes };
  },
};
