# Loads the TextractTools cmdlets.
# On PowerShell 7 the cmdlet assembly and its AWSSDK dependencies go into a load context of their own (bin/core), so
# the module works in a session where AWS.Tools or another module already loaded a different AWSSDK.Core. On Windows
# PowerShell 5.1 there are no load contexts: bin/desktop is loaded directly.
$ErrorActionPreference = 'Stop'

if ($PSEdition -eq 'Core') {
    $binFolder = [System.IO.Path]::Combine($PSScriptRoot, 'bin', 'core')
    $loaderPath = [System.IO.Path]::Combine($binFolder, 'TextractTools.Loader.dll')
    $loaderName = [System.Reflection.AssemblyName]::GetAssemblyName($loaderPath)
    # Only one loader may live in the default context; reuse it when an earlier import loaded it.
    $loader = [System.AppDomain]::CurrentDomain.GetAssemblies() |
        Where-Object { $_.GetName().Name -eq $loaderName.Name } |
        Select-Object -First 1
    if (-not $loader) { $loader = [System.Reflection.Assembly]::LoadFrom($loaderPath) }
    $moduleAssembly = $loader.GetType('TextractTools.Loader.ModuleLoader', $true)::LoadModuleAssembly($binFolder)
}
else {
    $moduleAssembly = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'bin', 'desktop', 'TextractTools.dll'))
}

$innerModule = Import-Module -Assembly $moduleAssembly -PassThru -DisableNameChecking

# Re-import (Import-Module -Force) of a module whose cmdlets come from an already-loaded assembly leaves the outer
# module without exported cmdlets (PowerShell issue #20710). Re-adding them goes through an internal method, so it is
# guarded: if the method is ever gone, a first import still works and only re-import degrades.
$addExportedCmdlet = [System.Management.Automation.PSModuleInfo].GetMethod(
    'AddExportedCmdlet', [System.Reflection.BindingFlags]'Instance, NonPublic')
if ($addExportedCmdlet -and $ExecutionContext.SessionState.Module) {
    foreach ($cmdlet in $innerModule.ExportedCmdlets.Values) {
        if (-not $ExecutionContext.SessionState.Module.ExportedCmdlets.ContainsKey($cmdlet.Name)) {
            $addExportedCmdlet.Invoke($ExecutionContext.SessionState.Module, @(, $cmdlet))
        }
    }
}
# A plain string array: Export-ModuleMember does not take the dictionary key collection itself.
Export-ModuleMember -Cmdlet ([string[]]@($innerModule.ExportedCmdlets.Keys))
