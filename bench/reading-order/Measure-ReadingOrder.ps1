<#
.SYNOPSIS
    Scores the reading order found from geometry against Textract's own LAYOUT order on the real samples.
.DESCRIPTION
    Builds bench/reading-order/ReadingOrderBench (Release, build output under bench/data/reading-order so src/ is not
    written to) and runs it once: per document, Kendall's tau of Textract's raw LINE order, of ours (the response with
    its LAYOUT blocks removed), of ours from the lines alone (as text detection gives them) and of ours with the LAYOUT
    blocks left in (must be 1), then the means. Prints the table and writes bench/results/reading-order-<timestamp>.md
    (git-ignored). Exits 1 when a target is missed: mean >= 0.90, never below the raw order, layout order exact.
.EXAMPLE
    dotnet pwsh ./bench/reading-order/Measure-ReadingOrder.ps1
.EXAMPLE
    dotnet pwsh ./bench/reading-order/Measure-ReadingOrder.ps1 -SamplesPath /data/textract-samples
#>
[CmdletBinding()]
param(
    # The shared real samples (default: ../shared/textract-samples next to the repository).
    [string] $SamplesPath,

    [string] $ResultsFolder = (Join-Path $PSScriptRoot '../results')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
if (-not $SamplesPath) { $SamplesPath = Join-Path $root '../shared/textract-samples' }
if (-not (Test-Path (Join-Path $SamplesPath 'responses'))) { throw "No real samples at ${SamplesPath}: pass -SamplesPath." }
$SamplesPath = (Resolve-Path $SamplesPath).Path

$dotnet = (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source
$artifacts = Join-Path $root 'bench/data/reading-order'
$project = Join-Path $PSScriptRoot 'ReadingOrderBench/ReadingOrderBench.csproj'
$build = & $dotnet build $project -c Release --artifacts-path $artifacts -nologo -v quiet 2>&1
if ($LASTEXITCODE -ne 0) { throw "dotnet build $project failed:`n$($build -join "`n")" }
$dll = Join-Path $artifacts 'bin/ReadingOrderBench/release/ReadingOrderBench.dll'

$table = & $dotnet $dll $SamplesPath
$exit = $LASTEXITCODE
if ($exit -gt 1) { throw "ReadingOrderBench failed (exit $exit)." }
$table | ForEach-Object { Write-Host $_ }

New-Item -ItemType Directory -Force $ResultsFolder | Out-Null
$file = Join-Path $ResultsFolder ("reading-order-{0:yyyyMMdd-HHmmss}.md" -f (Get-Date))
@(
    '# Reading order vs Textract''s LAYOUT order (Kendall''s tau)'
    ''
    $table
    ''
    "- Samples: $SamplesPath"
    "- Commit: $(& git -C $root rev-parse --short HEAD 2>$null)"
    "- Command: ``dotnet pwsh bench/reading-order/Measure-ReadingOrder.ps1``"
) | Set-Content -Path $file -Encoding utf8
Write-Host "Written: $file"
exit $exit
