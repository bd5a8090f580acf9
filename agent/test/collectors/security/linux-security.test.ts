import { describe, expect, it } from 'vitest';
import { collectSecurityLinux } from '../../../src/collectors/security/linux.js';
import { fakeContext, fakeRun, fsRoot } from '../backup/fake-context.js';
import type { FakeReply } from '../backup/fake-context.js';

const LUKS_JSON = JSON.stringify({
  blockdevices: [{
    name: 'nvme0n1', type: 'disk', fstype: null, mountpoints: [null], children: [
      { name: 'nvme0n1p1', type: 'part', fstype: 'vfat', mountpoints: ['/boot/efi'] },
      { name: 'nvme0n1p3', type: 'part', fstype: 'crypto_LUKS', mountpoints: [null], children: [
        { name: 'dm_crypt-0', type: 'crypt', fstype: 'ext4', mountpoints: ['/'] },
      ] },
    ],
  }],
});

const SYS_APPARMOR = { '/sys/module/apparmor/parameters/enabled': 'Y\n' };

const HEALTHY: Record<string, FakeReply> = {
  'ufw status verbose': { stdout: 'Status: active\nLogging: on (low)\nDefault: deny (incoming), allow (outgoing), disabled (routed)\n' },
  'nft list ruleset': { stdout: 'table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t}\n}\n' },
  'lsblk -J': { stdout: LUKS_JSON },
  'clamscan --version': { stdout: 'ClamAV 1.0.7/27470/Fri Nov 27 09:37:22 2026\n' },
  'systemctl is-active': { stdout: 'active\ninactive\ninactive\n', exitCode: 3 },
};

