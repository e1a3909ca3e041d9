<#
.SYNOPSIS
    One measured run of the user path, in its own PowerShell process (Measure-UserPath.ps1 starts it under
    /usr/bin/time): import the built module and read one saved output with Get-TextractOutput, as a user would.
    Prints one JSON line, like bench/node/trp-run.js; the runner adds wall time, peak RSS and CPU from outside.

.PARAMETER Mode
    Document: `$d = Get-TextractOutput -Path <file> -As Document`, then the walk of trp-run.js (pages; lines and their
              text; form fields and their key and value text; tables and their cells (merged cells apart) and their
              text), printing the same counts.
    Line:     `Get-TextractOutput -Path <file> -As Line | Measure-Object`, printing the line count.
    Bytes:    the document model's size as held: the managed heap after full collections, before and after
              `$d = Get-TextractOutput -Path <file> -As Document` (and after the walk), with the block count. A first
              read of -WarmPath beforehand loads the engine, so that its code and statics are not counted as the model.
#>
param(
    [Parameter(Mandatory)] [ValidateSet('Document', 'Line', 'Bytes')] [string] $Mode,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Path,
    [string] $WarmPath
)

$ErrorActionPreference = 'Stop'
$clock = [Diagnostics.Stopwatch]::StartNew()
Import-Module $ModulePath
$importMs = $clock.Elapsed.TotalMilliseconds

function Get-PeakRssKb {
    # This process's peak resident set size (VmHWM), in KB; -1 where /proc is not available.
    try {
        $line = [IO.File]::ReadAllLines('/proc/self/status') | Where-Object { $_ -like 'VmHWM:*' }
        return [long](($line -split '\s+')[1])
    }
    catch { return -1 }
}

function Get-RssKb {
    # This process's resident set size now (VmRSS), in KB; -1 where /proc is not available.
    try {
        $line = [IO.File]::ReadAllLines('/proc/self/status') | Where-Object { $_ -like 'VmRSS:*' }
        return [long](($line -split '\s+')[1])
    }
    catch { return -1 }
}

function Get-HeldBytes {
    # The managed heap after full, compacting collections: what is still referenced.
    [GC]::Collect()
    [GC]::WaitForPendingFinalizers()
    [GC]::Collect()
    return [GC]::GetTotalMemory($true)
}

