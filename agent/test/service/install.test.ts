// install/uninstall in-process for macOS and Windows, which cannot run here:
// the service manager is a recorder, enrollment goes to a local server
// implementing the collector's POST /api/v1/enroll contract. Linux runs for
// real in tests/e2e/agent-install.test.ts.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { OsFamily } from '@tandem/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentError } from '../../src/errors.js';
import type { RunOutcome } from '../../src/exec/run-command.js';
import { install } from '../../src/service/install.js';
import { uninstall } from '../../src/service/uninstall.js';
import { status } from '../../src/service/status.js';
import { upgrade } from '../../src/service/upgrade.js';
import { installLayout } from '../../src/service/layout.js';
import type { ServiceContext } from '../../src/service/service-context.js';

let server: Server;
let url: string;
let enrollments = 0;
/** The body of the last accepted enrollment, as the collector received it. */
let lastEnrollment: Record<string, unknown> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      const { token } = JSON.parse(body) as { token: string };
      if (req.url !== '/api/v1/enroll' || token !== 'tde_good') {
        res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'COL_ERR_ENROLL', message: 'enrollment token is not known' } }));
        return;
      }
      enrollments += 1;
      lastEnrollment = JSON.parse(body) as Record<string, unknown>;
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ deviceId: `dev_${enrollments}`, tenantId: 'acme', deviceSecret: 's3cret', agentUrls: ['ws://127.0.0.1:1/agent/v1'] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

interface Recorded { ctx: ServiceContext; calls: Array<{ command: string; args: string[]; credentialExists: boolean }>; out: string[]; root: string }

function recordedContext(os: OsFamily, failOn?: string, onRun?: (args: string[], layout: ReturnType<typeof installLayout>) => void): Recorded {
  const root = join(mkdtempSync(join(tmpdir(), 'tandem-svc-')), 'root');
  mkdirSync(root);
  const layout = installLayout(os, root);
  const calls: Recorded['calls'] = [];
  const out: string[] = [];
  const ctx: ServiceContext = {
    os, layout, env: {}, isAdmin: async () => true, out: (l) => out.push(l),
    run: async (command, args): Promise<RunOutcome> => {
      calls.push({ command, args, credentialExists: existsSync(join(layout.dataDir, 'credentials.json')) });
      onRun?.(args, layout);
      const failed = failOn !== undefined && args.includes(failOn);
      return { command, args, stdout: '', stderr: failed ? 'access denied' : '', exitCode: failed ? 1 : 0, timedOut: false, truncated: false, durationMs: 1 };
    },
  };
  return { ctx, calls, out, root };
}

function program(dir: string, name: string): string {
  const file = join(dir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, 'binary');
  return file;
}

