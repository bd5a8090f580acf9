// The PowerShell the patch collector runs on Windows, kept as constants so
// tests can recognise each one and technicians can paste them into a console.
import { POWERSHELL_PRELUDE } from '../../parse/powershell-json.js';

/**
 * Pending updates from the Windows Update Agent, projected to plain fields.
 * Category IDs travel with the names because the names are in the display
 * language ("Sicherheitsupdates") and the IDs are not. Slow: the search can
 * take minutes when it has to reach Windows Update or WSUS.
 */
export const WUA_SEARCH_SCRIPT = `${POWERSHELL_PRELUDE}
$session = New-Object -ComObject Microsoft.Update.Session
$searcher = $session.CreateUpdateSearcher()
$result = $searcher.Search("IsInstalled=0 and IsHidden=0 and Type='Software'")
$updates = @(foreach ($u in $result.Updates) {
  [pscustomobject]@{
    Title = $u.Title
    KBArticleIDs = @($u.KBArticleIDs | ForEach-Object { "$_" })
    MsrcSeverity = $u.MsrcSeverity
    Categories = @($u.Categories | ForEach-Object { $_.Name })
    CategoryIDs = @($u.Categories | ForEach-Object { $_.CategoryID })
    RebootRequired = [bool]$u.RebootRequired
    RebootBehavior = [int]$u.InstallationBehavior.RebootBehavior
  }
})
ConvertTo-Json -Compress -Depth 4 -InputObject $updates`;

/** The registry markers Windows sets while a restart is owed. */
export const REBOOT_PENDING_SCRIPT = `${POWERSHELL_PRELUDE}
$cbs = Test-Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending'
$wuau = Test-Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired'
$pfro = $null -ne (Get-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager' -Name PendingFileRenameOperations -ErrorAction SilentlyContinue)
$active = (Get-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ActiveComputerName').ComputerName
$next = (Get-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ComputerName').ComputerName
[pscustomobject]@{ CBSRebootPending = $cbs; WUAURebootRequired = $wuau; PendingFileRenameOperations = $pfro; PendingComputerRename = ($active -ne $next) } | ConvertTo-Json -Compress`;

/** Installed hotfixes (Win32_QuickFixEngineering) for the newest install date. */
export const HOTFIX_SCRIPT = `${POWERSHELL_PRELUDE}
ConvertTo-Json -Compress -InputObject @(Get-HotFix | Select-Object HotFixID,Description,InstalledBy,InstalledOn)`;
