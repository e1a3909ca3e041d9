#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests, demonstrates and packages TextractTools.
.DESCRIPTION
    Tasks:
      Build    builds the module into output/TextractTools/<version>/ and the local endpoint into output/LocalEndpoint/
      Test     Build, then runs the xunit and Pester suites and prints one line: "N passed, N failed, N skipped"
      Demo     Build, then starts the local endpoint and runs Start -> Wait -> Get on the project's sample document
      Package  Build, then makes output/TextractTools.<version>.nupkg for a PowerShell repository
      Clean    removes output/, TestResults/ and the projects' bin/obj folders
    Everything it needs comes from NuGet through `dotnet`: run `dotnet tool restore` first for pwsh itself.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = $PSScriptRoot
$ModuleName = 'TextractTools'
$Version = (Import-PowerShellDataFile -Path (Join-Path $Root "$ModuleName.psd1")).ModuleVersion
$OutputRoot = Join-Path $Root 'output'
$ModuleOut = Join-Path $OutputRoot "$ModuleName/$Version"
$EndpointOut = Join-Path $OutputRoot 'LocalEndpoint'
$ToolsPackages = Join-Path $Root '.tools/packages'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

function Invoke-Dotnet {
    # A plain function (no param block): its arguments, such as -o and -c, go to dotnet untouched.
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Clean {
    foreach ($path in @($OutputRoot, (Join-Path $Root 'TestResults'))) {
        if (Test-Path $path) { Remove-Item $path -Recurse -Force }
    }
    Get-ChildItem -Path (Join-Path $Root 'src'), (Join-Path $Root 'tests'), (Join-Path $Root 'bench') -Directory -Recurse -Include bin, obj -ErrorAction SilentlyContinue |
        Remove-Item -Recurse -Force
}

function Restore-Tools {
    # Pester (and the conflicting AWSSDK.Core for the isolation test) come from NuGet into a project-local folder.
    # Always restored: a no-op when everything is there, and a package added to tools.proj arrives on every machine.
    Invoke-Dotnet restore (Join-Path $Root 'build/tools.proj') --packages $ToolsPackages -v quiet
    [xml] $packages = Get-Content -Raw (Join-Path $Root 'Directory.Packages.props')
    $pesterVersion = @($packages.Project.PropertyGroup.PesterVersion | Where-Object { $_ })[0]
    Join-Path $ToolsPackages "pester/$pesterVersion/tools/Pester.psd1"
}

function Copy-Assemblies {
    param([string] $From, [string] $To)
    New-Item -ItemType Directory -Path $To -Force | Out-Null
    # PowerShell's own reference assemblies must never sit next to the module (see ModuleLoadContext).
    Get-ChildItem -Path $From -File |
        Where-Object { $_.Name -notmatch '^(System\.Management\.Automation|Microsoft\.PowerShell\.)' -and $_.Extension -in '.dll', '.json', '.pdb' } |
        Copy-Item -Destination $To -Force
}

function Invoke-Build {
    Write-Host "Building $ModuleName $Version ($Configuration)" -ForegroundColor Cyan
    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $staging = Join-Path $OutputRoot 'staging'
    if (Test-Path $staging) { Remove-Item $staging -Recurse -Force }

    # The root module: the cmdlet assembly (netstandard2.0, the same file for PowerShell 7 and Windows PowerShell 5.1).
    # Windows PowerShell 5.1 takes the engine and its netstandard2.0 AWSSDK set from bin/desktop.
    Invoke-Dotnet build (Join-Path $Root 'src/TextractTools') -c $Configuration -o (Join-Path $staging 'desktop') "-p:Version=$Version" -v quiet -nologo
    # PowerShell 7: the loader's publish lays out the engine with the net8.0 AWSSDK set in bin/core, a folder the
    # runtime never probes on its own (the cmdlet assembly's resolver loads it into the module's load context).
    Invoke-Dotnet publish (Join-Path $Root 'src/TextractTools.Loader') -c $Configuration -o (Join-Path $staging 'core') "-p:Version=$Version" -v quiet -nologo
    $rootFiles = "$ModuleName.dll", "$ModuleName.pdb" | ForEach-Object { Join-Path $staging "desktop/$_" }
    Remove-Item (Join-Path $staging "desktop/$ModuleName.deps.json") -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Path $ModuleOut -Force | Out-Null
    Copy-Item $rootFiles $ModuleOut
    Remove-Item $rootFiles
    Copy-Assemblies -From (Join-Path $staging 'core') -To (Join-Path $ModuleOut 'bin/core')
    Copy-Assemblies -From (Join-Path $staging 'desktop') -To (Join-Path $ModuleOut 'bin/desktop')

    Copy-Item (Join-Path $Root "$ModuleName.psd1") $ModuleOut
    Copy-Item (Join-Path $Root "src/$ModuleName/$ModuleName.Format.ps1xml") $ModuleOut
    Build-Help

    Invoke-Dotnet publish (Join-Path $Root 'src/TextractTools.LocalEndpoint') -c $Configuration -o $EndpointOut -v quiet -nologo
    Remove-Item $staging -Recurse -Force
    Write-Host "Module: $ModuleOut" -ForegroundColor Green
}

function Build-Help {
    $helpOut = Join-Path $ModuleOut 'en-US'
    New-Item -ItemType Directory -Path $helpOut -Force | Out-Null
    $docs = Join-Path $Root 'docs/en-US'
    if (-not (Get-ChildItem $docs -Filter *.md -ErrorAction SilentlyContinue)) { return }
    # platyPS where it is installed; our own small converter (same markdown schema) everywhere else.
    if (Get-Module -ListAvailable -Name platyPS) {
        Import-Module platyPS
        New-ExternalHelp -Path $docs -OutputPath $helpOut -Force | Out-Null
    }
    else {
        & (Join-Path $Root 'build/ConvertTo-MamlHelp.ps1') -DocsPath $docs -OutputPath $helpOut -ModuleName $ModuleName
    }
}

function Invoke-Test {
    Invoke-Build
    $pesterPath = Restore-Tools
    $results = Join-Path $Root 'TestResults'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    New-Item -ItemType Directory -Path $results -Force | Out-Null

    Write-Host 'xunit tests' -ForegroundColor Cyan
    & dotnet test (Join-Path $Root 'tests/TextractTools.Tests') -c $Configuration --logger 'trx;LogFileName=xunit.trx' --results-directory $results -nologo
    $xunitExit = $LASTEXITCODE
    $xunit = Read-TrxCounts (Join-Path $results 'xunit.trx')
    if ($xunitExit -ne 0 -and $xunit.Failed -eq 0) { $xunit.Failed = 1; Write-Warning "dotnet test exited with $xunitExit" }

    Write-Host 'Pester tests' -ForegroundColor Cyan
    $pester = Invoke-PesterSuite -PesterPath $pesterPath -ResultsFolder $results

    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    $skipped = $xunit.Skipped + $pester.Skipped
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped; Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
    Write-Output "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0) { exit 1 }
}

function Read-TrxCounts {
    param([string] $Path)
    if (-not (Test-Path $Path)) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    [xml] $trx = Get-Content -Raw $Path
    $c = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed  = [int]$c.passed
        Failed  = [int]$c.failed + [int]$c.error + [int]$c.timeout + [int]$c.aborted
        # Skipped tests are counted as total minus executed (notExecuted stays 0 for them in this test platform).
        Skipped = [Math]::Max([int]$c.notExecuted, [int]$c.total - [int]$c.executed)
    }
}

