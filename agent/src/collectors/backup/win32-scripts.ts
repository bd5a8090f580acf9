// The PowerShell and console commands the backup providers run on Windows,
// kept as constants so tests can recognise each one.
import { POWERSHELL_PRELUDE } from '../../parse/powershell-json.js';

/** Windows Server Backup summary (needs Administrators or Backup Operators). */
export const WB_SUMMARY_SCRIPT = `${POWERSHELL_PRELUDE}
Get-WBSummary | Select-Object LastSuccessfulBackupTime,LastBackupTime,LastBackupResultHR,LastBackupResultDetailedHR,NumberOfVersions,DetailedMessage,LastBackupTarget,@{n='CurrentOperationStatus';e={"$($_.CurrentOperationStatus)"}} | ConvertTo-Json -Compress`;

/** Veeam Agent for Windows job events: 110 started, 190 finished, 191 failed and will retry. */
export const VEEAM_AGENT_EVENTS_SCRIPT = `${POWERSHELL_PRELUDE}
ConvertTo-Json -Compress -InputObject @(Get-WinEvent -FilterHashtable @{ LogName = 'Veeam Agent'; Id = 110, 190, 191 } -MaxEvents 50 | Select-Object Id,Level,LevelDisplayName,TimeCreated,Message)`;
