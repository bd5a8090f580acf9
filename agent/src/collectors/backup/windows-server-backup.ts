import { backupJob } from '@tandem/proto';
import type { BackupProvider } from './provider.js';

export const windowsServerBackupProvider: BackupProvider<'windows-server-backup'> = async (config) => [
  backupJob('windows-server-backup', config.name ?? 'windows-server-backup', { lastResult: 'unknown', detail: 'windows-server-backup is not read by this agent version' }),
];
