BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:endpoint = Start-TestEndpoint -Bucket 'e2e-input', 'e2e-output' -KeyAlias 'alias/e2e' -JobSeconds 1
    $script:conn = $script:endpoint.Connection
    $script:work = Join-Path $TestDrive 'sample'
    $script:sample = New-SampleDocument -Folder $script:work
    $script:recorded = Get-Content -Raw $script:sample.Analysis | ConvertFrom-Json
    $script:expectedLines = @($script:recorded.Blocks | Where-Object BlockType -eq 'LINE' | ForEach-Object Text)
}

AfterAll {
    if ($script:endpoint) { Stop-TestEndpoint -Endpoint $script:endpoint }
}

Describe 'Start -> Wait -> Get on the sample with OutputConfig and a KMS key' {
    BeforeAll {
        $script:job = Start-TextractAnalysis -Path $script:sample.Pdf -UploadUri 's3://e2e-input/docs/' -Feature Tables, Forms `
            -OutputUri 's3://e2e-output/textract/' -KmsKeyId 'alias/e2e' @conn
        $script:finished = $script:job | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @conn
    }

    It 'returns a job describing what was started' {
        $job.JobId | Should -Match '^[A-Za-z0-9_-]{1,64}$'
        $job.Kind | Should -Be 'DocumentAnalysis'
        $job.Features | Should -Be @('Tables', 'Forms')
        $job.OutputUri | Should -Be 's3://e2e-output/textract'
        $job.KmsKeyId | Should -Be 'alias/e2e'
        $job.Document | Should -BeLike 's3://e2e-input/docs/*/textracttools-sample.pdf'
    }

    It 'waits until the job succeeds' {
        $finished.Status | Should -Be 'SUCCEEDED'
        $finished.Pages | Should -Be 2
        $finished.CompletedAt | Should -Not -BeNullOrEmpty
    }

    It 'reads every line of the document, in order, from the output bucket' {
        $lines = $finished | Get-TextractOutput -As Line -Source S3 @conn
        @($lines.Text) | Should -Be $expectedLines
    }

    It 'reads the same lines through the Get API' {
        $lines = $finished | Get-TextractOutput -As Line -Source Api @conn
        @($lines.Text) | Should -Be $expectedLines
    }

    It 'streams shapes from the API and the bucket as the full read gives them, and stops reading when the pipeline has enough' {
        $document = $finished | Get-TextractOutput -As Document -Source Api @conn
        foreach ($source in 'Api', 'S3') {
            @(($finished | Get-TextractOutput -As Word -Source $source @conn).Id) | Should -Be @($document.Words.Id)
            @(($finished | Get-TextractOutput -As TableRow -Source $source @conn).Amount) | Should -Be @($document.Tables[0].GetRows() | ForEach-Object { $_['Amount'] })
            $finished | Get-TextractOutput -As Text -Source $source @conn | Should -BeExactly $document.Text
        }
        # Select-Object stops the pipeline after three words; the command returns, and the next read works.
        @($finished | Get-TextractOutput -As Word -Source Api @conn | Select-Object -First 3).Count | Should -Be 3
        @($finished | Get-TextractOutput -As Line -Source S3 @conn).Count | Should -Be $expectedLines.Count
        # What the pipeline throws is the pipeline's, not a failure to read the job.
        { $finished | Get-TextractOutput -As Line -Source Api @conn | ForEach-Object { throw 'downstream broke' } } | Should -Throw 'downstream broke'
    }

    It 'hands out nothing of a whole read that turns out incomplete, and the streamed shapes only what came before the error' {
        # The job as saved elsewhere, claiming more pages than its output describes.
        $short = $finished | Select-Object JobId, Kind, Status, Document, OutputLocation, Region, EndpointUrl, @{ n = 'Pages'; e = { 5 } }
        $errors = $null
        $short | Get-TextractOutput -As Document -Source S3 @conn -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        "$($errors[0])" | Should -BeLike '*describes 2 page(s), but the job reported 5*'
        $tables = Join-Path $TestDrive 'short-tables'
        $short | Export-TextractTable -Path $tables @conn -ErrorAction SilentlyContinue
        @(Get-ChildItem $tables -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
        $errors = $null
        $lines = $short | Get-TextractOutput -As Line -Source S3 @conn -ErrorVariable errors -ErrorAction SilentlyContinue
        @($lines.Text) | Should -Be $expectedLines
        "$($errors[0])" | Should -BeLike '*describes 2 page(s), but the job reported 5*'
    }

    It 'writes numbered output objects, each SSE-KMS under the job key' {
        $objects = Test-TextractOutputEncryption -S3Uri $finished.OutputLocation -KmsKeyId 'alias/e2e' @conn
        $numbered = @($objects | Where-Object { ($_.Key -split '/')[-1] -match '^\d+$' })
        $numbered.Count | Should -BeGreaterThan 0
        $objects.Key | Should -Contain ("textract/$($finished.JobId)/.s3_access_check")
        foreach ($o in $numbered) {
            $o.Encryption | Should -Be 'aws:kms'
            $o.IsExpected | Should -BeTrue
        }
    }

    It 'refuses output that is not SSE-KMS under the expected key' {
        # The same document without -KmsKeyId: Textract writes SSE-S3 output.
        $plain = Start-TextractAnalysis -Path $script:sample.Pdf -UploadUri 's3://e2e-input/docs/' -Feature Tables `
            -OutputUri 's3://e2e-output/plain/' @conn | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @conn
        $errors = $null
        $lines = $plain | Get-TextractOutput -As Line -Source S3 -ExpectedKmsKeyId 'alias/e2e' @conn -ErrorVariable errors -ErrorAction SilentlyContinue
        $lines | Should -BeNullOrEmpty
        $errors[0].Exception.Message | Should -BeLike '*not SSE-KMS under*'
        # And the job's own output passes the same check.
        ($finished | Get-TextractOutput -As Line -Source S3 -ExpectedKmsKeyId 'alias/e2e' @conn).Count | Should -Be $expectedLines.Count
    }

    It 'starts no second job when the same document is started again' {
        $again = Start-TextractAnalysis -Path $script:sample.Pdf -UploadUri 's3://e2e-input/docs/' -Feature Tables, Forms `
            -OutputUri 's3://e2e-output/textract/' -KmsKeyId 'alias/e2e' @conn
        $again.JobId | Should -Be $job.JobId
    }

    It 'starts nothing with -WhatIf' {
        $result = Start-TextractAnalysis -S3Uri 's3://e2e-input/nothing.pdf' -Feature Tables -WhatIf @conn
        $result | Should -BeNullOrEmpty
    }
}

Describe 'Credentials' {
    It 'reports a wrong secret key as the service does' {
        $bad = $conn.Clone()
        $bad.SecretKey = 'not-the-secret'
        $errors = $null
        $null = Start-TextractAnalysis -S3Uri 's3://e2e-input/x.pdf' @bad -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidSignatureException*'
        $errors[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
    }
}

Describe 'Failures reach the user' {
    It 'reports a missing input document with the service code' {
        $errors = $null
        $null = Start-TextractAnalysis -S3Uri 's3://e2e-input/missing.pdf' @conn -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidS3ObjectException*'
        $errors[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'stops waiting at -TimeoutSec and says how to resume' {
        $slow = Start-TestEndpoint -Bucket 'slow' -JobSeconds 600
        try {
            $sc = $slow.Connection
            $job = Start-TextractAnalysis -Path $script:sample.Pdf -UploadUri 's3://slow/' @sc
            $errors = $null
            $out = $job | Wait-TextractJob -TimeoutSec 1 -PollIntervalSec 0.2 @sc -ErrorVariable errors -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'TextractJobTimeout*'
            $errors[0].ErrorDetails.RecommendedAction | Should -BeLike "*Wait-TextractJob -JobId $($job.JobId)*"
        }
        finally { Stop-TestEndpoint $slow }
    }
}
