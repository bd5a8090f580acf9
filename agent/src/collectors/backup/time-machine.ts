// Time Machine (macOS): `tmutil latestbackup` reads the destination itself;
// the preferences (`defaults read /Library/Preferences/com.apple.TimeMachine`)
// hold every destination's completed-backup dates and the last attempt's
// RESULT, and stay readable while the disk is unplugged. The newest date from
// either is the last success; RESULT alone decides success or failure.
import { backupJob } from '@tandem/proto';
import type { BackupJob, BackupStatus } from '@tandem/proto';
import type { BackupProvider } from './provider.js';
import type { CollectContext } from '../collector.js';
import type { Source } from '../source.js';
import { runSource } from '../source.js';
import { TIME_MACHINE_DEFAULTS, TMUTIL_LATESTBACKUP } from './sources/darwin.js';

export { TIME_MACHINE_PREFS } from './sources/darwin.js';

async function read(ctx: CollectContext, source: Source<'backup'>): Promise<BackupStatus> {
  const ran = await runSource(ctx, source);
  if (ran.kind !== 'output') {
    return { state: 'unknown', reason: ran.reason, jobs: [backupJob('time-machine', 'time-machine', { detail: ran.reason })] };
  }
  return source.parse(ran.output, { timeZone: ctx.timeZone, now: ctx.now() });
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** One job from both readings. Pure. */
export function combineTimeMachine(name: string, fromTmutil: BackupStatus, fromPrefs: BackupStatus): BackupJob {
  const t = fromTmutil.jobs[0];
  const p = fromPrefs.jobs[0];
  const details: string[] = [];
  if (p?.detail) details.push(p.detail);
  if (fromTmutil.state === 'unknown') details.push(fromTmutil.reason ?? 'tmutil gave no answer');
  else if (t?.detail) details.push(t.detail);
  // The preferences' RESULT is the only record of the last attempt; tmutil never reports failures.
  // tmutil's only verdict is "no destination configured", which is a failure too.
  const lastResult = fromPrefs.state === 'ok' && p ? p.lastResult : t?.lastResult === 'failed' ? 'failed' : 'unknown';
  return backupJob('time-machine', name, {
    lastSuccessAt: later(t?.lastSuccessAt ?? null, fromPrefs.state === 'ok' ? p?.lastSuccessAt ?? null : null),
    lastResult,
    detail: details.join('; ') || null,
  });
}

export const timeMachineProvider: BackupProvider<'time-machine'> = async (config, ctx: CollectContext) => {
  const name = config.name ?? 'time-machine';
  if (ctx.platform !== 'darwin') {
    return [backupJob('time-machine', name, { lastResult: 'unknown', detail: `Time Machine exists only on macOS; this device runs ${ctx.platform}` })];
  }
  const [fromTmutil, fromPrefs] = await Promise.all([read(ctx, TMUTIL_LATESTBACKUP), read(ctx, TIME_MACHINE_DEFAULTS)]);
  return [combineTimeMachine(name, fromTmutil, fromPrefs)];
};
