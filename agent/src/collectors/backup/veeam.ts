import { backupJob } from '@tandem/proto';
import type { BackupProvider } from './provider.js';

export const veeamProvider: BackupProvider<'veeam'> = async (config) => [
  backupJob('veeam', config.name ?? 'veeam', { lastResult: 'unknown', detail: 'veeam is not read by this agent version' }),
];
