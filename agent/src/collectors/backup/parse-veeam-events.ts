// Veeam Agent for Windows job results from its "Veeam Agent" event log:
// `Get-WinEvent … | Select-Object Id,Level,LevelDisplayName,TimeCreated,Message | ConvertTo-Json`.
// Event 110: job started; 190: job finished with Success, Warning or Failed;
// 191: job failed and will be retried.
import { backupJob, emptyBackup } from '@tandem/proto';
import type { BackupJob, BackupStatus } from '@tandem/proto';
import type { ParseOptions, ToolOutput } from '../../parse/parse-source.js';
import { failureText, psDate, psGet, psNumber, psRecords, psString, readPowerShellAnswer } from '../../parse/powershell-json.js';

export const VEEAM_PROVIDER = 'veeam';
const STARTED = 110;
const FINISHED = 190;
const RETRY = 191;

const NO_EVENTS = /No events were found that match the specified selection criteria|NoMatchingEventsFound/i;
const NO_LOG = /There is not an event log on the localhost computer that matches|NoMatchingLogsFound/i;

interface JobEvent {
  id: number;
  at: string;
  /** Event level: 2 error, 3 warning, 4 information. */
  level: number | null;
  message: string;
}

/** The topic holding the one job; a log that could not be read leaves the job unknown with the reason, not the topic. */
function facts(job: Partial<BackupJob>): BackupStatus {
  return { ...emptyBackup(), jobs: [backupJob(VEEAM_PROVIDER, VEEAM_PROVIDER, job)] };
}

/** "Success", "Warning" or "Failed" from the message, else from the event level. */
function outcomeOf(event: JobEvent): 'Success' | 'Warning' | 'Failed' {
  if (event.id === RETRY) return 'Failed';
  const said = /finished with (\w+)/i.exec(event.message)?.[1]?.toLowerCase();
  if (said === 'success') return 'Success';
  if (said === 'warning') return 'Warning';
  if (said === 'failed' || said === 'error') return 'Failed';
  return event.level === 2 ? 'Failed' : event.level === 3 ? 'Warning' : 'Success';
}

function levelOf(record: Record<string, unknown>): number | null {
  const level = psNumber(psGet(record, 'Level'));
  if (level !== null) return level;
  // LevelDisplayName is in the display language; English is read as a fallback.
  const name = psString(psGet(record, 'LevelDisplayName'))?.toLowerCase();
  return name === 'error' ? 2 : name === 'warning' ? 3 : name === 'information' ? 4 : null;
}

/** The job's events, newest first; `job` keeps only events naming that job. */
export function veeamJobEvents(value: unknown, timeZone: string, job?: string): JobEvent[] {
  const events: JobEvent[] = [];
  for (const record of psRecords(value)) {
    const id = psNumber(psGet(record, 'Id'));
    const at = psDate(psGet(record, 'TimeCreated'), timeZone);
    if (id === null || !at || ![STARTED, FINISHED, RETRY].includes(id)) continue;
    const message = psString(psGet(record, 'Message')) ?? '';
    if (job && !message.toLowerCase().includes(job.toLowerCase())) continue;
    events.push({ id, at, level: levelOf(record), message });
  }
  return events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export function parseVeeamEvents(output: ToolOutput, options: ParseOptions, job?: string): BackupStatus {
  const answer = readPowerShellAnswer(output);
  if (!answer.ok) {
    const text = `${answer.failure.message}\n${output.stderr}`;
    if (NO_LOG.test(text)) {
      const reason = "Veeam Agent for Windows is not installed (there is no 'Veeam Agent' event log)";
      return facts({ detail: reason });
    }
    if (NO_EVENTS.test(text)) return facts({ detail: "no Veeam Agent job has run yet (no job events in the 'Veeam Agent' log)" });
    return facts({ detail: failureText("Get-WinEvent -LogName 'Veeam Agent'", answer.failure) });
  }
  const events = veeamJobEvents(answer.value, options.timeZone, job);
  const finished = events.filter((e) => e.id === FINISHED || e.id === RETRY);
  const started = events.find((e) => e.id === STARTED);
  const last = finished[0];
  const lastSuccess = finished.find((e) => e.id === FINISHED && outcomeOf(e) !== 'Failed');
  const lastSuccessAt = lastSuccess?.at ?? null;
  const name = (e: JobEvent) => /Veeam Agent '([^']+)'/.exec(e.message)?.[1] ?? job ?? 'the job';
  if (started && (!last || started.at > last.at)) {
    return facts({ lastSuccessAt, lastAttemptAt: started.at, lastResult: 'running', detail: `${name(started)} is running (started ${started.at})` });
  }
  if (!last) return facts({ detail: `no finished Veeam Agent job${job ? ` named "${job}"` : ''} among the newest job events` });
  const outcome = outcomeOf(last);
  return facts({
    lastSuccessAt,
    lastAttemptAt: last.at,
    lastResult: outcome === 'Failed' ? 'failed' : 'success',
    detail: last.id === RETRY ? `${name(last)} failed and will be retried` : `${name(last)} finished with ${outcome}`,
  });
}
