<#
.SYNOPSIS
    Measures cold Import-Module of the built TextractTools module beside a trivial psm1 module, and optionally the
    first command after it.
.DESCRIPTION
    Each run starts a fresh PowerShell process (this same PowerShell: installed, or the local dotnet tool) and times
    Import-Module inside it with a Stopwatch, so process start-up is not counted but everything the import does is:
    reading the manifest, loading the cmdlet assembly (the root module) and listing its cmdlets, its initializer, the
    format file. The engine and the AWS SDK load at the first command, not here. The runs of the two modules alternate, so a machine that gets busier affects both alike. One
    warm-up run of each is discarded (it pays for the OS file cache, which a user's second session has too).
    With -FirstCommandPath (a small saved output) each process then also times its module's first command with a
    Stopwatch: for TextractTools `Get-TextractOutput -Path <that file> -As Line | Out-Null` (it loads the engine and
    the AWS SDK's load context), for the trivial module its one function; and the whole process (start-up, import,
    first command, exit) is timed from outside, the trivial module's process serving as the bare-PowerShell baseline.
    Prints both medians and their ratio, and writes bench/results/import-<timestamp>.md (git-ignored). Returns a
    summary object (bench/user-path/Measure-UserPath.ps1 reads it).
.EXAMPLE
    dotnet pwsh ./bench/import/Measure-Import.ps1
.EXAMPLE
    dotnet pwsh ./bench/import/Measure-Import.ps1 -Runs 31 -ModulePath ./output/TextractTools/0.1.0/TextractTools.psd1
.EXAMPLE
    dotnet pwsh ./bench/import/Measure-Import.ps1 -FirstCommandPath ./bench/data/pages-1/merged.json
#>
[CmdletBinding()]
param(
    # The built module's manifest; by default the one build.ps1 Build makes for the version in TextractTools.psd1.
    [string] $ModulePath,

    [ValidateRange(1, 1000)]
    [int] $Runs = 15,

    [string] $ResultsFolder = (Join-Path $PSScriptRoot '../results'),

    # The goal from issue 6: a median of at most this many milliseconds.
    [double] $TargetMs = 100,

    # A small saved Textract output: with it, each process also times a first command after the import (see above).
    [string] $FirstCommandPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
Import-Module (Join-Path $root 'bench/BenchCommon.psm1') -Force
if (-not $ModulePath) {
    $version = (Import-PowerShellDataFile (Join-Path $root 'TextractTools.psd1')).ModuleVersion
    $ModulePath = Join-Path $root "output/TextractTools/$version/TextractTools.psd1"
}
if (-not (Test-Path $ModulePath)) { throw "No built module at ${ModulePath}: run 'dotnet pwsh ./build.ps1 Build' first." }
$ModulePath = (Resolve-Path $ModulePath).Path
if ($FirstCommandPath) { $FirstCommandPath = (Resolve-Path $FirstCommandPath).Path }

function Get-PwshCommand { & (Join-Path $root 'build/Get-PwshCommand.ps1') }

function Measure-ColdImport {
    # One fresh process: the milliseconds Import-Module took in it; with a first command, that command's milliseconds
    # (-1 without) and the whole process's, measured around it.
    param([string] $Path, [string] $FirstCommand)
    $script = "`$sw = [System.Diagnostics.Stopwatch]::StartNew(); Import-Module '$($Path.Replace("'", "''"))' -ErrorAction Stop; `$sw.Stop(); " +
              "`$importMs = `$sw.Elapsed.TotalMilliseconds; `$firstMs = -1; "
    if ($FirstCommand) { $script += "`$sw.Restart(); $FirstCommand | Out-Null; `$sw.Stop(); `$firstMs = `$sw.Elapsed.TotalMilliseconds; " }
    $script += "[System.Console]::Out.WriteLine([string]::Format([System.Globalization.CultureInfo]::InvariantCulture, '{0} {1}', `$importMs, `$firstMs))"
    $pwsh = Get-PwshCommand
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script 2>&1
    $clock.Stop()
    if ($LASTEXITCODE -ne 0) { throw "Importing $Path failed: $output" }
    $line = @($output | ForEach-Object { "$_" } | Where-Object { $_ -match '^\d+(\.\d+)?(E-?\d+)? -?\d+(\.\d+)?(E-?\d+)?$' })[-1]
    $figures = @($line.Split(' ') | ForEach-Object { [double]::Parse($_, [System.Globalization.CultureInfo]::InvariantCulture) })
    [pscustomobject]@{ ImportMs = $figures[0]; FirstCommandMs = $figures[1]; ProcessMs = $clock.Elapsed.TotalMilliseconds }
}

# The baseline: the cheapest module PowerShell can import from a file, and its one function as its first command.
$trivialFolder = Join-Path ([System.IO.Path]::GetTempPath()) ('import-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Path $trivialFolder | Out-Null
$trivialPath = Join-Path $trivialFolder 'TrivialModule.psm1'
Set-Content -Path $trivialPath -Value 'function Get-Trivial { 42 }'
$moduleFirst = if ($FirstCommandPath) { "Get-TextractOutput -Path '$($FirstCommandPath.Replace("'", "''"))' -As Line" } else { $null }
$trivialFirst = if ($FirstCommandPath) { 'Get-Trivial' } else { $null }

try {
    Write-Host "Warm-up, then $Runs cold imports of each (fresh process per import$(if ($FirstCommandPath) { ', then a first command' }))..."
    Measure-ColdImport $trivialPath $trivialFirst | Out-Null
    Measure-ColdImport $ModulePath $moduleFirst | Out-Null
    $trivial = [System.Collections.Generic.List[object]]::new()
    $module = [System.Collections.Generic.List[object]]::new()
    for ($i = 1; $i -le $Runs; $i++) {
        $trivial.Add((Measure-ColdImport $trivialPath $trivialFirst))
        $module.Add((Measure-ColdImport $ModulePath $moduleFirst))
        Write-Progress -Activity 'Import-Module benchmark' -Status "run $i of $Runs" -PercentComplete (100 * $i / $Runs)
    }
    Write-Progress -Activity 'Import-Module benchmark' -Completed
}
finally {
    Remove-Item $trivialFolder -Recurse -Force -ErrorAction SilentlyContinue
}

$trivialMedian = Get-Median $trivial.ImportMs
$moduleMedian = Get-Median $module.ImportMs
$ratio = $moduleMedian / $trivialMedian
$verdict = if ($moduleMedian -le $TargetMs) { "within the target of $TargetMs ms" } else { "OVER the target of $TargetMs ms" }
$inv = [System.Globalization.CultureInfo]::InvariantCulture
$f = { param($v) $v.ToString('0.0', $inv) }

$summary = [pscustomobject]@{
    Runs                  = $Runs
    TextractToolsMedianMs = [math]::Round($moduleMedian, 1)
    TrivialMedianMs       = [math]::Round($trivialMedian, 1)
    Ratio                 = [math]::Round($ratio, 2)
    TargetMs              = $TargetMs
    WithinTarget          = $moduleMedian -le $TargetMs
}
Write-Host ("TextractTools: median {0} ms; trivial psm1: median {1} ms; ratio {2}x ({3})" -f (& $f $moduleMedian), (& $f $trivialMedian), $ratio.ToString('0.00', $inv), $verdict)
$firstLines = @()
if ($FirstCommandPath) {
    $moduleFirstMedian = Get-Median $module.FirstCommandMs
    $trivialFirstMedian = Get-Median $trivial.FirstCommandMs
    $moduleProcessMedian = Get-Median $module.ProcessMs
    $trivialProcessMedian = Get-Median $trivial.ProcessMs
    $summary | Add-Member -NotePropertyMembers ([ordered]@{
            FirstCommand                      = $moduleFirst
            TextractToolsFirstCommandMedianMs = [math]::Round($moduleFirstMedian, 1)
            TrivialFirstCommandMedianMs       = [math]::Round($trivialFirstMedian, 1)
            FirstCommandRatio                 = [math]::Round($moduleFirstMedian / $trivialFirstMedian, 1)
            TextractToolsProcessMedianMs      = [math]::Round($moduleProcessMedian, 1)
            TrivialProcessMedianMs            = [math]::Round($trivialProcessMedian, 1)
            ProcessRatio                      = [math]::Round($moduleProcessMedian / $trivialProcessMedian, 2)
            TextractToolsRuns                 = @($module)
            TrivialRuns                       = @($trivial)
        })
    Write-Host ("First command: TextractTools median {0} ms ({1}); trivial median {2} ms. Whole process: {3} ms vs {4} ms (ratio {5}x)" -f `
            (& $f $moduleFirstMedian), $moduleFirst, (& $f $trivialFirstMedian), (& $f $moduleProcessMedian), (& $f $trivialProcessMedian),
        ($moduleProcessMedian / $trivialProcessMedian).ToString('0.00', $inv))
    $firstLines = @(
        ''
        "## First command after the import, and the whole process"
        ''
        "TextractTools: ``$moduleFirst | Out-Null``; trivial psm1: ``Get-Trivial | Out-Null``. The whole process is timed around it"
        '(PowerShell start-up, import, first command, exit); the trivial module''s process is the bare-PowerShell baseline.'
        ''
        '| Module | First command median (ms) | Min (ms) | Max (ms) | Whole process median (ms) |'
        '|---|---:|---:|---:|---:|'
        "| TextractTools | $(& $f $moduleFirstMedian) | $(& $f ($module.FirstCommandMs | Measure-Object -Minimum).Minimum) | $(& $f ($module.FirstCommandMs | Measure-Object -Maximum).Maximum) | $(& $f $moduleProcessMedian) |"
        "| trivial psm1 | $(& $f $trivialFirstMedian) | $(& $f ($trivial.FirstCommandMs | Measure-Object -Minimum).Minimum) | $(& $f ($trivial.FirstCommandMs | Measure-Object -Maximum).Maximum) | $(& $f $trivialProcessMedian) |"
        ''
        "Runs (ms), TextractTools first command: $(($module.FirstCommandMs | ForEach-Object { & $f $_ }) -join ', ')"
        ''
        "Runs (ms), TextractTools whole process: $(($module.ProcessMs | ForEach-Object { & $f $_ }) -join ', ')"
        ''
        "Runs (ms), trivial whole process: $(($trivial.ProcessMs | ForEach-Object { & $f $_ }) -join ', ')"
    )
}

New-Item -ItemType Directory -Path $ResultsFolder -Force | Out-Null
$stamp = Get-Date -Format 'yyyyMMdd-HHmmss'
$report = [System.IO.Path]::GetFullPath((Join-Path $ResultsFolder "import-$stamp.md"))
$lines = @(
    "# Import-Module benchmark, $(Get-Date -Format 'yyyy-MM-dd HH:mm:ss')"
    ''
    "- Module: ``$ModulePath``"
    "- PowerShell $($PSVersionTable.PSVersion) on $([System.Runtime.InteropServices.RuntimeInformation]::OSDescription), $([Environment]::ProcessorCount) CPUs"
    "- $Runs cold imports of each (fresh process per import, alternating, one warm-up each discarded)"
    "- Load average after the runs: $(Get-LoadAverage)"
    ''
    '| Module | Median (ms) | Min (ms) | Max (ms) |'
    '|---|---:|---:|---:|'
    "| TextractTools | $(& $f $moduleMedian) | $(& $f ($module.ImportMs | Measure-Object -Minimum).Minimum) | $(& $f ($module.ImportMs | Measure-Object -Maximum).Maximum) |"
    "| trivial psm1 | $(& $f $trivialMedian) | $(& $f ($trivial.ImportMs | Measure-Object -Minimum).Minimum) | $(& $f ($trivial.ImportMs | Measure-Object -Maximum).Maximum) |"
    ''
    "Ratio TextractTools / trivial: $($ratio.ToString('0.00', $inv)). Target: median <= $TargetMs ms: $verdict."
    ''
    "Runs (ms), TextractTools: $(($module.ImportMs | ForEach-Object { & $f $_ }) -join ', ')"
    ''
    "Runs (ms), trivial psm1: $(($trivial.ImportMs | ForEach-Object { & $f $_ }) -join ', ')"
) + $firstLines
Set-Content -Path $report -Value $lines
Write-Host "Report: $report"
$summary | Add-Member -NotePropertyName Report -NotePropertyValue $report
$summary
