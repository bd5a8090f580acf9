import { backupJob } from '@tandem/proto';
import type { BackupProvider } from './provider.js';
import { findNewestFile } from './file-glob.js';

/** "3 h 12 min", "2 d 4 h": the age a technician reads at a glance. */
export function formatAge(ms: number): string {
  if (ms < 0) return 'in the future (clock skew?)';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/**
 * A backup that leaves files behind (dumps, archives, a sync target) is as
 * fresh as its newest file. The file's mtime is the last success; nothing
 * here can see a failed attempt, so lastAttemptAt stays null.
 */
export const fileFreshnessProvider: BackupProvider<'file-freshness'> = async (config, ctx) => {
  const name = config.name ?? 'file-freshness';
  const found = await findNewestFile(config.path);
  if (!found.baseExists) {
    return [backupJob('file-freshness', name, { lastResult: 'unknown', detail: `${found.base} does not exist or is not readable` })];
  }
  if (!found.newest) {
    const why = found.truncated ? ' before the walk limit was reached' : '';
    return [backupJob('file-freshness', name, { lastResult: 'unknown', detail: `no file matches ${config.path}${why}` })];
  }
  const { path, mtimeMs, size } = found.newest;
  const age = formatAge(ctx.now().getTime() - mtimeMs);
  const notes = [size === 0 ? 'empty file' : null, found.truncated ? `walk stopped after ${found.matched} files, newer ones may exist` : null].filter(Boolean);
  return [backupJob('file-freshness', name, {
    lastSuccessAt: new Date(mtimeMs).toISOString(),
    lastResult: 'success',
    detail: `newest ${path}, ${age} old${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`,
  })];
};
