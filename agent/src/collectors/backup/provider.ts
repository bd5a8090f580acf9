import type { BackupJob } from '@tandem/proto';
import type { CollectContext } from '../collector.js';
import type { BackupProviderType, ProviderConfigOf } from './config.js';

/**
 * Reads one configured backup job. Never throws for an OS problem: a job it
 * cannot read comes back with `lastResult: 'unknown'` and the reason in `detail`.
 */
export type BackupProvider<T extends BackupProviderType> = (config: ProviderConfigOf<T>, ctx: CollectContext) => Promise<BackupJob[]>;
