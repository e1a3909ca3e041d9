# Loads the TextractTools cmdlets.
# On PowerShell 7 the cmdlet assembly and its AWSSDK dependencies go into a load context of their own (bin/core), so
# the module works in a session where AWS.Tools or another module already loaded a different AWSSDK.Core. On Windows
# PowerShell 5.1 there are no load contexts: bin/desktop is loaded directly.
$ErrorActionPreference = 'Stop'

if ($PSEdition -eq 'Core') {
    $binFolder = [System.IO.Path]::Combine($PSScriptRoot, 'bin', 'core')
    $loaderPath = [System.IO.Path]::Combine($binFolder, 'TextractTools.Loader.dll')
    # Only one loader may live in the default context. LoadFrom returns the one already there when an earlier import
    # loaded it (also from another copy of the module); should the runtime refuse instead, the loaded one is looked
    # up. A plain loop on purpose: Where-Object/Select-Object here would autoload Microsoft.PowerShell.Utility and
    # double the import time (bench/import/Measure-Import.ps1).
    $loader = $null
    try { $loader = [System.Reflection.Assembly]::LoadFrom($loaderPath) }
    catch {
        foreach ($assembly in [System.AppDomain]::CurrentDomain.GetAssemblies()) {
            if ($assembly.FullName.StartsWith('TextractTools.Loader,', [System.StringComparison]::Ordinal)) { $loader = $assembly; break }
        }
        if (-not $loader) { throw }
    }
    $moduleAssembly = $loader.GetType('TextractTools.Loader.ModuleLoader', $true)::LoadModuleAssembly($binFolder)
}
else {
    $moduleAssembly = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'bin', 'desktop', 'TextractTools.dll'))
}

$innerModule = Import-Module -Assembly $moduleAssembly -PassThru -DisableNameChecking

# A plain string array: Export-ModuleMember does not take the dictionary key collection itself.
Export-ModuleMember -Cmdlet ([string[]]@($innerModule.ExportedCmdlets.Keys))

# Re-import (Import-Module -Force) of a module whose cmdlets come from an already-loaded assembly leaves the outer
# module without exported cmdlets (PowerShell issue #20710). Re-adding them goes through an internal method, so it is
# guarded: if the method is ever gone, a first import still works and only re-import degrades. A first import exports
# them all above and skips this (its reflection is a good part of the import time).
$outerModule = $ExecutionContext.SessionState.Module
if ($outerModule -and $outerModule.ExportedCmdlets.Count -lt $innerModule.ExportedCmdlets.Count) {
    $addExportedCmdlet = [System.Management.Automation.PSModuleInfo].GetMethod(
        'AddExportedCmdlet', [System.Reflection.BindingFlags]'Instance, NonPublic')
    if ($addExportedCmdlet) {
        foreach ($cmdlet in $innerModule.ExportedCmdlets.Values) {
            if (-not $outerModule.ExportedCmdlets.ContainsKey($cmdlet.Name)) {
                $addExportedCmdlet.Invoke($outerModule, @(, $cmdlet))
            }
        }
    }
}
