# The package: the manifest carries what the PowerShell Gallery needs, build/New-ModulePackage.ps1 (what
# `build.ps1 Package` runs after Build) makes a .nupkg of the built module, PSResourceGet installs it from a local
# file repository into a clean module path, and the installed copy runs Start -> Wait -> Get in a fresh process that
# sees no other copy of the module.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:root = Split-Path (Split-Path $PSScriptRoot)
    $script:builtManifest = Get-TestModulePath
    $script:moduleFolder = Split-Path $builtManifest
    $script:manifestData = Import-PowerShellDataFile $builtManifest
    $script:version = $manifestData.ModuleVersion

    # Packing the already-built module with the script `build.ps1 Package` runs after Build (the task itself would
    # rebuild under the suite's feet), then installing it, in a child process: PSResourceGet writes per-user settings
    # as soon as it loads, so the child gets a data folder of its own (XDG_DATA_HOME on Linux and macOS,
    # LOCALAPPDATA on Windows) and the user's own settings are never touched.
    $script:repository = Join-Path $TestDrive 'repository'
    $script:cleanModules = Join-Path $TestDrive 'modules'
    $script:settings = Join-Path $TestDrive 'psresourceget-settings'
    New-Item -ItemType Directory -Path $cleanModules, $settings -Force | Out-Null
    $saved = @{ XDG_DATA_HOME = $env:XDG_DATA_HOME; LOCALAPPDATA = $env:LOCALAPPDATA }
    try {
        $env:XDG_DATA_HOME = $settings
        $env:LOCALAPPDATA = $settings
        $script:installOutput = Invoke-ChildPwsh -Command @"
`$ErrorActionPreference = 'Stop'
`$null = & '$(Join-Path $root 'build/New-ModulePackage.ps1')' -ModuleFolder '$moduleFolder' -OutputFolder '$repository' 6>`$null
Register-PSResourceRepository -Name TextractToolsLocal -Uri '$repository' -Trusted
Save-PSResource -Name TextractTools -Version '$version' -Repository TextractToolsLocal -Path '$cleanModules' -TrustRepository
'installed'
"@
    }
    finally {
        $env:XDG_DATA_HOME = $saved.XDG_DATA_HOME
        $env:LOCALAPPDATA = $saved.LOCALAPPDATA
    }
    $script:installed = Join-Path $cleanModules "TextractTools/$version"
    $script:package = Get-Item (Join-Path $repository "TextractTools.$version.nupkg") -ErrorAction SilentlyContinue
    if (-not $package) { throw "No package was made: $($installOutput -join "`n")" }
}

Describe 'The manifest' {
    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest -Path $builtManifest -ErrorAction Stop
        $info.Version | Should -Be ([version]$version)
        $info.Guid | Should -Not -Be ([guid]::Empty)
    }

    It 'has what the PowerShell Gallery shows and needs' {
        $manifestData.Author | Should -Not -BeNullOrEmpty
        $manifestData.Description.Length | Should -BeGreaterThan 50
        $manifestData.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
        $manifestData.PowerShellVersion | Should -Not -BeNullOrEmpty
        $psData = $manifestData.PrivateData.PSData
        $psData.Tags | Should -Contain 'Textract'
        $psData.Tags | Should -Contain 'PSEdition_Core'
        $psData.LicenseUri | Should -Match '^https://'
        $psData.ProjectUri | Should -Match '^https://'
        $psData.ReleaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'lists its exports exactly, without wildcards, and they match what the module exports' {
        foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'AliasesToExport', 'VariablesToExport') {
            $manifestData.ContainsKey($key) | Should -BeTrue -Because "$key must be explicit"
            @($manifestData[$key]) -match '\*' | Should -BeNullOrEmpty -Because "$key must not use wildcards"
        }
        $exported = Invoke-ChildPwsh -Command "(Import-Module '$builtManifest' -PassThru).ExportedCmdlets.Keys | Sort-Object"
        @($exported) | Should -Be @($manifestData.CmdletsToExport | Sort-Object)
    }

    It 'is the version source of the build: the source manifest and the built one agree' {
        (Import-PowerShellDataFile (Join-Path $root 'TextractTools.psd1')).ModuleVersion | Should -Be $version
    }
}

