#Requires -Version 7.0
<#
.SYNOPSIS
    Benchmarks the batch runner (what Invoke-TextractBatch runs) against the naive one-document-at-a-time loop, on
    1,000 documents through the local endpoint under scaled Textract quotas, in one invocation.

.DESCRIPTION
    Builds bench/batch/TextractTools.BatchBench (Release; build output under bench/data, so src/ is not written to),
    then runs it: it starts the local endpoint in-process with Start and Get TPS quotas, a concurrent-job limit and job
    durations drawn from a range, all scaled down by -Scale (durations divided, rates multiplied, concurrency kept),
    puts the documents in it once per contender, runs the batch runner, then the naive loop (Start, Get every
    -NaivePollSec with no backoff until done, read), checks every output against its document, and reports wall time,
    API calls and attempts per job (Get especially), retries, and lost or duplicated outputs, with ratios against the
    naive loop. Writes bench/results/batch-<timestamp>.md. Exits 1 when any output is lost or duplicated.

    Run from the repository root:  dotnet tool restore; dotnet pwsh bench/batch/Invoke-BatchBench.ps1

.PARAMETER Documents
    Documents per contender (one page each, unique text).

.PARAMETER Scale
    How much faster than real time the scenario runs. 100 turns 5-30 s jobs into 50-300 ms and 2 TPS into 200/s.
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 100000)] [int] $Documents = 1000,
    [ValidateRange(1, 10000)] [double] $Scale = 100,
    [ValidateRange(0.01, 10000)] [double] $StartTps = 2,
    [ValidateRange(0.01, 10000)] [double] $GetTps = 5,
    [ValidateRange(1, 100000)] [int] $ConcurrentJobs = 100,
    [ValidateRange(0, 86400)] [double] $JobMinSec = 5,
    [ValidateRange(0, 86400)] [double] $JobMaxSec = 30,
    [ValidateRange(0.01, 3600)] [double] $NaivePollSec = 5,
    [ValidateRange(0.01, 3600)] [double] $PollInitialSec = 1,
    [ValidateRange(0.01, 3600)] [double] $PollMaxSec = 30,
    [ValidateRange(1, 100000)] [int] $ThrottleLimit = 100,
    [int] $Seed = 1
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$benchRoot = Split-Path -Parent $PSScriptRoot
$artifacts = Join-Path $benchRoot 'data/batch-artifacts'
$project = Join-Path $PSScriptRoot 'TextractTools.BatchBench/TextractTools.BatchBench.csproj'
$dotnet = (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source

Write-Host '== dotnet build bench/batch/TextractTools.BatchBench (Release)' -ForegroundColor Cyan
$build = & $dotnet build $project -c Release --artifacts-path $artifacts -nologo -v quiet 2>&1
if ($LASTEXITCODE -ne 0) { throw "dotnet build failed (exit code $LASTEXITCODE):`n$($build -join "`n")" }
$dll = Join-Path $artifacts 'bin/TextractTools.BatchBench/release/TextractTools.BatchBench.dll'
if (-not (Test-Path -LiteralPath $dll)) { throw "The build made no $dll." }

$resultsDir = Join-Path $benchRoot 'results'
New-Item -ItemType Directory -Force -Path $resultsDir | Out-Null
$report = Join-Path $resultsDir ("batch-{0:yyyyMMdd-HHmmss}.md" -f (Get-Date))
$invariant = [Globalization.CultureInfo]::InvariantCulture
$arguments = @(
    '--documents', $Documents, '--scale', $Scale.ToString($invariant), '--start-tps', $StartTps.ToString($invariant),
    '--get-tps', $GetTps.ToString($invariant), '--concurrent-jobs', $ConcurrentJobs,
    '--job-min-sec', $JobMinSec.ToString($invariant), '--job-max-sec', $JobMaxSec.ToString($invariant),
    '--naive-poll-sec', $NaivePollSec.ToString($invariant), '--poll-initial-sec', $PollInitialSec.ToString($invariant),
    '--poll-max-sec', $PollMaxSec.ToString($invariant), '--throttle-limit', $ThrottleLimit, '--seed', $Seed, '--report', $report
) | ForEach-Object { "$_" }

Write-Host "== $Documents documents per contender, time scaled down ${Scale}x" -ForegroundColor Cyan
& $dotnet $dll @arguments
$code = $LASTEXITCODE
if ($code -eq 2) { throw 'The benchmark refused its arguments (see above).' }
if ($code -ne 0) { Write-Warning "Outputs were lost or duplicated (exit code $code): see $report" }
exit $code
