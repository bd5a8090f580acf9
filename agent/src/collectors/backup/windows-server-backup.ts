// Windows Server Backup: Get-WBSummary, or `wbadmin get versions` where the
// cmdlets are missing (client Windows, or the feature without its tools).
import { backupJob } from '@tandem/proto';
import type { BackupStatus } from '@tandem/proto';
import type { BackupProvider } from './provider.js';
import type { ParseOptions } from '../../parse/parse-source.js';
import { isMissingCommand } from '../../parse/powershell-json.js';
import { runSource } from '../source.js';
import { wsbFacts, WSB_PROVIDER } from './parse-wbsummary.js';
import { WB_SUMMARY, WBADMIN_GET_VERSIONS } from './sources/win32.js';

export const windowsServerBackupProvider: BackupProvider<'windows-server-backup'> = async (config, ctx) => {
  const name = config.name ?? WSB_PROVIDER;
  if (ctx.platform !== 'win32') {
    return [backupJob(WSB_PROVIDER, name, { lastResult: 'unknown', detail: `Windows Server Backup exists only on Windows; this computer runs ${ctx.platform}` })];
  }
  const options: ParseOptions = { timeZone: ctx.timeZone, now: ctx.now() };
  let facts: BackupStatus;
  const summary = await runSource(ctx, WB_SUMMARY);
  if (summary.kind === 'output' && !isMissingCommand(summary.output)) {
    facts = WB_SUMMARY.parse(summary.output, options);
  } else {
    const versions = await runSource(ctx, WBADMIN_GET_VERSIONS);
    const first = summary.kind === 'output' ? 'Get-WBSummary is not available' : summary.reason;
    facts = versions.kind === 'output' ? WBADMIN_GET_VERSIONS.parse(versions.output, options) : wsbFacts({ detail: `${first}, and ${versions.reason}` });
  }
  return facts.jobs.map((job) => ({ ...job, name }));
};
