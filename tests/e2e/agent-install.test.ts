// `tandem-agent install` into a temporary root against a real collector. systemd
// is not PID 1 here, so `systemctl` is a fake on PATH that records every call
// and implements the part of its contract install relies on: `enable --now`
// and `restart` run the unit's exact ExecStart line as a process, `disable
// --now` stops it, `is-active` says whether it runs. The unit itself goes
// through the real `systemd-analyze verify` and `security`.
import { execFile, execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_CLI, COLLECTOR_CLI, Proc, freePort, runNode, startCollector, tempDir, waitUntil } from '../support/processes.js';
import type { CliResult, RunningCollector } from '../support/processes.js';
import { writeFakeSystemctl } from '../support/fake-systemctl.js';

const repo = join(AGENT_CLI, '..', '..', '..');
const COLLECTOR_UNIT = join(repo, 'deploy', 'systemd', 'tandem-collector.service');
const EXIT = { ok: 0, usage: 2, notAdmin: 3, enrollRefused: 4, unreachable: 5, pinMismatch: 6, alreadyInstalled: 7, notInstalled: 8, serviceManager: 9, checksum: 10, rolledBack: 11 };

let collector: RunningCollector;
let apiToken: string;
let fakeBin: string;
const roots: string[] = [];


function newRoot(): string {
  const root = join(tempDir('install'), 'root');
  mkdirSync(root);
  roots.push(root);
  return root;
}

function agent(root: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runNode(AGENT_CLI, args, { TANDEM_INSTALL_ROOT: root, PATH: `${fakeBin}:${process.env.PATH}`, ...env });
}

async function enrollToken(): Promise<string> {
  const r = await collector.cli(['enroll-token', 'create', '--tenant', 'inst', '--max-uses', '1']);
  expect(r.code).toBe(0);
  return r.stdout.trim();
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String).sort();
}

function systemctlCalls(root: string): string[][] {
  const log = join(root, '..', 'systemctl.log');
  const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]) : [];
  // The running agent asks systemctl about other services (antivirus, say); those are not install's.
  return calls.filter((args) => args[0] === 'daemon-reload' || args.includes('tandem-agent.service'));
}

function run(command: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(command, args, { maxBuffer: 4 << 20 }, (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
  });
}

async function exposure(unitFile: string): Promise<number> {
  const r = await run('systemd-analyze', ['security', '--offline=yes', unitFile]);
  const m = /Overall exposure level for \S+: (\d+\.\d+)/.exec(r.stdout + r.stderr);
  if (!m) throw new Error(`no exposure level in: ${r.stdout}${r.stderr}`);
  return Number(m[1]);
}

interface ListedDevice { connected: boolean; site: string | null; tags: string[]; status: { disk: unknown } | null }

async function reportedDevice(deviceId: string): Promise<ListedDevice | null> {
  const res = await fetch(`${collector.url}/api/v1/devices/${deviceId}`, { headers: { authorization: `Bearer ${apiToken}` } });
  return res.ok ? (await res.json()) as ListedDevice : null;
}

async function stopService(root: string): Promise<void> {
  const pidFile = join(root, '..', 'service.pid');
  if (!existsSync(pidFile)) return;
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
  } catch {
    // Already gone.
  }
}

beforeAll(async () => {
  fakeBin = tempDir('fake-bin');
  writeFakeSystemctl(fakeBin);
  collector = await startCollector();
  expect((await collector.cli(['tenant', 'create', '--id', 'inst', '--name', 'Install Org'])).code).toBe(0);
  apiToken = (await collector.cli(['token', 'create', '--name', 'install admin'])).stdout.trim();
});

afterAll(async () => {
  await Promise.all(roots.map(stopService));
  await collector?.proc.stop();
});

