// The one PowerShell script that reads every endpoint protection sensor on
// Windows: their services, Defender for Endpoint's onboarding status in the
// registry, CrowdStrike's agent id, SentinelOne's own status tool and
// Sophos' tamper protection switch. One object, ConvertTo-Json; a product
// that is not installed reads as nulls. Nothing is changed. SentinelCtl runs
// with errors not stopping the script: Windows PowerShell turns a native
// tool's stderr into error records, which the prelude's 'Stop' would make
// fatal for every other product's answer.
import { POWERSHELL_PRELUDE } from '../../parse/powershell-json.js';

export const ENDPOINT_PROTECTION_SCRIPT = `${POWERSHELL_PRELUDE}
# Endpoint protection sensors: Defender for Endpoint (Sense, onboarding status), CrowdStrike, SentinelOne, Sophos
function Get-Svc([string]$Name) { $s = Get-Service -Name $Name -ErrorAction SilentlyContinue; if ($s) { [ordered]@{ Status = "$($s.Status)"; StartType = "$($s.StartType)" } } else { $null } }
function Get-Reg([string]$Path) { Get-ItemProperty -Path $Path -ErrorAction SilentlyContinue }
function Get-Installed([string]$Like) { Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*','HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*' -ErrorAction SilentlyContinue | Where-Object { $_.DisplayName -like $Like } | Select-Object -First 1 -ExpandProperty DisplayVersion }
$atp = Get-Reg 'HKLM:\\SOFTWARE\\Microsoft\\Windows Advanced Threat Protection\\Status'
$cs = Get-Reg 'HKLM:\\SYSTEM\\CrowdStrike\\{9b03c1d9-3138-44ed-9fae-d9f4c034b88d}\\{16e0423f-7058-48c9-a204-725362b67639}\\Default'
$s1 = Get-ChildItem -Path "$env:ProgramFiles\\SentinelOne\\Sentinel Agent*\\SentinelCtl.exe" -ErrorAction SilentlyContinue | Sort-Object LastWriteTime -Descending | Select-Object -First 1
$sed = Get-Reg 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\Sophos Endpoint Defense\\TamperProtection\\Config'
$tamper = $null; try { $tamper = (Get-CimInstance -Namespace root/Microsoft/Windows/Defender -ClassName MSFT_MpComputerStatus -ErrorAction Stop).IsTamperProtected } catch {}
$sense = Get-Item -Path "$env:ProgramFiles\\Windows Defender Advanced Threat Protection\\MsSense.exe" -ErrorAction SilentlyContinue
[ordered]@{
  Sense = Get-Svc 'Sense'
  SenseOnboardingState = $atp.OnboardingState
  SenseLastConnected = $atp.LastConnected
  SenseVersion = $sense.VersionInfo.ProductVersion
  DefenderTamperProtected = $tamper
  CSAgent = Get-Svc 'CSAgent'
  CSFalconService = Get-Svc 'CSFalconService'
  CrowdStrikeAid = if ($cs -and $cs.AG) { ($cs.AG | ForEach-Object { $_.ToString('x2') }) -join '' } else { $null }
  CrowdStrikeVersion = Get-Installed 'CrowdStrike Windows Sensor*'
  SentinelAgent = Get-Svc 'SentinelAgent'
  SentinelCtlStatus = if ($s1) { & { $ErrorActionPreference = 'Continue'; & $s1.FullName status 2>&1 | Out-String } } else { $null }
  SentinelVersion = Get-Installed 'Sentinel Agent*'
  SophosDefense = Get-Svc 'Sophos Endpoint Defense Service'
  SophosMcs = Get-Svc 'Sophos MCS Agent'
  SophosTamper = $sed.SEDEnabled
  SophosVersion = Get-Installed 'Sophos Endpoint Agent*'
} | ConvertTo-Json -Compress -Depth 3`;
