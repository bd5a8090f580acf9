// The PowerShell the security collector runs on Windows, kept as constants so
// tests can recognise each one and technicians can paste them into a console.
// Every script starts with POWERSHELL_PRELUDE and ends in ConvertTo-Json;
// enums are turned into their names where the script selects them, and
// `-InputObject @(…)` keeps a one-item answer an array.
import { POWERSHELL_PRELUDE } from '../../parse/powershell-json.js';

/** Microsoft Defender Antivirus state (Defender module; Windows 10+, Server 2016+). */
export const DEFENDER_STATUS_SCRIPT = `${POWERSHELL_PRELUDE}
Get-MpComputerStatus | Select-Object AMRunningMode,AMServiceEnabled,AntivirusEnabled,RealTimeProtectionEnabled,AntivirusSignatureLastUpdated,AntivirusSignatureAge,IsTamperProtected,DefenderSignaturesOutOfDate | ConvertTo-Json -Compress`;

/** Antivirus products registered with Windows Security Center (clients only; Server has no such namespace). */
export const SECURITY_CENTER_AV_SCRIPT = `${POWERSHELL_PRELUDE}
ConvertTo-Json -Compress -InputObject @(Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct | Select-Object displayName,productState,timestamp)`;

/** Effective firewall state per profile (ActiveStore: what is enforced, after Group Policy). */
export const FIREWALL_PROFILES_SCRIPT = `${POWERSHELL_PRELUDE}
ConvertTo-Json -Compress -InputObject @(Get-NetFirewallProfile -PolicyStore ActiveStore | Select-Object Name,@{n='Enabled';e={"$($_.Enabled)"}})`;

/** BitLocker per volume (BitLocker module; needs administrator rights). */
export const BITLOCKER_VOLUMES_SCRIPT = `${POWERSHELL_PRELUDE}
ConvertTo-Json -Compress -InputObject @(Get-BitLockerVolume | Select-Object MountPoint,@{n='VolumeStatus';e={"$($_.VolumeStatus)"}},@{n='ProtectionStatus';e={"$($_.ProtectionStatus)"}},EncryptionPercentage,@{n='EncryptionMethod';e={"$($_.EncryptionMethod)"}})`;

/** UEFI Secure Boot (needs administrator rights; "not supported" on BIOS firmware). */
export const SECURE_BOOT_SCRIPT = `${POWERSHELL_PRELUDE}
Confirm-SecureBootUEFI | ConvertTo-Json -Compress`;

