// A broken config file stops the process with a message naming the file,
// the key and what was expected.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENT_CLI, COLLECTOR_CLI, runNode, tempDir } from '../support/processes.js';
import type { CliResult } from '../support/processes.js';

/** Runs a CLI in a directory of its own, without a config from the environment. */
function runIn(cwd: string, script: string, args: string[]): Promise<CliResult> {
  const env = { ...process.env };
  delete env.TANDEM_COLLECTOR_CONFIG;
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd, env }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

function configFile(text: string): string {
  const file = join(tempDir('cfg'), 'config.yaml');
  writeFileSync(file, text);
  return file;
}

describe('broken config files', () => {
  it('collector: wrong type', async () => {
    const file = configFile('listen: { port: "http" }\n');
    const r = await runNode(COLLECTOR_CLI, ['serve', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: listen.port:`);
    expect(r.stderr).toMatch(/expected number/);
  });

  it('collector: broken YAML', async () => {
    const file = configFile('listen:\n  port: [8080\n');
    const r = await runNode(COLLECTOR_CLI, ['serve', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: not valid YAML`));
  });

  it('agent: unknown key and bad schedule', async () => {
    const file = configFile('dataDir: data\nschedules: { disk: "often" }\ncolectors: ["ws://x"]\n');
    const r = await runNode(AGENT_CLI, ['run', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: schedules.disk: expected a cron expression`);
    expect(r.stderr).toMatch(/colectors/);
  });

  it('agent: missing file', async () => {
    const r = await runNode(AGENT_CLI, ['collect', '--once', '--config', '/nonexistent/agent.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot read config /nonexistent/agent.yaml: ENOENT');
  });
});

describe('the CLIs as an admin scripts them', { timeout: 300_000 }, () => {
  const COLLECTOR_COMMANDS = ['serve', 'tenant create', 'tenant list', 'user create', 'user list', 'user disable', 'token create', 'token list', 'token revoke',
    'enroll-token create', 'device list', 'device revoke', 'ownership diff', 'ownership apply', 'routes test', 'routes matrix', 'routes gaps', 'version'];

  it('--help on every collector command answers its usage and exits 0, even beside a wrong option', async () => {
    const results = await Promise.all(COLLECTOR_COMMANDS.map(async (command) => ({ command, r: await runIn(tempDir('help'), COLLECTOR_CLI, [...command.split(' '), '--help']) })));
    for (const { command, r } of results) {
      expect({ command, code: r.code, stderr: r.stderr }).toEqual({ command, code: 0, stderr: '' });
      expect(r.stdout).toContain(command.split(' ')[0]);
    }
    expect((await runIn(tempDir('help'), COLLECTOR_CLI, ['tenant', 'create', '--bogus', '--help'])).code).toBe(0);
    const tenant = await runIn(tempDir('help'), COLLECTOR_CLI, ['tenant', '--help']);
    expect(tenant.stdout).toContain('tenant create --name <name> [--id <id>]');
    expect(tenant.stdout).not.toContain('enroll-token');
  });

  it('--help on every agent command exits 0', async () => {
    for (const command of ['run', 'collect', 'enroll', 'parse', 'version', 'help']) {
      const r = await runIn(tempDir('help'), AGENT_CLI, command === 'help' ? ['--help'] : [command, '--help']);
      expect({ command, code: r.code }).toEqual({ command, code: 0 });
      expect(r.stdout).toContain('usage: tandem-agent');
    }
  });

  it('a store command without --config says so instead of creating ./tandem-data', async () => {
    for (const args of [['tenant', 'list'], ['tenant', 'create', '--name', 'Acme'], ['serve'], ['device', 'list']]) {
      const cwd = tempDir('no-config');
      const r = await runIn(cwd, COLLECTOR_CLI, args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toContain(`${args.slice(0, 2).join(' ').replace(/^serve.*/, 'serve')} needs --config <collector.yaml> (or $TANDEM_COLLECTOR_CONFIG)`);
      expect(readdirSync(cwd)).toEqual([]);
      expect(existsSync(join(cwd, 'tandem-data'))).toBe(false);
    }
  });

  it('tenant create of an existing id is a clean error, not a stack trace', async () => {
    const dir = tempDir('dup');
    const file = join(dir, 'collector.yaml');
    writeFileSync(file, `dataDir: ${join(dir, 'data')}\nlogLevel: warn\n`);
    expect((await runNode(COLLECTOR_CLI, ['tenant', 'create', '--id', 'acme', '--name', 'Acme', '--config', file])).code).toBe(0);
    const again = await runNode(COLLECTOR_CLI, ['tenant', 'create', '--id', 'acme', '--name', 'Acme again', '--config', file]);
    expect(again).toEqual({ code: 1, stdout: '', stderr: 'tandem-collector: tenant acme already exists (Acme); tenant list shows them all\n' });
    const bad = await runNode(COLLECTOR_CLI, ['tenant', 'create', '--id', 'Acme Corp', '--name', 'x', '--config', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--id: expected 2-63 lower-case letters, digits and dashes');
  });
});
