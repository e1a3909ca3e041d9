# The main flow against real AWS. Skipped unless the user supplies where to run:
#   TEXTRACTTOOLS_TEST_BUCKET   a bucket in the region (input and output are written under textracttools-test/)
#   TEXTRACTTOOLS_TEST_KMS_KEY  a KMS key (id, ARN or alias) the caller may use
#   plus credentials and a region as for any AWS client (AWS_PROFILE / AWS_ACCESS_KEY_ID..., AWS_REGION).
BeforeDiscovery {
    $script:realAws = [bool]($env:TEXTRACTTOOLS_TEST_BUCKET -and $env:TEXTRACTTOOLS_TEST_KMS_KEY)
}

Describe 'Start -> Wait -> Get on real AWS' -Skip:(-not $realAws) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        Import-Module (Get-TestModulePath) -Force
        $script:bucket = $env:TEXTRACTTOOLS_TEST_BUCKET
        $script:key = $env:TEXTRACTTOOLS_TEST_KMS_KEY
        $script:sample = New-SampleDocument -Folder (Join-Path $TestDrive 'sample')
        $script:job = Start-TextractAnalysis -Path $sample.Pdf -UploadUri "s3://$bucket/textracttools-test/in/" -Feature Tables, Forms `
            -OutputUri "s3://$bucket/textracttools-test/out/" -KmsKeyId $key -Preflight
        $script:finished = $job | Wait-TextractJob -TimeoutSec 900
    }

    It 'finishes the job' {
        $finished.Status | Should -Be 'SUCCEEDED'
        $finished.Pages | Should -Be 2
    }

    It 'reads the sample''s text from the output bucket' {
        $lines = $finished | Get-TextractOutput -As Line -Source S3 -ExpectedKmsKeyId $key
        ($lines.Text -join "`n") | Should -BeLike '*TextractTools Sample Co.*'
    }

    It 'finds the table and the key-value pairs' {
        ($finished | Get-TextractOutput -As TableRow | Select-Object -First 1).PSObject.Properties.Name | Should -Contain 'Item'
        ($finished | Get-TextractOutput -As KeyValue).Key | Should -Contain 'Invoice Number:'
    }

    It 'encrypted every output object under the key' {
        Test-TextractOutputEncryption -S3Uri $finished.OutputLocation -KmsKeyId $key | ForEach-Object { $_.IsExpected | Should -BeTrue }
    }
}
