import { backupJob } from '@tandem/proto';
import type { BackupProvider } from './provider.js';
import { failureReason, isNotFound } from '../../exec/run-command.js';
import { readVeeamWin32 } from './veeam-win32.js';
import { parseVeeamSessionList, veeamJobsFrom } from './parse-veeam.js';

/** Veeam Agent for Linux via `veeamconfig session list`; Windows has its own reader. */
export const veeamProvider: BackupProvider<'veeam'> = async (config, ctx) => {
  if (ctx.platform === 'win32') return readVeeamWin32(config, ctx);
  const name = config.name ?? config.job ?? 'veeam';
  if (ctx.platform === 'darwin') {
    return [backupJob('veeam', name, { lastResult: 'unknown', detail: 'Veeam Agent for Mac is not read by this agent version' })];
  }
  const outcome = await ctx.run('veeamconfig', ['session', 'list']);
  if (isNotFound(outcome)) return [backupJob('veeam', name, { lastResult: 'unknown', detail: 'veeamconfig is not installed' })];
  const failed = failureReason(outcome);
  if (failed) return [backupJob('veeam', name, { lastResult: 'unknown', detail: failed })];
  return veeamJobsFrom(parseVeeamSessionList(outcome, ctx.timeZone), { job: config.job, name: config.name });
};
