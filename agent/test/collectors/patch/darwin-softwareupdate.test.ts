import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CollectContext } from '../../../src/collectors/collector.js';
import { defaultAgentConfig } from '../../../src/config.js';
import type { RunCommand, RunOptions } from '../../../src/exec/run-command.js';
import { collectPatchDarwin, INSTALL_HISTORY_PLIST, SOFTWAREUPDATE_TIMEOUT_MS } from '../../../src/collectors/patch/darwin.js';
import { isSecurityUpdate, readSoftwareUpdateList } from '../../../src/collectors/patch/parse-softwareupdate.js';

type Answer = { stdout?: string; stderr?: string; exitCode?: number | null; timedOut?: boolean; notFound?: boolean };

function context(answers: Record<string, Answer>, fsRoot?: string): { ctx: CollectContext; calls: { command: string; options: RunOptions | undefined }[] } {
  const calls: { command: string; options: RunOptions | undefined }[] = [];
  const run: RunCommand = async (command, args, options) => {
    calls.push({ command, options });
    const a = answers[command];
    if (!a || a.notFound) return { command, args, notFound: true, message: `${command} not found on PATH` };
    return {
      command, args, stdout: a.stdout ?? '', stderr: a.stderr ?? '', exitCode: a.timedOut ? null : a.exitCode ?? 0,
      timedOut: a.timedOut ?? false, truncated: false, durationMs: 5,
    };
  };
  const ctx: CollectContext = {
    platform: 'darwin', run, now: () => new Date('2026-11-28T12:00:00Z'), config: defaultAgentConfig(tmpdir()), env: {},
    timeZone: 'UTC', osPath: (p) => (fsRoot ? join(fsRoot, p) : join('/nonexistent-tandem-root', p)),
  };
  return { ctx, calls };
}

const HISTORY = `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<array>
	<dict>
		<key>date</key>
		<date>2026-11-20T09:15:03Z</date>
		<key>displayName</key>
		<string>macOS Sonoma 14.7.1</string>
		<key>processName</key>
		<string>softwareupdated</string>
	</dict>
</array>
</plist>
`;

describe('collectPatchDarwin', () => {
  it('runs softwareupdate -l with a long timeout and adds the last install from InstallHistory.plist', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tandem-darwin-fs-'));
    mkdirSync(join(root, '/Library/Receipts'), { recursive: true });
    writeFileSync(join(root, INSTALL_HISTORY_PLIST), HISTORY);
    const { ctx, calls } = context({
      softwareupdate: {
        stdout: 'Software Update found the following new or updated software:\n* Label: macOS Sonoma 14.7.2-23H311\n\tTitle: macOS Sonoma 14.7.2, Version: 14.7.2, Size: 1843227KiB, Recommended: YES, Action: restart,\n',
        stderr: 'Software Update Tool\n\nFinding available software\n',
      },
    }, root);
    const patch = await collectPatchDarwin(ctx);
    expect(calls[0]?.options?.timeoutMs).toBeGreaterThanOrEqual(SOFTWAREUPDATE_TIMEOUT_MS);
    expect(patch).toMatchObject({ state: 'ok', source: 'softwareupdate', pendingCount: 1, rebootRequired: true, lastInstalledAt: '2026-11-20T09:15:03.000Z' });
  });

  it('is unknown with a reason when softwareupdate is missing', async () => {
    const { ctx } = context({});
    const patch = await collectPatchDarwin(ctx);
    expect(patch).toMatchObject({ state: 'unknown', source: 'softwareupdate', pendingCount: null, lastInstalledAt: null });
    expect(patch.reason).toContain('softwareupdate not found');
  });

  it('is unknown, not zero pending, when softwareupdate times out', async () => {
    const { ctx } = context({ softwareupdate: { timedOut: true } });
    const patch = await collectPatchDarwin(ctx);
    expect(patch.state).toBe('unknown');
    expect(patch.pendingCount).toBeNull();
    expect(patch.reason).toMatch(/timed out/);
  });
});

describe('softwareupdate list details', () => {
  it('keeps the label of an old-layout entry whose detail line is missing, with restart unknown', () => {
    const list = readSoftwareUpdateList('   * iTunesX-12.8.2\n   * Safari-17.2\n\tSafari (17.2), 160000K [recommended]\n');
    expect(list.items.map((i) => [i.label, i.restart])).toEqual([['iTunesX-12.8.2', null], ['Safari-17.2', false]]);
  });

  it('classifies Apple security content by name or by a Rapid Security Response version', () => {
    expect(isSecurityUpdate({ label: 'macOS Ventura 13.4.1 (a)-22F770820b', title: 'macOS Ventura 13.4.1 (a)', version: '13.4.1 (a)' })).toBe(true);
    expect(isSecurityUpdate({ label: 'MRTConfigData_10_15-1.93', title: 'MRTConfigData', version: '1.93' })).toBe(true);
    expect(isSecurityUpdate({ label: 'macOS Sonoma 14.2.1-23C71', title: 'macOS Sonoma 14.2.1', version: '14.2.1' })).toBe(false);
  });
});