describe('install on Windows', () => {
  it('locks the folder before the credential exists, then installs and starts WinSW', async () => {
    const r = recordedContext('win32');
    const bin = join(r.root, '..', 'Program Files', 'Tandem');
    const exe = program(bin, 'tandem-agent.exe');
    program(bin, 'tandem-agent-service.exe');
    expect(await install(r.ctx, { url, token: 'tde_good', program: [exe] })).toBe('installed');
    const base = join(r.root, 'ProgramData', 'Tandem', 'Agent');
    const winsw = join(base, 'service', 'tandem-agent-service.exe');
    expect(r.calls.map(({ command, args }) => [command, ...args])).toEqual([
      ['icacls', base, '/inheritance:r', '/grant:r', '*S-1-5-18:(OI)(CI)F', '*S-1-5-32-544:(OI)(CI)F'],
      [winsw, 'install'],
      [winsw, 'start'],
    ]);
    expect(r.calls[0]!.credentialExists).toBe(false);
    expect(readFileSync(winsw, 'utf8')).toBe('binary');
    expect(readFileSync(join(base, 'service', 'tandem-agent-service.xml'), 'utf8')).toContain(`<executable>${exe}</executable>`);
    expect(JSON.parse(readFileSync(join(base, 'data', 'credentials.json'), 'utf8'))).toMatchObject({ deviceId: expect.stringMatching(/^dev_/), tenantId: 'acme' });

    await uninstall(r.ctx, { purge: true });
    expect(r.calls.slice(-2).map(({ command, args }) => [command, ...args])).toEqual([[winsw, 'stop'], [winsw, 'uninstall']]);
    expect(readdirSync(r.root)).toEqual([]);
  });

  it('names where it looked when WinSW is not beside the executable, and writes nothing', async () => {
    const r = recordedContext('win32');
    const exe = program(join(r.root, '..', 'bin'), 'tandem-agent.exe');
    await expect(install(r.ctx, { url, token: 'tde_good', program: [exe] })).rejects.toThrow(/cannot read the service host \(WinSW, --service-host\) .*tandem-agent-service\.exe: ENOENT/);
    expect(readdirSync(r.root)).toEqual([]);
  });

  it('a service manager failure rolls everything back, including the registration', async () => {
    const r = recordedContext('win32', 'start');
    const bin = join(r.root, '..', 'bin');
    const exe = program(bin, 'tandem-agent.exe');
    program(bin, 'tandem-agent-service.exe');
    const err = await install(r.ctx, { url, token: 'tde_good', program: [exe] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AgentError);
    expect((err as AgentError).code).toBe('AGT_ERR_SERVICE_MANAGER');
    expect((err as AgentError).message).toMatch(/`.*tandem-agent-service\.exe start` failed: exit code 1: access denied/);
    expect(r.calls.map((c) => c.args[0])).toEqual([base(r), 'install', 'start', 'stop', 'uninstall']);
    expect(readdirSync(r.root)).toEqual([]);
  });
});

function base(r: Recorded): string {
  return join(r.root, 'ProgramData', 'Tandem', 'Agent');
}

describe('install on macOS', () => {
  it('writes the LaunchDaemon and bootstraps it into the system domain', async () => {
    const r = recordedContext('darwin');
    const exe = program(join(r.root, 'usr', 'local', 'bin'), 'tandem-agent');
    await install(r.ctx, { url, token: 'tde_good', program: [exe] });
    const plist = join(r.root, 'Library', 'LaunchDaemons', 'net.tandem.agent.plist');
    expect(r.calls.map(({ command, args }) => [command, ...args])).toEqual([
      ['launchctl', 'enable', 'system/net.tandem.agent'],
      ['launchctl', 'bootstrap', 'system', plist],
    ]);
    expect(readFileSync(plist, 'utf8')).toContain(`<string>${exe}</string>`);
    expect(existsSync(join(r.root, 'Library', 'Logs', 'Tandem Agent'))).toBe(true);
    expect(await install(r.ctx, { url, token: 'tde_good', program: [exe] })).toBe('unchanged');
    expect(r.out.at(-1)).toMatch(/already installed with these settings .* nothing changed/);
  });

  it('uninstall keeps the credential; the same install resumes without enrolling again; --purge leaves nothing', async () => {
    const r = recordedContext('darwin');
    const exe = program(join(r.root, '..', 'bin'), 'tandem-agent');
    await install(r.ctx, { url, token: 'tde_good', program: [exe] });
    const creds = readFileSync(join(r.ctx.layout.dataDir, 'credentials.json'), 'utf8');
    const enrolledBefore = enrollments;
    await uninstall(r.ctx, { purge: false });
    expect(existsSync(r.ctx.layout.serviceFile)).toBe(false);
    await expect(status(r.ctx)).rejects.toThrow(/was uninstalled at .*credential and config are kept/);
    expect(await install(r.ctx, { url, token: 'tde_good', program: [exe] })).toBe('updated');
    expect(enrollments).toBe(enrolledBefore);
    expect(readFileSync(join(r.ctx.layout.dataDir, 'credentials.json'), 'utf8')).toBe(creds);
    expect((await status(r.ctx)).deviceId).toBe(JSON.parse(creds).deviceId);
    await uninstall(r.ctx, { purge: false });
    await uninstall(r.ctx, { purge: true });
    expect(readdirSync(r.root)).toEqual([]);
  });

  it('--force with a new token re-enrolls and restarts', async () => {
    const r = recordedContext('darwin');
    const exe = program(join(r.root, 'usr', 'local', 'bin'), 'tandem-agent');
    await install(r.ctx, { url, token: 'tde_good', program: [exe] });
    expect(lastEnrollment).not.toHaveProperty('site');
    expect(lastEnrollment).not.toHaveProperty('tags');
    const first = JSON.parse(readFileSync(join(r.ctx.layout.dataDir, 'credentials.json'), 'utf8')) as { deviceId: string };
    await expect(install(r.ctx, { url, token: 'tde_good', site: 'branch', program: [exe] })).rejects.toThrow(/already installed .* with a different --site; nothing changed/);
    expect(await install(r.ctx, { url, token: 'tde_good', site: 'branch', tags: ['role=desk', 'lab', 'lab'], program: [exe], force: true })).toBe('replaced');
    // The collector is asked for the installer's site and tags (it decides what the token allows).
    expect(lastEnrollment).toMatchObject({ token: 'tde_good', site: 'branch', tags: ['lab', 'role=desk'] });
    const second = JSON.parse(readFileSync(join(r.ctx.layout.dataDir, 'credentials.json'), 'utf8')) as { deviceId: string };
    expect(second.deviceId).not.toBe(first.deviceId);
    expect(r.calls.slice(-4).map(({ args }) => args[0])).toEqual(['bootout', 'enable', 'bootstrap', 'kickstart']);
  });
});

describe('upgrade on Windows', () => {
  /** What the service's restart does to the spool state: the new version delivers (or not). */
  const delivering = (deliver: boolean) => (args: string[], layout: ReturnType<typeof installLayout>) => {
    if (args[0] !== 'restart' || !deliver) return;
    mkdirSync(join(layout.dataDir, 'spool'), { recursive: true });
    writeFileSync(join(layout.dataDir, 'spool', 'spool-state.json'), JSON.stringify({ lastSeq: 8, ackedSeq: 8 }));
  };

  async function installed(deliver: boolean): Promise<{ r: Recorded; exe: string; file: string; sha256: string }> {
    const r = recordedContext('win32', undefined, delivering(deliver));
    const bin = join(r.root, '..', 'bin');
    const exe = program(bin, 'tandem-agent.exe');
    program(bin, 'tandem-agent-service.exe');
    await install(r.ctx, { url, token: 'tde_good', program: [exe] });
    mkdirSync(join(r.ctx.layout.dataDir, 'spool'), { recursive: true });
    writeFileSync(join(r.ctx.layout.dataDir, 'spool', 'spool-state.json'), JSON.stringify({ lastSeq: 7, ackedSeq: 7 }));
    const file = join(r.root, '..', 'new.exe');
    writeFileSync(file, 'binary v2');
    return { r, exe, file, sha256: createHash('sha256').update('binary v2').digest('hex') };
  }

  it('moves the running executable aside, puts the new one in place and restarts WinSW', async () => {
    const { r, exe, file, sha256 } = await installed(true);
    await upgrade(r.ctx, { file, sha256, timeoutMs: 5000, pollMs: 10 });
    expect(readFileSync(exe, 'utf8')).toBe('binary v2');
    expect(existsSync(`${exe}.previous`)).toBe(false);
    expect(r.calls.at(-1)!.args).toEqual(['restart']);
    expect(r.out.at(-1)).toMatch(/delivered report #8$/);
  });

  it('puts the old executable back when the new one delivers nothing', async () => {
    const { r, exe, file, sha256 } = await installed(false);
    await expect(upgrade(r.ctx, { file, sha256, timeoutMs: 200, pollMs: 10 })).rejects.toThrow(/delivered no report to the collector within 0 s; the previous executable is back/);
    expect(readFileSync(exe, 'utf8')).toBe('binary');
    expect(r.calls.slice(-2).map((c) => c.args)).toEqual([['restart'], ['restart']]);
  });
});
