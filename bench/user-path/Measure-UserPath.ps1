#Requires -Version 7.0
<#
.SYNOPSIS
    The user-path benchmark (issue 17): `Get-TextractOutput -Path merged.json -As Document` in a whole PowerShell
    process, beside `node bench/node/trp-run.js merged.json` (amazon-textract-response-parser 0.4.3) on the same file,
    plus -As Line's memory growth, the model's bytes per block and the start-up figures, each against a baseline of
    the same invocation.

.DESCRIPTION
    1. Builds what it needs: the bench tool (the input generator), the npm parser (npm ci), and the module
       (`build.ps1 Build`) unless it is built already or -ModulePath names one.
    2. Generates (or reuses) the merged response files of -Pages and -GrowthPages pages under the data folder, and a
       one-page one for the start-up figures, with `TextractTools.Bench generate` (bench/README.md).
    3. Runs, -Repeat times each, in fresh processes, alternating the order from one round to the next:
       - ours:        Import-Module; `$d = Get-TextractOutput -Path <-Pages file> -As Document`; the walk of
                      trp-run.js over $d (Invoke-UserPathRun.ps1 -Mode Document), printing the same counts;
       - theirs:      `node bench/node/trp-run.js <-Pages file>`;
       - line:        `Get-TextractOutput -Path <-Pages file> -As Line | Measure-Object`;
       - line-growth: the same over the -GrowthPages file;
       - ours-growth: ours over the -GrowthPages file (for information: -As Document's growth).
       PowerShell runs as one process (build/Get-PwshCommand.ps1: the pwsh apphost in $PSHOME, not `dotnet pwsh`,
       whose tool shim starts pwsh as a child), so GNU time measures PowerShell itself. Wall time is taken around
       each process; peak RSS and CPU (user + sys) come from /usr/bin/time; the CPU the rest of the machine used
       meanwhile comes from /proc/stat.
    4. Bytes per block: in one process, the managed heap after full collections before and after
       `$d = Get-TextractOutput -Path <file> -As Document` (document held), divided by the file's block count.
    5. Start-up: bench/import/Measure-Import.ps1 with a first command on the one-page file, against a trivial module.
    6. Prints a table and writes bench/results/user-path-<timestamp>.md. Speed = theirs/ours (wall time of the whole
       process), memory = ours/theirs (peak RSS of the whole process), growth = peak RSS at -GrowthPages / at -Pages;
       targets >= 5x, <= 0.40x, <= 1.2x. Both tools' counts must be identical; the script says so loudly (and exits
       with 1 after writing the report) when they are not.

    Run from the repository root:  dotnet tool restore; dotnet pwsh bench/user-path/Measure-UserPath.ps1

.PARAMETER Pages
    Pages of the file both tools read (the issue's figure: 1,500 pages, about 193 MB).

.PARAMETER GrowthPages
    Pages of the second file, for -As Line's memory growth (RSS at GrowthPages / RSS at Pages).

.PARAMETER Repeat
    Runs per contender; the figures reported are medians.

.PARAMETER DataPath
    Where generated input and the bench tool's build output go (default bench/data, git-ignored; shared with run.ps1).

.PARAMETER SamplesPath
    The real Textract samples the generator replicates (default ../shared/textract-samples next to the repository).

.PARAMETER ModulePath
    The built module's manifest. Default: output/TextractTools/<version>/TextractTools.psd1, built when absent.

.PARAMETER Build
    Build the module (build.ps1 Build) even when it is there already.

.PARAMETER Regenerate
    Make the inputs again even when matching ones exist.

.PARAMETER StartupRuns
    Processes per module for the start-up figures (Measure-Import.ps1 -Runs).

.PARAMETER QuietWait
    On a shared machine: before each run, wait up to this many seconds for the other processes to go quiet (under a
    quarter of a core over 2 seconds). 0 (the default) does not wait. The report shows what the others used anyway.
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 100000)]
    [int] $Pages = 1500,

    [ValidateRange(2, 100000)]
    [int] $GrowthPages = 3000,

    [ValidateRange(1, 100)]
    [int] $Repeat = 3,

    [string] $DataPath,

    [string] $SamplesPath,

    [string] $ModulePath,

    [switch] $Build,

    [switch] $Regenerate,

    [ValidateRange(1, 1000)]
    [int] $StartupRuns = 10,

    [ValidateRange(0, 3600)]
    [int] $QuietWait = 0
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $false

