// Patch status on Windows: pending updates from the Windows Update Agent,
// the restart markers in the registry, and the newest installed hotfix.
import { emptyPatch } from '@tandem/proto';
import type { PatchStatus } from '@tandem/proto';
import type { CollectContext } from '../collector.js';
import type { ParseOptions } from '../../parse/parse-source.js';
import type { RunSourceOptions, Source } from '../source.js';
import { runSource } from '../source.js';
import { HOTFIX, REBOOT_PENDING, WUA_SEARCH } from './sources/win32.js';

/**
 * The update search contacts Windows Update or WSUS and can take many
 * minutes on a slow link; it gets at least this long, more if configured.
 */
export const WUA_SEARCH_TIMEOUT_MS = 15 * 60_000;

export async function collectPatchWin32(ctx: CollectContext): Promise<PatchStatus> {
  const options: ParseOptions = { timeZone: ctx.timeZone, now: ctx.now() };
  const read = async (what: string, source: Source<'patch'>, runOptions: RunSourceOptions = {}): Promise<PatchStatus> => {
    const run = await runSource(ctx, source, runOptions);
    return run.kind === 'output' ? source.parse(run.output, options) : { ...emptyPatch(), state: 'unknown', reason: `${what}: ${run.reason}` };
  };

  const search = await read('Windows Update search', WUA_SEARCH, {
    timeoutMs: Math.max(WUA_SEARCH_TIMEOUT_MS, ctx.config.commandTimeoutSeconds * 1000),
  });
  const reboot = await read('reboot-pending check', REBOOT_PENDING);
  const hotfix = await read('Get-HotFix', HOTFIX);

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
