import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { CollectContext } from '../../../src/collectors/collector.js';
import { defaultAgentConfig } from '../../../src/config.js';
import type { RunCommand } from '../../../src/exec/run-command.js';
import { timeMachineProvider } from '../../../src/collectors/backup/time-machine.js';
import { parseOldStylePlist } from '../../../src/collectors/backup/parse-time-machine-plist.js';

type Answer = { stdout?: string; stderr?: string; exitCode?: number };

function context(answers: Record<string, Answer>, platform: CollectContext['platform'] = 'darwin', timeZone = 'Europe/Berlin'): CollectContext {
  const run: RunCommand = async (command, args) => {
    const a = answers[command];
    if (!a) return { command, args, notFound: true, message: `${command} not found on PATH` };
    return { command, args, stdout: a.stdout ?? '', stderr: a.stderr ?? '', exitCode: a.exitCode ?? 0, timedOut: false, truncated: false, durationMs: 3 };
  };
  return {
    platform, run, now: () => new Date('2026-11-28T12:00:00Z'), config: defaultAgentConfig(tmpdir()), env: {},
    timeZone, osPath: (p) => p,
  };
}

const prefs = (result: number, dates: string[]) => `{
    AutoBackup = 1;
    Destinations =     (
                {
            BackupAlias = {length = 524, bytes = 0x00000000 020c0002 ... 00000000 };
            DestinationID = "5D2E7F10-8B3C-4A9D-B1E2-F3C4D5E6A7B8";
            LastKnownVolumeName = "Backup";
            RESULT = ${result};
            SnapshotDates =             (
${dates.map((d) => `                "${d}"`).join(',\n')}
            );
        }
    );
    LastDestinationID = "5D2E7F10-8B3C-4A9D-B1E2-F3C4D5E6A7B8";
}
`;

describe('timeMachineProvider', () => {
  it('takes the newest backup from tmutil (local time) or the preferences, and RESULT as the outcome', async () => {
    const ctx = context({
      tmutil: { stdout: '/Volumes/Backup/Backups.backupdb/Mac/2026-11-27-101500\n' },
      defaults: { stdout: prefs(0, ['2026-11-26 10:05:40 +0000']) },
    });
    const [job] = await timeMachineProvider({ type: 'time-machine', name: 'office-mac' }, ctx);
    expect(job).toMatchObject({ provider: 'time-machine', name: 'office-mac', lastSuccessAt: '2026-11-27T09:15:00.000Z', lastResult: 'success' });
  });

  it('reports the failed last attempt even when tmutil finds an older backup', async () => {
    const ctx = context({
      tmutil: { stdout: '/Volumes/Backup/Backups.backupdb/Mac/2026-11-20-101500\n' },
      defaults: { stdout: prefs(19, ['2026-11-20 09:15:00 +0000']) },
    });
    const [job] = await timeMachineProvider({ type: 'time-machine' }, ctx);
    expect(job).toMatchObject({ name: 'time-machine', lastSuccessAt: '2026-11-20T09:15:00.000Z', lastResult: 'failed' });
    expect(job?.detail).toContain('RESULT = 19');
  });

  it('uses the preferences when the backup disk is unplugged, and says so', async () => {
    const ctx = context({
      tmutil: { stderr: 'Failed to mount backup destination, error: Error Domain=TMBackupErrorDomain Code=18 "(null)"\n' },
      defaults: { stdout: prefs(0, ['2026-11-26 10:05:40 +0000']) },
    });
    const [job] = await timeMachineProvider({ type: 'time-machine' }, ctx);
    expect(job).toMatchObject({ lastSuccessAt: '2026-11-26T10:05:40.000Z', lastResult: 'success' });
    expect(job?.detail).toContain('not reachable');
  });

  it('is unknown with both reasons when neither tool can answer', async () => {
    const ctx = context({
      tmutil: { stderr: 'tmutil: latestbackup requires Full Disk Access privileges.\n', exitCode: 1 },
      defaults: { stderr: 'Domain /Library/Preferences/com.apple.TimeMachine does not exist\n', exitCode: 1 },
    });
    const [job] = await timeMachineProvider({ type: 'time-machine' }, ctx);
    expect(job).toMatchObject({ lastSuccessAt: null, lastResult: 'unknown' });
    expect(job?.detail).toContain('Full Disk Access');
  });

  it('is unknown with a reason when the tools are missing', async () => {
    const [job] = await timeMachineProvider({ type: 'time-machine' }, context({}));
    expect(job).toMatchObject({ lastResult: 'unknown', lastSuccessAt: null });
    expect(job?.detail).toContain('tmutil not found');
  });

  it('returns one unknown job on other platforms', async () => {
    const [job, ...rest] = await timeMachineProvider({ type: 'time-machine' }, context({}, 'linux'));
    expect(rest).toEqual([]);
    expect(job).toMatchObject({ provider: 'time-machine', lastResult: 'unknown' });
    expect(job?.detail).toContain('only on macOS');
  });
});

describe('old-style plist text', () => {
  it('reads nested dicts, arrays, quoted keys, escapes and opaque data descriptions', () => {
    expect(parseOldStylePlist('{ "a b" = ( 1, "x\\U00fcy", { c = <00ff>; } ); d = {length = 2, bytes = 0x0000}; }')).toEqual({
      'a b': ['1', 'xüy', { c: '<00ff>' }],
      d: '{length = 2, bytes = 0x0000}',
    });
  });

  it('throws on text cut inside a dictionary', () => {
    expect(() => parseOldStylePlist('{ AutoBackup = 1; Destinations = ( { RESULT = 0;')).toThrow();
  });
});
