// macOS patch status: `softwareupdate -l` for what is pending, and
// /Library/Receipts/InstallHistory.plist for when Apple updates were last
// installed (a file read, UTC dates; `softwareupdate --history` prints dates
// in the user's locale format, which cannot be read reliably).
import { readFile } from 'node:fs/promises';
import { emptyPatch, unknownTopic } from '@tandem/proto';
import type { PatchStatus } from '@tandem/proto';
import type { CollectContext } from '../collector.js';
import { failureReason, isNotFound } from '../../exec/run-command.js';
import { parseSoftwareUpdateOutput } from './parse-softwareupdate.js';
import { parseInstallHistory } from './parse-softwareupdate-install-history.js';

/** `softwareupdate -l` contacts Apple's catalog and can take several minutes on a slow link. */
export const SOFTWAREUPDATE_TIMEOUT_MS = 15 * 60_000;

export const INSTALL_HISTORY_PLIST = '/Library/Receipts/InstallHistory.plist';

/** When Apple updates were last installed, or null when the history cannot be read. */
async function lastInstalledAt(ctx: CollectContext): Promise<string | null> {
  let xml: string;
  try {
    xml = await readFile(ctx.osPath(INSTALL_HISTORY_PLIST), 'utf8');
  } catch {
    // A Mac that never installed anything has no file; either way it is "not known".
    return null;
  }
  const parsed = parseInstallHistory({ stdout: xml, stderr: '', exitCode: 0 });
  return parsed.state === 'ok' ? parsed.lastInstalledAt : null;
}

export async function collectPatchDarwin(ctx: CollectContext): Promise<PatchStatus> {
  const timeoutMs = Math.max(SOFTWAREUPDATE_TIMEOUT_MS, ctx.config.commandTimeoutSeconds * 1000);
  const [outcome, installedAt] = await Promise.all([
    ctx.run('softwareupdate', ['-l'], { timeoutMs }),
    lastInstalledAt(ctx),
  ]);
  const failed = failureReason(outcome);
  if (failed || isNotFound(outcome)) {
    return { ...emptyPatch(), source: 'softwareupdate', lastInstalledAt: installedAt, ...unknownTopic(failed ?? 'softwareupdate could not be run') };
  }
  const facts = parseSoftwareUpdateOutput(outcome);
  if (outcome.truncated && facts.state === 'ok') {
    return { ...emptyPatch(), source: 'softwareupdate', lastInstalledAt: installedAt, ...unknownTopic('softwareupdate -l output exceeded the output cap and was cut') };
  }
  return { ...facts, lastInstalledAt: installedAt };
}