$UserPathRoot = $PSScriptRoot
$BenchRoot = Split-Path -Parent $UserPathRoot
$RepoRoot = Split-Path -Parent $BenchRoot
Import-Module (Join-Path $BenchRoot 'BenchCommon.psm1') -Force
if ($GrowthPages -le $Pages) { throw "-GrowthPages ($GrowthPages) must be more than -Pages ($Pages): it measures how memory grows with the output." }
if (-not $DataPath) { $DataPath = Join-Path $BenchRoot 'data' }
if (-not $SamplesPath) { $SamplesPath = Get-DefaultSamplesPath }
$DataPath = [IO.Path]::GetFullPath($DataPath)
$SamplesPath = [IO.Path]::GetFullPath($SamplesPath)

$Targets = [pscustomobject]@{ Speed = 5.0; Memory = 0.40; Growth = 1.2 }

# ---- tools ----------------------------------------------------------------------------------------------------------

$node = Install-TrpPackage
$gnuTime = Get-GnuTime
$benchDll = Build-BenchTool -DataPath $DataPath -UseProjectSample:(Test-UseProjectSample $SamplesPath)
# The same PowerShell that runs this script, started as one process (see build/Get-PwshCommand.ps1).
$pwsh = & (Join-Path $RepoRoot 'build/Get-PwshCommand.ps1')

if (-not $ModulePath) {
    $version = (Import-PowerShellDataFile (Join-Path $RepoRoot 'TextractTools.psd1')).ModuleVersion
    $ModulePath = Join-Path $RepoRoot "output/TextractTools/$version/TextractTools.psd1"
    if ($Build -or -not (Test-Path -LiteralPath $ModulePath)) {
        Write-Step 'build.ps1 Build (the module)'
        Invoke-Checked 'build.ps1 Build' $pwsh[0] (@($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $RepoRoot 'build.ps1'), 'Build')) | Out-Null
    }
}
elseif ($Build) { throw '-Build builds the default module; with -ModulePath, build that module yourself.' }
if (-not (Test-Path -LiteralPath $ModulePath)) { throw "No built module at $ModulePath." }
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).Path
$moduleBuilt = (Get-ChildItem -LiteralPath (Split-Path -Parent $ModulePath) -Recurse -File -Filter '*.dll' | Measure-Object LastWriteTimeUtc -Maximum).Maximum
$newestSource = Get-ChildItem -LiteralPath (Join-Path $RepoRoot 'src') -Recurse -File -Include '*.cs', '*.csproj', '*.ps1xml' |
    Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' } | Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
$moduleStale = $newestSource -and $newestSource.LastWriteTimeUtc -gt $moduleBuilt
if ($moduleStale) {
    Write-Warning "The built module ($moduleBuilt UTC) is older than $([IO.Path]::GetRelativePath($RepoRoot, $newestSource.FullName)) ($($newestSource.LastWriteTimeUtc) UTC): the figures are the built module's. -Build rebuilds it."
}
Write-Host "   module: $ModulePath; PowerShell: $($pwsh -join ' ') $($PSVersionTable.PSVersion)"

# ---- input ----------------------------------------------------------------------------------------------------------

$main = Get-BenchInput -BenchDll $benchDll -DataPath $DataPath -Pages $Pages -SamplesPath $SamplesPath -Regenerate:$Regenerate
$growth = Get-BenchInput -BenchDll $benchDll -DataPath $DataPath -Pages $GrowthPages -SamplesPath $SamplesPath -Regenerate:$Regenerate
$small = Get-BenchInput -BenchDll $benchDll -DataPath $DataPath -Pages 1 -SamplesPath $SamplesPath -Regenerate:$Regenerate
foreach ($i in @($main, $growth, $small)) {
    Write-Host ("   {0} pages: {1}, {2:N0} bytes, {3:N0} blocks ({4:N0} lines)" -f $i.Pages, [IO.Path]::GetRelativePath($RepoRoot, $i.Merged),
        (Get-Item -LiteralPath $i.Merged).Length, $i.Manifest.blocks, $i.Manifest.blockTypes.LINE)
}
Write-Step 'warming the OS file cache (one untimed read of the inputs)'
Read-IntoFileCache @($main.Merged, $growth.Merged, $small.Merged)

