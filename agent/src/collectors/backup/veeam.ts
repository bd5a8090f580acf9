import { backupJob } from '@tandem/proto';
import type { BackupProvider } from './provider.js';
import { runSource } from '../source.js';
import { VEEAMCONFIG_SESSION_LIST } from './sources/any.js';
import { readVeeamWin32 } from './veeam-win32.js';
import { parseVeeamSessionList, veeamJobsFrom } from './parse-veeam.js';

/** Veeam Agent for Linux via `veeamconfig session list`; Windows has its own reader. */
export const veeamProvider: BackupProvider<'veeam'> = async (config, ctx) => {
  if (ctx.platform === 'win32') return readVeeamWin32(config, ctx);
  const name = config.name ?? config.job ?? 'veeam';
  if (ctx.platform === 'darwin') {
    return [backupJob('veeam', name, { lastResult: 'unknown', detail: 'Veeam Agent for Mac is not read by this agent version' })];
  }
  const ran = await runSource(ctx, VEEAMCONFIG_SESSION_LIST);
  if (ran.kind === 'missing') return [backupJob('veeam', name, { lastResult: 'unknown', detail: 'veeamconfig is not installed' })];
  if (ran.kind === 'failed') return [backupJob('veeam', name, { lastResult: 'unknown', detail: ran.reason })];
  return veeamJobsFrom(parseVeeamSessionList(ran.output, ctx.timeZone), { job: config.job, name: config.name });
};
