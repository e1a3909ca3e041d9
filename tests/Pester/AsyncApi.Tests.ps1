# The asynchronous API in full (issue 4): every Start parameter, every error the user can meet, and the flows of an
# unattended script, against the local endpoint.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:endpoint = Start-TestEndpoint -Bucket 'api-in', 'api-out' -KeyAlias 'alias/api' -JobSeconds 1
    $script:conn = $endpoint.Connection
    $script:sample = New-SampleDocument -Folder (Join-Path $TestDrive 'sample')
    $script:recordedLines = @((Get-Content -Raw $sample.Analysis | ConvertFrom-Json).Blocks | Where-Object BlockType -eq 'LINE' | ForEach-Object Text)
    # One uploaded copy of the sample for the S3-based starts below.
    $script:uploaded = Start-TextractAnalysis -Path $sample.Pdf -UploadUri 's3://api-in/docs/' -JobTag 'upload' @conn
    $script:documentUri = $uploaded.Document
}

AfterAll { if ($script:endpoint) { Stop-TestEndpoint $script:endpoint } }

Describe 'Start-TextractAnalysis parameters' {
    It 'starts text detection when no feature is given' {
        $job = Start-TextractAnalysis -S3Uri $documentUri @conn
        $job.Kind | Should -Be 'TextDetection'
        $job.Features | Should -BeNullOrEmpty
        ($job | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @conn | Get-TextractOutput -As Line @conn).Text | Should -Be $recordedLines
    }

    It 'takes queries as strings and as hashtables, and returns their answers' {
        $job = Start-TextractAnalysis -S3Uri $documentUri -Query 'What is the invoice number?', @{ Text = 'Who is the customer?'; Alias = 'CUSTOMER'; Pages = '1' } @conn
        $job.Features | Should -Contain 'Queries'
        $answers = $job | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @conn | Get-TextractOutput -As Query @conn
        @($answers).Count | Should -Be 2
        ($answers | Where-Object Alias -eq 'CUSTOMER').Query | Should -Be 'Who is the customer?'
        # The local endpoint has no recorded answer to these questions: an unanswered query has an empty answer.
        $answers | ForEach-Object { $_.Answer | Should -BeNullOrEmpty }
    }

    It 'carries the job tag, output location and key on the job' {
        $job = Start-TextractAnalysis -S3Uri $documentUri -Feature Layout -JobTag 'nightly:run-1' -OutputBucket 'api-out' -OutputPrefix 'tagged' -KmsKeyId 'alias/api' @conn
        $job.JobTag | Should -Be 'nightly:run-1'
        $job.OutputUri | Should -Be 's3://api-out/tagged'
        $job.OutputLocation | Should -Be "s3://api-out/tagged/$($job.JobId)/"
        $job.KmsKeyId | Should -Be 'alias/api'
    }

    It 'binds AWS.Tools S3 objects (BucketName, Key) from the pipeline, many documents in one call' {
        $parsed = $documentUri -replace '^s3://api-in/', ''
        $objects = @(
            [pscustomobject]@{ BucketName = 'api-in'; Key = $parsed; ETag = '"etag-1"' }
            [pscustomobject]@{ BucketName = 'api-in'; Key = $parsed; ETag = '"etag-2"' }
        )
        $jobs = $objects | Start-TextractAnalysis -Feature Tables @conn
        @($jobs).Count | Should -Be 2
        # The ETag is part of the derived token: two versions of a document are two jobs.
        $jobs[0].JobId | Should -Not -Be $jobs[1].JobId
    }

    It 'binds FileInfo objects from Get-ChildItem' {
        $folder = Join-Path $TestDrive 'inbox'
        New-Item -ItemType Directory $folder | Out-Null
        Copy-Item $sample.Pdf (Join-Path $folder 'a.pdf')
        $job = Get-ChildItem $folder -Filter *.pdf | Start-TextractAnalysis -UploadUri 's3://api-in/inbox/' @conn
        $job.Document | Should -BeLike 's3://api-in/inbox/*/a.pdf'
    }

    It 'uses -ClientRequestToken as given: the same token and options give the same job' {
        $token = 'token-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $first = Start-TextractAnalysis -S3Uri $documentUri -Feature Forms -ClientRequestToken $token @conn
        $again = Start-TextractAnalysis -S3Uri $documentUri -Feature Forms -ClientRequestToken $token @conn
        $again.JobId | Should -Be $first.JobId
        $again.ClientRequestToken | Should -Be $token
    }

    It 'reports the same token with other options as IdempotentParameterMismatchException' {
        $token = 'token-' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $null = Start-TextractAnalysis -S3Uri $documentUri -Feature Forms -ClientRequestToken $token @conn
        $errors = $null
        $null = Start-TextractAnalysis -S3Uri $documentUri -Feature Tables -ClientRequestToken $token @conn -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'IdempotentParameterMismatchException*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'reports an unknown KMS key as InvalidKMSKeyException' {
        $errors = $null
        $null = Start-TextractAnalysis -S3Uri $documentUri -OutputUri 's3://api-out/x/' -KmsKeyId 'alias/no-such-key' @conn -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidKMSKeyException*'
        $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*KMS key*'
    }

    It 'refuses adapters without a feature, and bad adapter values, before any call' -ForEach @(
        @{ Adapter = @{ AdapterId = '123456789012'; Version = '1' }; Feature = @(); Message = '*-Adapter*' }
        @{ Adapter = @{ AdapterId = 'short'; Version = '1' }; Feature = @('Tables'); Message = '*AdapterId*' }
        @{ Adapter = @{ AdapterId = '123456789012' }; Feature = @('Tables'); Message = '*Version*' }
    ) {
        $errors = $null
        $nowhere = @{ EndpointUrl = 'http://127.0.0.1:9/'; Region = 'us-east-1'; AccessKey = 'A'; SecretKey = 'B' }
        # A wrong option stops the command before its first document (a terminating error).
        try { $null = Start-TextractAnalysis -S3Uri 's3://api-in/a.pdf' -Feature $Feature -Adapter $Adapter @nowhere -ErrorVariable errors -ErrorAction SilentlyContinue }
        catch { $errors = @($_) }
        $errors[0].Exception.Message | Should -BeLike $Message
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}

Describe 'Wait-TextractJob outcomes' {
    It 'turns a FAILED job into an error record with the service message' {
        $failing = Start-TestEndpoint -Bucket 'f-in' -JobSeconds 1 -ExtraArguments '--fault', 'Textract.Start*:fail=1'
        try {
            $fc = $failing.Connection
            $job = Start-TextractAnalysis -Path $sample.Pdf -UploadUri 's3://f-in/' @fc
            $errors = $null
            $out = $job | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @fc -ErrorVariable errors -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'TextractJobFailed*'
            $errors[0].Exception.Message | Should -BeLike '*FAILED*Injected*'
            $errors[0].TargetObject.JobId | Should -Be $job.JobId
        }
        finally { Stop-TestEndpoint $failing }
    }

    It 'outputs a PARTIAL_SUCCESS job with a warning naming the failed pages' {
        $partial = Start-TestEndpoint -Bucket 'p-in' -JobSeconds 1 -ExtraArguments '--fault', 'Textract.Start*:partial=1'
        try {
            $pc = $partial.Connection
            $job = Start-TextractAnalysis -Path $sample.Pdf -UploadUri 's3://p-in/' -Feature Tables @pc
            $warnings = $null
            $out = $job | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @pc -WarningVariable warnings -WarningAction SilentlyContinue
            $out.Status | Should -Be 'PARTIAL_SUCCESS'
            ($warnings -join ' ') | Should -BeLike '*PARTIAL_SUCCESS*pages 2*'
        }
        finally { Stop-TestEndpoint $partial }
    }

    It 'waits for many jobs at once and with -All emits them together' {
        $jobs = 1..3 | ForEach-Object { Start-TextractAnalysis -S3Uri $documentUri -Feature Tables -JobTag "many-$_" @conn }
        $done = $jobs | Wait-TextractJob -All -PollIntervalSec 0.2 -TimeoutSec 60 @conn
        @($done).Count | Should -Be 3
        $done | ForEach-Object { $_.Status | Should -Be 'SUCCEEDED' }
    }

    It 'waits for a job known only by its id' {
        $job = Start-TextractAnalysis -S3Uri $documentUri -Feature Signatures @conn
        $done = Wait-TextractJob -JobId $job.JobId -PollIntervalSec 0.2 -TimeoutSec 60 @conn
        $done.Status | Should -Be 'SUCCEEDED'
        $done.Kind | Should -Be 'DocumentAnalysis'
    }
}

Describe 'Get-TextractOutput from the output bucket' {
    BeforeAll {
        $script:finished = Start-TextractAnalysis -S3Uri $documentUri -Feature Tables, Forms -OutputUri 's3://api-out/bucket-read/' -KmsKeyId 'alias/api' @conn |
            Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @conn
    }

    It 'reads output of a job started elsewhere with -S3Uri, and keeps the raw pages with -SaveTo' {
        $saved = Join-Path $TestDrive 'saved'
        $lines = Get-TextractOutput -S3Uri $finished.OutputLocation -As Line -SaveTo $saved @conn
        $lines.Text | Should -Be $recordedLines
        (Get-ChildItem $saved).Name | Should -Contain '1'
        (Get-TextractOutput -Path $saved -As Line).Text | Should -Be $recordedLines
    }

    It 'reads a job after its Get window through the bucket' {
        $old = Start-TextractAnalysis -S3Uri $documentUri -Feature Forms -OutputUri 's3://api-out/old-jobs/' @conn |
            Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @conn
        # Let the job's 7-day Get window pass: the endpoint forgets it, its output stays in the bucket.
        $null = Invoke-WebRequest -Method Delete -Uri ($endpoint.Url + "_admin/jobs/$($old.JobId)")
        { $old | Get-TextractOutput -As Line -Source Api -ErrorAction Stop @conn -WarningAction SilentlyContinue } | Should -Not -Throw

        $warnings = $null
        $lines = $old | Get-TextractOutput -As Line -Source Api @conn -WarningVariable warnings -WarningAction SilentlyContinue
        ($warnings -join ' ') | Should -BeLike "*no longer knows job $($old.JobId)*reading its output from $($old.OutputLocation)*"
        $lines.Text | Should -Be $recordedLines
    }

    It 'reports an expired job without an output bucket clearly' {
        $gone = Start-TextractAnalysis -S3Uri $documentUri -Feature Tables -JobTag 'no-bucket' @conn | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @conn
        $null = Invoke-WebRequest -Method Delete -Uri ($endpoint.Url + "_admin/jobs/$($gone.JobId)")
        $errors = $null
        $lines = $gone | Get-TextractOutput -As Line @conn -ErrorVariable errors -ErrorAction SilentlyContinue
        $lines | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidJobIdException*'
        $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*older than 7 days*'
    }

    It 'reads the bucket by default (Auto) when the job has an output location' {
        $verbose = $finished | Get-TextractOutput -As Line @conn -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -BeLike "*Reading * output object(s) from $($finished.OutputLocation)*"
    }
}

Describe 'Credentials, region and endpoint' {
    It 'takes credentials and region from a profile file' {
        $file = Join-Path $TestDrive 'credentials'
        "[localtest]`naws_access_key_id = $($endpoint.AccessKey)`naws_secret_access_key = $($endpoint.SecretKey)`nregion = us-east-1`n" | Set-Content $file
        $job = Start-TextractAnalysis -S3Uri $documentUri -ProfileName localtest -ProfileLocation $file -EndpointUrl $endpoint.Url
        $job.JobId | Should -Not -BeNullOrEmpty
    }

    It 'follows the AWS.Tools session defaults ($StoredAWSRegion)' {
        $global:StoredAWSRegion = 'us-east-1'
        try {
            $job = Start-TextractAnalysis -S3Uri $documentUri -AccessKey $endpoint.AccessKey -SecretKey $endpoint.SecretKey -EndpointUrl $endpoint.Url
            $job.Region | Should -Be 'us-east-1'
        }
        finally { Remove-Variable -Name StoredAWSRegion -Scope Global }
    }

    It 'says where credentials came from on the debug stream, and never the secret' {
        $records = Start-TextractAnalysis -S3Uri $documentUri @conn -Debug -Verbose 5>&1 4>&1 2>&1 3>&1 6>&1 -ErrorAction SilentlyContinue
        $text = ($records | Out-String)
        $text | Should -BeLike '*AWS credentials from*'
        $text | Should -Not -BeLike "*$($endpoint.SecretKey)*"
    }

    It 'keeps the secret out of error messages' {
        $errors = $null
        $null = Start-TextractAnalysis -S3Uri $documentUri -AccessKey 'AKIDUNKNOWN' -SecretKey 'sekrit-value-123' -EndpointUrl $endpoint.Url -Region us-east-1 -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors.Count | Should -Be 1
        ($errors | Out-String) | Should -Not -BeLike '*sekrit-value-123*'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'UnrecognizedClientException*'
    }
}
