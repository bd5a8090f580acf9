import { emptyBackup } from '@tandem/proto';
import type { BackupJob, BackupStatus } from '@tandem/proto';
import type { Collector, CollectContext } from '../collector.js';
import type { BackupProviderConfig, BackupProviderType } from './config.js';
import type { BackupProvider } from './provider.js';
import { fileFreshnessProvider } from './file-freshness.js';
import { resticProvider } from './restic.js';
import { borgProvider } from './borg.js';
import { timeMachineProvider } from './time-machine.js';
import { windowsServerBackupProvider } from './windows-server-backup.js';
import { veeamProvider } from './veeam.js';

const PROVIDERS: { [T in BackupProviderType]: BackupProvider<T> } = {
  'file-freshness': fileFreshnessProvider,
  restic: resticProvider,
  borg: borgProvider,
  'time-machine': timeMachineProvider,
  'windows-server-backup': windowsServerBackupProvider,
  veeam: veeamProvider,
};

async function readJob(config: BackupProviderConfig, ctx: CollectContext): Promise<BackupJob[]> {
  const provider = PROVIDERS[config.type] as BackupProvider<typeof config.type>;
  try {
    return await provider(config as never, ctx);
  } catch (err) {
    return [{ provider: config.type, name: config.name ?? config.type, lastSuccessAt: null, lastAttemptAt: null, lastResult: 'unknown', detail: `could not read: ${(err as Error).message}` }];
  }
}

export const backupCollector: Collector<'backup'> = {
  topic: 'backup',
  async collect(ctx): Promise<BackupStatus> {
    const providers = ctx.config.backup.providers;
    // No job configured is a fact of its own (a rule can flag servers without backup), not "unknown".
    if (providers.length === 0) return emptyBackup();
    const jobs = (await Promise.all(providers.map((p) => readJob(p, ctx)))).flat();
    return { ...emptyBackup(), jobs };
  },
};
