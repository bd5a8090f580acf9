// The real agent CLI acting as a Linux host: each package manager is a
// recorded fake on PATH, and the OS files it reads live under TANDEM_FS_ROOT.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PatchStatus, Snapshot } from '@tandem/proto';
import { createFakeBin } from '../../../tests/support/fake-programs.mjs';
import type { FakePrograms } from '../../../tests/support/fake-programs.mjs';
import { runAgentCli } from '../support/run-cli.js';
import { caseFile } from '../support/recorded-cases.js';


interface Host {
  programs: FakePrograms;
  files?: Record<string, string>;
  tz?: string;
  config?: string;
  /** Hand-written executables, for behaviour a recorded answer cannot give (hanging). */
  scripts?: Record<string, string>;
}

/**
 * PATH holds only the fakes and the two utilities their scripts use, so a
 * real apt or dnf on the test machine is never found instead.
 */
async function collectPatch(host: Host): Promise<{ code: number; patch: PatchStatus | null; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-linux-patch-cli-'));
  const config = join(dir, 'agent.yaml');
  writeFileSync(config, host.config ?? 'dataDir: data\n');
  const fsRoot = join(dir, 'fs');
  mkdirSync(fsRoot);
  for (const [path, content] of Object.entries(host.files ?? {})) {
    mkdirSync(dirname(join(fsRoot, path)), { recursive: true });
    writeFileSync(join(fsRoot, path), content);
  }
  const bin = createFakeBin(host.programs, join(dir, 'fake'));
  for (const [name, script] of Object.entries(host.scripts ?? {})) {
    writeFileSync(join(bin, name), script);
    chmodSync(join(bin, name), 0o755);
  }
  const utils = join(dir, 'utils');
  mkdirSync(utils);
  for (const tool of ['cat', 'sleep']) symlinkSync(`/bin/${tool}`, join(utils, tool));
  const result = await runAgentCli(['collect', '--once', '--json', '--only', 'patch'], {
    TANDEM_PLATFORM: 'linux',
    PATH: [bin, utils].join(':'),
    TANDEM_FS_ROOT: fsRoot,
    TANDEM_AGENT_CONFIG: config,
    TZ: host.tz ?? 'UTC',
  });
  const snapshot = result.code === 0 ? (JSON.parse(result.stdout) as Snapshot) : null;
  return { code: result.code, patch: snapshot?.patch ?? null, stderr: result.stderr };
}

const APT_LIST = `Listing...
libssl3/bookworm-security 3.0.11-1~deb12u2 amd64 [upgradable from: 3.0.11-1~deb12u1]
openssl/bookworm-security 3.0.11-1~deb12u2 amd64 [upgradable from: 3.0.11-1~deb12u1]
tzdata/bookworm-updates 2024a-0+deb12u1 all [upgradable from: 2023c-5+deb12u1]
`;
const APT_SIM = `Reading package lists...
Building dependency tree...
Reading state information...
Calculating upgrade...
The following packages will be upgraded:
  libssl3 openssl tzdata
3 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.
Inst libssl3 [3.0.11-1~deb12u1] (3.0.11-1~deb12u2 Debian-Security:12/stable-security [amd64])
Inst openssl [3.0.11-1~deb12u1] (3.0.11-1~deb12u2 Debian-Security:12/stable-security [amd64])
Inst tzdata [2023c-5+deb12u1] (2024a-0+deb12u1 Debian:12.5/stable-updates [all])
Conf libssl3 (3.0.11-1~deb12u2 Debian-Security:12/stable-security [amd64])
Conf openssl (3.0.11-1~deb12u2 Debian-Security:12/stable-security [amd64])
Conf tzdata (2024a-0+deb12u1 Debian:12.5/stable-updates [all])
`;

