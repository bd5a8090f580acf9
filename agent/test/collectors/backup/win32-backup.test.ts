// Windows Server Backup and Veeam Agent for Windows with their tools replayed from recorded output.
import { describe, expect, it } from 'vitest';
import type { CollectContext } from '../../../src/collectors/collector.js';
import type { RunCommand, RunOutcome } from '../../../src/exec/run-command.js';
import { defaultAgentConfig } from '../../../src/config.js';
import { windowsServerBackupProvider } from '../../../src/collectors/backup/windows-server-backup.js';
import { readVeeamWin32 } from '../../../src/collectors/backup/veeam-win32.js';

interface Answer { program?: string; match?: string; stdout?: string; stderr?: string; exitCode?: number | null }

function windowsRun(answers: Answer[], calls: string[] = []): RunCommand {
  return async (command, args): Promise<RunOutcome> => {
    const line = args.join(' ');
    calls.push(`${command} ${line}`);
    const mine = answers.filter((a) => (a.program ?? 'powershell.exe') === command);
    if (mine.length === 0) return { command, args, notFound: true, message: `${command} not found on PATH` };
    const a = mine.find((x) => x.match === undefined || line.includes(x.match));
    if (!a) throw new Error(`no recorded answer for ${command} ${line}`);
    return { command, args, stdout: a.stdout ?? '', stderr: a.stderr ?? '', exitCode: a.exitCode === undefined ? 0 : a.exitCode, timedOut: false, truncated: false, durationMs: 1 };
  };
}

function context(run: RunCommand, platform: CollectContext['platform'] = 'win32'): CollectContext {
  return {
    platform, run, now: () => new Date('2026-11-28T12:00:00Z'), config: defaultAgentConfig('/tmp/tandem-test-data'),
    env: {}, timeZone: 'Europe/Berlin', osPath: (p) => p,
  };
}

const WBADMIN = 'wbadmin 1.0 - Backup command-line tool\r\n(C) Copyright Microsoft Corporation. All rights reserved.\r\n\r\n'
  + 'Backup time: 11/27/2026 11:00 PM\r\nBackup target: Fixed Disk labeled DISK_01(E:)\r\nVersion identifier: 11/27/2026-22:00\r\nCan recover: Volume(s), File(s)\r\n\r\n';

describe('windowsServerBackupProvider', () => {
  it('reads Get-WBSummary and names the job as configured', async () => {
    const jobs = await windowsServerBackupProvider({ type: 'windows-server-backup', name: 'nightly' }, context(windowsRun([
      { match: 'Get-WBSummary', stdout: '{"LastSuccessfulBackupTime":"\\/Date(1795819633000)\\/","LastBackupTime":"\\/Date(1795819633000)\\/","LastBackupResultHR":0,"LastBackupResultDetailedHR":0,"NumberOfVersions":34,"DetailedMessage":"","LastBackupTarget":"DISK_01","CurrentOperationStatus":"NoOperationInProgress"}' },
    ])));
    expect(jobs).toEqual([{
      provider: 'windows-server-backup', name: 'nightly', lastSuccessAt: '2026-11-27T22:47:13.000Z', lastAttemptAt: '2026-11-27T22:47:13.000Z',
      lastResult: 'success', detail: '34 versions available',
    }]);
  });

  it('falls back to wbadmin get versions when the cmdlets are missing', async () => {
    const calls: string[] = [];
    const jobs = await windowsServerBackupProvider({ type: 'windows-server-backup' }, context(windowsRun([
      { match: 'Get-WBSummary', stderr: "Get-WBSummary : The term 'Get-WBSummary' is not recognized as the name of a cmdlet, function, script file, or operable program.\r\n", exitCode: 1 },
      { program: 'wbadmin.exe', match: 'get versions', stdout: WBADMIN },
    ], calls)));
    expect(calls).toContain('wbadmin.exe get versions');
    expect(jobs).toMatchObject([{ name: 'windows-server-backup', lastSuccessAt: '2026-11-27T22:00:00.000Z', lastResult: 'unknown' }]);
  });

  it('is unknown with both reasons when neither tool is there', async () => {
    const jobs = await windowsServerBackupProvider({ type: 'windows-server-backup' }, context(windowsRun([])));
    expect(jobs).toEqual([{
      provider: 'windows-server-backup', name: 'windows-server-backup', lastSuccessAt: null, lastAttemptAt: null, lastResult: 'unknown',
      detail: 'powershell.exe not found on PATH, and wbadmin.exe not found on PATH',
    }]);
  });

  it('is unknown off Windows', async () => {
    const jobs = await windowsServerBackupProvider({ type: 'windows-server-backup' }, context(windowsRun([]), 'linux'));
    expect(jobs).toMatchObject([{ lastResult: 'unknown', detail: 'Windows Server Backup exists only on Windows; this computer runs linux' }]);
  });
});

describe('readVeeamWin32', () => {
  const events = JSON.stringify([
    { Id: 190, Level: 2, LevelDisplayName: 'Error', TimeCreated: '/Date(1795815070000)/', Message: "Veeam Agent 'Backup Job DOCS' finished with Failed." },
    { Id: 190, Level: 4, LevelDisplayName: 'Information', TimeCreated: '/Date(1795814000000)/', Message: "Veeam Agent 'Backup Job SYSTEM' finished with Success." },
  ]);

  it('narrows to the configured job and names it after the job', async () => {
    const jobs = await readVeeamWin32({ type: 'veeam', job: 'Backup Job SYSTEM' }, context(windowsRun([{ match: "LogName = 'Veeam Agent'", stdout: events }])));
    expect(jobs).toEqual([{
      provider: 'veeam', name: 'Backup Job SYSTEM', lastSuccessAt: '2026-11-27T21:13:20.000Z', lastAttemptAt: '2026-11-27T21:13:20.000Z',
      lastResult: 'success', detail: 'Backup Job SYSTEM finished with Success',
    }]);
  });

  it('takes the newest job otherwise', async () => {
    const jobs = await readVeeamWin32({ type: 'veeam', name: 'laptop' }, context(windowsRun([{ match: 'Veeam Agent', stdout: events }])));
    expect(jobs).toMatchObject([{ name: 'laptop', lastResult: 'failed', lastAttemptAt: '2026-11-27T21:31:10.000Z', lastSuccessAt: '2026-11-27T21:13:20.000Z' }]);
  });

  it('is unknown when PowerShell cannot run', async () => {
    const jobs = await readVeeamWin32({ type: 'veeam' }, context(windowsRun([])));
    expect(jobs).toMatchObject([{ name: 'veeam', lastResult: 'unknown', detail: 'the Veeam Agent event log could not be read: powershell.exe not found on PATH' }]);
  });
});
