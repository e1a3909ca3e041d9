<#
.SYNOPSIS
    Runs the Pester suite against the built module and writes the counts for build.ps1's summary line.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EndpointPath,
    [Parameter(Mandatory)] [string] $ResultsFolder,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [Parameter(Mandatory)] [string] $ToolsPackages
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force

# The test files read these to find what to test.
$env:TEXTRACTTOOLS_MODULE = $ModulePath
$env:TEXTRACTTOOLS_ENDPOINT = $EndpointPath
$env:TEXTRACTTOOLS_TOOLS = $ToolsPackages

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = Join-Path $ResultsFolder 'pester.xml'
$result = Invoke-Pester -Configuration $configuration

# Containers that failed to run (a broken BeforeAll, a syntax error) count as failures, never as silence.
$failedBlocks = @($result.FailedBlocks).Count + @($result.FailedContainers).Count
[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $failedBlocks
    Skipped = $result.SkippedCount + $result.NotRunCount
} | ConvertTo-Json | Set-Content -Path $SummaryPath
