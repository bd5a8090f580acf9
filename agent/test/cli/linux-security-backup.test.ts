// The real agent CLI acting as a Linux host: every tool is a recorded fake on
// a PATH that holds nothing else (the test machine's own lsblk or systemctl
// must not answer), OS files come from a TANDEM_FS_ROOT tree.
import { mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '@tandem/proto';
import { createFakeBin } from '../../../tests/support/fake-programs.mjs';
import type { FakePrograms } from '../../../tests/support/fake-programs.mjs';
import { findOnPath } from '../../src/exec/run-command.js';
import { runAgentCli } from '../support/run-cli.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The fake programs plus `cat`, which they replay with, and nothing else. */
function isolatedPath(programs: FakePrograms): string {
  const bin = createFakeBin(programs);
  const basics = mkdtempSync(join(tmpdir(), 'tandem-basics-'));
  symlinkSync(findOnPath('cat') ?? '/bin/cat', join(basics, 'cat'));
  return [bin, basics].join(':');
}

function fsRoot(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tandem-linux-root-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** ctime() as clamscan prints its database date, in UTC (the test runs with TZ=UTC). */
function ctime(d: Date): string {
  const [wd, , mon, , ] = d.toUTCString().split(' ');
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const time = d.toISOString().slice(11, 19);
  return `${wd?.replace(',', '')} ${mon} ${day} ${time} ${d.getUTCFullYear()}`;
}

function backupFolder(ageMs: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-dumps-'));
  const file = join(dir, 'db.sql.gz');
  writeFileSync(file, 'dump');
  const when = new Date(Date.now() - ageMs);
  utimesSync(file, when, when);
  return dir;
}

/** Secrets live in files next to the config; the config names them by absolute path. */
function writeConfig(providers: (dir: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-cfg-'));
  const file = join(dir, 'agent.yaml');
  writeFileSync(join(dir, 'restic.pass'), 's3cret-restic\n');
  writeFileSync(join(dir, 'borg.pass'), 's3cret-borg\n');
  writeFileSync(file, `dataDir: data\nbackup:\n  providers:\n${providers(dir)}`);
  return file;
}

async function collect(programs: FakePrograms, files: Record<string, string>, config: string): Promise<Snapshot> {
  const result = await runAgentCli(['collect', '--once', '--json', '--only', 'security,backup'], {
    TANDEM_PLATFORM: 'linux',
    PATH: isolatedPath(programs),
    TANDEM_FS_ROOT: fsRoot(files),
    TANDEM_AGENT_CONFIG: config,
    TZ: 'UTC',
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).not.toContain('s3cret');
  return JSON.parse(result.stdout) as Snapshot;
}

const LUKS_ROOT = JSON.stringify({
  blockdevices: [{
    name: 'nvme0n1', type: 'disk', fstype: null, mountpoints: [null], size: '476.9G', children: [
      { name: 'nvme0n1p1', type: 'part', fstype: 'vfat', mountpoints: ['/boot/efi'], size: '1G' },
      { name: 'nvme0n1p2', type: 'part', fstype: 'ext4', mountpoints: ['/boot'], size: '2G' },
      { name: 'nvme0n1p3', type: 'part', fstype: 'crypto_LUKS', mountpoints: [null], size: '473.9G', children: [
        { name: 'dm_crypt-0', type: 'crypt', fstype: 'LVM2_member', mountpoints: [null], size: '473.9G', children: [
          { name: 'vg-root', type: 'lvm', fstype: 'ext4', mountpoints: ['/'], size: '100G' },
          { name: 'vg-srv', type: 'lvm', fstype: 'xfs', mountpoints: ['/srv'], size: '373.9G' },
        ] },
      ] },
    ],
  }],
}, null, 3);

const PLAIN_ROOT = JSON.stringify({
  blockdevices: [{
    name: 'sda', type: 'disk', fstype: null, mountpoint: null, size: '50G', children: [
      { name: 'sda1', type: 'part', fstype: 'ext4', mountpoint: '/', size: '49G' },
      { name: 'sda2', type: 'part', fstype: 'swap', mountpoint: '[SWAP]', size: '1G' },
    ],
  }],
}, null, 3);

const snapshotTime = new Date(Date.now() - 6 * HOUR);
const RESTIC = JSON.stringify([
  { time: snapshotTime.toISOString().replace('Z', '123456+00:00'), paths: ['/srv'], hostname: 'web01', tags: ['nightly'], id: `4f2a1c3d${'0'.repeat(56)}`, short_id: '4f2a1c3d' },
]);
const archiveTime = new Date(Date.now() - 5 * HOUR);
const BORG = JSON.stringify({
  archives: [{ archive: 'web01-etc', name: 'web01-etc', id: 'a1'.repeat(32), start: archiveTime.toISOString().replace('Z', '000'), time: archiveTime.toISOString().replace('Z', '000') }],
  encryption: { mode: 'repokey-blake2' },
  repository: { id: '9c'.repeat(32), location: '/srv/borg/web01', last_modified: archiveTime.toISOString().replace('Z', '000') },
}, null, 4);

describe('tandem-agent collect on Linux: security and backup', () => {
  it('reports a healthy host: ufw active, LUKS root, ClamAV running, fresh backups', async () => {
    const dumps = backupFolder(2 * HOUR);
    const config = writeConfig((dir) => `    - { type: file-freshness, name: db-dumps, path: ${JSON.stringify(join(dumps, '*.sql.gz'))} }
    - { type: restic, name: offsite, repository: /srv/restic/web01, passwordFile: ${JSON.stringify(join(dir, 'restic.pass'))}, host: web01, tags: [nightly] }
    - { type: borg, name: etc, repository: /srv/borg/web01, passphraseFile: ${JSON.stringify(join(dir, 'borg.pass'))}, prefix: web01- }
`);
    const snapshot = await collect({
      ufw: [{ match: 'status verbose', stdout: 'Status: active\nLogging: on (low)\nDefault: deny (incoming), allow (outgoing), disabled (routed)\nNew profiles: skip\n\nTo                         Action      From\n--                         ------      ----\n22/tcp                     ALLOW IN    Anywhere\n\n' }],
      nft: [{ match: 'list ruleset', stdout: 'table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\tct state established,related accept\n\t}\n}\n' }],
      lsblk: [{ match: '-J', stdout: LUKS_ROOT }],
      clamscan: [{ match: '--version', stdout: `ClamAV 1.0.7/27470/${ctime(new Date(Date.now() - 10 * HOUR))}\n` }],
      systemctl: [{ match: 'is-active', stdout: 'active\ninactive\ninactive\n', exitCode: 3 }],
      restic: [{ match: 'snapshots --json --no-lock --repo /srv/restic/web01 --host web01 --tag nightly', stdout: RESTIC }],
      borg: [{ match: 'list --json /srv/borg/web01', stdout: BORG }],
    }, { '/sys/module/apparmor/parameters/enabled': 'Y\n' }, config);

    const security = snapshot.security;
    expect(security?.state).toBe('ok');
    expect(security?.reason).toBeNull();
    expect(security?.firewall).toEqual({ enabled: true, profiles: [{ name: 'ufw', enabled: true }, { name: 'nftables', enabled: true }] });
    expect(security?.encryption).toEqual([{ mount: '/', state: 'on', method: 'LUKS' }, { mount: '/srv', state: 'on', method: 'LUKS' }]);
    expect(security?.antivirus).toEqual([expect.objectContaining({ product: 'ClamAV', enabled: true, realTime: false, upToDate: true })]);
    expect(security?.checks).toEqual({ selinux: 'off', apparmor: 'on' });

    const jobs = snapshot.backup?.jobs ?? [];
    expect(jobs.map((j) => [j.provider, j.name, j.lastResult])).toEqual([
      ['file-freshness', 'db-dumps', 'success'], ['restic', 'offsite', 'success'], ['borg', 'etc', 'success'],
    ]);
    expect(Date.parse(jobs[0]?.lastSuccessAt ?? '')).toBeGreaterThan(Date.now() - 3 * HOUR);
    expect(jobs[1]?.lastSuccessAt).toBe(new Date(Math.floor(snapshotTime.getTime())).toISOString());
    expect(jobs[2]?.lastSuccessAt).toBe(new Date(Math.floor(archiveTime.getTime() / 1000) * 1000).toISOString());
  });

  it('reports an unhealthy host: firewall off, no encryption, no AV, a failed and a stale backup', async () => {
    const dumps = backupFolder(30 * DAY);
    const config = writeConfig(() => `    - { type: file-freshness, name: db-dumps, path: ${JSON.stringify(dumps)} }
    - { type: veeam, job: SystemBackup }
`);
    const day = (offset: number) => new Date(Date.now() - offset * DAY).toISOString().slice(0, 10);
    const snapshot = await collect({
      ufw: [{ match: 'status', stdout: 'Status: inactive\n' }],
      nft: [{ match: 'list ruleset', stdout: '' }],
      iptables: [{ match: '-S', stdout: '-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n' }],
      lsblk: [{ match: '-J', stdout: PLAIN_ROOT }],
      systemctl: [{ match: 'is-active', stdout: 'inactive\ninactive\ninactive\n', exitCode: 3 }],
      veeamconfig: [{
        match: 'session list',
        stdout: `Job name              Type      ID                                      State    Started at        Finished at
SystemBackup          Backup    {7a1e9c33-2b4d-4f6a-8c1e-5d2b9f0e7a12}  Success  ${day(3)} 22:00  ${day(3)} 22:47
SystemBackup          Backup    {0f6c2d11-6a2b-4e5d-9b7e-2c8f0a1d3e41}  Failed   ${day(2)} 22:00  ${day(2)} 22:04
Total amount: 2
`,
      }],
    }, { '/sys/module/apparmor/parameters/enabled': 'N\n' }, config);

    const security = snapshot.security;
    expect(security?.state).toBe('ok');
    expect(security?.firewall).toEqual({ enabled: false, profiles: [{ name: 'ufw', enabled: false }, { name: 'nftables', enabled: false }, { name: 'iptables', enabled: false }] });
    expect(security?.encryption).toEqual([{ mount: '/', state: 'off', method: null }]);
    expect(security?.antivirus).toEqual([]);
    expect(security?.checks).toEqual({ selinux: 'off', apparmor: 'off' });

    const [dumpsJob, veeamJob] = snapshot.backup?.jobs ?? [];
    expect(dumpsJob?.lastResult).toBe('success');
    expect(dumpsJob?.detail).toMatch(/, 30 d 0 h old$/);
    expect(veeamJob).toMatchObject({ provider: 'veeam', name: 'SystemBackup', lastResult: 'failed', lastSuccessAt: `${day(3)}T22:00:00.000Z`, lastAttemptAt: `${day(2)}T22:00:00.000Z` });
  });

  it('reports missing tools as unknown with reasons, never as off', async () => {
    const config = writeConfig((dir) => `    - { type: file-freshness, path: /nonexistent/tandem/backups/*.tar }
    - { type: restic, repository: /srv/restic/web01, passwordFile: ${JSON.stringify(join(dir, 'restic.pass'))} }
    - { type: borg, repository: /srv/borg/web01 }
`);
    const snapshot = await collect({}, {}, config);
    const security = snapshot.security;
    expect(security?.state).toBe('unknown');
    expect(security?.firewall).toEqual({ enabled: null, profiles: [] });
    expect(security?.encryption).toEqual([{ mount: '/', state: 'unknown', method: null }]);
    expect(security?.antivirus).toEqual([]);
    expect(security?.checks).toEqual({ selinux: 'unknown', apparmor: 'unknown' });
    expect(security?.reason).toBe('firewall: none of ufw, firewall-cmd, nft, iptables is installed and /sys/module is not readable, so loaded packet filters cannot be seen; encryption: lsblk is not installed; selinux: /sys is not readable; apparmor: /sys is not readable');
    expect(snapshot.backup?.state).toBe('ok');
    expect(snapshot.backup?.jobs).toEqual([
      { provider: 'file-freshness', name: 'file-freshness', lastSuccessAt: null, lastAttemptAt: null, lastResult: 'unknown', detail: '/nonexistent/tandem/backups does not exist or is not readable' },
      { provider: 'restic', name: 'restic', lastSuccessAt: null, lastAttemptAt: null, lastResult: 'unknown', detail: 'restic is not installed' },
      { provider: 'borg', name: 'borg', lastSuccessAt: null, lastAttemptAt: null, lastResult: 'unknown', detail: 'borg is not installed' },
    ]);
  });
});