# ---- runs -----------------------------------------------------------------------------------------------------------

$runner = Join-Path $UserPathRoot 'Invoke-UserPathRun.ps1'
function Get-PwshRunArguments([string] $Mode, [string] $Path) {
    @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $runner, '-Mode', $Mode, '-ModulePath', $ModulePath, '-Path', $Path, '-WarmPath', $small.Merged)
}

$contenders = [ordered]@{
    ours          = [pscustomobject]@{ Name = 'TextractTools: -As Document + walk'; Pages = $main.Pages; File = $pwsh[0]; Arguments = Get-PwshRunArguments 'Document' $main.Merged
        Command = "Import-Module; `$d = Get-TextractOutput -Path pages-$($main.Pages)/merged.json -As Document; walk" }
    theirs        = [pscustomobject]@{ Name = "amazon-textract-response-parser $TrpVersion (node)"; Pages = $main.Pages; File = $node; Arguments = @((Get-TrpRunScript), $main.Merged)
        Command = "node bench/node/trp-run.js pages-$($main.Pages)/merged.json" }
    line          = [pscustomobject]@{ Name = 'TextractTools: -As Line | Measure-Object'; Pages = $main.Pages; File = $pwsh[0]; Arguments = Get-PwshRunArguments 'Line' $main.Merged
        Command = "Import-Module; Get-TextractOutput -Path pages-$($main.Pages)/merged.json -As Line | Measure-Object" }
    'line-growth' = [pscustomobject]@{ Name = 'TextractTools: -As Line | Measure-Object'; Pages = $growth.Pages; File = $pwsh[0]; Arguments = Get-PwshRunArguments 'Line' $growth.Merged
        Command = "Import-Module; Get-TextractOutput -Path pages-$($growth.Pages)/merged.json -As Line | Measure-Object" }
    'ours-growth' = [pscustomobject]@{ Name = 'TextractTools: -As Document + walk'; Pages = $growth.Pages; File = $pwsh[0]; Arguments = Get-PwshRunArguments 'Document' $growth.Merged
        Command = "Import-Module; `$d = Get-TextractOutput -Path pages-$($growth.Pages)/merged.json -As Document; walk" }
}

$loadBefore = Get-LoadAverage
$runs = [Collections.Generic.List[object]]::new()
for ($r = 1; $r -le $Repeat; $r++) {
    $order = @($contenders.Keys)
    if ($r % 2 -eq 0) { [array]::Reverse($order) }
    foreach ($key in $order) {
        $c = $contenders[$key]
        Write-Host ("   run {0}/{1} {2,-11} ({3} pages) ... " -f $r, $Repeat, $key, $c.Pages) -NoNewline
        if (-not (Wait-Quiet $QuietWait)) { Write-Host '(the machine did not go quiet) ' -NoNewline }
        $m = Invoke-MeasuredProcess -Name "$key run $r" -FilePath $c.File -Arguments $c.Arguments
        $m | Add-Member -NotePropertyMembers @{ Contender = $key; Run = $r; LoadAverage = Get-LoadAverage }
        $runs.Add($m)
        Write-Host ("{0:0.00} s, peak {1:0} MiB, CPU {2:0.00} s, other processes {3:0.00} core(s)" -f $m.WallSeconds, $m.PeakMB, $m.CpuSeconds, $m.OtherCores)
    }
}

