// Which mounts are real storage a person would want watched. Pure, so it is
// tested with tables for every OS.
import type { OsFamily } from '@tandem/proto';

/** Kernel and virtual filesystems that never hold user data. */
const PSEUDO_FS_TYPES = new Set([
  'tmpfs', 'devtmpfs', 'ramfs', 'overlay', 'overlayfs', 'aufs', 'proc', 'sysfs', 'squashfs', 'cgroup',
  'cgroup2', 'devpts', 'mqueue', 'debugfs', 'tracefs', 'securityfs', 'pstore', 'bpf', 'autofs', 'fusectl',
  'configfs', 'hugetlbfs', 'nsfs', 'efivarfs', 'binfmt_misc', 'rpc_pipefs', 'nfsd', 'selinuxfs', 'shm',
  'fuse.lxcfs', 'fuse.gvfsd-fuse', 'fuse.portal', 'fuse.snapfuse', 'iso9660', 'udf', 'devfs', 'nullfs',
  'none', 'zram',
]);

/** macOS system volumes managed by the OS (the sealed system and the data volume are kept). */
const DARWIN_SYSTEM_MOUNT = /^\/System\/Volumes\/(VM|Preboot|Update|xarts|iSCPreboot|Hardware|Recovery)(\/|$)|^\/private\/var\/vm(\/|$)|^\/Library\/Developer\/CoreSimulator\//;

export function isRealVolume(fsType: string, mount: string, platform: OsFamily): boolean {
  const type = fsType.toLowerCase();
  if (PSEUDO_FS_TYPES.has(type)) return false;
  if (platform === 'linux') {
    // Snap packages and container bind mounts of single files are not volumes.
    if (mount.startsWith('/snap/') || mount.startsWith('/proc') || mount.startsWith('/sys') || mount.startsWith('/dev')) return false;
    if (mount.startsWith('/run') && mount !== '/run/media' && !mount.startsWith('/run/media/')) return false;
    if (/^\/etc\/(hosts|hostname|resolv\.conf)$/.test(mount)) return false;
  }
  if (platform === 'darwin') {
    if (mount === '/dev' || DARWIN_SYSTEM_MOUNT.test(mount)) return false;
  }
  return mount.length > 0;
}