describe('tandem-agent collect --only patch on Linux', () => {
  it('reads apt on Debian 12: pending and security updates, the reboot flag and the apt history', async () => {
    const { code, patch } = await collectPatch({
      programs: {
        apt: [{ match: 'list --upgradable', stdout: APT_LIST, stderr: '\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n' }],
        'apt-get': [{ match: '-s dist-upgrade', stdout: APT_SIM }],
      },
      files: {
        '/var/run/reboot-required': '*** System restart required ***\n',
        '/var/log/apt/history.log': '\nStart-Date: 2026-11-26  06:41:12\nCommandline: /usr/bin/unattended-upgrade\nUpgrade: curl:amd64 (7.88.1-10+deb12u4, 7.88.1-10+deb12u5)\nEnd-Date: 2026-11-26  06:41:20\n',
      },
      tz: 'Europe/Berlin',
    });
    expect(code).toBe(0);
    expect(patch).toEqual({
      state: 'ok', reason: null, source: 'apt', pendingCount: 3, securityCount: 2, rebootRequired: true,
      lastInstalledAt: '2026-11-26T05:41:20.000Z',
      updates: [
        { name: 'libssl3', currentVersion: '3.0.11-1~deb12u1', availableVersion: '3.0.11-1~deb12u2', security: true, kb: null, severity: null },
        { name: 'openssl', currentVersion: '3.0.11-1~deb12u1', availableVersion: '3.0.11-1~deb12u2', security: true, kb: null, severity: null },
        { name: 'tzdata', currentVersion: '2023c-5+deb12u1', availableVersion: '2024a-0+deb12u1', security: false, kb: null, severity: null },
      ],
    });
  });

  it('reads dnf on RHEL 9: check-update, advisories, needs-restarting and rpm install times', async () => {
    const { code, patch } = await collectPatch({
      programs: {
        dnf: [
          { match: 'check-update', stdoutFile: caseFile('dnf-check-update', 'many-pending-rhel9', 'stdout.txt'), exitCode: 100 },
          { match: 'updateinfo list', stdoutFile: caseFile('dnf-updateinfo-security', 'many-advisories-rhel9', 'stdout.txt') },
        ],
        'needs-restarting': [{ match: '-r', stdoutFile: caseFile('needs-restarting', 'reboot-required-rhel9', 'stdout.txt'), exitCode: 1 }],
        rpm: [{ match: '-qa', stdout: '1795000000\n1795766400\n' }],
      },
    });
    expect(code).toBe(0);
    expect(patch).toMatchObject({ state: 'ok', reason: null, source: 'dnf', pendingCount: 9, securityCount: 6, rebootRequired: true, lastInstalledAt: '2026-11-27T08:00:00.000Z' });
    expect(patch?.updates.find((u) => u.name === 'kernel')).toEqual({
      name: 'kernel', currentVersion: null, availableVersion: '5.14.0-362.13.1.el9_3', security: true,
      kb: 'RHSA-2023:7549, RHSA-2024:0627', severity: 'Important',
    });
    expect(patch?.updates.find((u) => u.name === 'NetworkManager')?.security).toBe(false);
  });

  it('reads zypper on SLES 15: packages, security patches, needs-rebooting and the zypp history', async () => {
    const { code, patch } = await collectPatch({
      programs: {
        zypper: [
          { match: 'list-updates', stdoutFile: caseFile('zypper-list-updates-xml', 'many-packages-sles15', 'stdout.txt') },
          { match: 'list-patches', stdoutFile: caseFile('zypper-list-updates-xml', 'security-patches-list-patches', 'stdout.txt') },
          { match: 'needs-rebooting', exitCode: 0, stdout: 'No core libraries or services have been updated since boot-up.\nReboot is probably not necessary.\n' },
        ],
      },
      files: { '/var/log/zypp/history': '2026-11-24 22:10:05|install|timezone|2023c-150000.75.23.1|x86_64|root@sles15|SLE-Module-Basesystem15-SP5-Updates|9a1b|\n' },
    });
    expect(code).toBe(0);
    expect(patch).toMatchObject({ state: 'ok', source: 'zypper', pendingCount: 4, securityCount: 2, rebootRequired: false, lastInstalledAt: '2026-11-24T22:10:05.000Z' });
    expect(patch?.updates.map((u) => u.name)).toEqual(['libopenssl1_1', 'libopenssl1_1-32bit', 'kernel-default', 'timezone']);
  });

  it('reads pacman on Arch: updates, a pending reboot after a kernel upgrade, and pacman.log', async () => {
    const { code, patch } = await collectPatch({
      programs: {
        pacman: [{ match: '-Qu', stdoutFile: caseFile('pacman-qu', 'many-pending', 'stdout.txt') }],
        uname: [{ match: '-r', stdout: '6.8.1-arch1-1\n' }],
      },
      files: {
        '/var/log/pacman.log': "[2026-11-27T21:30:02+0100] [PACMAN] Running 'pacman -S --config /etc/pacman.conf -- extra/htop'\n[2026-11-27T21:30:04+0100] [ALPM] installed htop (3.3.0-2)\n",
        '/usr/lib/modules/6.8.2-arch2-1/modules.dep': '',
      },
    });
    expect(code).toBe(0);
    expect(patch).toMatchObject({ state: 'ok', source: 'pacman', pendingCount: 6, securityCount: null, rebootRequired: true, lastInstalledAt: '2026-11-27T20:30:04.000Z' });
  });

  it('reports unknown, not zero, when no package manager is on PATH', async () => {
    const { code, patch } = await collectPatch({ programs: {} });
    expect(code).toBe(0);
    expect(patch).toEqual({
      state: 'unknown', reason: 'no supported package manager (apt, dnf, yum, zypper, pacman) was found on PATH',
      source: null, pendingCount: null, securityCount: null, rebootRequired: null, updates: [], lastInstalledAt: null,
    });
  });

  it('reports unknown with the reason when dnf fails', async () => {
    const { patch } = await collectPatch({
      programs: { dnf: [{ match: 'check-update', stderr: "Error: Cache-only enabled but no cache for 'rhel-9-for-x86_64-baseos-rpms'\n", exitCode: 1 }] },
    });
    expect(patch?.state).toBe('unknown');
    expect(patch?.reason).toBe("dnf check-update exited with code 1: Error: Cache-only enabled but no cache for 'rhel-9-for-x86_64-baseos-rpms'");
  });

  it('reports unknown when the package manager hangs past the command timeout', async () => {
    const { patch } = await collectPatch({
      programs: {},
      scripts: { pacman: '#!/bin/sh\nexec sleep 30\n' },
      config: 'dataDir: data\ncommandTimeoutSeconds: 1\n',
    });
    expect(patch?.state).toBe('unknown');
    expect(patch?.source).toBe('pacman');
    expect(patch?.reason).toMatch(/pacman timed out/);
  }, 20_000);
});

describe('tandem-agent parse apt-list-upgradable', () => {
  it('reads a pasted apt list from stdin', async () => {
    const result = await runAgentCli(['parse', 'apt-list-upgradable', '--tz', 'UTC'], {}, 'Listing...\r\nlibssl3/bookworm-security 3.0.11-1~deb12u2 amd64 [upgradable from: 3.0.11-1~deb12u1]\r\n');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      patch: {
        state: 'ok', reason: null, source: 'apt', pendingCount: 1, securityCount: 1, rebootRequired: null, lastInstalledAt: null,
        updates: [{ name: 'libssl3', currentVersion: '3.0.11-1~deb12u1', availableVersion: '3.0.11-1~deb12u2', security: true, kb: null, severity: null }],
      },
    });
  });

  it('takes the exit code the technician saw: a failed apt list is unknown', async () => {
    const result = await runAgentCli(['parse', 'apt-list-upgradable', '--exit-code', '100'], {}, 'Listing...\n');
    expect(result.code).toBe(0);
    const { patch } = JSON.parse(result.stdout) as { patch: PatchStatus };
    expect(patch.state).toBe('unknown');
    expect(patch.reason).toBe('apt list --upgradable exited with code 100 without an error message');
  });
});
