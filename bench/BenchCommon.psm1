#Requires -Version 7.0
<#
    What the benchmark scripts share (bench/run.ps1, bench/user-path/Measure-UserPath.ps1, bench/import/Measure-Import.ps1):
    the npm parser's install, the bench tool's build, the generated input, the OS file cache, one measured process
    (wall time around it, peak RSS and CPU from GNU time), the load of the rest of the machine, medians and Markdown
    tables. One way to do each of these things: a script that needs one imports this module.
#>
Set-StrictMode -Version Latest

# The npm parser every comparison runs, pinned by bench/node/package-lock.json.
$script:TrpVersion = '0.4.3'
# Bumped when the generator's output changes, so that older inputs are made again instead of reused.
$script:GeneratorVersion = 1
$script:BenchRoot = $PSScriptRoot
$script:RepoRoot = Split-Path -Parent $PSScriptRoot

function Write-Step([string] $Message) { Write-Host "== $Message" -ForegroundColor Cyan }

function Invoke-Checked {
    # Runs a native command; throws with its output when it fails.
    param([string] $What, [string] $FilePath, [string[]] $Arguments, [string] $WorkingDirectory = $script:RepoRoot)
    Push-Location -LiteralPath $WorkingDirectory
    try {
        $output = & $FilePath @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE):`n$($output -join "`n")" }
        return $output
    }
    finally { Pop-Location }
}

function Get-CommandText([string] $File, [string[]] $Arguments) {
    # The first line a command prints (a version, a commit), or 'n/a'.
    try { return ((& $File @Arguments 2>$null) | Select-Object -First 1) } catch { return 'n/a' }
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $n = $sorted.Count
    if ($n -eq 0) { return [double]::NaN }
    if ($n % 2 -eq 1) { return $sorted[[int][math]::Floor($n / 2)] }
    return ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2
}

function Get-LoadAverage {
    try { return ((Get-Content -LiteralPath '/proc/loadavg' -Raw).Split(' ')[0..2] -join ' ') } catch { return 'n/a' }
}

function Get-GnuTime {
    # GNU time's path, or $null: without it, peak memory comes from each process's own VmHWM and there is no CPU time.
    if (Test-Path -LiteralPath '/usr/bin/time' -PathType Leaf) { return '/usr/bin/time' }
    return $null
}

function Get-RequiredCommand([string] $Name, [string] $Why) {
    $command = Get-Command $Name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $command) { throw "$Name is not on PATH: $Why" }
    return $command.Source
}

# ---- the npm parser and the bench tool ------------------------------------------------------------------------------

function Install-TrpPackage {
    # amazon-textract-response-parser into bench/node (npm ci, pinned by package-lock.json) unless that version is
    # there already. Returns the node executable.
    $node = Get-RequiredCommand 'node' 'the npm parser needs Node.js.'
    $nodeDir = Join-Path $script:BenchRoot 'node'
    $packageJson = Join-Path $nodeDir 'node_modules/amazon-textract-response-parser/package.json'
    $installed = if (Test-Path -LiteralPath $packageJson) { (Get-Content -LiteralPath $packageJson -Raw | ConvertFrom-Json).version } else { $null }
    if ($installed -ne $script:TrpVersion) {
        $npm = Get-Command npm -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if (-not $npm) { throw "npm is not on PATH, and bench/node has no amazon-textract-response-parser $script:TrpVersion installed." }
        Write-Step "npm ci (amazon-textract-response-parser $script:TrpVersion, pinned by bench/node/package-lock.json)"
        Invoke-Checked 'npm ci' $npm.Source @('ci', '--no-audit', '--no-fund') $nodeDir | Out-Null
        $installed = (Get-Content -LiteralPath $packageJson -Raw | ConvertFrom-Json).version
        if ($installed -ne $script:TrpVersion) { throw "npm installed amazon-textract-response-parser $installed, not $script:TrpVersion." }
    }
    return $node
}

function Get-TrpRunScript { Join-Path $script:BenchRoot 'node/trp-run.js' }

function Test-UseProjectSample([string] $SamplesPath) {
    # True when the real samples are absent: the generator then replicates the project's own sample analysis.
    -not (Test-Path -LiteralPath (Join-Path $SamplesPath 'responses') -PathType Container)
}

function Get-DefaultSamplesPath { Join-Path (Split-Path -Parent $script:RepoRoot) 'shared/textract-samples' }

