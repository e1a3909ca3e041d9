BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:modulePath = Get-TestModulePath
    $tools = if ($env:TEXTRACTTOOLS_TOOLS) { $env:TEXTRACTTOOLS_TOOLS } else { Join-Path (Split-Path (Split-Path $PSScriptRoot)) '.tools/packages' }
    # AWSSDK.Core 3.7 (assembly version 3.3.0.0), as AWS.Tools 4.x loads it.
    $script:otherCore = Get-ChildItem (Join-Path $tools 'awssdk.core/3.7.402/lib') -Recurse -Filter AWSSDK.Core.dll |
        Where-Object { $_.Directory.Name -in 'netcoreapp3.1', 'net8.0', 'netstandard2.0' } | Select-Object -First 1
    $script:endpoint = Start-TestEndpoint -Bucket 'iso' -KeyAlias 'alias/iso' -JobSeconds 1
    $script:sample = New-SampleDocument -Folder (Join-Path $TestDrive 'sample')
}

AfterAll { if ($script:endpoint) { Stop-TestEndpoint $script:endpoint } }

Describe 'A session that already holds another AWSSDK.Core' -Skip:($PSEdition -ne 'Core') {
    It 'finds the conflicting AWSSDK.Core package' {
        $otherCore | Should -Not -BeNullOrEmpty
    }

    It 'imports the module and runs Start -> Wait -> Get beside it' {
        $e = $endpoint
        $script = @"
`$ErrorActionPreference = 'Stop'
`$other = [System.Reflection.Assembly]::LoadFrom('$($otherCore.FullName)')
Import-Module '$modulePath'
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
        $result.Cores | Should -Contain '3.3.0.0@Default'
        ($result.Cores | Where-Object { $_ -like '4.*@TextractTools' }) | Should -Not -BeNullOrEmpty
    }
}
