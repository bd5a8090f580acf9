import { backupJob } from '@tandem/proto';
import type { BackupProvider } from './provider.js';

export const resticProvider: BackupProvider<'restic'> = async (config) => [
  backupJob('restic', config.name ?? 'restic', { lastResult: 'unknown', detail: 'restic is not read by this agent version' }),
];
