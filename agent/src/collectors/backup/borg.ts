import { backupJob } from '@tandem/proto';
import type { BackupProvider } from './provider.js';
import { failureReason, isNotFound } from '../../exec/run-command.js';
import { borgJobFrom, parseBorgList } from './parse-borg.js';

/** Quotes a path for borg's passcommand, which borg splits with Python's shlex (no shell runs). */
export function shlexQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'"'"'`)}'`;
}

/**
 * borg runs BORG_PASSCOMMAND itself: it splits the string with shlex and
 * starts the program without a shell, so `cat <file>` works although the
 * agent's runner has no shell either. The passphrase never appears on a
 * command line or in the agent's environment.
 */
export function borgEnv(base: NodeJS.ProcessEnv, passphraseFile: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    // Unattended: a question borg would ask (moved or unencrypted repository)
    // is answered "no" so the command fails with a message instead of waiting.
    BORG_RELOCATED_REPO_ACCESS_IS_OK: 'no',
    BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK: 'no',
  };
  if (passphraseFile) {
    delete env.BORG_PASSPHRASE;
    delete env.BORG_PASSPHRASE_FD;
    env.BORG_PASSCOMMAND = `cat ${shlexQuote(passphraseFile)}`;
  }
  return env;
}

export const borgProvider: BackupProvider<'borg'> = async (config, ctx) => {
  const name = config.name ?? 'borg';
  const outcome = await ctx.run('borg', ['list', '--json', config.repository], { env: borgEnv(ctx.env, config.passphraseFile) });
  if (isNotFound(outcome)) return [backupJob('borg', name, { lastResult: 'unknown', detail: 'borg is not installed' })];
  const failed = failureReason(outcome);
  if (failed) return [backupJob('borg', name, { lastResult: 'unknown', detail: failed })];
  return [borgJobFrom(name, parseBorgList(outcome, ctx.timeZone), config.prefix)];
};
