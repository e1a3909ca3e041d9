BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:manifestPath = Get-TestModulePath
    Import-Module $script:manifestPath -Force
}

Describe 'The built module' {
    It 'exports exactly the cmdlets its manifest names' {
        $manifest = Import-PowerShellDataFile $script:manifestPath
        $exported = (Get-Module TextractTools).ExportedCmdlets.Keys | Sort-Object
        $exported | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'keeps its cmdlets after Import-Module -Force' {
        Import-Module $script:manifestPath -Force
        (Get-Command -Module TextractTools).Name | Should -Contain 'Start-TextractAnalysis'
    }

    It 'uses approved verbs and declares an output type on every cmdlet' {
        $approved = (Get-Verb).Verb
        foreach ($command in Get-Command -Module TextractTools) {
            $approved | Should -Contain $command.Verb
            $command.OutputType.Count | Should -BeGreaterThan 0 -Because "$($command.Name) should declare [OutputType]"
        }
    }

    It 'offers -WhatIf on Start-TextractAnalysis' {
        (Get-Command Start-TextractAnalysis).Parameters.Keys | Should -Contain 'WhatIf'
    }

    It 'loads the engine and its AWSSDK outside the default load context on PowerShell 7, at the first command' -Skip:($PSEdition -ne 'Core') {
        # Any command that reaches the engine: reading a saved output that does not exist fails inside the engine.
        Get-TextractOutput -Path (Join-Path $TestDrive 'absent.json') -ErrorAction SilentlyContinue
        $contextOf = @{}
        foreach ($assembly in [System.AppDomain]::CurrentDomain.GetAssemblies()) {
            $name = $assembly.GetName().Name
            if ($name -like 'TextractTools*') { $contextOf[$name] = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name }
        }
        # The cmdlets are the module's root, in PowerShell's context; the engine (and with it our AWSSDK) in the module's own.
        $contextOf['TextractTools'] | Should -Be 'Default'
        $contextOf['TextractTools.Engine'] | Should -Be 'TextractTools'
        $ourCore = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' -and $_.Location -like "$(Split-Path $manifestPath)*" }
        $ourCore | Should -Not -BeNullOrEmpty
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($ourCore[0]).Name | Should -Be 'TextractTools'
    }

    It 'loads neither the engine nor any AWSSDK assembly on import' {
        # A fresh process: this one has run commands already. Import must stay cheap (bench/import); the engine loads at
        # the first command that needs it.
        $script = @"
Import-Module '$manifestPath' -ErrorAction Stop
`$null = Get-Command Start-TextractAnalysis -Module TextractTools
@([System.AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { `$_.GetName().Name } | Where-Object { `$_ -like 'TextractTools*' -or `$_ -like 'AWSSDK*' }) -join ','
"@
        $output = Invoke-ChildPwsh -Command $script
        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
        ($output | Select-Object -Last 1) | Should -Be 'TextractTools'
    }

    It 'shows parameters typed by the engine before any command has run (Get-Command, Get-Help, completion)' {
        # Reading a cmdlet's parameters is the first thing that needs the engine here: its resolver must find it.
        $script = @"
Import-Module '$manifestPath' -ErrorAction Stop
(Get-Command Get-TextractOutput).Parameters['MergedCells'].ParameterType.FullName
"@
        $output = Invoke-ChildPwsh -Command $script
        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
        ($output | Select-Object -Last 1) | Should -Be 'TextractTools.Engine.Document.MergedCellMode'
    }
}

Describe 'The cmdlet assembly (the root module)' {
    BeforeAll { $script:cmdletAssembly = Join-Path (Split-Path $manifestPath) 'TextractTools.dll' }

    It 'names no AWSSDK assembly: only PowerShell, netstandard and the engine' {
        # Were it to name one, the runtime would bind it in the default context, to whatever AWSSDK AWS.Tools loaded there.
        $output = Invoke-ChildPwsh -Command "[System.Reflection.Assembly]::LoadFile('$cmdletAssembly').GetReferencedAssemblies().Name -join ','"
        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
        (($output | Select-Object -Last 1) -split ',' | Sort-Object) | Should -Be @('netstandard', 'System.Management.Automation', 'TextractTools.Engine')
    }

    It 'lists its public types where the engine cannot be found (as PowerShell does before the module initializer runs)' -Skip:($PSEdition -ne 'Core') {
        # A field of an engine value type, or a generic method constrained to an engine type, would make this load the engine.
        $script = @"
`$context = [System.Runtime.Loader.AssemblyLoadContext]::new('without-engine')
`$assembly = `$context.LoadFromAssemblyPath('$cmdletAssembly')
try { `$assembly.GetExportedTypes().Count } catch { 'failed: ' + `$_.Exception.InnerException.Message }
"@
        $output = Invoke-ChildPwsh -Command $script
        ($output | Select-Object -Last 1) | Should -Match '^\d+$' -Because ($output | Out-String)
    }
}

Describe 'Bad input is refused before any AWS call' {
    # An endpoint on a closed port: any call would fail with a connection error, so a validation message proves none was made.
    BeforeAll { $script:nowhere = @{ EndpointUrl = 'http://127.0.0.1:9/'; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'secret' } }

    It 'rejects <Name>' -ForEach @(
        @{ Name = 'a URI that is not s3://'; Arguments = @{ S3Uri = 'https://bucket/key.pdf' }; Message = '*must start with s3://*' }
        @{ Name = 'an upper-case bucket'; Arguments = @{ S3Uri = 's3://My_Bucket/key.pdf' }; Message = '*lowercase*' }
        @{ Name = 'a folder instead of a document'; Arguments = @{ S3Uri = 's3://bucket/folder/' }; Message = '*not a document*' }
        @{ Name = 'a bad job tag'; Arguments = @{ S3Uri = 's3://bucket/a.pdf'; JobTag = 'has spaces' }; Message = '*-JobTag*' }
        @{ Name = 'a bad KMS key'; Arguments = @{ S3Uri = 's3://bucket/a.pdf'; KmsKeyId = '-nope' }; Message = '*-KmsKeyId*' }
        @{ Name = 'an output prefix without bucket'; Arguments = @{ S3Uri = 's3://bucket/a.pdf'; OutputPrefix = 'out' }; Message = '*-OutputPrefix*' }
        @{ Name = 'queries without text'; Arguments = @{ S3Uri = 's3://bucket/a.pdf'; Query = @(@{ Alias = 'x' }) }; Message = '*Text*' }
        @{ Name = 'a topic without role'; Arguments = @{ S3Uri = 's3://bucket/a.pdf'; NotificationTopicArn = 'arn:aws:sns:us-east-1:123456789012:t' }; Message = '*NotificationRoleArn*' }
    ) {
        # A wrong option stops the command (it would fail every document); a wrong document is one error among the pipeline's.
        $errors = $null
        $jobs = try { Start-TextractAnalysis @Arguments @nowhere -ErrorVariable errors -ErrorAction SilentlyContinue } catch { $errors = @($_) }
        $jobs | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].Exception.Message | Should -BeLike $Message
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}
