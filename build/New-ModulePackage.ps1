<#
.SYNOPSIS
    Packs a built module folder into <Name>.<Version>.nupkg for a PowerShell repository (the Gallery, a file share).
.DESCRIPTION
    The package is what Publish-PSResource would upload: the module's files at the package root and a .nuspec whose
    id, version, authors, description, tags, license and project URLs and release notes come from the module
    manifest, so the manifest stays the one place they live.
    With Microsoft.PowerShell.PSResourceGet 1.1 or later (PowerShell 7.4+ ships it) Compress-PSResource makes the
    package, validating the manifest the way publishing does. Elsewhere (Windows PowerShell 5.1 without it) the
    package is assembled here: .nuspec, [Content_Types].xml and the files, which PowerShellGet and PSResourceGet
    both install.
.EXAMPLE
    ./build/New-ModulePackage.ps1 -ModuleFolder ./output/TextractTools/0.1.0 -OutputFolder ./output
#>
[CmdletBinding()]
[OutputType([System.IO.FileInfo])]
param(
    # The built module: the folder that holds <Name>.psd1.
    [Parameter(Mandatory)] [string] $ModuleFolder,

    # Where <Name>.<Version>.nupkg goes.
    [Parameter(Mandatory)] [string] $OutputFolder,

    # Assemble the package here even when Compress-PSResource is available (the fallback's own test).
    [switch] $WithoutPSResourceGet
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$ModuleFolder = (Resolve-Path $ModuleFolder).Path
$manifestFile = Get-ChildItem -Path $ModuleFolder -Filter *.psd1 | Select-Object -First 1
if (-not $manifestFile) { throw "No module manifest (*.psd1) in $ModuleFolder." }
$name = $manifestFile.BaseName
$manifest = Import-PowerShellDataFile $manifestFile.FullName
$version = $manifest.ModuleVersion
New-Item -ItemType Directory -Path $OutputFolder -Force | Out-Null
$OutputFolder = (Resolve-Path $OutputFolder).Path
$packagePath = Join-Path $OutputFolder "$name.$version.nupkg"
if (Test-Path $packagePath) { Remove-Item $packagePath -Force }

function Get-PSData {
    param([hashtable] $Manifest, [string] $Key)
    if ($Manifest.ContainsKey('PrivateData') -and $Manifest.PrivateData.ContainsKey('PSData') -and $Manifest.PrivateData.PSData.ContainsKey($Key)) {
        $Manifest.PrivateData.PSData[$Key]
    }
}

function Assert-GalleryReady {
    # What the Gallery asks of a manifest, checked before anything is packed.
    param([hashtable] $Manifest)
    $missing = @(
        foreach ($key in 'ModuleVersion', 'GUID', 'Author', 'Description', 'PowerShellVersion', 'CompatiblePSEditions') {
            if (-not $Manifest.ContainsKey($key) -or -not $Manifest[$key]) { $key }
        }
        foreach ($key in 'Tags', 'LicenseUri', 'ProjectUri', 'ReleaseNotes') {
            if (-not (Get-PSData $Manifest $key)) { "PrivateData.PSData.$key" }
        }
    )
    if ($missing) { throw "The manifest lacks what the PowerShell Gallery needs: $($missing -join ', ')." }
    foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'AliasesToExport', 'VariablesToExport') {
        if ($Manifest.ContainsKey($key) -and (@($Manifest[$key]) -match '\*')) {
            throw "$key has a wildcard: list the names exactly (command discovery and the Gallery need them)."
        }
    }
}

