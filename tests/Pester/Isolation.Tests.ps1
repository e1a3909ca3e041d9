BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:modulePath = Get-TestModulePath
    $script:tools = if ($env:TEXTRACTTOOLS_TOOLS) { $env:TEXTRACTTOOLS_TOOLS } else { Join-Path (Split-Path (Split-Path $PSScriptRoot)) '.tools/packages' }
    $script:endpoint = Start-TestEndpoint -Bucket 'iso' -KeyAlias 'alias/iso' -JobSeconds 1
    $script:sample = New-SampleDocument -Folder (Join-Path $TestDrive 'sample')
}

AfterAll { if ($script:endpoint) { Stop-TestEndpoint $script:endpoint } }

# AWSSDK.Core 3.7 (assembly version 3.3.0.0) as AWS.Tools 4.x loads it, and 4.0 (assembly version 4.0.0.0) as AWS.Tools 5.x
# does: without isolation the first fails the import, the second binds our clients to the older Core.
Describe 'A session that already holds AWSSDK.Core <Version>' -Skip:($PSEdition -ne 'Core') -ForEach @(
    @{ Version = '3.7.402'; AssemblyVersion = '3.3.0.0' }
    @{ Version = '4.0.102.19'; AssemblyVersion = '4.0.0.0' }
) {
    BeforeAll {
        $script:otherCore = Get-ChildItem (Join-Path $tools "awssdk.core/$Version/lib") -Recurse -Filter AWSSDK.Core.dll |
            Where-Object { $_.Directory.Name -in 'net8.0', 'netcoreapp3.1', 'netstandard2.0' } | Sort-Object { $_.Directory.Name -ne 'net8.0' } | Select-Object -First 1
    }

    It 'finds the conflicting AWSSDK.Core package' {
        $otherCore | Should -Not -BeNullOrEmpty
    }

    It 'imports the module and runs Start -> Wait -> Get beside it (<Order>)' -ForEach @(
        @{ Order = 'the other Core loaded first'; OtherFirst = $true }
        @{ Order = 'the module imported first'; OtherFirst = $false }
    ) {
        $e = $endpoint
        $loadOther = @"
`$other = [System.Reflection.Assembly]::LoadFrom('$($otherCore.FullName)')
# The other Core must stay usable too (AWS.Tools' own clients): make one of its credential objects.
`$null = [Activator]::CreateInstance(`$other.GetType('Amazon.Runtime.BasicAWSCredentials', `$true), [object[]]@('AKID', 'secret'))
"@
        $importModule = "Import-Module '$modulePath'"
        $first, $second = if ($OtherFirst) { $loadOther, $importModule } else { $importModule, $loadOther }
        $script = @"
`$ErrorActionPreference = 'Stop'
$first
$second
`$conn = @{ EndpointUrl = '$($e.Url)'; AccessKey = '$($e.AccessKey)'; SecretKey = '$($e.SecretKey)'; Region = 'us-east-1' }
`$lines = Start-TextractAnalysis -Path '$($sample.Pdf)' -UploadUri 's3://iso/in/' -OutputUri 's3://iso/out/' -KmsKeyId 'alias/iso' @conn |
    Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @conn | Get-TextractOutput -As Line @conn
`$defaultCore = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'AWSSDK.Core' } |
    ForEach-Object { `$_.GetName().Version.ToString() + '@' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name }
[pscustomobject]@{ Lines = @(`$lines).Count; Cores = @(`$defaultCore) } | ConvertTo-Json -Compress
"@
        $output = Invoke-ChildPwsh -Command $script
        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
        $result = ($output | Select-Object -Last 1) | ConvertFrom-Json
        $result.Lines | Should -BeGreaterThan 0
        # Both Cores are loaded side by side: AWS.Tools' in the default context, ours in the module's own.
        $result.Cores | Should -Contain "$AssemblyVersion@Default"
        ($result.Cores | Where-Object { $_ -like '4.*@TextractTools' }) | Should -Not -BeNullOrEmpty
    }
}