function Build-BenchTool {
    # Builds bench/TextractTools.Bench in Release, its build output under the data folder (src/ is not written to).
    # Returns the path of TextractTools.Bench.dll.
    param([string] $DataPath, [switch] $UseProjectSample, [string] $EngineProject)
    Write-Step 'dotnet build bench/TextractTools.Bench (Release)'
    $dotnet = Get-RequiredCommand 'dotnet' 'the bench tool is a .NET program.'
    $artifacts = Join-Path $DataPath 'artifacts'
    $buildArgs = @('build', (Join-Path $script:BenchRoot 'TextractTools.Bench/TextractTools.Bench.csproj'), '-c', 'Release',
        '--artifacts-path', $artifacts, '-nologo', '-v', 'quiet')
    if ($UseProjectSample) { $buildArgs += '-p:UseProjectSample=true' }
    if ($EngineProject) { $buildArgs += "-p:EngineProject=$([IO.Path]::GetFullPath($EngineProject))" }
    Invoke-Checked 'dotnet build' $dotnet $buildArgs | Out-Null
    $benchDll = Join-Path $artifacts 'bin/TextractTools.Bench/release/TextractTools.Bench.dll'
    if (-not (Test-Path -LiteralPath $benchDll)) { throw "The build made no $benchDll." }
    return $benchDll
}

# ---- input ----------------------------------------------------------------------------------------------------------

function Get-BenchInput {
    # The generated -Pages page output under DataPath/pages-N (made with `TextractTools.Bench generate`, or reused when
    # a matching one is there): its manifest, the folder of numbered objects and the merged response file.
    param(
        [Parameter(Mandatory)] [string] $BenchDll,
        [Parameter(Mandatory)] [string] $DataPath,
        [Parameter(Mandatory)] [int] $Pages,
        [Parameter(Mandatory)] [string] $SamplesPath,
        [switch] $Regenerate
    )
    $useProjectSample = Test-UseProjectSample $SamplesPath
    $inputDir = Join-Path $DataPath "pages-$Pages"
    $manifestPath = Join-Path $inputDir 'manifest.json'
    $manifest = if (Test-Path -LiteralPath $manifestPath) { Get-Content -LiteralPath $manifestPath -Raw | ConvertFrom-Json } else { $null }
    $reusable = $manifest -and -not $Regenerate -and $manifest.generatorVersion -eq $script:GeneratorVersion -and $manifest.pages -eq $Pages -and
        (($manifest.templates -join ',') -match 'ProjectSample') -eq $useProjectSample
    if ($reusable) {
        Write-Step "reusing $inputDir (generated earlier; -Regenerate to make it again)"
    }
    else {
        $from = if ($useProjectSample) { "the project's own sample (no $SamplesPath/responses)" } else { "real pages from $SamplesPath/responses" }
        Write-Step "generating $Pages pages from $from"
        New-Item -ItemType Directory -Force -Path $inputDir | Out-Null
        $dotnet = Get-RequiredCommand 'dotnet' 'the generator is a .NET program.'
        $genClock = [Diagnostics.Stopwatch]::StartNew()
        Invoke-Checked 'generate' $dotnet @($BenchDll, 'generate', '--pages', "$Pages", '--out', $inputDir, '--samples', $SamplesPath) | Out-Null
        Write-Host ("   {0:0.0} s" -f $genClock.Elapsed.TotalSeconds)
        $manifest = Get-Content -LiteralPath $manifestPath -Raw | ConvertFrom-Json
    }
    [pscustomobject]@{
        Pages    = [int]$manifest.pages
        Manifest = $manifest
        Folder   = Join-Path $inputDir 'output'
        Merged   = Join-Path $inputDir 'merged.json'
    }
}

function Read-IntoFileCache([string[]] $Path) {
    # Reads files (or every file of folders) once, untimed, so that no measured run pays for the disk.
    foreach ($item in $Path) {
        $files = if (Test-Path -LiteralPath $item -PathType Container) { @(Get-ChildItem -LiteralPath $item -File) } else { @(Get-Item -LiteralPath $item) }
        foreach ($file in $files) {
            $stream = [IO.File]::OpenRead($file.FullName)
            try { $stream.CopyTo([IO.Stream]::Null) } finally { $stream.Dispose() }
        }
    }
}

# ---- the rest of the machine ----------------------------------------------------------------------------------------

function Get-BusyTicks {
    # Busy CPU time of the whole machine so far, in USER_HZ ticks (1/100 s), from /proc/stat; -1 without it.
    try {
        $f = ((Get-Content -LiteralPath '/proc/stat' -TotalCount 1) -split '\s+')[1..8] | ForEach-Object { [long]$_ }
        return $f[0] + $f[1] + $f[2] + $f[5] + $f[6] + $f[7]   # user nice system irq softirq steal (not idle, iowait)
    }
    catch { return -1 }
}

function Wait-Quiet([int] $Seconds) {
    # Waits until the machine's busy CPU over a 2-second sample is under a quarter of a core; false on timeout.
    if ($Seconds -le 0 -or (Get-BusyTicks) -lt 0) { return $true }
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        $before = Get-BusyTicks
        Start-Sleep -Seconds 2
        if ((Get-BusyTicks) - $before -lt 50) { return $true }
    }
    return $false
}

# ---- one measured process -------------------------------------------------------------------------------------------

