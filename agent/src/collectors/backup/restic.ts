import { backupJob } from '@tandem/proto';
import type { BackupProvider } from './provider.js';
import { runSource } from '../source.js';
import { RESTIC_SNAPSHOTS } from './sources/any.js';

/** Filters after the declared command: which host's and tags' snapshots count. No secret is ever on the command line. */
function resticFilters(config: { host?: string; tags?: string[] }): string[] {
  const args: string[] = [];
  if (config.host) args.push('--host', config.host);
  // One --tag with a comma list means "all of these"; repeated --tag means "any".
  if (config.tags && config.tags.length > 0) args.push('--tag', config.tags.join(','));
  return args;
}


/**
 * restic's password reaches the child only as RESTIC_PASSWORD_FILE (a path,
 * never the password). A password already in the agent's environment is
 * removed so it cannot shadow the configured file or be inherited by accident.
 */
export function resticEnv(base: NodeJS.ProcessEnv, passwordFile: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  if (passwordFile) {
    delete env.RESTIC_PASSWORD;
    delete env.RESTIC_PASSWORD_COMMAND;
    env.RESTIC_PASSWORD_FILE = passwordFile;
  }
  return env;
}

export const resticProvider: BackupProvider<'restic'> = async (config, ctx) => {
  const name = config.name ?? 'restic';
  const ran = await runSource(ctx, RESTIC_SNAPSHOTS, {
    fill: { repo: config.repository }, extraArgs: resticFilters(config), env: resticEnv(ctx.env, config.passwordFile),
  });
  if (ran.kind === 'missing') return [backupJob('restic', name, { lastResult: 'unknown', detail: 'restic is not installed' })];
  if (ran.kind === 'failed') return [backupJob('restic', name, { lastResult: 'unknown', detail: ran.reason })];
  // The declared parse, so the report and `tandem-agent parse` agree; only the job's name is the configured one.
  return RESTIC_SNAPSHOTS.parse(ran.output, { timeZone: ctx.timeZone, now: ctx.now() }).jobs.map((job) => ({ ...job, name }));
};
