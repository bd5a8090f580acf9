import { describe, expect, it } from 'vitest';
import { isRealVolume } from '../../../src/collectors/disk/real-volumes.js';
import { parseDfInodes } from '../../../src/collectors/disk/parse-df-inodes.js';
import { volumesFrom } from '../../../src/collectors/disk/index.js';

describe('real volumes', () => {
  it.each([
    ['ext4', '/', 'linux', true],
    ['xfs', '/srv/data', 'linux', true],
    ['btrfs', '/home', 'linux', true],
    ['tmpfs', '/run', 'linux', false],
    ['overlay', '/', 'linux', false],
    ['squashfs', '/snap/core22/1122', 'linux', false],
    ['ext4', '/etc/hosts', 'linux', false],
    ['vfat', '/boot/efi', 'linux', true],
    ['ext4', '/run/media/usb', 'linux', true],
    ['proc', '/proc', 'linux', false],
    ['apfs', '/', 'darwin', true],
    ['apfs', '/System/Volumes/Data', 'darwin', true],
    ['apfs', '/System/Volumes/VM', 'darwin', false],
    ['apfs', '/System/Volumes/Preboot', 'darwin', false],
    ['devfs', '/dev', 'darwin', false],
    ['NTFS', 'C:', 'win32', true],
    ['ReFS', 'D:', 'win32', true],
  ] as const)('%s on %s (%s) → %s', (fs, mount, os, real) => {
    expect(isRealVolume(fs, mount, os)).toBe(real);
  });

  it('turns fsSize rows into volumes, once per mount, sorted', () => {
    const v = volumesFrom([
      { fs: '/dev/sdb1', type: 'xfs', mount: '/srv', size: 2000, used: 1500, available: 500, use: 75 },
      { fs: '/dev/sda1', type: 'ext4', mount: '/', size: 1000, used: 900, available: 50, use: NaN },
      { fs: '/dev/sda1', type: 'ext4', mount: '/', size: 1000, used: 900, available: 50, use: 94.74 },
      { fs: 'tmpfs', type: 'tmpfs', mount: '/dev/shm', size: 10, used: 0, available: 10, use: 0 },
    ], 'linux');
    expect(v.map((x) => [x.mount, x.usedPercent])).toEqual([['/', 94.74], ['/srv', 75]]);
  });
});

describe('df -iP', () => {
  it('reads inode use and skips filesystems without an inode table', () => {
    const text = [
      'Filesystem      Inodes  IUsed   IFree IUse% Mounted on',
      '/dev/vda      16777216 423941 16353275    3% /',
      'tmpfs          3085512      1  3085511    1% /dev/shm',
      '/dev/sdb1            0      0        0     - /mnt/btrfs',
      '/dev/sdc1       655360  65536   589824   10% /mnt/My Backups',
    ].join('\r\n');
    expect(parseDfInodes(text)).toEqual([
      { mount: '/', total: 16777216, used: 423941, usedPercent: 2.53 },
      { mount: '/dev/shm', total: 3085512, used: 1, usedPercent: 0 },
      { mount: '/mnt/My Backups', total: 655360, used: 65536, usedPercent: 10 },
    ]);
  });

  it('reads nothing from empty or unexpected output', () => {
    expect(parseDfInodes('')).toEqual([]);
    expect(parseDfInodes('df: invalid option -- i\nUsage: df [OPTION]... [FILE]...')).toEqual([]);
  });
});
