// Pure readers of lsblk: which mounted volumes sit on dm-crypt/LUKS. A volume
// is encrypted when a `crypt` device or a `crypto_LUKS` filesystem is in its
// ancestry (LVM on LUKS, LUKS on LVM, LUKS on RAID all nest that way).
import type { Encryption } from '@tandem/proto';
import type { ToolOutput } from '../../parse/parse-source.js';
import { toolFailure } from './parse-linux-firewall.js';

export interface BlockDevice {
  name: string;
  type: string | null;
  fsType: string | null;
  mounts: string[];
  children: BlockDevice[];
}

export interface EncryptionReading {
  encryption: Encryption[];
  /** Set when lsblk gave no usable answer. */
  reason: string | null;
}

// Mounts that are not reported: swap and the boot partitions must stay
// readable by firmware and boot loader on nearly every LUKS install, and
// flagging them would turn every encrypted host red. Loop devices are snap
// and ISO images (read-only, not user data).
const SKIPPED_MOUNTS = new Set(['/boot', '/boot/efi', '/efi', '[SWAP]']);
const SKIPPED_TYPES = new Set(['loop', 'rom']);

function isReported(device: BlockDevice, mount: string): boolean {
  if (!mount || SKIPPED_MOUNTS.has(mount) || mount.startsWith('/snap/')) return false;
  if (device.fsType === 'swap' || (device.type !== null && SKIPPED_TYPES.has(device.type))) return false;
  return true;
}