Write-Step 'bytes per block (the model as held: managed heap after full collections, before and after the read)'
$bytesRuns = foreach ($i in @($main, $growth)) {
    $m = Invoke-MeasuredProcess -Name "bytes per block, $($i.Pages) pages" -FilePath $pwsh[0] -Arguments (Get-PwshRunArguments 'Bytes' $i.Merged)
    $b = $m.Result
    $modelBytes = [double]$b.heldAfterReadBytes - [double]$b.heldBeforeBytes
    [pscustomobject]@{
        Pages = $i.Pages; Blocks = [long]$b.blocks; ManifestBlocks = [long]$i.Manifest.blocks; FileBytes = (Get-Item -LiteralPath $i.Merged).Length
        ModelBytes = $modelBytes; BytesPerBlock = $modelBytes / [double]$b.blocks
        AfterWalkBytesPerBlock = ([double]$b.heldAfterWalkBytes - [double]$b.heldBeforeBytes) / [double]$b.blocks
        AfterBlocksBytesPerBlock = ([double]$b.heldAfterBlocksBytes - [double]$b.heldBeforeBytes) / [double]$b.blocks
        RssAfterImportMB = [double]$b.rssAfterImportMB; RssBeforeReadMB = [double]$b.rssBeforeReadMB; RssAfterReadMB = [double]$b.rssAfterReadMB; PeakMB = $m.PeakMB; AllocatedMB = [double]$b.allocatedMB
    }
    Write-Host ("   {0} pages: {1:N0} blocks, model {2:0.0} MiB held = {3:0} bytes/block (file {4:0} bytes/block); peak RSS {5:0} MiB" -f `
            $i.Pages, [long]$b.blocks, ($modelBytes / 1MB), ($modelBytes / [double]$b.blocks), ((Get-Item -LiteralPath $i.Merged).Length / [double]$b.blocks), $m.PeakMB)
}
$loadAfter = Get-LoadAverage

Write-Step "start-up: bench/import/Measure-Import.ps1 -Runs $StartupRuns, first command on the one-page file"
$startup = & (Join-Path $BenchRoot 'import/Measure-Import.ps1') -ModulePath $ModulePath -Runs $StartupRuns -FirstCommandPath $small.Merged `
    -ResultsFolder (Join-Path $BenchRoot 'results')
$startupLoad = Get-LoadAverage

# ---- figures --------------------------------------------------------------------------------------------------------

function Get-Figures([string] $Key) {
    $mine = @($runs | Where-Object Contender -EQ $Key)
    [pscustomobject]@{
        Key = $Key; Pages = $contenders[$Key].Pages
        Wall = Get-Median $mine.WallSeconds
        WallMin = ($mine.WallSeconds | Measure-Object -Minimum).Minimum; WallMax = ($mine.WallSeconds | Measure-Object -Maximum).Maximum
        Peak = Get-Median $mine.PeakMB
        Cpu = if ($gnuTime) { Get-Median $mine.CpuSeconds } else { [double]::NaN }
        # The tool's own clock, from before the import (ours) or the read (theirs) to after the walk: runtime start-up apart.
        InProcess = Get-Median ($mine | ForEach-Object { [double]$_.Result.totalMs / 1000 })
        Import = if ($Key -eq 'theirs') { [double]::NaN } else { Get-Median ($mine | ForEach-Object { [double]$_.Result.importMs / 1000 }) }
        Others = Get-Median $mine.OtherCores
    }
}
$figures = [ordered]@{}
foreach ($key in $contenders.Keys) { $figures[$key] = Get-Figures $key }
$theirs = $figures['theirs']

$summaryRows = foreach ($f in $figures.Values) {
    [pscustomobject]@{
        Run                  = $f.Key
        What                 = $contenders[$f.Key].Name
        Pages                = $f.Pages
        'Wall s'             = '{0:0.00}' -f $f.Wall
        'min-max'            = '{0:0.00}-{1:0.00}' -f $f.WallMin, $f.WallMax
        'Speed vs npm'       = '{0:0.00}x' -f ($theirs.Wall / $f.Wall)
        'Peak RSS MiB'       = '{0:0}' -f $f.Peak
        'RSS vs npm'         = '{0:0.00}x' -f ($f.Peak / $theirs.Peak)
        'CPU s'              = if ($gnuTime) { '{0:0.00}' -f $f.Cpu } else { 'n/a' }
        'In-process s'       = '{0:0.00}' -f $f.InProcess
        'of which import s'  = if ([double]::IsNaN($f.Import)) { '-' } else { '{0:0.00}' -f $f.Import }
        'Others, cores'      = '{0:0.00}' -f $f.Others
    }
}

$speedRatio = $theirs.Wall / $figures['ours'].Wall
$memoryRatio = $figures['ours'].Peak / $theirs.Peak
$lineGrowth = $figures['line-growth'].Peak / $figures['line'].Peak
$documentGrowth = $figures['ours-growth'].Peak / $figures['ours'].Peak
$inProcessSpeedRatio = $theirs.InProcess / $figures['ours'].InProcess
$cpuRatio = if ($gnuTime) { $theirs.Cpu / $figures['ours'].Cpu } else { [double]::NaN }
function Get-Verdict([bool] $Met) { if ($Met) { 'PASS' } else { 'MISS' } }
$targetRows = @(
    [pscustomobject]@{ Figure = "speed: npm wall time / ours (-As Document + walk, $Pages pages, whole process)"; Value = '{0:0.00}x' -f $speedRatio; Target = '>= 5x'; Result = Get-Verdict ($speedRatio -ge $Targets.Speed) }
    [pscustomobject]@{ Figure = "memory: our peak RSS / npm's (whole process, $Pages pages)"; Value = '{0:0.00}x' -f $memoryRatio; Target = '<= 0.40x'; Result = Get-Verdict ($memoryRatio -le $Targets.Memory) }
    [pscustomobject]@{ Figure = "streaming: -As Line peak RSS, $GrowthPages pages / $Pages pages"; Value = '{0:0.00}x' -f $lineGrowth; Target = '<= 1.2x'; Result = Get-Verdict ($lineGrowth -le $Targets.Growth) }
    [pscustomobject]@{ Figure = "(information) -As Document peak RSS, $GrowthPages pages / $Pages pages"; Value = '{0:0.00}x' -f $documentGrowth; Target = '-'; Result = '-' }
    [pscustomobject]@{ Figure = '(information) CPU time: npm / ours'; Value = if ($gnuTime) { '{0:0.00}x' -f $cpuRatio } else { 'n/a' }; Target = '-'; Result = '-' }
    [pscustomobject]@{ Figure = "(information) in-process time: npm's read + walk / ours import + read + walk"; Value = '{0:0.00}x' -f $inProcessSpeedRatio; Target = '-'; Result = '-' }
)

# Both tools must have done the same work: every count identical in every run; and -As Line's count must be the
# walk's line count (and the file's LINE blocks).
$countNames = @('pages', 'lines', 'fields', 'tables', 'cells', 'lineChars', 'fieldChars', 'cellChars')
function Get-Distinct([string] $Key, [string] $Name) { @($runs | Where-Object Contender -EQ $Key | ForEach-Object { "$($_.Result.$Name)" } | Select-Object -Unique) }
$counts = foreach ($name in $countNames) {
    $o = @(Get-Distinct 'ours' $name)
    $t = @(Get-Distinct 'theirs' $name)
    [pscustomobject]@{ Count = $name; Ours = $o -join '/'; Theirs = $t -join '/'
        Identical = if ($o.Count -eq 1 -and $t.Count -eq 1 -and $o[0] -eq $t[0]) { 'yes' } else { 'NO' } }
}
$lineChecks = @(
    [pscustomobject]@{ Check = "-As Line count, $Pages pages = the walk's lines"; Left = (Get-Distinct 'line' 'lines') -join '/'; Right = (Get-Distinct 'ours' 'lines') -join '/' }
    [pscustomobject]@{ Check = "-As Line count, $GrowthPages pages = the walk's lines"; Left = (Get-Distinct 'line-growth' 'lines') -join '/'; Right = (Get-Distinct 'ours-growth' 'lines') -join '/' }
    [pscustomobject]@{ Check = "the walk's lines, $GrowthPages pages = the file's LINE blocks"; Left = (Get-Distinct 'ours-growth' 'lines') -join '/'; Right = "$($growth.Manifest.blockTypes.LINE)" }
) + @(foreach ($b in $bytesRuns) {
        [pscustomobject]@{ Check = "`$d.Blocks.Count, $($b.Pages) pages = the file's blocks"; Left = "$($b.Blocks)"; Right = "$($b.ManifestBlocks)" }
    })
foreach ($c in $lineChecks) { $c | Add-Member -NotePropertyName Identical -NotePropertyValue $(if ($c.Left -eq $c.Right) { 'yes' } else { 'NO' }) }
$allIdentical = -not (@($counts) + @($lineChecks) | Where-Object Identical -NE 'yes')

$startupRows = @(
    [pscustomobject]@{ Figure = 'Import-Module, median ms'; TextractTools = $startup.TextractToolsMedianMs; 'Trivial module' = $startup.TrivialMedianMs; Ratio = '{0:0.00}x' -f ($startup.TextractToolsMedianMs / $startup.TrivialMedianMs) }
    [pscustomobject]@{ Figure = 'first command after the import, median ms'; TextractTools = $startup.TextractToolsFirstCommandMedianMs; 'Trivial module' = $startup.TrivialFirstCommandMedianMs; Ratio = '{0:0.0}x' -f ($startup.TextractToolsFirstCommandMedianMs / $startup.TrivialFirstCommandMedianMs) }
    [pscustomobject]@{ Figure = 'import + first command, median ms'; TextractTools = [math]::Round((Get-Median ($startup.TextractToolsRuns | ForEach-Object { $_.ImportMs + $_.FirstCommandMs })), 1)
        'Trivial module' = [math]::Round((Get-Median ($startup.TrivialRuns | ForEach-Object { $_.ImportMs + $_.FirstCommandMs })), 1); Ratio = '' }
    [pscustomobject]@{ Figure = 'whole process (pwsh start-up to exit), median ms'; TextractTools = $startup.TextractToolsProcessMedianMs; 'Trivial module' = $startup.TrivialProcessMedianMs; Ratio = '{0:0.00}x' -f $startup.ProcessRatio }
)
$startupRows[2].Ratio = '{0:0.00}x' -f ($startupRows[2].TextractTools / $startupRows[2].'Trivial module')

$bytesRows = foreach ($b in $bytesRuns) {
    [pscustomobject]@{
        Pages = $b.Pages; Blocks = '{0:N0}' -f $b.Blocks; 'File bytes/block' = '{0:0}' -f ($b.FileBytes / $b.Blocks)
        'Model MiB (held)' = '{0:0.0}' -f ($b.ModelBytes / 1MB); 'Bytes/block (held)' = '{0:0}' -f $b.BytesPerBlock
        'after the walk' = '{0:0}' -f $b.AfterWalkBytesPerBlock; 'after $d.Blocks.Count' = '{0:0}' -f $b.AfterBlocksBytesPerBlock
        'RSS after import MiB' = '{0:0}' -f $b.RssAfterImportMB; 'RSS before read MiB' = '{0:0}' -f $b.RssBeforeReadMB
        'RSS after read + GC MiB' = '{0:0}' -f $b.RssAfterReadMB; 'Peak RSS MiB' = '{0:0}' -f $b.PeakMB; 'Allocated MiB' = '{0:0}' -f $b.AllocatedMB
    }
}

# ---- print ----------------------------------------------------------------------------------------------------------

Write-Host ''
$summaryRows | Format-Table -AutoSize | Out-String -Width 250 | Write-Host
$targetRows | Format-Table -AutoSize | Out-String -Width 250 | Write-Host
$counts | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
$lineChecks | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
$bytesRows | Format-Table -AutoSize | Out-String -Width 250 | Write-Host
$startupRows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
if ($allIdentical) { Write-Host 'Counts: both tools counted the same things (every count identical).' -ForegroundColor Green }
else {
    Write-Host '!!! COUNTS DIFFER: the two tools did not do the same work; the ratios above compare different things. See the rows marked NO. !!!' -ForegroundColor Red
}
Write-Host ("Load average: before the runs {0}; after {1}; after the start-up runs {2}. Median CPU of the other processes during the runs: {3:0.00} core(s) of {4}." -f `
        $loadBefore, $loadAfter, $startupLoad, (Get-Median $runs.OtherCores), [Environment]::ProcessorCount)

# ---- report ---------------------------------------------------------------------------------------------------------

$stamp = (Get-Date).ToUniversalTime().ToString('yyyyMMdd-HHmmss')
$resultsDir = Join-Path $BenchRoot 'results'
New-Item -ItemType Directory -Force -Path $resultsDir | Out-Null
$reportPath = Join-Path $resultsDir "user-path-$stamp.md"
$environment = Get-BenchEnvironment

$rawRows = foreach ($m in $runs) {
    $r = $m.Result
    [pscustomobject]@{
        Round = $m.Run; Run = $m.Contender; Pages = $contenders[$m.Contender].Pages; 'Wall s' = '{0:0.000}' -f $m.WallSeconds
        'In-process s' = '{0:0.000}' -f ([double]$r.totalMs / 1000)
        'import s' = if ($r.PSObject.Properties['importMs']) { '{0:0.000}' -f ([double]$r.importMs / 1000) } else { '-' }
        'read s' = '{0:0.000}' -f ([double]$r.readMs / 1000)
        'Peak RSS MiB' = '{0:0}' -f $m.PeakMB; 'VmHWM MiB (self)' = '{0:0}' -f $m.SelfReportedPeakMB
        'CPU s' = if ($gnuTime) { '{0:0.00}' -f $m.CpuSeconds } else { 'n/a' }
        'Others, cores' = if ([double]::IsNaN($m.OtherCores)) { 'n/a' } else { '{0:0.00}' -f $m.OtherCores }
        'Load avg after' = $m.LoadAverage
    }
}
$oursRuns = @($runs | Where-Object { $_.Contender -in 'ours', 'ours-growth' })
$gcRows = foreach ($m in $oursRuns) {
    $r = $m.Result
    [pscustomobject]@{
        Round = $m.Run; Pages = $contenders[$m.Contender].Pages; 'GC heap after read MiB' = '{0:0}' -f [double]$r.gcHeapAfterReadMB
        'RSS after read MiB' = '{0:0}' -f [double]$r.rssAfterReadMB; 'Peak RSS MiB' = '{0:0}' -f $m.PeakMB
        'Allocated MiB' = '{0:0}' -f [double]$r.allocatedMB; 'GCs (gen0/1/2)' = "$($r.gen0)/$($r.gen1)/$($r.gen2)"
    }
}
$commandRows = foreach ($key in $contenders.Keys) { [pscustomobject]@{ Run = $key; Command = "``$($contenders[$key].Command)``" } }
$inputRows = foreach ($i in @($main, $growth, $small)) {
    [pscustomobject]@{ Pages = $i.Pages; File = "``$([IO.Path]::GetRelativePath($RepoRoot, $i.Merged))``"; Bytes = '{0:N0}' -f (Get-Item -LiteralPath $i.Merged).Length
        Blocks = '{0:N0}' -f $i.Manifest.blocks; LINE = $i.Manifest.blockTypes.LINE }
}
$templates = ($main.Manifest.templates | ForEach-Object { "``$_``" }) -join ', '

$report = @"
# User-path benchmark (issue 17), $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) UTC

``Get-TextractOutput -Path merged.json -As Document`` in a whole PowerShell process vs ``node bench/node/trp-run.js
merged.json`` (amazon-textract-response-parser $TrpVersion), same file, same machine, same invocation.
$(if (-not $allIdentical) { "`n**!!! THE COUNTS DIFFER: the two tools did not do the same work, so the ratios compare different things (see Counts). !!!**`n" })
## Targets

$(ConvertTo-MarkdownTable $targetRows)

Speed = npm's median wall time / ours; memory = our median peak RSS / npm's; growth = median peak RSS at $GrowthPages
pages / at $Pages pages. Whole processes: wall time measured around each (runtime start-up, Import-Module and exit
included), peak RSS and CPU (user + sys) $(if ($gnuTime) { 'from /usr/bin/time (GNU time %M %U %S)' } else { 'from each process''s own VmHWM (no /usr/bin/time)' }).

## Every contender (medians of $Repeat runs, each a fresh process; ratios against npm's run of the same invocation)

$(ConvertTo-MarkdownTable @($summaryRows))

$(ConvertTo-MarkdownTable @($commandRows))

"In-process s": each program's own clock (ours from before Import-Module, npm's from before reading the file, to the
end of the walk). "Others, cores": the CPU the rest of the machine used during the run (/proc/stat), median.

## Counts: the same work

$(ConvertTo-MarkdownTable @($counts))

$(ConvertTo-MarkdownTable @($lineChecks))

$(if ($allIdentical) { 'Every count is identical: both tools found the same pages, lines, form fields, tables and cells, with the same amount of text.' } else { '**The counts differ: see the rows marked NO.**' })
(Our walk, Invoke-UserPathRun.ps1: ```$d.Pages``; ```$d.Lines`` and ``.Text``; ```$d.KeyValues`` and ``.Key`` + ``.Value``;
```$d.Tables`` and each table's ``.Cells`` and ``.Text``. trp-run.js: per page ``iterLines``, ``form.iterFields`` (key and
value text), ``iterTables`` and ``iterRows({ ignoreMerged: true })`` cells. Chars: total text length.)

## Bytes per block (the model as held)

$(ConvertTo-MarkdownTable @($bytesRows))

One process per file: Import-Module, a first read of the one-page file (so that the engine's code and statics are not
counted), then ``[GC]::Collect()`` and ``[GC]::GetTotalMemory(`$true)`` before and after ```$d = Get-TextractOutput
-Path merged.json -As Document`` with ```$d`` held; the difference / the file's blocks (```$d.Blocks.Count``, checked
against the generator's count). "after the walk": the same after the walk above (what it makes on demand stays with
the document); "after ```$d.Blocks.Count``": after the raw block list was asked for too. File bytes/block: the JSON's
size / its blocks. RSS: the process's resident memory right after Import-Module, before the read (after the one-page
read and the collections: the engine loaded), and after the read and the collections that measured it (how much the
runtime gives back to the OS then varies; the peak is the figure that counts).

