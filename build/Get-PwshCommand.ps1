<#
.SYNOPSIS
    The command line that starts this very PowerShell again: pwsh when it is installed, or `dotnet .../pwsh.dll` when it
    runs as the local dotnet tool (which has no pwsh executable beside it). Returns an array: the program, then its
    leading arguments. Used by the build, the tests and the benchmarks for their child processes.
#>
$exe = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
if (Test-Path $exe) { return , @($exe) }
, @('dotnet', (Join-Path $PSHOME 'pwsh.dll'))
