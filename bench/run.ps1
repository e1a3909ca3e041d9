#Requires -Version 7.0
<#
.SYNOPSIS
    Benchmarks TextractTools' document model against the npm package amazon-textract-response-parser 0.4.3 on one
    large generated document-analysis output, side by side in one run.

.DESCRIPTION
    1. Installs the npm package into bench/node (npm ci, pinned by package-lock.json) if it is not there yet, and
       builds bench/TextractTools.Bench (Release; build output under the data folder, so src/ is not written to).
    2. Generates (or reuses) a -Pages page output replicated from real Textract pages with fresh block ids, written
       as Textract writes a job's output to S3 (numbered objects of at most 1,000 blocks) and as one merged response.
    3. Runs each tool -Repeat times, each run in a fresh process (dotnet for ours, node for theirs), alternating which
       goes first. Ours reads the numbered folder (streaming, TextractDocumentReader.ReadFolder); theirs loads the
       merged file and builds new TextractDocument(json). Both then walk pages, lines, form fields and table cells.
       Wall time is measured around the process; peak RSS and CPU time come from /usr/bin/time (GNU time) for both,
       or, without it, from each process's own VmHWM.
    4. Prints medians, MB/s (input bytes / wall time), peak RSS, the ratios ours vs theirs against the project's
       targets (>= 4x throughput, <= 0.5x peak memory), and both tools' counts; writes bench/results/<timestamp>.md.

    Run from the repository root:  dotnet tool restore; dotnet pwsh bench/run.ps1 [-Pages 3000] [-Repeat 3]

.PARAMETER Pages
    Pages of the generated document (Textract's own limit is 3,000).

.PARAMETER Repeat
    Runs per tool; the figures reported are medians.

.PARAMETER DataPath
    Where generated input and build output go (default bench/data, git-ignored).

.PARAMETER SamplesPath
    The real Textract samples to replicate (default ../shared/textract-samples next to the repository). Without them
    the project's own sample analysis (src/TextractTools.LocalEndpoint) is replicated instead.

.PARAMETER Regenerate
    Make the input again even when a matching one exists.

.PARAMETER QuietWait
    On a shared machine: before each run, wait up to this many seconds for the other processes to go quiet (under a
    quarter of a core over 2 seconds). 0 (the default) does not wait. The report shows what the others used anyway.

.PARAMETER EngineProject
    Benchmark another copy of TextractTools.Engine.csproj (a candidate change) instead of src/TextractTools.Engine.
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 100000)]
    [int] $Pages = 3000,

    [ValidateRange(1, 100)]
    [int] $Repeat = 3,

    [string] $DataPath,

    [string] $SamplesPath,

    [switch] $Regenerate,

    [string] $EngineProject,

    [ValidateRange(0, 3600)]
    [int] $QuietWait = 0
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false

$BenchRoot = $PSScriptRoot
$RepoRoot = Split-Path -Parent $BenchRoot
Import-Module (Join-Path $BenchRoot 'BenchCommon.psm1') -Force
if (-not $DataPath) { $DataPath = Join-Path $BenchRoot 'data' }
if (-not $SamplesPath) { $SamplesPath = Get-DefaultSamplesPath }
$DataPath = [IO.Path]::GetFullPath($DataPath)
$SamplesPath = [IO.Path]::GetFullPath($SamplesPath)

# ---- tools ----------------------------------------------------------------------------------------------------------

$node = Install-TrpPackage
$dotnet = Get-RequiredCommand 'dotnet' 'the document model runs on .NET.'
$gnuTime = Get-GnuTime
$benchDll = Build-BenchTool -DataPath $DataPath -UseProjectSample:(Test-UseProjectSample $SamplesPath) -EngineProject $EngineProject

# ---- input ----------------------------------------------------------------------------------------------------------

