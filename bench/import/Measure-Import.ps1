<#
.SYNOPSIS
    Measures cold Import-Module of the built TextractTools module beside a trivial psm1 module.
.DESCRIPTION
    Each run starts a fresh PowerShell process (this same PowerShell: installed, or the local dotnet tool) and times
    Import-Module inside it with a Stopwatch, so process start-up is not counted but everything the import does is:
    reading the manifest, loading the cmdlet assembly (the root module) and listing its cmdlets, its initializer, the
    format file. The engine and the AWS SDK load at the first command, not here. The runs of the two modules alternate, so a machine that gets busier affects both alike. One
    warm-up run of each is discarded (it pays for the OS file cache, which a user's second session has too).
    Prints both medians and their ratio, and writes bench/results/import-<timestamp>.md (git-ignored).
.EXAMPLE
    dotnet pwsh ./bench/import/Measure-Import.ps1
.EXAMPLE
    dotnet pwsh ./bench/import/Measure-Import.ps1 -Runs 31 -ModulePath ./output/TextractTools/0.1.0/TextractTools.psd1
#>
[CmdletBinding()]
param(
    # The built module's manifest; by default the one build.ps1 Build makes for the version in TextractTools.psd1.
    [string] $ModulePath,

    [ValidateRange(1, 1000)]
    [int] $Runs = 15,

    [string] $ResultsFolder = (Join-Path $PSScriptRoot '../results'),

    # The goal from issue 6: a median of at most this many milliseconds.
    [double] $TargetMs = 100
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
if (-not $ModulePath) {
    $version = (Import-PowerShellDataFile (Join-Path $root 'TextractTools.psd1')).ModuleVersion
    $ModulePath = Join-Path $root "output/TextractTools/$version/TextractTools.psd1"
}
if (-not (Test-Path $ModulePath)) { throw "No built module at ${ModulePath}: run 'dotnet pwsh ./build.ps1 Build' first." }
$ModulePath = (Resolve-Path $ModulePath).Path

function Get-PwshCommand { & (Join-Path $root 'build/Get-PwshCommand.ps1') }

function Measure-ColdImport {
    # One fresh process; returns the milliseconds Import-Module took in it.
    param([string] $Path)
    $script = "`$sw = [System.Diagnostics.Stopwatch]::StartNew(); Import-Module '$($Path.Replace("'", "''"))' -ErrorAction Stop; `$sw.Stop(); " +
              "[System.Console]::Out.WriteLine(`$sw.Elapsed.TotalMilliseconds.ToString([System.Globalization.CultureInfo]::InvariantCulture))"
    $pwsh = Get-PwshCommand
    $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $script 2>&1
    if ($LASTEXITCODE -ne 0) { throw "Importing $Path failed: $output" }
    $line = @($output | ForEach-Object { "$_" } | Where-Object { $_ -match '^\d+(\.\d+)?$' })[-1]
    [double]::Parse($line, [System.Globalization.CultureInfo]::InvariantCulture)
}

function Get-Median {
    param([double[]] $Values)
    $sorted = [double[]]($Values | Sort-Object)
    $n = $sorted.Count
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

# The baseline: the cheapest module PowerShell can import from a file.
$trivialFolder = Join-Path ([System.IO.Path]::GetTempPath()) ('import-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Path $trivialFolder | Out-Null
$trivialPath = Join-Path $trivialFolder 'TrivialModule.psm1'
Set-Content -Path $trivialPath -Value 'function Get-Trivial { 42 }'

try {
    Write-Host "Warm-up, then $Runs cold imports of each (fresh process per import)..."
    Measure-ColdImport $trivialPath | Out-Null
    Measure-ColdImport $ModulePath | Out-Null
    $trivial = [System.Collections.Generic.List[double]]::new()
    $module = [System.Collections.Generic.List[double]]::new()
    for ($i = 1; $i -le $Runs; $i++) {
        $trivial.Add((Measure-ColdImport $trivialPath))
        $module.Add((Measure-ColdImport $ModulePath))
        Write-Progress -Activity 'Import-Module benchmark' -Status "run $i of $Runs" -PercentComplete (100 * $i / $Runs)
    }
    Write-Progress -Activity 'Import-Module benchmark' -Completed
}
finally {
    Remove-Item $trivialFolder -Recurse -Force -ErrorAction SilentlyContinue
}

$trivialMedian = Get-Median $trivial
$moduleMedian = Get-Median $module
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

New-Item -ItemType Directory -Path $ResultsFolder -Force | Out-Null
$stamp = Get-Date -Format 'yyyyMMdd-HHmmss'
$report = Join-Path $ResultsFolder "import-$stamp.md"
$lines = @(
    "# Import-Module benchmark, $(Get-Date -Format 'yyyy-MM-dd HH:mm:ss')"
    ''
    "- Module: ``$ModulePath``"
    "- PowerShell $($PSVersionTable.PSVersion) on $([System.Runtime.InteropServices.RuntimeInformation]::OSDescription), $([Environment]::ProcessorCount) CPUs"
    "- $Runs cold imports of each (fresh process per import, alternating, one warm-up each discarded)"
    ''
    '| Module | Median (ms) | Min (ms) | Max (ms) |'
    '|---|---:|---:|---:|'
    "| TextractTools | $(& $f $moduleMedian) | $(& $f ($module | Measure-Object -Minimum).Minimum) | $(& $f ($module | Measure-Object -Maximum).Maximum) |"
    "| trivial psm1 | $(& $f $trivialMedian) | $(& $f ($trivial | Measure-Object -Minimum).Minimum) | $(& $f ($trivial | Measure-Object -Maximum).Maximum) |"
    ''
    "Ratio TextractTools / trivial: $($ratio.ToString('0.00', $inv)). Target: median <= $TargetMs ms: $verdict."
    ''
    "Runs (ms), TextractTools: $(($module | ForEach-Object { & $f $_ }) -join ', ')"
    ''
    "Runs (ms), trivial psm1: $(($trivial | ForEach-Object { & $f $_ }) -join ', ')"
)
Set-Content -Path $report -Value $lines
Write-Host "Report: $report"
$summary