/** lsblk escapes unusual characters in mount points as `\xHH`. */
function unescapeLsblk(value: string): string {
  return value.replace(/\\x([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Walks the device tree and reports each mounted volume once. When lsblk
 * printed no mount points at all (the `-o NAME,TYPE,FSTYPE` form), every
 * filesystem leaf is reported under its device name instead.
 */
export function encryptionFromDevices(roots: BlockDevice[], withMounts: boolean): Encryption[] {
  const byMount = new Map<string, Encryption>();
  const visit = (device: BlockDevice, encrypted: boolean, luks: boolean): void => {
    const isCrypt = device.type === 'crypt';
    const isLuks = device.fsType === 'crypto_LUKS';
    const nowEncrypted = encrypted || isCrypt || isLuks;
    const nowLuks = luks || isLuks;
    const targets = withMounts ? device.mounts : filesystemLeaf(device) ? [device.name] : [];
    for (const mount of targets) {
      if (!isReported(device, mount)) continue;
      const entry: Encryption = { mount, state: nowEncrypted ? 'on' : 'off', method: nowEncrypted && nowLuks ? 'LUKS' : null };
      const previous = byMount.get(mount);
      // A RAID member shows up under each disk: "off" anywhere wins, since one
      // plain path to the data is enough to read it.
      if (!previous || (previous.state === 'on' && entry.state === 'off')) byMount.set(mount, entry);
    }
    for (const child of device.children) visit(child, nowEncrypted, nowLuks);
  };
  for (const root of roots) visit(root, false, false);
  const entries = [...byMount.values()].sort((a, b) => a.mount.localeCompare(b.mount));
  // The root filesystem missing from the tree (ZFS, overlay, a container)
  // is something lsblk cannot tell, not an unencrypted disk.
  if (withMounts && !byMount.has('/')) entries.unshift({ mount: '/', state: 'unknown', method: null });
  return entries;
}

function filesystemLeaf(device: BlockDevice): boolean {
  if (device.children.length > 0 || !device.fsType) return false;
  return !['crypto_LUKS', 'LVM2_member', 'linux_raid_member', 'swap', 'zfs_member'].includes(device.fsType);
}

// Tree glyphs lsblk draws: UTF-8 (├─ └─ │) or ASCII (|- `- |) with
// LANG=C on older util-linux. Each nesting level is two characters wide.
const TREE_PREFIX = /^(?:[│├└─|`\- ]{2})*/u;

/** `lsblk -o NAME,TYPE,FSTYPE[,MOUNTPOINT]`: columns found from the header's positions. */
export function parseLsblkText(output: ToolOutput): EncryptionReading {
  if (output.exitCode !== 0) return { encryption: [], reason: toolFailure('lsblk', output) };
  const rows = output.stdout.split(/\r?\n/).filter((l) => l.trim().length > 0);
  const header = rows.shift();
  if (!header || !/^\s*NAME\b/.test(header)) return { encryption: [], reason: 'lsblk printed no NAME header' };
  const columns = [...header.matchAll(/\S+/g)].map((m) => ({ label: m[0].toUpperCase(), start: m.index }));
  const col = (label: string) => columns.findIndex((c) => c.label === label);
  const [typeCol, fsCol] = [col('TYPE'), col('FSTYPE')];
  const mountCol = col('MOUNTPOINT') >= 0 ? col('MOUNTPOINT') : col('MOUNTPOINTS');
  if (typeCol < 0) return { encryption: [], reason: 'lsblk output has no TYPE column' };
  const cell = (line: string, i: number): string => {
    const c = columns[i];
    if (i < 0 || !c) return '';
    const end = columns[i + 1]?.start ?? line.length;
    // lsblk left-aligns each value under its header label.
    return line.slice(c.start, i === columns.length - 1 ? line.length : end).trim();
  };
  const roots: BlockDevice[] = [];
  const stack: BlockDevice[] = [];
  for (const line of rows) {
    const prefix = TREE_PREFIX.exec(line)?.[0] ?? '';
    const depth = Math.floor(prefix.length / 2);
    const tokens = line.slice(prefix.length).trim().split(/\s+/);
    const name = tokens[0] ?? '';
    let type = cell(line, typeCol);
    let fsType = cell(line, fsCol);
    let mount = cell(line, mountCol);
    // A paste that lost its column alignment: fall back to token order.
    if (!/^[a-z0-9_]+$/i.test(type)) {
      [, type = '', fsType = '', mount = ''] = tokens;
      if (/^[/[]/.test(fsType)) [fsType, mount] = ['', fsType];
    }
    const device: BlockDevice = {
      name, type: type || null, fsType: fsType || null,
      mounts: mount ? [unescapeLsblk(mount)] : [], children: [],
    };
    stack.length = Math.min(stack.length, depth);
    const parent = depth > 0 ? stack[depth - 1] : undefined;
    if (parent) parent.children.push(device);
    else roots.push(device);
    stack[depth] = device;
  }
  return { encryption: encryptionFromDevices(roots, mountCol >= 0), reason: null };
}

interface LsblkJsonDevice {
  name?: unknown;
  kname?: unknown;
  type?: unknown;
  fstype?: unknown;
  mountpoint?: unknown;
  mountpoints?: unknown;
  children?: unknown;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

function fromJson(d: LsblkJsonDevice): BlockDevice {
  // util-linux >= 2.37 prints a `mountpoints` array (a device can be mounted
  // more than once, btrfs subvolumes); older versions one `mountpoint`.
  const mounts = Array.isArray(d.mountpoints)
    ? d.mountpoints.map(str).filter((m): m is string => m !== null)
    : str(d.mountpoint) ? [str(d.mountpoint) as string] : [];
  const children = Array.isArray(d.children) ? (d.children as LsblkJsonDevice[]).map(fromJson) : [];
  return { name: str(d.name) ?? str(d.kname) ?? '?', type: str(d.type), fsType: str(d.fstype), mounts, children };
}

/** `lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINT,SIZE`. */
export function parseLsblkJson(output: ToolOutput): EncryptionReading {
  if (output.exitCode !== 0) return { encryption: [], reason: toolFailure('lsblk -J', output) };
  let doc: unknown;
  try {
    doc = JSON.parse(output.stdout);
  } catch (err) {
    return { encryption: [], reason: `lsblk -J printed no valid JSON (${(err as Error).message})` };
  }
  const devices = (doc as { blockdevices?: unknown } | null)?.blockdevices;
  if (!Array.isArray(devices)) return { encryption: [], reason: 'lsblk -J output has no "blockdevices" list' };
  const roots = (devices as LsblkJsonDevice[]).map(fromJson);
  // No devices at all (a container) still asked for mount points: "/" is unknown.
  const withMounts = devices.length === 0 || (devices as LsblkJsonDevice[]).some(hasMountKey);
  return { encryption: encryptionFromDevices(roots, withMounts), reason: null };
}

function hasMountKey(d: LsblkJsonDevice): boolean {
  return 'mountpoint' in d || 'mountpoints' in d || (Array.isArray(d.children) && (d.children as LsblkJsonDevice[]).some(hasMountKey));
}