$benchInput = Get-BenchInput -BenchDll $benchDll -DataPath $DataPath -Pages $Pages -SamplesPath $SamplesPath -Regenerate:$Regenerate
$manifest = $benchInput.Manifest
$folder = $benchInput.Folder
$merged = $benchInput.Merged
Write-Host ("   {0} pages, {1:N0} blocks; ours reads {2} objects ({3:0.0} MiB), theirs one file ({4:0.0} MiB)" -f `
        $manifest.pages, $manifest.blocks, $manifest.objects, ($manifest.folderBytes / 1MB), ($manifest.mergedBytes / 1MB))

# ---- runs -----------------------------------------------------------------------------------------------------------

# Both inputs are read once, untimed, so that neither tool's first run pays for the disk.
Write-Step 'warming the OS file cache (one untimed read of both inputs)'
Read-IntoFileCache @($folder, $merged)

$tools = [ordered]@{
    ours   = [pscustomobject]@{ Name = 'TextractTools (.NET)'; File = $dotnet; Arguments = @($benchDll, 'read', $folder); InputBytes = [long]$manifest.folderBytes }
    theirs = [pscustomobject]@{ Name = "amazon-textract-response-parser $TrpVersion (node)"; File = $node
        Arguments = @((Get-TrpRunScript), $merged); InputBytes = [long]$manifest.mergedBytes }
}

function Invoke-Measured([string] $Key, [int] $Run) {
    $tool = $tools[$Key]
    $m = Invoke-MeasuredProcess -Name "$($tool.Name) run $Run" -FilePath $tool.File -Arguments $tool.Arguments
    $m | Add-Member -NotePropertyMembers @{ Tool = $Key; Run = $Run; InProcessSeconds = [double]$m.Result.totalMs / 1000 } -PassThru
}

$loadBefore = Get-LoadAverage
$runs = [Collections.Generic.List[object]]::new()
for ($r = 1; $r -le $Repeat; $r++) {
    $order = if ($r % 2 -eq 1) { @('ours', 'theirs') } else { @('theirs', 'ours') }
    foreach ($key in $order) {
        Write-Host ("   run {0}/{1} {2,-6} ... " -f $r, $Repeat, $key) -NoNewline
        if (-not (Wait-Quiet $QuietWait)) { Write-Host '(the machine did not go quiet) ' -NoNewline }
        $m = Invoke-Measured $key $r
        $runs.Add($m)
        Write-Host ("{0:0.00} s, peak {1:0} MiB, other processes {2:0.00} core(s)" -f $m.WallSeconds, $m.PeakMB, $m.OtherCores)
    }
}
$loadAfter = Get-LoadAverage

# ---- figures --------------------------------------------------------------------------------------------------------

$summary = [ordered]@{}
foreach ($key in $tools.Keys) {
    $mine = @($runs | Where-Object Tool -EQ $key)
    $wall = Get-Median ($mine.WallSeconds)
    $summary[$key] = [pscustomobject]@{
        Tool          = $tools[$key].Name
        'Input MiB'   = [math]::Round($tools[$key].InputBytes / 1MB, 1)
        'Wall s'      = [math]::Round($wall, 2)
        'Wall min-max' = '{0:0.00}-{1:0.00}' -f ($mine.WallSeconds | Measure-Object -Minimum).Minimum, ($mine.WallSeconds | Measure-Object -Maximum).Maximum
        'MiB/s'       = [math]::Round($tools[$key].InputBytes / 1MB / $wall, 1)
        'Peak RSS MiB' = [math]::Round((Get-Median ($mine.PeakMB)), 0)
        'CPU s'       = if ($gnuTime) { [math]::Round((Get-Median ($mine.CpuSeconds)), 2) } else { 'n/a' }
        'In-process s' = [math]::Round((Get-Median ($mine.InProcessSeconds)), 2)
    }
}
$ours = $summary['ours']; $theirs = $summary['theirs']
$throughputRatio = $ours.'MiB/s' / $theirs.'MiB/s'
$memoryRatio = $ours.'Peak RSS MiB' / $theirs.'Peak RSS MiB'
$cpuRatio = if ($gnuTime) { $theirs.'CPU s' / $ours.'CPU s' } else { [double]::NaN }
$throughputMet = $throughputRatio -ge 4
$memoryMet = $memoryRatio -le 0.5

$countNames = @('pages', 'lines', 'fields', 'tables', 'cells', 'lineChars', 'fieldChars', 'cellChars')
$counts = foreach ($name in $countNames) {
    $o = @($runs | Where-Object Tool -EQ 'ours' | ForEach-Object { $_.Result.$name } | Select-Object -Unique)
    $t = @($runs | Where-Object Tool -EQ 'theirs' | ForEach-Object { $_.Result.$name } | Select-Object -Unique)
    [pscustomobject]@{
        Count  = $name
        Ours   = $o -join '/'
        Theirs = $t -join '/'
        Agree  = if ($o.Count -eq 1 -and $t.Count -eq 1 -and $o[0] -eq $t[0]) { 'yes' } else { 'NO' }
    }
}
$allAgree = -not ($counts | Where-Object Agree -NE 'yes')

Write-Host ''
$summary.Values | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
Write-Host ("Throughput ours/theirs: {0:0.00}x (target >= 4x: {1})   Peak memory ours/theirs: {2:0.00} (target <= 0.5: {3})   CPU time theirs/ours: {4:0.00}x" -f `
        $throughputRatio, $(if ($throughputMet) { 'met' } else { 'MISSED' }), $memoryRatio, $(if ($memoryMet) { 'met' } else { 'MISSED' }), $cpuRatio)
$counts | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
Write-Host ("Counts: {0}.   Load average before/after: {1} / {2}" -f $(if ($allAgree) { 'both tools agree' } else { 'THE TOOLS DIFFER' }), $loadBefore, $loadAfter)

# ---- report ---------------------------------------------------------------------------------------------------------

$stamp = (Get-Date).ToUniversalTime().ToString('yyyyMMdd-HHmmss')
$resultsDir = Join-Path $BenchRoot 'results'
New-Item -ItemType Directory -Force -Path $resultsDir | Out-Null
$reportPath = Join-Path $resultsDir "$stamp.md"
$environment = Get-BenchEnvironment

