# Shared by the Pester tests: starts and stops the local endpoint, and tells where the built module and samples are.

function Get-TestModulePath {
    if ($env:TEXTRACTTOOLS_MODULE) { return $env:TEXTRACTTOOLS_MODULE }
    $root = Split-Path (Split-Path $PSScriptRoot)
    $manifest = Import-PowerShellDataFile (Join-Path $root 'TextractTools.psd1')
    Join-Path $root "output/TextractTools/$($manifest.ModuleVersion)/TextractTools.psd1"
}

function Get-TestEndpointPath {
    if ($env:TEXTRACTTOOLS_ENDPOINT) { return $env:TEXTRACTTOOLS_ENDPOINT }
    Join-Path (Split-Path (Split-Path $PSScriptRoot)) 'output/LocalEndpoint'
}

function Get-SharedSamplesPath {
    # The real Textract samples live beside the repository (../shared/textract-samples); tests that need them skip without.
    if ($env:TEXTRACT_SAMPLES -and (Test-Path $env:TEXTRACT_SAMPLES)) { return $env:TEXTRACT_SAMPLES }
    $dir = $PSScriptRoot
    while ($dir) {
        $candidate = Join-Path $dir 'shared/textract-samples'
        if (Test-Path $candidate) { return $candidate }
        $parent = Split-Path $dir
        if ($parent -eq $dir) { break }
        $dir = $parent
    }
    $null
}

function Start-TestEndpoint {
    <#
    .SYNOPSIS
        Starts the local endpoint on a free port and returns how to reach it.
    #>
    param(
        [string[]] $Bucket = @(),
        [string[]] $KeyAlias = @(),
        [double] $JobSeconds = 1,
        [string[]] $ExtraArguments = @(),
        # A policy file (see src/TextractTools.LocalEndpoint/POLICY.md): its principals are checked, the pair above stays an administrator.
        [string] $PolicyFile
    )
    $accessKey = 'AKIDPESTER' + (Get-Random -Maximum 99999)
    $secretKey = [guid]::NewGuid().ToString('N')
    $arguments = @((Join-Path (Get-TestEndpointPath) 'TextractTools.LocalEndpoint.dll'), '--port', '0',
        '--access-key', $accessKey, '--secret-key', $secretKey, '--job-seconds', "$JobSeconds")
    foreach ($b in $Bucket) { $arguments += @('--create-bucket', $b) }
    foreach ($k in $KeyAlias) { $arguments += @('--create-key', $k) }
    $samples = Get-SharedSamplesPath
    if ($samples) { $arguments += @('--replay', $samples) }
    if ($PolicyFile) { $arguments += @('--policy', $PolicyFile) }
    $arguments += $ExtraArguments

    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in $arguments) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $read = $process.StandardOutput.ReadLineAsync()
    if (-not $read.Wait([TimeSpan]::FromSeconds(60))) {
        $process.Kill($true)
        throw 'The local endpoint did not say where it listens within 60 s.'
    }
    $line = $read.Result
    if ($line -notmatch 'Listening on (\S+)') {
        $process.Kill($true)
        throw "The local endpoint did not start: '$line'"
    }
    $url = $Matches[1]
    [pscustomobject]@{
        Url        = $url
        Process    = $process
        AccessKey  = $accessKey
        SecretKey  = $secretKey
        Region     = 'us-east-1'
        # Splat onto any TextractTools cmdlet: @endpoint.Connection
        Connection = @{ EndpointUrl = $url; AccessKey = $accessKey; SecretKey = $secretKey; Region = 'us-east-1' }
    }
}

function Stop-TestEndpoint {
    param([Parameter(Mandatory)] $Endpoint)
    if ($Endpoint.Process.HasExited) { return }
    try { $Endpoint.Process.StandardInput.Close() } catch { }
    if (-not $Endpoint.Process.WaitForExit(10000)) { $Endpoint.Process.Kill($true) }
}

function New-SampleDocument {
    <#
    .SYNOPSIS
        Writes the project's own sample (PDF and its recorded analysis) into a folder and returns their paths.
    #>
    param([Parameter(Mandatory)] [string] $Folder)
    New-Item -ItemType Directory -Path $Folder -Force | Out-Null
    & dotnet (Join-Path (Get-TestEndpointPath) 'TextractTools.LocalEndpoint.dll') write-sample $Folder | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "write-sample failed with exit code $LASTEXITCODE" }
    [pscustomobject]@{
        Pdf      = Join-Path $Folder 'textracttools-sample.pdf'
        Analysis = Join-Path $Folder 'textracttools-sample.pdf.analysis.json'
    }
}

function Invoke-ChildPwsh {
    <#
    .SYNOPSIS
        Runs a script in a new PowerShell process (this same PowerShell, installed or run as a dotnet tool); returns its output.
    #>
    param([Parameter(Mandatory)] [string] $Command)
    $pwsh = Get-PwshCommand
    $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($Command))
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1
}

function Get-PwshCommand {
    # The program and leading arguments that start this same PowerShell (see build/Get-PwshCommand.ps1).
    & (Join-Path (Split-Path (Split-Path $PSScriptRoot)) 'build/Get-PwshCommand.ps1')
}

Export-ModuleMember -Function *
