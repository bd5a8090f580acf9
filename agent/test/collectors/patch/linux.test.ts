import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { CollectContext } from '../../../src/collectors/collector.js';
import { defaultAgentConfig } from '../../../src/config.js';
import type { RunCommand } from '../../../src/exec/run-command.js';
import { collectPatchLinux } from '../../../src/collectors/patch/linux.js';

const TESTDATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'collectors', 'patch', 'testdata');

interface Answer {
  command: string;
  /** Substring of the joined arguments; omit to match any. */
  match?: string;
  stdout?: string;
  stderr?: string;
  exitCode?: number | null;
  timedOut?: boolean;
  truncated?: boolean;
}

function context(answers: Answer[], files: Record<string, string | Buffer> = {}, timeZone = 'UTC') {
  const root = mkdtempSync(join(tmpdir(), 'tandem-linux-patch-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const calls: string[][] = [];
  const run: RunCommand = async (command, args) => {
    calls.push([command, ...args]);
    const joined = args.join(' ');
    const a = answers.find((x) => x.command === command && (x.match === undefined || joined.includes(x.match)));
    if (!a) return { command, args, notFound: true, message: `${command} not found on PATH` };
    return {
      command, args, stdout: a.stdout ?? '', stderr: a.stderr ?? '', exitCode: a.timedOut ? null : a.exitCode === undefined ? 0 : a.exitCode,
      timedOut: a.timedOut ?? false, truncated: a.truncated ?? false, durationMs: a.timedOut ? 120_000 : 5,
    };
  };
  const ctx: CollectContext = {
    platform: 'linux', run, now: () => new Date('2026-11-28T12:00:00Z'), config: defaultAgentConfig(root), env: {},
    timeZone, osPath: (p) => join(root, p),
  };
  return { ctx, calls };
}

/** The agent is read-only: nothing it runs may refresh metadata or change packages. */
function expectReadOnly(calls: string[][]): void {
  for (const [command, ...args] of calls) {
    const line = [command, ...args].join(' ');
    if (command === 'apt-get') expect(args, line).toContain('-s');
    if (command === 'apt') expect(args, line).toEqual(['list', '--upgradable']);
    if (command === 'dnf' || command === 'yum') expect(args[0] === '-C' || args[0] === 'needs-restarting', line).toBe(true);
    if (command === 'zypper') expect(args.includes('--no-refresh') || args.includes('needs-rebooting'), line).toBe(true);
    if (command === 'pacman') expect(args, line).toEqual(['-Qu']);
    expect(line).not.toMatch(/(^| )(makecache|refresh|install|update|upgrade|-Sy\w*)( |$)/);
  }
}

const APT_LIST_DEBIAN12 = `Listing...
libssl3/stable-security 3.0.11-1~deb12u2 amd64 [upgradable from: 3.0.11-1~deb12u1]
tzdata/stable-updates 2024a-0+deb12u1 all [upgradable from: 2023c-5+deb12u1]
`;
const APT_SIM_DEBIAN12 = `Reading package lists...
Building dependency tree...
Reading state information...
Calculating upgrade...
The following packages will be upgraded:
  libssl3 tzdata
2 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.
Inst libssl3 [3.0.11-1~deb12u1] (3.0.11-1~deb12u2 Debian-Security:12/stable-security [amd64])
Inst tzdata [2023c-5+deb12u1] (2024a-0+deb12u1 Debian:12.5/stable-updates [all])
Conf libssl3 (3.0.11-1~deb12u2 Debian-Security:12/stable-security [amd64])
Conf tzdata (2024a-0+deb12u1 Debian:12.5/stable-updates [all])
`;
const APT_HISTORY = `
Start-Date: 2026-11-20  06:25:01
Commandline: /usr/bin/unattended-upgrade
Upgrade: libcurl4:amd64 (7.88.1-10+deb12u4, 7.88.1-10+deb12u5)
End-Date: 2026-11-20  06:25:09

Start-Date: 2026-11-27  09:14:40
Commandline: apt-get remove --purge nano
Remove: nano:amd64 (7.2-1)
End-Date: 2026-11-27  09:14:42
`;

describe('collectPatchLinux on apt', () => {
  it('lists updates with apt, reads reboot and history files, and runs only read-only commands', async () => {
    const { ctx, calls } = context([
      { command: 'apt', stdout: APT_LIST_DEBIAN12, stderr: '\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n' },
      { command: 'apt-get', stdout: APT_SIM_DEBIAN12 },
    ], {
      '/var/run/reboot-required': '*** System restart required ***\n',
      '/var/log/apt/history.log': APT_HISTORY,
    }, 'Europe/Berlin');
    const patch = await collectPatchLinux(ctx);
    expect(patch).toEqual({
      state: 'ok', reason: null, source: 'apt', pendingCount: 2, securityCount: 1, rebootRequired: true,
      // The removal on the 27th installed nothing; 06:25:09 in Berlin (CET) is 05:25:09 UTC.
      lastInstalledAt: '2026-11-20T05:25:09.000Z',
      updates: [
        { name: 'libssl3', currentVersion: '3.0.11-1~deb12u1', availableVersion: '3.0.11-1~deb12u2', security: true, kb: null, severity: null },
        { name: 'tzdata', currentVersion: '2023c-5+deb12u1', availableVersion: '2024a-0+deb12u1', security: false, kb: null, severity: null },
      ],
    });
    expect(calls).toContainEqual(['apt', 'list', '--upgradable']);
    expect(calls).toContainEqual(['apt-get', '-s', 'dist-upgrade']);
    expectReadOnly(calls);
  });

  it('takes security from the Debian-Security origin when the archive name does not tell (Debian 10)', async () => {
    const { ctx } = context([
      { command: 'apt', stdout: 'Listing...\nopenssl/oldoldstable 1.1.1n-0+deb10u6 amd64 [upgradable from: 1.1.1n-0+deb10u5]\n' },
      { command: 'apt-get', stdout: `Calculating upgrade...\n1 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\nInst openssl [1.1.1n-0+deb10u5] (1.1.1n-0+deb10u6 Debian-Security:10/oldoldstable [amd64])\nConf openssl (1.1.1n-0+deb10u6 Debian-Security:10/oldoldstable [amd64])\n` },
    ]);
    const patch = await collectPatchLinux(ctx);
    expect(patch.securityCount).toBe(1);
    expect(patch.updates[0]?.security).toBe(true);
  });

  it('asks apt-check for the counts when neither apt list nor apt-get -s could answer', async () => {
    const locked = { stderr: 'E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4711 (unattended-upgr)\n', exitCode: 100 };
    const { ctx, calls } = context([
      { command: 'apt', ...locked }, { command: 'apt-get', ...locked },
      { command: '/usr/lib/update-notifier/apt-check', stderr: '7;3' },
    ]);
    const patch = await collectPatchLinux(ctx);
    expect(patch).toMatchObject({ state: 'ok', source: 'apt', pendingCount: 7, securityCount: 3, updates: [] });
    expect(calls).toContainEqual(['/usr/lib/update-notifier/apt-check']);
  });

  it('reports no reboot only when something on the host would have written the flag', async () => {
    const answers = [{ command: 'apt', stdout: 'Listing...\n' }, { command: 'apt-get', stdout: 'Calculating upgrade...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n' }];
    const withHook = await collectPatchLinux(context(answers, { '/usr/share/update-notifier/notify-reboot-required': '#!/bin/sh\n' }).ctx);
    expect(withHook.rebootRequired).toBe(false);
    const bare = await collectPatchLinux(context(answers).ctx);
    expect(bare.rebootRequired).toBeNull();
    expect(bare).toMatchObject({ state: 'ok', pendingCount: 0, securityCount: 0, lastInstalledAt: null });
  });

  it('reads the rotated history when the current log holds no install yet', async () => {
    const { ctx } = context([{ command: 'apt', stdout: 'Listing...\n' }], {
      '/var/log/apt/history.log': '',
      '/var/log/apt/history.log.1.gz': gzipSync(Buffer.from(APT_HISTORY)),
    });
    expect((await collectPatchLinux(ctx)).lastInstalledAt).toBe('2026-11-20T06:25:09.000Z');
  });

  it('falls back to apt-get -s when apt list fails', async () => {
    const { ctx } = context([
      { command: 'apt', exitCode: 100, stderr: 'E: The package lists or status file could not be parsed or opened.\n' },
      { command: 'apt-get', stdout: APT_SIM_DEBIAN12 },
    ]);
    expect(await collectPatchLinux(ctx)).toMatchObject({ state: 'ok', source: 'apt', pendingCount: 2, securityCount: 1 });
  });

  it('is unknown with both reasons when neither apt command answers, and keeps the reboot flag', async () => {
    const { ctx } = context([
      { command: 'apt', exitCode: 100, stderr: 'E: The package lists or status file could not be parsed or opened.\n' },
      { command: 'apt-get', timedOut: true },
    ], { '/var/run/reboot-required': '' });
    const patch = await collectPatchLinux(ctx);
    expect(patch.state).toBe('unknown');
    expect(patch.reason).toContain('could not be parsed or opened');
    expect(patch.reason).toContain('timed out');
    expect(patch).toMatchObject({ source: 'apt', pendingCount: null, securityCount: null, rebootRequired: true, updates: [] });
  });

  it('does not trust a list cut at the output cap', async () => {
    const { ctx } = context([{ command: 'apt', stdout: APT_LIST_DEBIAN12, truncated: true }, { command: 'apt-get', stdout: APT_SIM_DEBIAN12, truncated: true }]);
    const patch = await collectPatchLinux(ctx);
    expect(patch.state).toBe('unknown');
    expect(patch.reason).toContain('output cap');
  });
});

const CHECK_UPDATE_RHEL9 = `Last metadata expiration check: 1:12:03 ago on Sat 28 Nov 2026 10:47:57 AM UTC.

kernel.x86_64                          5.14.0-362.13.1.el9_3        rhel-9-for-x86_64-baseos-rpms
openssl-libs.x86_64                    1:3.0.7-25.el9_3             rhel-9-for-x86_64-baseos-rpms
tzdata.noarch                          2023d-1.el9                  rhel-9-for-x86_64-baseos-rpms
`;
const UPDATEINFO_RHEL9 = `RHSA-2023:7549 Important/Sec.  kernel-5.14.0-362.13.1.el9_3.x86_64
RHSA-2024:0310 Moderate/Sec.   openssl-libs-1:3.0.7-25.el9_3.x86_64
RHBA-2024:0212 bugfix          tzdata-2023d-1.el9.noarch
`;

describe('collectPatchLinux on dnf and yum', () => {
  it('marks security updates from the advisories, reads needs-restarting and rpm install times, cache-only', async () => {
    const { ctx, calls } = context([
      { command: 'dnf', match: 'check-update', stdout: CHECK_UPDATE_RHEL9, exitCode: 100 },
      { command: 'dnf', match: 'updateinfo', stdout: UPDATEINFO_RHEL9 },
      { command: 'needs-restarting', stdout: 'Core libraries or services have been updated since boot-up:\n  * kernel\n\nReboot is required to fully utilize these updates.\n', exitCode: 1 },
      { command: 'rpm', stdout: '1795000000\n1795766400\n1790000000\n' },
    ]);
    const patch = await collectPatchLinux(ctx);
    expect(patch).toEqual({
      state: 'ok', reason: null, source: 'dnf', pendingCount: 3, securityCount: 2, rebootRequired: true,
      lastInstalledAt: new Date(1795766400 * 1000).toISOString(),
      updates: [
        { name: 'kernel', currentVersion: null, availableVersion: '5.14.0-362.13.1.el9_3', security: true, kb: 'RHSA-2023:7549', severity: 'Important' },
        { name: 'openssl-libs', currentVersion: null, availableVersion: '1:3.0.7-25.el9_3', security: true, kb: 'RHSA-2024:0310', severity: 'Moderate' },
        { name: 'tzdata', currentVersion: null, availableVersion: '2023d-1.el9', security: false, kb: null, severity: null },
      ],
    });
    expect(calls).toContainEqual(['dnf', '-C', 'check-update']);
    expect(calls).toContainEqual(['dnf', '-C', 'updateinfo', 'list']);
    expect(calls).toContainEqual(['rpm', '-qa', '--qf', '%{INSTALLTIME}\\n']);
    expectReadOnly(calls);
  });

  it('leaves security unknown when the repositories publish no advisories (CentOS 7 on yum)', async () => {
    const { ctx, calls } = context([
      { command: 'yum', match: 'check-update', stdout: 'Loaded plugins: fastestmirror\n\nbash.x86_64   4.2.46-35.el7_9   updates\n', exitCode: 100 },
      { command: 'yum', match: 'updateinfo', stdout: 'Loaded plugins: fastestmirror\nupdateinfo list done\n' },
      { command: 'needs-restarting', stdout: 'No core libraries or services have been updated.\nReboot is probably not necessary.\n' },
    ]);
    const patch = await collectPatchLinux(ctx);
    expect(patch).toMatchObject({ state: 'ok', source: 'yum', pendingCount: 1, securityCount: null, rebootRequired: false, lastInstalledAt: null });
    expect(patch.updates[0]?.security).toBeNull();
    expectReadOnly(calls);
  });

  it('asks dnf itself when the needs-restarting binary is missing, and does not take "No such command" for a reboot', async () => {
    const { ctx, calls } = context([
      { command: 'dnf', match: 'check-update', stdout: '', exitCode: 0 },
      { command: 'dnf', match: 'updateinfo', stdout: '' },
      { command: 'dnf', match: 'needs-restarting', stderr: 'No such command: needs-restarting. Please use /usr/bin/dnf --help\n', exitCode: 1 },
    ]);
    const patch = await collectPatchLinux(ctx);
    expect(calls).toContainEqual(['dnf', 'needs-restarting', '-r']);
    expect(patch).toMatchObject({ state: 'ok', pendingCount: 0, securityCount: 0, rebootRequired: null });
  });

  it('is unknown when check-update times out', async () => {
    const { ctx } = context([{ command: 'dnf', match: 'check-update', timedOut: true }]);
    const patch = await collectPatchLinux(ctx);
    expect(patch).toMatchObject({ state: 'unknown', source: 'dnf', pendingCount: null });
    expect(patch.reason).toContain('timed out');
  });

  it('is unknown with dnf\'s own error when the cache is missing', async () => {
    const { ctx } = context([{ command: 'dnf', match: 'check-update', stderr: "Error: Cache-only enabled but no cache for 'baseos'\n", exitCode: 1 }]);
    const patch = await collectPatchLinux(ctx);
    expect(patch.state).toBe('unknown');
    expect(patch.reason).toContain('Cache-only enabled but no cache');
  });
});

const ZYPPER_PACKAGES = `<?xml version='1.0'?>
<stream>
<update-status version="0.6">
<update-list>
<update kind="package" name="libopenssl1_1" edition="1.1.1l-150500.17.25.1" arch="x86_64" edition-old="1.1.1l-150500.17.22.1" ></update>
<update kind="package" name="timezone" edition="2024a-150000.75.28.1" arch="x86_64" edition-old="2023c-150000.75.23.1" ></update>
</update-list>
</update-status>
</stream>
`;
const ZYPPER_PATCHES = `<?xml version='1.0'?>
<stream>
<update-status version="0.6">
<update-list>
<update kind="patch" name="SUSE-SLE-Module-Basesystem-15-SP5-2024-383" edition="1" arch="noarch" status="needed" category="security" severity="important"></update>
<update kind="patch" name="SUSE-SLE-Module-Basesystem-15-SP5-2024-412" edition="1" arch="noarch" status="needed" category="recommended" severity="moderate"></update>
</update-list>
</update-status>
</stream>
`;
const EMPTY_PATCHES = `<?xml version='1.0'?>\n<stream>\n<update-status version="0.6">\n<update-list>\n</update-list>\n</update-status>\n</stream>\n`;

describe('collectPatchLinux on zypper', () => {
  it('lists packages, counts needed security patches, and reads needs-rebooting and the zypp history', async () => {
    const { ctx, calls } = context([
      { command: 'zypper', match: 'list-updates', stdout: ZYPPER_PACKAGES },
      { command: 'zypper', match: 'list-patches', stdout: ZYPPER_PATCHES },
      { command: 'zypper', match: 'needs-rebooting', exitCode: 102 },
    ], {
      '/var/log/zypp/history': '# 2026-11-21 08:00:00 timezone-2023c installed ok\n2026-11-21 08:00:01|install|timezone|2023c-150000.75.23.1|x86_64|root@sles|SLE-Module-Basesystem15-SP5-Updates|abc|\n2026-11-22 09:00:00|remove |nano|5.4|x86_64|root@sles|\n',
    });
    const patch = await collectPatchLinux(ctx);
    expect(patch).toMatchObject({ state: 'ok', source: 'zypper', pendingCount: 2, securityCount: 1, rebootRequired: true, lastInstalledAt: '2026-11-21T08:00:01.000Z' });
    expect(patch.updates.map((u) => u.name)).toEqual(['libopenssl1_1', 'timezone']);
    expectReadOnly(calls);
  });

  it('leaves the security count unknown when no patch is needed although packages are (Tumbleweed)', async () => {
    const { ctx } = context([
      { command: 'zypper', match: 'list-updates', stdout: ZYPPER_PACKAGES },
      { command: 'zypper', match: 'list-patches', stdout: EMPTY_PATCHES },
      { command: 'zypper', match: 'needs-rebooting', exitCode: 0 },
    ]);
    expect(await collectPatchLinux(ctx)).toMatchObject({ state: 'ok', pendingCount: 2, securityCount: null, rebootRequired: false });
  });

  it('is unknown when zypper is locked', async () => {
    const { ctx } = context([{ command: 'zypper', match: 'list-updates', exitCode: 7, stdout: `<?xml version='1.0'?>\n<stream>\n<message type="error">System management is locked by the application with pid 4711 (zypper).</message>\n</stream>\n` }]);
    const patch = await collectPatchLinux(ctx);
    expect(patch.state).toBe('unknown');
    expect(patch.reason).toContain('locked');
  });
});

describe('collectPatchLinux on zypper without readable XML', () => {
  it('reads the table when zypper answers --xmlout without XML', async () => {
    const table = readFileSync(join(TESTDATA, 'zypper-list-updates', 'many-pending-sles15', 'stdout.txt'), 'utf8');
    const { ctx, calls } = context([
      { command: 'zypper', match: '--xmlout', stdout: 'Loading repository data...\nReading installed packages...\n', exitCode: 0 },
      { command: 'zypper', match: 'list-updates --no-abbrev', stdout: table, exitCode: 0 },
    ]);
    const patch = await collectPatchLinux(ctx);
    expect(patch.state).toBe('ok');
    expect(patch.pendingCount).toBeGreaterThan(0);
    expect(calls).toContainEqual(['zypper', '--non-interactive', '--no-refresh', 'list-updates', '--no-abbrev']);
  });
});

describe('collectPatchLinux on pacman', () => {
  it('lists updates, infers a pending reboot from the removed running kernel modules, reads pacman.log', async () => {
    const { ctx, calls } = context([
      { command: 'pacman', stdout: 'linux 6.8.1.arch1-1 -> 6.8.2.arch2-1\nopenssh 9.6p1-1 -> 9.7p1-1\n' },
      { command: 'uname', stdout: '6.8.1-arch1-1\n' },
    ], {
      '/var/log/pacman.log': '[2026-11-25T18:02:11+0100] [PACMAN] Running \'pacman -Syu\'\n[2026-11-25T18:02:40+0100] [ALPM] upgraded curl (8.6.0-3 -> 8.7.1-1)\n[2026-11-25T18:02:41+0100] [ALPM] transaction completed\n',
      '/usr/lib/modules/6.8.0-arch1-1/modules.dep': '',
    });
    const patch = await collectPatchLinux(ctx);
    expect(patch).toMatchObject({ state: 'ok', source: 'pacman', pendingCount: 2, securityCount: null, rebootRequired: true, lastInstalledAt: '2026-11-25T17:02:40.000Z' });
    expectReadOnly(calls);
  });

  it('reports no reboot when the running kernel still has its modules, and nothing pending on exit 1', async () => {
    const { ctx } = context([{ command: 'pacman', exitCode: 1 }, { command: 'uname', stdout: '6.8.1-arch1-1\n' }], { '/usr/lib/modules/6.8.1-arch1-1/modules.dep': '' });
    expect(await collectPatchLinux(ctx)).toMatchObject({ state: 'ok', pendingCount: 0, securityCount: 0, rebootRequired: false });
  });
});

describe('collectPatchLinux without a package manager', () => {
  it('is unknown, never a silent zero', async () => {
    const { ctx, calls } = context([]);
    const patch = await collectPatchLinux(ctx);
    expect(patch).toEqual({
      state: 'unknown', reason: 'no supported package manager (apt, dnf, yum, zypper, pacman) was found on PATH',
      source: null, pendingCount: null, securityCount: null, rebootRequired: null, updates: [], lastInstalledAt: null,
    });
    expect(calls.map((c) => c[0])).toEqual(['apt', 'apt-get', 'dnf', 'yum', 'zypper', 'pacman']);
  });

  it('is unknown when the tool exists but cannot be started', async () => {
    const { ctx } = context([]);
    const run = ctx.run;
    ctx.run = async (command, args, options) => (command === 'apt'
      ? { command, args, notFound: true, message: 'apt could not be started: spawn EACCES' }
      : run(command, args, options));
    const patch = await collectPatchLinux(ctx);
    expect(patch.state).toBe('unknown');
    expect(patch.reason).toContain('EACCES');
  });
});
