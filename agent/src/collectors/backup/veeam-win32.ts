import { backupJob } from '@tandem/proto';
import type { BackupJob } from '@tandem/proto';
import type { CollectContext } from '../collector.js';
import type { ProviderConfigOf } from './config.js';
import { runSource } from '../source.js';
import { parseVeeamEvents, VEEAM_PROVIDER } from './parse-veeam-events.js';
import { VEEAM_AGENT_EVENTS } from './sources/win32.js';

/** Veeam Agent for Windows: last job result from its event log; `job` narrows to one job by name. */
export async function readVeeamWin32(config: ProviderConfigOf<'veeam'>, ctx: CollectContext): Promise<BackupJob[]> {
  const name = config.name ?? config.job ?? VEEAM_PROVIDER;
  const run = await runSource(ctx, VEEAM_AGENT_EVENTS);
  if (run.kind !== 'output') return [backupJob(VEEAM_PROVIDER, name, { lastResult: 'unknown', detail: `the Veeam Agent event log could not be read: ${run.reason}` })];
  const facts = parseVeeamEvents(run.output, { timeZone: ctx.timeZone, now: ctx.now() }, config.job);
  return facts.jobs.map((job) => ({ ...job, name }));
}
