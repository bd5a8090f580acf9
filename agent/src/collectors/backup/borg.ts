import { backupJob } from '@tandem/proto';
import type { BackupProvider } from './provider.js';

export const borgProvider: BackupProvider<'borg'> = async (config) => [
  backupJob('borg', config.name ?? 'borg', { lastResult: 'unknown', detail: 'borg is not read by this agent version' }),
];
