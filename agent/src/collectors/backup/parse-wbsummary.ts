// Windows Server Backup from `Get-WBSummary | ConvertTo-Json`.
import { backupJob, emptyBackup } from '@tandem/proto';
import type { BackupJob, BackupStatus } from '@tandem/proto';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { failureText, psDate, psGet, psNumber, psRecords, psString, readPowerShellAnswer } from '../../parse/powershell-json.js';

export const WSB_PROVIDER = 'windows-server-backup';

/**
 * A backup topic holding the one job. A tool that could not answer leaves
 * the job `unknown` with its message in the detail, and the topic readable:
 * the job stays in the report instead of the whole topic turning unknown.
 */
export function wsbFacts(job: Partial<BackupJob>): BackupStatus {
  return { ...emptyBackup(), jobs: [backupJob(WSB_PROVIDER, WSB_PROVIDER, job)] };
}

/** HRESULTs arrive signed or unsigned; both print as 0x-prefixed eight-digit hex. */
export function hresultHex(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

export function parseWbSummary(output: ToolOutput, options: ParseOptions): BackupStatus {
  const answer = readPowerShellAnswer(output);
  if (!answer.ok) {
    const reason = failureText('Get-WBSummary', answer.failure);
    return wsbFacts({ detail: reason });
  }
  const summary = psRecords(answer.value)[0];
  if (!summary) return wsbFacts({ detail: 'Get-WBSummary printed nothing' });

  // DateTime.MinValue ("never") comes back as null from psDate.
  const lastSuccessAt = psDate(psGet(summary, 'LastSuccessfulBackupTime'), options.timeZone);
  const lastAttemptAt = psDate(psGet(summary, 'LastBackupTime'), options.timeZone);
  const hr = psNumber(psGet(summary, 'LastBackupResultHR'));
  const detailedHr = psNumber(psGet(summary, 'LastBackupResultDetailedHR'));
  const message = psString(psGet(summary, 'DetailedMessage'));
  const versions = psNumber(psGet(summary, 'NumberOfVersions'));
  const operation = psString(psGet(summary, 'CurrentOperationStatus'));
  const times = { lastSuccessAt, lastAttemptAt };

  if (operation && /inprogress/i.test(operation) && !/^nooperation/i.test(operation)) {
    return wsbFacts({ ...times, lastResult: 'running', detail: `a backup is running now (${operation})` });
  }
  if (!lastAttemptAt) return wsbFacts({ ...times, lastResult: 'unknown', detail: 'no backup has run yet' });
  if (hr === null) return wsbFacts({ ...times, lastResult: 'unknown', detail: 'Get-WBSummary gave no result code for the last backup' });
  if (hr !== 0) {
    return wsbFacts({ ...times, lastResult: 'failed', detail: `last backup failed with ${hresultHex(hr)}${message ? `: ${message}` : ''}` });
  }
  // HR 0 with a detailed code: the backup completed but skipped something
  // (typically files in use). Counted as success, the code kept in the detail.
  const warning = detailedHr !== null && detailedHr !== 0 ? `; completed with ${hresultHex(detailedHr)}${message ? `: ${message}` : ''}` : '';
  return wsbFacts({ ...times, lastResult: 'success', detail: `${versions ?? 'unknown number of'} versions available${warning}` });
}