## Start-up (against a trivial module, same invocation)

$(ConvertTo-MarkdownTable @($startupRows))

bench/import/Measure-Import.ps1 -Runs $StartupRuns -FirstCommandPath ``$([IO.Path]::GetRelativePath($RepoRoot, $small.Merged))``
(a fresh process per run, alternating with the trivial module, one warm-up each discarded). Import and first command
are timed inside the process (Stopwatch); TextractTools' first command is ``$($startup.FirstCommand) | Out-Null``, the
trivial module's ``Get-Trivial | Out-Null``; the whole process is timed around it, the trivial module's process being
the bare-PowerShell baseline. Its own report: ``$([IO.Path]::GetRelativePath($RepoRoot, $startup.Report))``.

## Where our process's memory is (each -As Document run)

$(ConvertTo-MarkdownTable @($gcRows))

"GC heap after read": the managed heap right after Get-TextractOutput returned, garbage not yet collected; "RSS
after read": the process's resident memory then; "Allocated": every managed allocation of the process.

## Every run

$(ConvertTo-MarkdownTable @($rawRows))

## Input

$(ConvertTo-MarkdownTable @($inputRows))

Generated by ``TextractTools.Bench generate`` (bench/README.md): real pages of $templates replicated with fresh block
ids and page numbers; one response object per file.

