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

    It 'loads its AWSSDK assemblies outside the default load context on PowerShell 7' -Skip:($PSEdition -ne 'Core') {
        $ours = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'TextractTools' }
        $ours | Should -Not -BeNullOrEmpty
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($ours[0]).Name | Should -Be 'TextractTools'
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
        $errors = $null
        $jobs = Start-TextractAnalysis @Arguments @nowhere -ErrorVariable errors -ErrorAction SilentlyContinue
        $jobs | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].Exception.Message | Should -BeLike $Message
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}
