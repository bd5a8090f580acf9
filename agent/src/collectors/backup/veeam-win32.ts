import { backupJob } from '@tandem/proto';
import type { BackupJob } from '@tandem/proto';
import type { CollectContext } from '../collector.js';
import type { ProviderConfigOf } from './config.js';

/** Veeam Agent for Windows: last job result from its event log. */
export async function readVeeamWin32(config: ProviderConfigOf<'veeam'>, _ctx: CollectContext): Promise<BackupJob[]> {
  return [backupJob('veeam', config.name ?? 'veeam', { lastResult: 'unknown', detail: 'Veeam Agent for Windows is not read by this agent version' })];
}
