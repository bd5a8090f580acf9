// macOS patch status: `softwareupdate -l` for what is pending, and
// /Library/Receipts/InstallHistory.plist for when Apple updates were last
// installed (a file read, UTC dates; `softwareupdate --history` prints dates
// in the user's locale format, which cannot be read reliably).
import { emptyPatch, unknownTopic } from '@tandem/proto';
import type { PatchStatus } from '@tandem/proto';
import type { CollectContext } from '../collector.js';
import { runSource } from '../source.js';
import { INSTALL_HISTORY, SOFTWAREUPDATE_LIST } from './sources/darwin.js';

export { INSTALL_HISTORY_PLIST } from './sources/darwin.js';

/** `softwareupdate -l` contacts Apple's catalog and can take several minutes on a slow link. */
export const SOFTWAREUPDATE_TIMEOUT_MS = 15 * 60_000;

/** When Apple updates were last installed, or null when the history cannot be read. */
async function lastInstalledAt(ctx: CollectContext): Promise<string | null> {
  const read = await runSource(ctx, INSTALL_HISTORY);
  // A Mac that never installed anything has no file; either way it is "not known".
  if (read.kind !== 'output') return null;
  const parsed = INSTALL_HISTORY.parse(read.output, { timeZone: ctx.timeZone, now: ctx.now() });
  return parsed.state === 'ok' ? parsed.lastInstalledAt : null;
}

export async function collectPatchDarwin(ctx: CollectContext): Promise<PatchStatus> {
  const timeoutMs = Math.max(SOFTWAREUPDATE_TIMEOUT_MS, ctx.config.commandTimeoutSeconds * 1000);
  const [ran, installedAt] = await Promise.all([
    runSource(ctx, SOFTWAREUPDATE_LIST, { timeoutMs }),
    lastInstalledAt(ctx),
  ]);
  if (ran.kind !== 'output') {
    return { ...emptyPatch(), source: 'softwareupdate', lastInstalledAt: installedAt, ...unknownTopic(ran.reason) };
  }
  const facts = SOFTWAREUPDATE_LIST.parse(ran.output, { timeZone: ctx.timeZone, now: ctx.now() });
  if (ran.truncated && facts.state === 'ok') {
    return { ...emptyPatch(), source: 'softwareupdate', lastInstalledAt: installedAt, ...unknownTopic('softwareupdate -l output exceeded the output cap and was cut') };
  }
  return { ...facts, lastInstalledAt: installedAt };
}
