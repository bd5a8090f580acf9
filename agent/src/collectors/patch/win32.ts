// Patch status on Windows: pending updates from the Windows Update Agent,
// the restart markers in the registry, and the newest installed hotfix.
import { emptyPatch } from '@tandem/proto';
import type { PatchStatus } from '@tandem/proto';
import type { CollectContext } from '../collector.js';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { runPowerShell } from '../../parse/powershell-json.js';
import type { RunOptions } from '../../exec/run-command.js';
import { parseWuaSearch } from './parse-wua.js';
import { parseRebootPending } from './parse-reboot-pending.js';
import { parseHotFix } from './parse-hotfix.js';
import { HOTFIX_SCRIPT, REBOOT_PENDING_SCRIPT, WUA_SEARCH_SCRIPT } from './win32-scripts.js';

/**
 * The update search contacts Windows Update or WSUS and can take many
 * minutes on a slow link; it gets at least this long, more if configured.
 */
export const WUA_SEARCH_TIMEOUT_MS = 15 * 60_000;

type Parse = (output: ToolOutput, options: ParseOptions) => PatchStatus;

export async function collectPatchWin32(ctx: CollectContext): Promise<PatchStatus> {
  const options: ParseOptions = { timeZone: ctx.timeZone, now: ctx.now() };
  const read = async (what: string, script: string, parse: Parse, runOptions: RunOptions = {}): Promise<PatchStatus> => {
    const run = await runPowerShell(ctx.run, script, runOptions);
    return run.ok ? parse(run.output, options) : { ...emptyPatch(), state: 'unknown', reason: `${what}: ${run.reason}` };
  };

  const search = await read('Windows Update search', WUA_SEARCH_SCRIPT, parseWuaSearch, {
    timeoutMs: Math.max(WUA_SEARCH_TIMEOUT_MS, ctx.config.commandTimeoutSeconds * 1000),
  });
  const reboot = await read('reboot-pending check', REBOOT_PENDING_SCRIPT, parseRebootPending);
  const hotfix = await read('Get-HotFix', HOTFIX_SCRIPT, parseHotFix);

  const reasons = [search, reboot, hotfix].filter((p) => p.state === 'unknown').map((p) => p.reason ?? 'unreadable');
  return {
    ...emptyPatch(),
    state: reasons.length > 0 ? 'unknown' : 'ok',
    reason: reasons.length > 0 ? reasons.join('; ') : null,
    source: 'windows-update',
    pendingCount: search.pendingCount,
    securityCount: search.securityCount,
    updates: search.updates,
    // An update waiting for its restart is proof enough; otherwise the registry markers decide.
    rebootRequired: search.rebootRequired === true || reboot.rebootRequired === true ? true : reboot.rebootRequired,
    lastInstalledAt: hotfix.lastInstalledAt,
  };
}
