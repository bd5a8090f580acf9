// Parses `df -iP` (POSIX output) into inode use per mount. Filesystems that
// have no fixed inode table (btrfs, zfs, vfat) print 0 or "-": those are
// left out rather than reported as 0 % used.

export interface InodeUse {
  mount: string;
  total: number;
  used: number;
  usedPercent: number;
}

export function parseDfInodes(text: string): InodeUse[] {
  const rows: InodeUse[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (const line of lines.slice(1)) {
    // Filesystem Inodes IUsed IFree IUse% Mounted-on; the mount may contain spaces.
    const m = /^(\S+)\s+(\d+|-)\s+(\d+|-)\s+(\d+|-)\s+(\d+%|-)\s+(.+)$/.exec(line.trim());
    if (!m) continue;
    const total = Number(m[2]);
    const used = Number(m[3]);
    if (!Number.isFinite(total) || !Number.isFinite(used) || total <= 0) continue;
    rows.push({ mount: m[6]!, total, used, usedPercent: Math.round((used / total) * 10000) / 100 });
  }
  return rows;
}