Describe 'The package' {
    It 'is named after the module and its version' {
        $package.Name | Should -Be "TextractTools.$version.nupkg"
    }

    It 'carries a nuspec made from the manifest and the module files at its root' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($package.FullName)
        try {
            $names = @($zip.Entries.FullName)
            $names | Should -Contain 'TextractTools.psd1'
            $names | Should -Contain 'TextractTools.dll'
            $names | Should -Contain 'TextractTools.Format.ps1xml'
            $names | Should -Contain 'bin/core/TextractTools.Engine.dll'
            $names | Should -Contain 'bin/core/TextractTools.Loader.dll'
            $names | Should -Contain 'bin/desktop/TextractTools.Engine.dll'
            $names | Should -Contain 'en-US/TextractTools.dll-Help.xml'
            $reader = [System.IO.StreamReader]::new($zip.GetEntry('TextractTools.nuspec').Open())
            [xml] $nuspec = try { $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
        $meta = $nuspec.package.metadata
        $meta.id | Should -Be 'TextractTools'
        $meta.version | Should -Be $version
        $meta.authors | Should -Be $manifestData.Author
        $meta.description | Should -Be $manifestData.Description
        $meta.projectUrl | Should -Be $manifestData.PrivateData.PSData.ProjectUri
        $meta.releaseNotes | Should -Be $manifestData.PrivateData.PSData.ReleaseNotes
        $meta.tags -split ' ' | Should -Contain 'Textract'
    }

    It 'is also made without PSResourceGet, with the same nuspec fields' {
        $handmade = & (Join-Path $root 'build/New-ModulePackage.ps1') -ModuleFolder $moduleFolder -OutputFolder (Join-Path $TestDrive 'handmade') -WithoutPSResourceGet 6>$null
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($handmade.FullName)
        try {
            @($zip.Entries.FullName) | Should -Contain 'bin/core/TextractTools.Engine.dll'
            $reader = [System.IO.StreamReader]::new($zip.GetEntry('TextractTools.nuspec').Open())
            [xml] $nuspec = try { $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
        $nuspec.package.metadata.version | Should -Be $version
        $nuspec.package.metadata.licenseUrl | Should -Be $manifestData.PrivateData.PSData.LicenseUri
    }

    It 'installs from a local file repository into a clean module path' {
        $installOutput | Should -Contain 'installed'
        Join-Path $installed 'TextractTools.psd1' | Should -Exist
        Join-Path $installed 'TextractTools.dll' | Should -Exist
        Join-Path $installed 'bin/core/TextractTools.Engine.dll' | Should -Exist
    }
}

Describe 'The installed copy' {
    BeforeAll {
        $script:endpoint = Start-TestEndpoint -Bucket 'pkg-input', 'pkg-output' -KeyAlias 'alias/pkg' -JobSeconds 1
        $script:sample = New-SampleDocument -Folder (Join-Path $TestDrive 'sample')
        $script:expectedLines = @((Get-Content -Raw $sample.Analysis | ConvertFrom-Json).Blocks | Where-Object BlockType -eq 'LINE' | ForEach-Object Text)
    }

    AfterAll {
        if ($script:endpoint) { Stop-TestEndpoint -Endpoint $script:endpoint }
    }

    It 'runs Start -> Wait -> Get from a session that sees only the clean path and PowerShell''s own modules' {
        $separator = [System.IO.Path]::PathSeparator
        $modulePath = "$cleanModules$separator$(Join-Path $PSHOME 'Modules')"
        $output = Invoke-ChildPwsh -Command @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$modulePath'
`$conn = @{ EndpointUrl = '$($endpoint.Url)'; AccessKey = '$($endpoint.AccessKey)'; SecretKey = '$($endpoint.SecretKey)'; Region = 'us-east-1' }
# Autoloading: the first cmdlet call imports the module by name from PSModulePath.
`$job = Start-TextractAnalysis -Path '$($sample.Pdf)' -UploadUri s3://pkg-input/inbox/ -Feature Tables, Forms -OutputUri s3://pkg-output/textract/ -KmsKeyId alias/pkg @conn
'MODULEBASE=' + (Get-Module TextractTools).ModuleBase
`$done = `$job | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @conn
'STATUS=' + `$done.Status
`$done | Get-TextractOutput -As Line @conn | ForEach-Object { 'LINE=' + `$_.Text }
"@
        $text = @($output | ForEach-Object { "$_" })
        $moduleBase = ($text | Where-Object { $_ -like 'MODULEBASE=*' }) -replace '^MODULEBASE='
        [System.IO.Path]::GetFullPath($moduleBase) | Should -Be ([System.IO.Path]::GetFullPath($installed)) -Because ($text -join "`n")
        $text | Should -Contain 'STATUS=SUCCEEDED'
        @($text | Where-Object { $_ -like 'LINE=*' } | ForEach-Object { $_.Substring(5) }) | Should -Be $expectedLines
    }
}