$rawRows = foreach ($m in $runs) {
    [pscustomobject]@{
        Run = $m.Run; Tool = $m.Tool; 'Wall s' = '{0:0.000}' -f $m.WallSeconds; 'In-process s' = '{0:0.000}' -f $m.InProcessSeconds
        'Peak RSS MiB' = '{0:0}' -f $m.PeakMB; 'VmHWM MiB (self)' = '{0:0}' -f $m.SelfReportedPeakMB
        'CPU s' = if ($gnuTime) { '{0:0.00}' -f $m.CpuSeconds } else { 'n/a' }
        'Other processes, cores' = if ([double]::IsNaN($m.OtherCores)) { 'n/a' } else { '{0:0.00}' -f $m.OtherCores }
    }
}
$templates = ($manifest.templates | ForEach-Object { "``$_``" }) -join ', '
$report = @"
# Document model benchmark, $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) UTC

TextractTools' document model vs amazon-textract-response-parser $TrpVersion (npm), same input, same machine, same run.

## Result

$(ConvertTo-MarkdownTable @($summary.Values))

| ratio (ours vs theirs) | value | project target | |
|---|---|---|---|
| throughput (MiB/s ours / MiB/s theirs) | $('{0:0.00}' -f $throughputRatio)x | >= 4x | $(if ($throughputMet) { 'met' } else { '**missed**' }) |
| peak memory (peak RSS ours / theirs) | $('{0:0.00}' -f $memoryRatio) | <= 0.5 | $(if ($memoryMet) { 'met' } else { '**missed**' }) |
| CPU time (theirs / ours) | $(if ($gnuTime) { '{0:0.00}x' -f $cpuRatio } else { 'n/a' }) | - | |

Medians of $Repeat runs per tool. Wall time is the whole process (runtime start-up included), measured around it;
MiB/s = that tool's input bytes / median wall time (1 MiB = 1,048,576 bytes); peak RSS and CPU (user + sys) $(if ($gnuTime) { 'from /usr/bin/time (GNU time, %M %U %S) for both' } else { 'from each process''s own /proc/self/status VmHWM (no /usr/bin/time)' }).
"In-process s" is the time from before reading to after walking, as each program measures itself.

## Same work: counts from both tools

$(ConvertTo-MarkdownTable @($counts))

$(if ($allAgree) { 'Both tools found the same pages, lines, fields, tables and cells, with the same amount of text.' } else { '**The tools differ**: see the rows marked NO.' })
(fields: KEY_VALUE_SET KEY blocks and old-style KEY blocks; cells: the tables' own CELL blocks, merged cells apart; chars: total text length.)

## Input

- $($manifest.pages) pages, $('{0:N0}' -f $manifest.blocks) blocks, replicated from $($manifest.templatePages) real page(s) of $templates with fresh block ids (every Id and relationship Id rewritten) and Page numbers.
- Ours: ``$([IO.Path]::GetRelativePath($RepoRoot, $folder))``, $($manifest.objects) numbered objects of <= 1,000 blocks as Textract writes them to S3 (explicit nulls, plus .s3_access_check), $('{0:N0}' -f $manifest.folderBytes) bytes, read with ``TextractDocumentReader.ReadFolder`` (objects parsed on up to 4 threads, a few ahead, joined in file order).
- Theirs: ``$([IO.Path]::GetRelativePath($RepoRoot, $merged))``, the same blocks as one response object, $('{0:N0}' -f $manifest.mergedBytes) bytes, read with ``JSON.parse`` + ``new TextractDocument(json)``.
- Block types: $(($manifest.blockTypes.PSObject.Properties | ForEach-Object { "$($_.Name) $($_.Value)" }) -join ', ').
- Both then walk every page, line (text), form field (key and value text) and table cell (text).

## Every run

$(ConvertTo-MarkdownTable @($rawRows))

## Environment

- CPU: $($environment.CpuModel), $($environment.Cores) core(s); memory $($environment.Memory); load average before / after the runs: $loadBefore / $loadAfter
  ("Other processes, cores" above: the CPU the rest of the machine used during each run, from /proc/stat; where it is
  high the run competed for the CPU and its wall time says more about the machine than about the tool.)
- $($environment.OS); .NET SDK $($environment.DotnetSdk) (runtime defaults: workstation concurrent GC, tiered JIT); Node.js $(Get-CommandText $node @('--version')) (default heap settings)
- Repository at $($environment.Commit)$(if ($environment.DirtySrc -gt 0) { " with $($environment.DirtySrc) uncommitted change(s) under src/" })$(if ($EngineProject) { "; engine under test: ``$EngineProject``" })
- Command: ``$(Format-CommandLine 'bench/run.ps1' $PSBoundParameters)``
"@
Set-Content -LiteralPath $reportPath -Value $report -Encoding utf8NoBOM
Write-Host "Report: $([IO.Path]::GetRelativePath($RepoRoot, $reportPath))"