function Get-PwshCommand { & (Join-Path $Root 'build/Get-PwshCommand.ps1') }

function Invoke-PesterSuite {
    param([string] $PesterPath, [string] $ResultsFolder)
    # A child process: the suite imports the built module, and a build process holding it loaded could not rebuild.
    $runner = Join-Path $Root 'tests/Pester/Invoke-PesterSuite.ps1'
    $summary = Join-Path $ResultsFolder 'pester-summary.json'
    $pwsh = Get-PwshCommand
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $runner `
        -PesterPath $PesterPath -ModulePath (Join-Path $ModuleOut "$ModuleName.psd1") -EndpointPath $EndpointOut `
        -ResultsFolder $ResultsFolder -SummaryPath $summary -ToolsPackages $ToolsPackages | Out-Host
    if (-not (Test-Path $summary)) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    Get-Content -Raw $summary | ConvertFrom-Json
}

function Invoke-Demo {
    Invoke-Build
    & (Join-Path $Root 'build/Demo.ps1') -ModulePath (Join-Path $ModuleOut "$ModuleName.psd1") -EndpointPath $EndpointOut
    if (-not $?) { exit 1 }
}

function Invoke-Package {
    Invoke-Build
    # The script says where the package is; its FileInfo is for callers such as the tests.
    & (Join-Path $Root 'build/New-ModulePackage.ps1') -ModuleFolder $ModuleOut -OutputFolder $OutputRoot | Out-Null
}

switch ($Task) {
    'Clean' { Invoke-Clean }
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Package }
}
