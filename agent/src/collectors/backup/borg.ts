import { backupJob } from '@tandem/proto';
import type { BackupProvider } from './provider.js';
import { runSource } from '../source.js';
import { borgJobFrom, parseBorgList } from './parse-borg.js';
import { BORG_LIST } from './sources/any.js';

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
  const ran = await runSource(ctx, BORG_LIST, { fill: { repo: config.repository }, env: borgEnv(ctx.env, config.passphraseFile) });
  if (ran.kind === 'missing') return [backupJob('borg', name, { lastResult: 'unknown', detail: 'borg is not installed' })];
  if (ran.kind === 'failed') return [backupJob('borg', name, { lastResult: 'unknown', detail: ran.reason })];
  return [borgJobFrom(name, parseBorgList(ran.output, ctx.timeZone), config.prefix)];
};
