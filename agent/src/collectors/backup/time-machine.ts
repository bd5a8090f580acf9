import { backupJob } from '@tandem/proto';
import type { BackupProvider } from './provider.js';

export const timeMachineProvider: BackupProvider<'time-machine'> = async (config) => [
  backupJob('time-machine', config.name ?? 'time-machine', { lastResult: 'unknown', detail: 'time-machine is not read by this agent version' }),
];