describe('tandem-agent install on Linux (systemd)', () => {
  let root: string;
  let token: string;
  let deviceId: string;

  it('enrolls, writes a unit that systemd accepts, and starts the agent, which reports', async () => {
    root = newRoot();
    token = await enrollToken();
    const r = await agent(root, ['install', '--url', collector.url, '--token', token, '--site', 'hq', '--tags', 'lab,e2e']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toMatch(/^installed: device \S+ \(tenant inst\) reports to http:\/\/127\.0\.0\.1:\d+; service /m);

    const unitFile = join(root, 'etc', 'systemd', 'system', 'tandem-agent.service');
    const unit = readFileSync(unitFile, 'utf8');
    const execStart = /^ExecStart=(.*)$/m.exec(unit)![1]!;
    expect(execStart).toBe(`${process.execPath} ${AGENT_CLI} run --config ${join(root, 'etc', 'tandem', 'agent.yaml')}`);
    expect(unit).toContain(`ConditionPathExists=${join(root, 'var', 'lib', 'tandem-agent', 'credentials.json')}`);
    expect(unit).toContain('RestartPreventExitStatus=78');

    const verify = await run('systemd-analyze', ['verify', '--man=no', unitFile]);
    expect(verify.stderr.split('\n').filter((l) => l.includes('tandem-agent.service'))).toEqual([]);
    expect(verify.code).toBe(0);
    expect(await exposure(unitFile)).toBeLessThanOrEqual(4.5);

    expect(systemctlCalls(root)).toEqual([['daemon-reload'], ['enable', '--now', 'tandem-agent.service']]);
    deviceId = (JSON.parse(readFileSync(join(root, 'var', 'lib', 'tandem-agent', 'credentials.json'), 'utf8')) as { deviceId: string }).deviceId;
    const device = await waitUntil(async () => {
      const d = await reportedDevice(deviceId);
      return d?.connected && d.status?.disk ? d : null;
    }, 60_000, 'a report from the agent the fake systemctl started from ExecStart');
    expect(device.connected).toBe(true);
    // The token sets no site or tags, so the installer's --site and --tags are the device's.
    expect(device).toMatchObject({ site: 'hq', tags: ['e2e', 'lab'] });
  });

  it('a second install with the same arguments changes nothing and says so', async () => {
    const before = installedFiles(root);
    const calls = systemctlCalls(root).length;
    const r = await agent(root, ['install', '--url', collector.url, '--token', token, '--site', 'hq', '--tags', 'e2e,lab']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toContain('already installed with these settings');
    expect(r.stdout).toContain('nothing changed');
    expect(systemctlCalls(root).length).toBe(calls);
    expect(installedFiles(root)).toEqual(before);
  });

  it('a second install with another token is refused without --force, naming what differs', async () => {
    const r = await agent(root, ['install', '--url', collector.url, '--token', 'tde_other']);
    expect(r.code).toBe(EXIT.alreadyInstalled);
    expect(r.stderr).toContain('already installed');
    expect(r.stderr).toContain('different --token, --site, --tags');
    expect(r.stderr).toContain('--force');
  });

  it('status shows the service, the collector and the last acknowledged report', async () => {
    await waitUntil(async () => {
      const s = await agent(root, ['status', '--json']);
      return s.code === 0 && (JSON.parse(s.stdout) as { delivery: { ackedSeq: number } }).delivery.ackedSeq > 0;
    }, 30_000, 'an acknowledged report in status');
    const r = await agent(root, ['status', '--json']);
    const s = JSON.parse(r.stdout) as { service: string; collectorUrl: string; deviceId: string; delivery: { ackedSeq: number; ackedAt: string; spooled: number } };
    expect(s.service).toBe('active');
    expect(s.collectorUrl).toBe(collector.url);
    expect(s.deviceId).toBe(deviceId);
    expect(s.delivery.ackedSeq).toBeGreaterThan(0);
    // The time is known when nothing waits in the spool (the usual case for an idle agent).
    if (s.delivery.spooled === 0) expect(Number.isNaN(Date.parse(s.delivery.ackedAt))).toBe(false);
    const text = await agent(root, ['status']);
    expect(text.stdout).toMatch(/^service: +active$/m);
    expect(text.stdout).toMatch(/^last acked: +report #\d+( at \d{4}-\S+)?$/m);
  });

  it('uninstall --purge stops the service and leaves nothing behind in the root', async () => {
    const r = await agent(root, ['uninstall', '--purge']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT.ok);
    expect(systemctlCalls(root).slice(-2)).toEqual([['disable', '--now', 'tandem-agent.service'], ['daemon-reload']]);
    expect(filesUnder(root)).toEqual([]);
    expect((await agent(root, ['status'])).code).toBe(EXIT.notInstalled);
  });
});

/** Every file install owns, with its content (the running agent's spool is its own). */
function installedFiles(root: string): Array<[string, string]> {
  return filesUnder(root)
    .filter((f) => !f.includes('spool') && !f.endsWith('policy.json') && statSync(join(root, f)).isFile())
    .map((f) => [f, readFileSync(join(root, f), 'utf8')]);
}

describe('tandem-agent upgrade', () => {
  let root: string;
  let executable: string;
  const wrapper = (label: string) => `#!/bin/sh\n# ${label}\nexec ${process.execPath} ${AGENT_CLI} "$@"\n`;

  beforeAll(async () => {
    root = newRoot();
    executable = join(root, 'usr', 'local', 'bin', 'tandem-agent');
    mkdirSync(join(executable, '..'), { recursive: true });
    writeFileSync(executable, wrapper('v1'), { mode: 0o755 });
    const r = await agent(root, ['install', '--url', collector.url, '--token', await enrollToken(), '--executable', executable]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT.ok);
  });

  it('refuses a file whose checksum does not match and replaces nothing', async () => {
    const dir = tempDir('upgrade-bad');
    const file = join(dir, 'tandem-agent-linux-x64');
    writeFileSync(file, wrapper('v2'));
    writeFileSync(join(dir, 'SHA256SUMS'), `${'0'.repeat(64)}  tandem-agent-linux-x64\n`);
    const r = await agent(root, ['upgrade', file]);
    expect(r.code).toBe(EXIT.checksum);
    expect(r.stderr).toContain(`${file} has SHA-256 ${createHash('sha256').update(wrapper('v2')).digest('hex')}, expected ${'0'.repeat(64)}; nothing was replaced`);
    expect(readFileSync(executable, 'utf8')).toBe(wrapper('v1'));
  });

  it('replaces the executable (verified by SHA256SUMS), restarts, and the new version reports', async () => {
    const dir = tempDir('upgrade');
    const file = join(dir, 'tandem-agent-linux-x64');
    writeFileSync(file, wrapper('v2'));
    writeFileSync(join(dir, 'SHA256SUMS'), `${createHash('sha256').update(wrapper('v2')).digest('hex')}  tandem-agent-linux-x64\n`);
    const r = await agent(root, ['upgrade', file, '--timeout', '90']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toMatch(/^upgraded .* the new version delivered report #\d+$/m);
    expect(readFileSync(executable, 'utf8')).toBe(wrapper('v2'));
    expect(existsSync(`${executable}.previous`)).toBe(false);
    expect(systemctlCalls(root).at(-1)).toEqual(['restart', 'tandem-agent.service']);
  });

  it('rolls back to the old executable when the new one does not reconnect in time', async () => {
    const broken = '#!/bin/sh\necho "broken build" >&2\nexit 1\n';
    const file = join(tempDir('upgrade-broken'), 'tandem-agent-linux-x64');
    writeFileSync(file, broken);
    const r = await agent(root, ['upgrade', file, '--sha256', createHash('sha256').update(broken).digest('hex'), '--timeout', '5']);
    expect(r.code).toBe(EXIT.rolledBack);
    expect(r.stderr).toContain('the new version delivered no report to the collector within 5 s; the previous executable is back in');
    expect(readFileSync(executable, 'utf8')).toBe(wrapper('v2'));
    const s = JSON.parse((await agent(root, ['status', '--json'])).stdout) as { service: string };
    expect(s.service).toBe('active');
  });
});

describe('tandem-agent install: bad input leaves nothing installed', () => {
  it('a wrong token: exit 4, the collector says why', async () => {
    const root = newRoot();
    const r = await agent(root, ['install', '--url', collector.url, '--token', 'tde_forged']);
    expect(r.code).toBe(EXIT.enrollRefused);
    expect(r.stderr).toContain('refused enrollment (HTTP 403): enrollment token is not known');
    expect(filesUnder(root)).toEqual([]);
    expect(systemctlCalls(root)).toEqual([]);
  });

  it('an expired token: exit 4', async () => {
    const root = newRoot();
    const res = await fetch(`${collector.url}/api/v1/enroll-tokens`, {
      method: 'POST', headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId: 'inst', expiresInHours: 0.0002 }),
    });
    const expiresAt = Date.now() + 0.0002 * 3_600_000;
    const { token } = (await res.json()) as { token: string };
    await waitUntil(async () => Date.now() > expiresAt + 200, 10_000, 'the token to expire');
    const r = await agent(root, ['install', '--url', collector.url, '--token', token]);
    expect(r.code).toBe(EXIT.enrollRefused);
    expect(r.stderr).toContain('enrollment token has expired');
    expect(filesUnder(root)).toEqual([]);
  });

  it('an unreachable collector: exit 5', async () => {
    const root = newRoot();
    const port = await freePort();
    const r = await agent(root, ['install', '--url', `http://127.0.0.1:${port}`, '--token', 'tde_x']);
    expect(r.code).toBe(EXIT.unreachable);
    expect(r.stderr).toContain(`cannot reach collector at http://127.0.0.1:${port}`);
    expect(filesUnder(root)).toEqual([]);
  });

  it('no root: exit 3 before anything is written', async () => {
    const root = newRoot();
    chmodSync(join(root, '..'), 0o755);
    const r = await run('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', 'env', `TANDEM_INSTALL_ROOT=${root}`, process.execPath, AGENT_CLI, 'install', '--url', collector.url, '--token', 'tde_x']);
    expect(r.code).toBe(EXIT.notAdmin);
    expect(r.stderr).toContain('install needs root; run it with sudo');
    expect(filesUnder(root)).toEqual([]);
  });

  it('the service manager failing: exit 9, and what install wrote is rolled back', async () => {
    const root = newRoot();
    const r = await agent(root, ['install', '--url', collector.url, '--token', await enrollToken()], { FAKE_SYSTEMCTL_FAIL: 'enable' });
    expect(r.code).toBe(EXIT.serviceManager);
    expect(r.stderr).toContain('`systemctl enable --now tandem-agent.service` failed: exit code 1: Failed to enable unit: Access denied');
    expect(filesUnder(root)).toEqual([]);
  });

  it('the service started without a credential exits 78, which the unit does not restart', async () => {
    const dir = tempDir('no-credential');
    writeFileSync(join(dir, 'agent.yaml'), 'dataDir: data\n');
    const r = await runNode(AGENT_CLI, ['run', '--config', join(dir, 'agent.yaml')]);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('no device credential in');
  });

  it('a usage error: exit 2', async () => {
    const root = newRoot();
    const r = await agent(root, ['install', '--url', collector.url]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain('install needs --url <collector> and --token <enroll token> (or $TANDEM_ENROLL_TOKEN)');
  });
});

describe('tandem-agent install over TLS', () => {
  let dir: string;
  let url: string;
  let server: Proc;
  let goodPin: string;

  beforeAll(async () => {
    dir = tempDir('install-tls');
    const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Tandem Test CA']);
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
    writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
    openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext']);
    const spki = new X509Certificate(readFileSync(join(dir, 'server.pem'))).publicKey.export({ type: 'spki', format: 'der' });
    goodPin = createHash('sha256').update(spki).digest('base64');
    const port = await freePort();
    url = `https://127.0.0.1:${port}`;
    writeFileSync(join(dir, 'collector.yaml'), `listen: { host: 127.0.0.1, port: ${port} }\ndataDir: data\nlogLevel: warn\ntls: { certFile: server.pem, keyFile: server.key }\n`);
    server = Proc.start(COLLECTOR_CLI, ['serve', '--config', join(dir, 'collector.yaml')]);
    await waitUntil(async () => {
      if (server.exited) throw new Error(`collector exited: ${server.output}`);
      return new Promise<boolean>((resolve) => {
        get(`${url}/readyz`, { ca: readFileSync(join(dir, 'ca.pem')) }, (res) => { res.resume(); resolve(res.statusCode === 200); }).on('error', () => resolve(false));
      });
    }, 15_000, 'collector ready over HTTPS');
    await runNode(COLLECTOR_CLI, ['tenant', 'create', '--id', 'tls', '--name', 'TLS', '--config', join(dir, 'collector.yaml')]);
  });

  afterAll(async () => {
    await server?.stop();
  });

  async function tlsToken(): Promise<string> {
    return (await runNode(COLLECTOR_CLI, ['enroll-token', 'create', '--tenant', 'tls', '--max-uses', '1', '--config', join(dir, 'collector.yaml')])).stdout.trim();
  }

  it('a pin mismatch: exit 6, naming both keys, nothing installed', async () => {
    const root = newRoot();
    const wrongPin = createHash('sha256').update('another key').digest('base64');
    const r = await agent(root, ['install', '--url', url, '--token', await tlsToken(), '--ca-file', join(dir, 'ca.pem'), '--pin', wrongPin]);
    expect(r.code).toBe(EXIT.pinMismatch);
    expect(r.stderr).toContain(`presented public key ${goodPin}, which does not match the configured pin ${wrongPin}`);
    expect(filesUnder(root)).toEqual([]);
  });

  it('with --ca-file, the right --pin and the token from $TANDEM_ENROLL_TOKEN: the config trusts the copied CA and keeps the pin', async () => {
    const root = newRoot();
    const r = await agent(root, ['install', '--url', url, '--ca-file', join(dir, 'ca.pem'), '--pin', goodPin], { TANDEM_ENROLL_TOKEN: await tlsToken() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT.ok);
    expect(readFileSync(join(root, 'etc', 'tandem', 'collector-ca.pem'))).toEqual(readFileSync(join(dir, 'ca.pem')));
    const config = readFileSync(join(root, 'etc', 'tandem', 'agent.yaml'), 'utf8');
    expect(config).toContain(`caFile: "${join(root, 'etc', 'tandem', 'collector-ca.pem')}"`);
    expect(config).toContain(`pinSha256: "${goodPin}"`);
    expect((await agent(root, ['uninstall', '--purge'])).code).toBe(EXIT.ok);
    expect(filesUnder(root)).toEqual([]);
  });
});

describe('collector unit (deploy/systemd)', () => {
  it('passes systemd-analyze verify', async () => {
    const r = await run('systemd-analyze', ['verify', '--man=no', COLLECTOR_UNIT]);
    expect(r.stderr.split('\n').filter((l) => l.includes('tandem-collector.service') && !l.includes('/opt/tandem/collector'))).toEqual([]);
  });

  it('is rated 2.5 or better by systemd-analyze security', async () => {
    expect(await exposure(COLLECTOR_UNIT)).toBeLessThanOrEqual(2.5);
  });
});