describe('collectSecurityLinux', () => {
  it('reports a healthy host: ufw active, LUKS root, ClamAV running with fresh signatures', async () => {
    const status = await collectSecurityLinux(fakeContext(fakeRun(HEALTHY), fsRoot(SYS_APPARMOR)));
    expect(status).toEqual({
      state: 'ok',
      reason: null,
      firewall: { enabled: true, profiles: [{ name: 'ufw', enabled: true }, { name: 'nftables', enabled: true }] },
      encryption: [{ mount: '/', state: 'on', method: 'LUKS' }],
      antivirus: [{ product: 'ClamAV', enabled: true, realTime: false, upToDate: true, signaturesUpdatedAt: '2026-11-27T09:37:22.000Z' }],
      checks: { selinux: 'off', apparmor: 'on' },
      endpointProtection: [],
    });
  });

  it('says "no AV" with an empty list and names every part it could not read', async () => {
    const status = await collectSecurityLinux(fakeContext(fakeRun({}), fsRoot({ '/sys/module/.keep': '' })));
    expect(status.antivirus).toEqual([]);
    expect(status.encryption).toEqual([{ mount: '/', state: 'unknown', method: null }]);
    expect(status.checks).toEqual({ selinux: 'off', apparmor: 'off' });
    expect(status.reason).toContain('encryption: lsblk is not installed');
  });

  it('no firewall tool and no packet filter in the kernel is no host firewall: off, with the reason', async () => {
    const status = await collectSecurityLinux(fakeContext(fakeRun({ 'lsblk -J': { stdout: LUKS_JSON } }), fsRoot({ ...SYS_APPARMOR, '/proc/net/ip_tables_names': '' })));
    expect(status.firewall).toEqual({ enabled: false, profiles: [] });
    expect(status.state).toBe('ok');
    expect(status.reason).toBe('firewall: none of ufw, firewall-cmd, nft, iptables is installed and the kernel has no packet filter loaded: this host has no firewall');
  });

  it('no firewall tool but a packet filter loaded in the kernel stays unknown and says what is loaded', async () => {
    const status = await collectSecurityLinux(fakeContext(fakeRun({ 'lsblk -J': { stdout: LUKS_JSON } }), fsRoot({
      ...SYS_APPARMOR, '/sys/module/nf_tables/refcnt': '3\n', '/proc/net/ip_tables_names': 'filter\nnat\n',
    })));
    expect(status.firewall).toEqual({ enabled: null, profiles: [] });
    expect(status.reason).toBe('firewall: none of ufw, firewall-cmd, nft, iptables is installed, but the kernel has a packet filter loaded (nf_tables, iptables table filter, iptables table nat) whose rules no installed tool can read');
  });

  it('no firewall tool and no readable /sys stays unknown: nothing can be told', async () => {
    const status = await collectSecurityLinux(fakeContext(fakeRun({ 'lsblk -J': { stdout: LUKS_JSON } }), fsRoot({})));
    expect(status.firewall.enabled).toBeNull();
    expect(status.reason).toContain('firewall: none of ufw, firewall-cmd, nft, iptables is installed and /sys/module is not readable');
  });

  it('never turns "needs root" into off: ufw inactive but nft unreadable leaves the firewall unknown', async () => {
    const status = await collectSecurityLinux(fakeContext(fakeRun({
      'ufw status verbose': { stdout: 'Status: inactive\n' },
      'nft list ruleset': { stderr: 'Error: Could not process rule: Operation not permitted\n', exitCode: 1 },
      'lsblk -J': { stdout: LUKS_JSON },
    }), fsRoot(SYS_APPARMOR)));
    expect(status.firewall.enabled).toBeNull();
    expect(status.state).toBe('ok');
    expect(status.reason).toMatch(/^firewall: nft list ruleset failed \(exit 1\).*needs root/);
  });

  it('finds legacy iptables rules that an empty nft ruleset does not show', async () => {
    const status = await collectSecurityLinux(fakeContext(fakeRun({
      'nft list ruleset': { stdout: '' },
      'iptables -S': { stdout: '-P INPUT DROP\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n' },
      'lsblk -J': { stdout: LUKS_JSON },
    }), fsRoot(SYS_APPARMOR)));
    expect(status.firewall).toEqual({ enabled: true, profiles: [{ name: 'nftables', enabled: false }, { name: 'iptables', enabled: true }] });
  });

  it('reports off only when every front-end that answered says off', async () => {
    const status = await collectSecurityLinux(fakeContext(fakeRun({
      'ufw status verbose': { stdout: 'Status: inactive\n' },
      'firewall-cmd --state': { stderr: 'not running\n', exitCode: 252 },
      'nft list ruleset': { stdout: '' },
      'iptables -S': { stdout: '-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n' },
      'lsblk -J': { stdout: LUKS_JSON },
    }), fsRoot(SYS_APPARMOR)));
    expect(status.firewall.enabled).toBe(false);
    expect(status.reason).toBeNull();
  });

  it('falls back to the lsblk text tree when -J is not supported', async () => {
    const status = await collectSecurityLinux(fakeContext(fakeRun({
      'lsblk -J': { stderr: "lsblk: invalid option -- 'J'\n", exitCode: 1 },
      'lsblk -o NAME,TYPE,FSTYPE,MOUNTPOINT': { stdout: 'NAME   TYPE FSTYPE MOUNTPOINT\nsda    disk\n`-sda1 part ext4   /\n' },
    }), fsRoot(SYS_APPARMOR)));
    expect(status.encryption).toEqual([{ mount: '/', state: 'off', method: null }]);
  });

  it('reads SELinux from getenforce, else from selinuxfs', async () => {
    const enforcing = await collectSecurityLinux(fakeContext(fakeRun({ getenforce: { stdout: 'Enforcing\n' } }), fsRoot({ '/sys/module/.keep': '' })));
    expect(enforcing.checks.selinux).toBe('on');
    const permissive = await collectSecurityLinux(fakeContext(fakeRun({}), fsRoot({ '/sys/fs/selinux/enforce': '0', '/sys/module/.keep': '' })));
    expect(permissive.checks.selinux).toBe('off');
    const noSys = await collectSecurityLinux(fakeContext(fakeRun({}), fsRoot({})));
    expect(noSys.checks).toEqual({ selinux: 'unknown', apparmor: 'unknown' });
    expect(noSys.reason).toContain('selinux: /sys is not readable');
  });

  it('uses the ClamAV database file time when clamscan is missing', async () => {
    const status = await collectSecurityLinux(fakeContext(fakeRun({
      'systemctl is-active': { stdout: 'inactive\nactive\ninactive\n', exitCode: 3 },
    }), fsRoot({ ...SYS_APPARMOR, '/var/lib/clamav/daily.cld': { content: 'x', mtime: new Date('2026-11-10T00:00:00Z') } })));
    expect(status.antivirus).toEqual([{ product: 'ClamAV', enabled: true, realTime: false, upToDate: false, signaturesUpdatedAt: '2026-11-10T00:00:00.000Z' }]);
  });

  it('lists an installed Defender it cannot read, instead of "no AV"', async () => {
    const status = await collectSecurityLinux(fakeContext(fakeRun({
      'mdatp health': { stderr: 'ERROR: Could not connect to daemon\n', exitCode: 1 },
    }), fsRoot(SYS_APPARMOR)));
    expect(status.antivirus).toEqual([{ product: 'Microsoft Defender for Endpoint', enabled: null, realTime: null, upToDate: null, signaturesUpdatedAt: null }]);
    expect(status.reason).toContain('Defender: mdatp health failed (exit 1)');
  });
});
