import { backupJob } from '@tandem/proto';
import type { BackupProvider } from './provider.js';
import { failureReason, isNotFound } from '../../exec/run-command.js';
import { parseResticSnapshots, resticJobFrom } from './parse-restic.js';

/** The restic command line; no secret is ever on it. */
export function resticArgs(config: { repository: string; host?: string; tags?: string[] }): string[] {
  // --no-lock: reading the snapshot list must not fail (exit 11) while a
  // prune holds the exclusive lock, and works on read-only repositories.
  const args = ['snapshots', '--json', '--no-lock', '--repo', config.repository];
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
  const outcome = await ctx.run('restic', resticArgs(config), { env: resticEnv(ctx.env, config.passwordFile) });
  if (isNotFound(outcome)) return [backupJob('restic', name, { lastResult: 'unknown', detail: 'restic is not installed' })];
  const failed = failureReason(outcome);
  if (failed) return [backupJob('restic', name, { lastResult: 'unknown', detail: failed })];
  return [resticJobFrom(name, parseResticSnapshots(outcome))];
};