function Write-Result([Collections.Specialized.OrderedDictionary] $Figures) {
    # One JSON line, formatted by hand: ConvertTo-Json's first use would add its own start-up to the process.
    $ci = [Globalization.CultureInfo]::InvariantCulture
    $pairs = foreach ($entry in $Figures.GetEnumerator()) {
        $value = $entry.Value
        $text = if ($value -is [string]) { '"' + $value.Replace('\', '\\').Replace('"', '\"') + '"' }
        elseif ($value -is [double]) { $value.ToString('0.0', $ci) }
        else { [Convert]::ToString($value, $ci) }
        '"{0}":{1}' -f $entry.Key, $text
    }
    [Console]::Out.WriteLine('{' + ($pairs -join ',') + '}')
}

# The walk of bench/node/trp-run.js, counting the same things (and bench/TextractTools.Bench's ModelRun, which the
# bench's run.ps1 checks against it): every page; every line and its text; every form field and the text of its key
# and value; every table and its own cells (merged cells apart, as trp-run.js's ignoreMerged) and their text.
function Measure-DocumentWalk($Document) {
    [long] $pages = 0; [long] $lines = 0; [long] $fields = 0; [long] $tables = 0; [long] $cells = 0
    [long] $lineChars = 0; [long] $fieldChars = 0; [long] $cellChars = 0
    foreach ($page in $Document.Pages) { $pages++ }
    foreach ($line in $Document.Lines) {
        $lines++
        $lineChars += $line.Text.Length
    }
    foreach ($field in $Document.KeyValues) {
        $fields++
        $fieldChars += $field.Key.Length + $field.Value.Length
    }
    foreach ($table in $Document.Tables) {
        $tables++
        foreach ($cell in $table.Cells) {
            $cells++
            $cellChars += $cell.Text.Length
        }
    }
    [ordered]@{
        pages = $pages; lines = $lines; fields = $fields; tables = $tables; cells = $cells
        lineChars = $lineChars; fieldChars = $fieldChars; cellChars = $cellChars
    }
}

switch ($Mode) {
    'Document' {
        $readStart = $clock.Elapsed.TotalMilliseconds
        $d = Get-TextractOutput -Path $Path -As Document
        $readMs = $clock.Elapsed.TotalMilliseconds - $readStart
        $gcHeapAfterRead = [GC]::GetGCMemoryInfo().HeapSizeBytes
        $rssAfterRead = Get-RssKb
        $counts = Measure-DocumentWalk $d
        $totalMs = $clock.Elapsed.TotalMilliseconds
        $figures = [ordered]@{ tool = 'TextractTools (PowerShell)'; mode = $Mode; importMs = $importMs; readMs = $readMs
            walkMs = $totalMs - $readStart - $readMs; totalMs = $totalMs }
        foreach ($c in $counts.GetEnumerator()) { $figures[$c.Key] = $c.Value }
        $figures['allocatedMB'] = [GC]::GetTotalAllocatedBytes($false) / 1MB
        $figures['gcHeapAfterReadMB'] = $gcHeapAfterRead / 1MB
        $figures['rssAfterReadMB'] = $rssAfterRead / 1024.0
        $figures['gen0'] = [GC]::CollectionCount(0); $figures['gen1'] = [GC]::CollectionCount(1); $figures['gen2'] = [GC]::CollectionCount(2)
        $figures['vmHwmKb'] = Get-PeakRssKb
        [GC]::KeepAlive($d)
        Write-Result $figures
    }
    'Line' {
        $readStart = $clock.Elapsed.TotalMilliseconds
        $lines = (Get-TextractOutput -Path $Path -As Line | Measure-Object).Count
        $totalMs = $clock.Elapsed.TotalMilliseconds
        Write-Result ([ordered]@{ tool = 'TextractTools (PowerShell)'; mode = $Mode; importMs = $importMs; readMs = $totalMs - $readStart
                totalMs = $totalMs; lines = $lines; allocatedMB = [GC]::GetTotalAllocatedBytes($false) / 1MB; vmHwmKb = Get-PeakRssKb })
    }
    'Bytes' {
        $rssAfterImport = Get-RssKb
        if ($WarmPath) { Get-TextractOutput -Path $WarmPath -As Document | Out-Null }
        $before = Get-HeldBytes
        $rssBefore = Get-RssKb
        $d = Get-TextractOutput -Path $Path -As Document
        $afterRead = Get-HeldBytes
        $rssAfterRead = Get-RssKb
        $counts = Measure-DocumentWalk $d
        $afterWalk = Get-HeldBytes
        # Counted last: the list of blocks is made on demand, and counting it must not add to what was measured.
        $blocks = $d.Blocks.Count
        $afterBlocks = Get-HeldBytes
        [GC]::KeepAlive($d)
        Write-Result ([ordered]@{ tool = 'TextractTools (PowerShell)'; mode = $Mode; blocks = $blocks; lines = $counts.lines
                heldBeforeBytes = $before; heldAfterReadBytes = $afterRead; heldAfterWalkBytes = $afterWalk; heldAfterBlocksBytes = $afterBlocks
                rssAfterImportMB = $rssAfterImport / 1024.0; rssBeforeReadMB = $rssBefore / 1024.0; rssAfterReadMB = $rssAfterRead / 1024.0; allocatedMB = [GC]::GetTotalAllocatedBytes($false) / 1MB; vmHwmKb = Get-PeakRssKb })
    }
}
