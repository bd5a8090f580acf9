import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CollectContext } from '../../../src/collectors/collector.js';
import { defaultAgentConfig } from '../../../src/config.js';
import type { RunCommand } from '../../../src/exec/run-command.js';
import { collectSecurityDarwin, SOCKETFILTERFW } from '../../../src/collectors/security/darwin.js';

type Answer = { stdout?: string; stderr?: string; exitCode?: number };

function context(answers: Record<string, Answer>): { ctx: CollectContext; commands: string[] } {
  const commands: string[] = [];
  const run: RunCommand = async (command, args) => {
    commands.push(command);
    const a = answers[command];
    if (!a) return { command, args, notFound: true, message: `${command} not found on PATH` };
    return { command, args, stdout: a.stdout ?? '', stderr: a.stderr ?? '', exitCode: a.exitCode ?? 0, timedOut: false, truncated: false, durationMs: 3 };
  };
  const ctx: CollectContext = {
    platform: 'darwin', run, now: () => new Date('2026-11-28T12:00:00Z'), config: defaultAgentConfig(tmpdir()), env: {},
    timeZone: 'UTC', osPath: (p) => join('/nonexistent-tandem-root', p),
  };
  return { ctx, commands };
}

const HEALTHY = {
  fdesetup: { stdout: 'FileVault is On.\n' },
  socketfilterfw: { stdout: 'Firewall is enabled. (State = 1)\n' },
  spctl: { stdout: 'assessments enabled\n' },
  csrutil: { stdout: 'System Integrity Protection status: enabled.\n' },
};

describe('collectSecurityDarwin', () => {
  it('combines the four tools; antivirus stays empty', async () => {
    const { ctx } = context(HEALTHY);
    expect(await collectSecurityDarwin(ctx)).toEqual({
      state: 'ok', reason: null, antivirus: [],
      firewall: { enabled: true, profiles: [] },
      encryption: [{ mount: '/', state: 'on', method: 'FileVault' }],
      checks: { gatekeeper: 'on', sip: 'on' },
      endpointProtection: [],
    });
  });

  it('falls back to socketfilterfw on PATH when the fixed location does not exist', async () => {
    const { ctx, commands } = context(HEALTHY);
    await collectSecurityDarwin(ctx);
    expect(commands).toContain('socketfilterfw');
    expect(commands).not.toContain(join('/nonexistent-tandem-root', SOCKETFILTERFW));
  });

  it('keeps what it could read and names every tool it could not', async () => {
    const { ctx } = context({ fdesetup: { stdout: 'FileVault is Off.\n' }, spctl: { stdout: 'assessments disabled\n', exitCode: 1 } });
    const security = await collectSecurityDarwin(ctx);
    expect(security.state).toBe('unknown');
    expect(security.reason).toContain('socketfilterfw not found');
    expect(security.reason).toContain('csrutil not found');
    expect(security.encryption).toEqual([{ mount: '/', state: 'off', method: null }]);
    expect(security.firewall.enabled).toBeNull();
    expect(security.checks).toEqual({ gatekeeper: 'off', sip: 'unknown' });
  });
});