## Environment and load

- Load average (1, 5, 15 min): before the runs $loadBefore; after them $loadAfter; after the start-up runs $startupLoad.
  Median CPU the other processes used during a run: $('{0:0.00}' -f (Get-Median $runs.OtherCores)) core(s) of $($environment.Cores)
  (per run above). Where it is high, the runs competed for the CPU: node's run uses more than one core (V8's GC
  threads), so competition slows it more than ours and flatters our speed ratio.
- CPU: $($environment.CpuModel), $($environment.Cores) core(s); memory $($environment.Memory); $($environment.OS)
- PowerShell $($PSVersionTable.PSVersion) started as ``$($pwsh -join ' ')`` (one process; ``dotnet pwsh`` would start it
  as a child of the tool's shim); .NET SDK $($environment.DotnetSdk); Node.js $(Get-CommandText $node @('--version'))
- Module: ``$([IO.Path]::GetRelativePath($RepoRoot, $ModulePath))``, built $($moduleBuilt.ToString('yyyy-MM-dd HH:mm')) UTC$(if ($moduleStale) { " (**older than src/**: $([IO.Path]::GetRelativePath($RepoRoot, $newestSource.FullName)) changed after it)" })
- Repository at $($environment.Commit)$(if ($environment.DirtySrc -gt 0) { " with $($environment.DirtySrc) uncommitted change(s) under src/" })
- Command: ``$(Format-CommandLine 'bench/user-path/Measure-UserPath.ps1' $PSBoundParameters)``
"@
Set-Content -LiteralPath $reportPath -Value $report -Encoding utf8NoBOM
Write-Host "Report: $([IO.Path]::GetRelativePath($RepoRoot, $reportPath))"
if (-not $allIdentical) { exit 1 }