function Invoke-MeasuredProcess {
    <#
        Runs one program in a fresh process and measures it from outside: wall time around the process (runtime
        start-up included), peak RSS and CPU time (user + sys) from GNU time (%M %U %S, the figures `time -v` calls
        "Maximum resident set size" and "User/System time"), and the CPU the rest of the machine used meanwhile.
        The program must print one JSON line (the last line starting with '{' is taken) with at least vmHwmKb, its own
        peak RSS; that is the fallback without GNU time, and a check that GNU time measured the program itself.
    #>
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $Arguments = @()
    )
    $gnuTime = Get-GnuTime
    $timeFile = [IO.Path]::GetTempFileName()
    $errFile = [IO.Path]::GetTempFileName()
    try {
        $busyBefore = Get-BusyTicks
        $clock = [Diagnostics.Stopwatch]::StartNew()
        if ($gnuTime) {
            $stdout = & $gnuTime -f '%M %U %S' -o $timeFile $FilePath @Arguments 2> $errFile
        }
        else {
            $stdout = & $FilePath @Arguments 2> $errFile
        }
        $exit = $LASTEXITCODE
        $clock.Stop()
        $busyAfter = Get-BusyTicks
        if ($exit -ne 0) { throw "$Name failed (exit code $exit):`n$(Get-Content -LiteralPath $errFile -Raw)`n$($stdout -join "`n")" }
        $line = @($stdout | Where-Object { "$_" -like '{*' }) | Select-Object -Last 1
        if (-not $line) { throw "$Name printed no result:`n$($stdout -join "`n")`n$(Get-Content -LiteralPath $errFile -Raw)" }
        $result = $line | ConvertFrom-Json
        $peakKb = [double]$result.vmHwmKb
        $cpu = [double]::NaN
        if ($gnuTime) {
            $fields = (Get-Content -LiteralPath $timeFile | Where-Object { $_ -match '^\d+ [\d.]+ [\d.]+$' } | Select-Object -Last 1) -split ' '
            $peakKb = [double]$fields[0]
            $cpu = [double]$fields[1] + [double]$fields[2]
        }
        # What the rest of the machine used meanwhile, in cores: a run that shared the CPU with others is slower.
        $others = if ($busyBefore -ge 0 -and $gnuTime) {
            [math]::Max(0.0, (($busyAfter - $busyBefore) / 100 - $cpu) / $clock.Elapsed.TotalSeconds)
        }
        else { [double]::NaN }
        [pscustomobject]@{
            WallSeconds = $clock.Elapsed.TotalSeconds; PeakMB = $peakKb / 1024; SelfReportedPeakMB = [double]$result.vmHwmKb / 1024
            CpuSeconds = $cpu; OtherCores = $others; Result = $result
        }
    }
    finally { Remove-Item -LiteralPath $timeFile, $errFile -ErrorAction SilentlyContinue }
}

# ---- report ---------------------------------------------------------------------------------------------------------

function ConvertTo-MarkdownTable([object[]] $Rows) {
    # A pipe inside a cell (a command line) is escaped, or it would end the cell.
    $names = $Rows[0].PSObject.Properties.Name
    $lines = @(('| ' + ($names -join ' | ') + ' |'), ('|' + (($names | ForEach-Object { '---' }) -join '|') + '|'))
    foreach ($row in $Rows) { $lines += '| ' + (($names | ForEach-Object { "$($row.$_)".Replace('|', '\|') }) -join ' | ') + ' |' }
    return $lines -join "`n"
}

function Get-BenchEnvironment {
    # The machine and the repository, for a report's Environment section.
    $cpuModel = try { ((Get-Content '/proc/cpuinfo' | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -split ':', 2)[1].Trim() } catch { 'n/a' }
    $memTotal = try { '{0:0.0} GB' -f ([double](((Get-Content '/proc/meminfo' | Select-Object -First 1) -split '\s+')[1]) / 1MB) } catch { 'n/a' }
    $dirty = try { @(& git -C $script:RepoRoot status --porcelain -- src 2>$null).Count } catch { 0 }
    [pscustomobject]@{
        CpuModel   = $cpuModel
        Cores      = [Environment]::ProcessorCount
        Memory     = $memTotal
        OS         = [Runtime.InteropServices.RuntimeInformation]::OSDescription
        DotnetSdk  = Get-CommandText 'dotnet' @('--version')
        Commit     = Get-CommandText 'git' @('-C', $script:RepoRoot, 'rev-parse', '--short', 'HEAD')
        DirtySrc   = $dirty
    }
}

function Format-CommandLine([string] $Script, [hashtable] $BoundParameters) {
    # How the script was called, for the report.
    $parts = foreach ($p in $BoundParameters.GetEnumerator()) {
        if ($p.Value -is [switch]) { "-$($p.Key)" } else { "-$($p.Key) $($p.Value)" }
    }
    "dotnet pwsh $Script $($parts -join ' ')".TrimEnd()
}

Export-ModuleMember -Function * -Variable TrpVersion