function New-Nuspec {
    param([hashtable] $Manifest, [string] $Id)
    $ns = 'http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd'
    $xml = [System.Xml.XmlDocument]::new()
    $xml.AppendChild($xml.CreateXmlDeclaration('1.0', 'utf-8', $null)) | Out-Null
    $package = $xml.AppendChild($xml.CreateElement('package', $ns))
    $metadata = $package.AppendChild($xml.CreateElement('metadata', $ns))
    $tags = @(Get-PSData $Manifest 'Tags') + @('PSModule') +
        @($Manifest.CmdletsToExport | ForEach-Object { "PSCmdlet_$_"; "PSCommand_$_" }) +
        @($Manifest.FunctionsToExport | ForEach-Object { "PSFunction_$_"; "PSCommand_$_" })
    $fields = [ordered]@{
        id                       = $Id
        version                  = $Manifest.ModuleVersion
        authors                  = $Manifest.Author
        owners                   = $(if ($Manifest.CompanyName) { $Manifest.CompanyName } else { $Manifest.Author })
        requireLicenseAcceptance = 'false'
        licenseUrl               = Get-PSData $Manifest 'LicenseUri'
        projectUrl               = Get-PSData $Manifest 'ProjectUri'
        description              = $Manifest.Description
        releaseNotes             = Get-PSData $Manifest 'ReleaseNotes'
        copyright                = $Manifest.Copyright
        tags                     = ($tags | Where-Object { $_ } | Select-Object -Unique) -join ' '
    }
    foreach ($field in $fields.GetEnumerator()) {
        if (-not $field.Value) { continue }
        $element = $metadata.AppendChild($xml.CreateElement($field.Key, $ns))
        $element.InnerText = [string]$field.Value
    }
    $xml
}

function New-PackageByHand {
    # A nupkg is a zip: the .nuspec and [Content_Types].xml at the root beside the module's own files.
    param([string] $Folder, [string] $Id, [hashtable] $Manifest, [string] $Destination)
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    $zip = [System.IO.Compression.ZipFile]::Open($Destination, [System.IO.Compression.ZipArchiveMode]::Create)
    try {
        $extensions = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
        foreach ($file in Get-ChildItem -Path $Folder -Recurse -File) {
            $relative = $file.FullName.Substring($Folder.TrimEnd([char[]]'\/').Length + 1).Replace('\', '/')
            [System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($zip, $file.FullName, $relative) | Out-Null
            if ($file.Extension) { $extensions.Add($file.Extension.TrimStart('.')) | Out-Null }
        }
        $nuspec = New-Nuspec -Manifest $Manifest -Id $Id
        $entry = $zip.CreateEntry("$Id.nuspec")
        $stream = $entry.Open()
        try { $nuspec.Save($stream) } finally { $stream.Dispose() }

        $extensions.Add('nuspec') | Out-Null
        $types = '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
            (($extensions | Sort-Object | ForEach-Object { "<Default Extension=`"$_`" ContentType=`"application/octet`" />" }) -join '') + '</Types>'
        $entry = $zip.CreateEntry('[Content_Types].xml')
        $writer = [System.IO.StreamWriter]::new($entry.Open(), [System.Text.UTF8Encoding]::new($false))
        try { $writer.Write($types) } finally { $writer.Dispose() }
    }
    finally {
        $zip.Dispose()
    }
}

Assert-GalleryReady -Manifest $manifest
$compress = if (-not $WithoutPSResourceGet) { Get-Command Compress-PSResource -ErrorAction SilentlyContinue }
if ($compress) {
    # PSResourceGet names the package after the manifest; it must sit in a folder named after the module.
    $staging = Join-Path ([System.IO.Path]::GetTempPath()) ("$name-pack-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $stagedModule = Join-Path $staging $name
    try {
        New-Item -ItemType Directory -Path $stagedModule -Force | Out-Null
        Copy-Item -Path (Join-Path $ModuleFolder '*') -Destination $stagedModule -Recurse -Force
        Compress-PSResource -Path $stagedModule -DestinationPath $OutputFolder
    }
    finally {
        Remove-Item $staging -Recurse -Force -ErrorAction SilentlyContinue
    }
    if (-not (Test-Path $packagePath)) {
        $made = Get-ChildItem -Path $OutputFolder -Filter "$name.*.nupkg" | Sort-Object LastWriteTime | Select-Object -Last 1
        if (-not $made) { throw "Compress-PSResource made no package in $OutputFolder." }
        Move-Item $made.FullName $packagePath -Force
    }
}
else {
    New-PackageByHand -Folder $ModuleFolder -Id $name -Manifest $manifest -Destination $packagePath
}

Write-Host "Package: $packagePath" -ForegroundColor Green
Get-Item $packagePath
