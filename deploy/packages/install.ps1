# Installs the Tandem agent on Windows from a collector, unattended (run as
# Administrator or SYSTEM, e.g. from an RMM):
#
#   powershell -NoProfile -ExecutionPolicy Bypass -Command "& ([scriptblock]::Create((Invoke-RestMethod https://collector.example.net/downloads/install.ps1))) -Url https://collector.example.net -Token <enrollment token>"
#
# Downloads the executable and its service host from <Url>/downloads/, checks
# both against <Url>/downloads/SHA256SUMS, puts them in
# %ProgramFiles%\Tandem\Agent and runs `tandem-agent.exe install` (enroll,
# write the config, register and start the service). For GPO or Intune the
# MSI does the same: msiexec /i tandem-agent-<version>-x64.msi /qn URL=... TOKEN=...
param(
  [Parameter(Mandatory = $true)][string]$Url,
  [Parameter(Mandatory = $true)][string]$Token,
  # Another folder or mirror of the release files.
  [string]$Downloads = '',
  # Further `tandem-agent install` options, e.g. '--ca-file', 'C:\ca.pem'.
  [string[]]$InstallArgs = @()
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12

if (-not $Downloads) { $Downloads = $Url.TrimEnd('/') + '/downloads' }
if (-not [Environment]::Is64BitOperatingSystem) { throw 'install.ps1: the agent is built for 64-bit Windows only' }

$dir = Join-Path $env:ProgramFiles 'Tandem\Agent'
$tmp = Join-Path ([IO.Path]::GetTempPath()) ('tandem-agent-' + [Guid]::NewGuid())
New-Item -ItemType Directory -Force -Path $dir, $tmp | Out-Null
try {
  Invoke-WebRequest -UseBasicParsing -Uri "$Downloads/SHA256SUMS" -OutFile (Join-Path $tmp 'SHA256SUMS')
  $sums = @{}
  foreach ($line in Get-Content (Join-Path $tmp 'SHA256SUMS')) {
    $parts = $line -split '\s+\*?', 2
    if ($parts.Count -eq 2) { $sums[$parts[1]] = $parts[0].ToLowerInvariant() }
  }
  # Release file name -> name in the install folder.
  $files = [ordered]@{
    'tandem-agent-windows-x64.exe'    = 'tandem-agent.exe'
    'tandem-agent-service.exe'        = 'tandem-agent-service.exe'
    'tandem-agent-service.exe.config' = 'tandem-agent-service.exe.config'
  }
  foreach ($name in $files.Keys) {
    if (-not $sums.ContainsKey($name)) { throw "install.ps1: SHA256SUMS at $Downloads lists no $name" }
    $file = Join-Path $tmp $name
    Invoke-WebRequest -UseBasicParsing -Uri "$Downloads/$name" -OutFile $file
    $actual = (Get-FileHash -Algorithm SHA256 -Path $file).Hash.ToLowerInvariant()
    if ($actual -ne $sums[$name]) { throw "install.ps1: checksum mismatch for ${name}: expected $($sums[$name]), got $actual; nothing was installed" }
  }
  foreach ($name in $files.Keys) { Move-Item -Force -Path (Join-Path $tmp $name) -Destination (Join-Path $dir $files[$name]) }
} finally {
  Remove-Item -Recurse -Force -Path $tmp -ErrorAction SilentlyContinue
}

$exe = Join-Path $dir 'tandem-agent.exe'
Write-Host "install.ps1: $exe verified"
& $exe install --url $Url --token $Token @InstallArgs
exit $LASTEXITCODE
