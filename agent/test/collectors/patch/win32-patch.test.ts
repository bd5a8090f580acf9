// The Windows patch collector with PowerShell replayed from recorded output.
import { describe, expect, it } from 'vitest';
import type { CollectContext } from '../../../src/collectors/collector.js';
import type { RunCommand, RunOptions, RunOutcome } from '../../../src/exec/run-command.js';
import { defaultAgentConfig } from '../../../src/config.js';
import { collectPatchWin32, WUA_SEARCH_TIMEOUT_MS } from '../../../src/collectors/patch/win32.js';

interface Answer { match: string; stdout?: string; stderr?: string; exitCode?: number | null }

function powershell(answers: Answer[], calls: Array<{ script: string; options: RunOptions | undefined }> = []): RunCommand {
  return async (command, args, options): Promise<RunOutcome> => {
    if (command !== 'powershell.exe') return { command, args, notFound: true, message: `${command} not found on PATH` };
    const script = args[args.length - 1] ?? '';
    calls.push({ script, options });
    const a = answers.find((x) => script.includes(x.match));
    if (!a) throw new Error(`no recorded answer for ${script}`);
    return { command, args, stdout: a.stdout ?? '', stderr: a.stderr ?? '', exitCode: a.exitCode === undefined ? 0 : a.exitCode, timedOut: false, truncated: false, durationMs: 1 };
  };
}

function context(run: RunCommand): CollectContext {
  return {
    platform: 'win32', run, now: () => new Date('2026-11-28T12:00:00Z'), config: defaultAgentConfig('/tmp/tandem-test-data'),
    env: {}, timeZone: 'Europe/Berlin', osPath: (p) => p,
  };
}

const WUA = JSON.stringify([
  { Title: '2026-11 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5046633)', KBArticleIDs: ['5046633'], MsrcSeverity: 'Critical', Categories: ['Security Updates'], CategoryIDs: ['0fa1201d-4330-4fa8-8ae9-b877473b6441'], RebootRequired: false, RebootBehavior: 1 },
  { Title: 'Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.421.530.0)', KBArticleIDs: ['2267602'], MsrcSeverity: null, Categories: ['Definition Updates'], CategoryIDs: ['e0789628-ce08-4437-be74-2495b842f43b'], RebootRequired: false, RebootBehavior: 0 },
]);
const HOTFIX = '[{"HotFixID":"KB5046633","Description":"Security Update","InstalledBy":"NT AUTHORITY\\\\SYSTEM","InstalledOn":{"value":"\\/Date(1795129200000)\\/","DateTime":"Friday, November 20, 2026 12:00:00 AM"}}]';

describe('collectPatchWin32', () => {
  it('combines the update search, the restart markers and the newest hotfix', async () => {
    const calls: Array<{ script: string; options: RunOptions | undefined }> = [];
    const patch = await collectPatchWin32(context(powershell([
      { match: 'CreateUpdateSearcher', stdout: WUA },
      { match: 'Component Based Servicing', stdout: '{"CBSRebootPending":true,"WUAURebootRequired":false,"PendingFileRenameOperations":true,"PendingComputerRename":false}' },
      { match: 'Get-HotFix', stdout: HOTFIX },
    ], calls)));
    expect(patch).toMatchObject({
      state: 'ok', reason: null, source: 'windows-update', pendingCount: 2, securityCount: 1, rebootRequired: true,
      lastInstalledAt: '2026-11-19T23:00:00.000Z',
    });
    expect(patch.updates.map((u) => [u.kb, u.security, u.severity])).toEqual([['KB5046633', true, 'Critical'], ['KB2267602', false, null]]);
    // The update search may take minutes; it gets its own long timeout.
    expect(calls.find((c) => c.script.includes('CreateUpdateSearcher'))?.options?.timeoutMs).toBe(WUA_SEARCH_TIMEOUT_MS);
  });

  it('keeps the restart flag and install date when the search fails, and says why', async () => {
    const patch = await collectPatchWin32(context(powershell([
      { match: 'CreateUpdateSearcher', stderr: 'Exception from HRESULT: 0x80072EE2\r\nAt line:4 char:1\r\n', exitCode: 1 },
      { match: 'Component Based Servicing', stdout: '{"CBSRebootPending":false,"WUAURebootRequired":false,"PendingFileRenameOperations":false,"PendingComputerRename":false}' },
      { match: 'Get-HotFix', stdout: HOTFIX },
    ])));
    expect(patch).toMatchObject({
      state: 'unknown', reason: 'Windows Update search failed with 0x80072EE2: the connection to the update server timed out',
      pendingCount: null, securityCount: null, rebootRequired: false, lastInstalledAt: '2026-11-19T23:00:00.000Z',
    });
  });

  it('is unknown, never "nothing pending", when PowerShell is missing', async () => {
    const patch = await collectPatchWin32(context(async (command, args) => ({ command, args, notFound: true, message: `${command} not found on PATH` })));
    expect(patch).toMatchObject({ state: 'unknown', pendingCount: null, securityCount: null, rebootRequired: null, lastInstalledAt: null });
    expect(patch.reason).toContain('Windows Update search: powershell.exe not found on PATH');
  });
});
