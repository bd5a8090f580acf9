// Windows Server Backup: Get-WBSummary, or `wbadmin get versions` where the
// cmdlets are missing (client Windows, or the feature without its tools).
import { backupJob } from '@tandem/proto';
import type { BackupStatus } from '@tandem/proto';
import type { BackupProvider } from './provider.js';
import type { ParseOptions } from '../../parse/parse-source.js';
import { isMissingCommand, runPowerShell, runWindowsTool } from '../../parse/powershell-json.js';
import { parseWbSummary, wsbFacts, WSB_PROVIDER } from './parse-wbsummary.js';
import { parseWbadminVersions } from './parse-wbadmin.js';
import { WB_SUMMARY_SCRIPT, WBADMIN_GET_VERSIONS_ARGS } from './win32-scripts.js';

export const windowsServerBackupProvider: BackupProvider<'windows-server-backup'> = async (config, ctx) => {
  const name = config.name ?? WSB_PROVIDER;
  if (ctx.platform !== 'win32') {
    return [backupJob(WSB_PROVIDER, name, { lastResult: 'unknown', detail: `Windows Server Backup exists only on Windows; this computer runs ${ctx.platform}` })];
  }
  const options: ParseOptions = { timeZone: ctx.timeZone, now: ctx.now() };
  let facts: BackupStatus;
  const summary = await runPowerShell(ctx.run, WB_SUMMARY_SCRIPT);
  if (summary.ok && !isMissingCommand(summary.output)) {
    facts = parseWbSummary(summary.output, options);
  } else {
    const versions = await runWindowsTool(ctx.run, 'wbadmin.exe', WBADMIN_GET_VERSIONS_ARGS);
    const first = summary.ok ? 'Get-WBSummary is not available' : summary.reason;
    facts = versions.ok ? parseWbadminVersions(versions.output, options) : wsbFacts({ detail: `${first}, and ${versions.reason}` });
  }
  return facts.jobs.map((job) => ({ ...job, name }));
};
