import { backupJob } from '@tandem/proto';
import type { BackupProvider } from './provider.js';

export const fileFreshnessProvider: BackupProvider<'file-freshness'> = async (config) => [
  backupJob('file-freshness', config.name ?? 'file-freshness', { lastResult: 'unknown', detail: 'file-freshness is not read by this agent version' }),
];
