# Nothing reaches AWS unchecked (issue 15): a sweep of malformed inputs across every cmdlet, each refused with an error
# of its own (a specific ErrorId, a category other than NotSpecified, the parameter or file named, what to do) while the
# local endpoint, which counts every call it receives (FAULTS.md, statistics), sees none. Then the valid edge cases
# that must still work, the translations of raw service answers, and -Debug in a script that cannot answer questions.

BeforeDiscovery {
    # Each case: what it feeds, the ErrorId it must get and what its message must name. $c is the connection to the
    # endpoint (so any call would be counted), $f the prepared local files, $d a scratch folder: the blocks run where
    # those are set (BeforeAll), so everything else they need is written into them.
    $script:sweep = @(
        # The security defect: an empty key (an unset variable) was read as "no key", i.e. SSE-S3 output.
        @{ Category = 'empty value'; Case = 'Start -KmsKeyId empty'; Id = 'EmptyKmsKeyId'; Names = '-KmsKeyId'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -KmsKeyId '' @c } }
        @{ Category = 'empty value'; Case = 'Start -KmsKeyId white space'; Id = 'EmptyKmsKeyId'; Names = '-KmsKeyId'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -OutputUri s3://sweep-out/t/ -KmsKeyId '   ' @c } }
        @{ Category = 'empty value'; Case = 'Start -KmsKeyId $null (an unset variable)'; Id = 'EmptyKmsKeyId'; Names = '-KmsKeyId'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -KmsKeyId $env:TEXTRACTTOOLS_UNSET_KEY @c } }
        @{ Category = 'empty value'; Case = 'Start -Path -KmsKeyId empty'; Id = 'EmptyKmsKeyId'; Names = '-KmsKeyId'; Run = { Start-TextractAnalysis -Path $f.Pdf -UploadUri s3://sweep-in/up/ -KmsKeyId '' @c } }
        @{ Category = 'empty value'; Case = 'Invoke-TextractBatch -KmsKeyId empty'; Id = 'EmptyKmsKeyId'; Names = '-KmsKeyId'; Run = { Invoke-TextractBatch -Path $f.Pdf -UploadUri s3://sweep-in/up/ -KmsKeyId '' -StateFile (Join-Path $d 'b1.jsonl') -OutputFolder (Join-Path $d 'o1') @c } }
        @{ Category = 'empty value'; Case = 'New-TextractAccessPolicy -KmsKeyId empty'; Id = 'EmptyKmsKeyId'; Names = '-KmsKeyId'; Run = { New-TextractAccessPolicy s3://sweep-in/docs/ s3://sweep-out/t/ '' @c } }
        @{ Category = 'empty value'; Case = 'Test-TextractAccess -KmsKeyId empty'; Id = 'EmptyKmsKeyId'; Names = '-KmsKeyId'; Run = { Test-TextractAccess s3://sweep-in/a.pdf s3://sweep-out/t/ -KmsKeyId '' @c } }
        @{ Category = 'empty value'; Case = 'Test-TextractOutputEncryption -KmsKeyId empty'; Id = 'EmptyKmsKeyId'; Names = '-KmsKeyId'; Run = { Test-TextractOutputEncryption s3://sweep-out/t/ '' @c } }
        @{ Category = 'empty value'; Case = 'Get-TextractOutput -ExpectedKmsKeyId empty'; Id = 'EmptyExpectedKmsKeyId'; Names = '-ExpectedKmsKeyId'; Run = { Get-TextractOutput -S3Uri s3://sweep-out/t/job/ -ExpectedKmsKeyId ' ' @c } }
        @{ Category = 'empty value'; Case = 'Start -OutputUri empty'; Id = 'EmptyOutputUri'; Names = '-OutputUri'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -OutputUri '' @c } }
        @{ Category = 'empty value'; Case = 'Start -OutputUri $null'; Id = 'EmptyOutputUri'; Names = '-OutputUri'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -OutputUri $null @c } }
        @{ Category = 'empty value'; Case = 'Start -OutputBucket empty'; Id = 'EmptyOutputBucket'; Names = '-OutputBucket'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -OutputBucket '' @c } }
        @{ Category = 'empty value'; Case = 'Invoke-TextractBatch -OutputUri empty'; Id = 'EmptyOutputUri'; Names = '-OutputUri'; Run = { Invoke-TextractBatch -S3Uri s3://sweep-in/a.pdf -OutputUri '' -StateFile (Join-Path $d 'b2.jsonl') -OutputFolder (Join-Path $d 'o2') @c } }
        @{ Category = 'empty value'; Case = 'Start -Path -UploadUri empty'; Id = 'EmptyUploadUri'; Names = '-UploadUri'; Run = { Start-TextractAnalysis -Path $f.Pdf -UploadUri '' @c } }
        @{ Category = 'empty value'; Case = 'Start -Path without -UploadUri'; Id = 'MissingUploadUri'; Names = '-UploadUri'; Run = { Start-TextractAnalysis -Path $f.Pdf @c } }
        @{ Category = 'empty value'; Case = 'Start -JobTag empty'; Id = 'EmptyJobTag'; Names = '-JobTag'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -JobTag '' @c } }
        @{ Category = 'empty value'; Case = 'a blank -Region'; Id = 'EmptyRegion'; Names = '-Region'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -EndpointUrl $c.EndpointUrl -AccessKey $c.AccessKey -SecretKey $c.SecretKey -Region ' ' } }

        # KMS key identifiers by shape.
        @{ Category = 'KMS key shape'; Case = 'a bare alias name'; Id = 'InvalidKmsKeyId'; Names = 'did you mean alias/textract?'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -KmsKeyId textract @c } }
        @{ Category = 'KMS key shape'; Case = 'alias/ with no name'; Id = 'InvalidKmsKeyId'; Names = '-KmsKeyId'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -KmsKeyId 'alias/' @c } }
        @{ Category = 'KMS key shape'; Case = 'a key id that is no UUID'; Id = 'InvalidKmsKeyId'; Names = '-KmsKeyId'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -KmsKeyId '1234abcd-12ab-34cd' @c } }
        @{ Category = 'KMS key shape'; Case = 'a short mrk- id'; Id = 'InvalidKmsKeyId'; Names = 'mrk-'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -KmsKeyId 'mrk-1234' @c } }
        @{ Category = 'KMS key shape'; Case = 'an ARN of S3'; Id = 'InvalidKmsKeyId'; Names = 'not of a KMS key'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -KmsKeyId 'arn:aws:s3:::sweep-out' @c } }
        @{ Category = 'KMS key shape'; Case = 'a key ARN of another region'; Id = 'InvalidKmsKeyId'; Names = 'the job runs in us-east-1'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -KmsKeyId 'arn:aws:kms:eu-west-1:000000000000:key/12345678-1234-1234-1234-123456789012' @c } }
        @{ Category = 'KMS key shape'; Case = 'an account id of 4 digits'; Id = 'InvalidKmsKeyId'; Names = '12-digit account'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -KmsKeyId 'arn:aws:kms:us-east-1:0000:key/12345678-1234-1234-1234-123456789012' @c } }
        @{ Category = 'KMS key shape'; Case = 'Start -Path with a bare name (checked before the upload)'; Id = 'InvalidKmsKeyId'; Names = 'did you mean'; Run = { Start-TextractAnalysis -Path $f.Pdf -UploadUri s3://sweep-in/up/ -KmsKeyId textract @c } }
        @{ Category = 'KMS key shape'; Case = 'Invoke-TextractBatch with a key of another region'; Id = 'InvalidKmsKeyId'; Names = 'eu-west-1'; Run = { Invoke-TextractBatch -Path $f.Pdf -UploadUri s3://sweep-in/up/ -KmsKeyId 'arn:aws:kms:eu-west-1:000000000000:key/12345678-1234-1234-1234-123456789012' -StateFile (Join-Path $d 'b3.jsonl') -OutputFolder (Join-Path $d 'o3') @c } }
        @{ Category = 'KMS key shape'; Case = 'Test-TextractAccess with a bare name'; Id = 'InvalidKmsKeyId'; Names = 'did you mean'; Run = { Test-TextractAccess s3://sweep-in/a.pdf s3://sweep-out/t/ -KmsKeyId textract @c } }
        @{ Category = 'KMS key shape'; Case = 'Test-TextractOutputEncryption with an ARN of IAM'; Id = 'InvalidKmsKeyId'; Names = 'iam'; Run = { Test-TextractOutputEncryption s3://sweep-out/t/ 'arn:aws:iam::000000000000:role/x' @c } }
        @{ Category = 'KMS key shape'; Case = 'Get-TextractOutput -ExpectedKmsKeyId with a bare name'; Id = 'InvalidExpectedKmsKeyId'; Names = 'did you mean'; Run = { Get-TextractOutput -S3Uri s3://sweep-out/t/job/ -ExpectedKmsKeyId textract @c } }
        @{ Category = 'KMS key shape'; Case = 'New-TextractAccessPolicy with a key ARN of another region than -Region'; Id = 'InvalidKmsKeyId'; Names = 'eu-west-1'; Run = { New-TextractAccessPolicy s3://sweep-in/docs/ s3://sweep-out/t/ 'arn:aws:kms:eu-west-1:000000000000:key/12345678-1234-1234-1234-123456789012' @c } }

        # Local documents by content and size (the extension says nothing).
        @{ Category = 'local document'; Case = 'an empty file'; Id = 'EmptyDocument'; Names = 'empty.pdf'; Run = { Start-TextractAnalysis -Path $f.Empty -UploadUri s3://sweep-in/up/ @c } }
        @{ Category = 'local document'; Case = 'text named .pdf'; Id = 'UnsupportedDocumentFormat'; Names = 'notes.pdf'; Run = { Start-TextractAnalysis -Path $f.Text -UploadUri s3://sweep-in/up/ @c } }
        @{ Category = 'local document'; Case = 'a Word document named .pdf'; Id = 'UnsupportedDocumentFormat'; Names = 'zip container'; Run = { Start-TextractAnalysis -LiteralPath $f.Docx -UploadUri s3://sweep-in/up/ @c } }
        @{ Category = 'local document'; Case = 'a GIF image'; Id = 'UnsupportedDocumentFormat'; Names = 'GIF'; Run = { Start-TextractAnalysis -Path $f.Gif -UploadUri s3://sweep-in/up/ @c } }
        @{ Category = 'local document'; Case = 'a JPEG over 10 MB'; Id = 'DocumentTooLarge'; Names = '10 MB'; Run = { Start-TextractAnalysis -Path $f.BigJpeg -UploadUri s3://sweep-in/up/ @c } }
        @{ Category = 'local document'; Case = 'a PDF over 500 MB'; Id = 'DocumentTooLarge'; Names = '500 MB'; Run = { Start-TextractAnalysis -Path $f.BigPdf -UploadUri s3://sweep-in/up/ @c } }
        @{ Category = 'local document'; Case = 'a TIFF over 500 MB (big-endian)'; Id = 'DocumentTooLarge'; Names = '500 MB'; Run = { Start-TextractAnalysis -Path $f.BigTiff -UploadUri s3://sweep-in/up/ @c } }
        @{ Category = 'local document'; Case = 'Invoke-TextractBatch with a text file'; Id = 'UnsupportedDocumentFormat'; Names = 'notes.pdf'; Run = { Invoke-TextractBatch -Path $f.Text -UploadUri s3://sweep-in/up/ -StateFile (Join-Path $d 'b4.jsonl') -OutputFolder (Join-Path $d 'o4') @c } }
        @{ Category = 'local document'; Case = 'a document with -WhatIf is still checked'; Id = 'EmptyDocument'; Names = 'empty.pdf'; Run = { Start-TextractAnalysis -Path $f.Empty -UploadUri s3://sweep-in/up/ -WhatIf @c } }

        # Job ids by the service's pattern.
        @{ Category = 'job id'; Case = 'Wait with an S3 location as JobId'; Id = 'InvalidJobId'; Names = '-JobId'; Run = { Wait-TextractJob -JobId 's3://sweep-out/t/job/' @c } }
        @{ Category = 'job id'; Case = 'Wait with a space in the JobId'; Id = 'InvalidJobId'; Names = '-JobId'; Run = { Wait-TextractJob -JobId 'job 1' @c } }
        @{ Category = 'job id'; Case = 'Wait with 65 characters'; Id = 'InvalidJobId'; Names = 'longer than 64'; Run = { Wait-TextractJob -JobId ('a' * 65) @c } }
        @{ Category = 'job id'; Case = 'Get-TextractOutput with a slash in the JobId'; Id = 'InvalidJobId'; Names = '-JobId'; Run = { Get-TextractOutput -JobId 'a/b' @c } }
        @{ Category = 'job id'; Case = 'Get-TextractOutput with a dot in the JobId'; Id = 'InvalidJobId'; Names = '-JobId'; Run = { Get-TextractOutput -JobId 'abc.json' @c } }

        # Queries: white space, more than a page takes.
        @{ Category = 'query'; Case = 'white-space query text'; Id = 'EmptyQuery'; Names = '-Query'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -Query '  ' @c } }
        @{ Category = 'query'; Case = 'white-space text in a hashtable'; Id = 'InvalidQuery'; Names = 'only white space'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -Query @{ Text = "`t " } @c } }
        @{ Category = 'query'; Case = 'white-space alias'; Id = 'InvalidQuery'; Names = 'only white space'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -Query @{ Text = 'Total?'; Alias = ' ' } @c } }
        @{ Category = 'query'; Case = '31 queries on page 1'; Id = 'TooManyQueries'; Names = 'at most 30'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -Query (1..31 | ForEach-Object { "Question $_" }) @c } }
        @{ Category = 'query'; Case = '31 queries on page 2 of a batch'; Id = 'TooManyQueries'; Names = 'page 2'; Run = { Invoke-TextractBatch -S3Uri s3://sweep-in/a.pdf -Query (1..31 | ForEach-Object { @{ Text = "Question $_"; Pages = '2' } }) -StateFile (Join-Path $d 'b5.jsonl') -OutputFolder (Join-Path $d 'o5') @c } }
        @{ Category = 'query'; Case = 'a query hashtable without Text'; Id = 'InvalidQuery'; Names = 'Text'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -Query @{ Alias = 'x' } @c } }
        @{ Category = 'query'; Case = 'the Queries feature without a query'; Id = 'InvalidQuery'; Names = '-Query'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -Feature Queries @c } }

        # Notifications.
        @{ Category = 'notification'; Case = 'an SNS topic of another region'; Id = 'InvalidNotificationTopicArn'; Names = 'eu-west-1'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -NotificationTopicArn 'arn:aws:sns:eu-west-1:000000000000:done' -NotificationRoleArn 'arn:aws:iam::000000000000:role/sns' @c } }
        @{ Category = 'notification'; Case = 'a topic without a role'; Id = 'InvalidNotificationRoleArn'; Names = '-NotificationRoleArn'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -NotificationTopicArn 'arn:aws:sns:us-east-1:000000000000:done' @c } }
        @{ Category = 'notification'; Case = 'a role ARN that is no role'; Id = 'InvalidNotificationRoleArn'; Names = '-NotificationRoleArn'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -NotificationTopicArn 'arn:aws:sns:us-east-1:000000000000:done' -NotificationRoleArn 'arn:aws:iam::000000000000:user/x' @c } }
        @{ Category = 'notification'; Case = 'a queue URL that is no URL'; Id = 'InvalidQueueUrl'; Names = '-QueueUrl'; Run = { Wait-TextractJob -JobId abc -QueueUrl 'textract-done' @c } }

        # Locations and other options.
        @{ Category = 'location'; Case = 'an output URI that is not s3://'; Id = 'InvalidOutputUri'; Names = '-OutputUri'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -OutputUri 'https://sweep-out/t/' @c } }
        @{ Category = 'location'; Case = 'an output bucket S3 refuses'; Id = 'InvalidOutputUri'; Names = 'lowercase'; Run = { Start-TextractAnalysis -Path $f.Pdf -UploadUri s3://sweep-in/up/ -OutputUri 's3://Sweep_Out/t/' -WhatIf @c } }
        @{ Category = 'location'; Case = '-OutputUri and -OutputBucket together'; Id = 'ConflictingOutputParameters'; Names = '-OutputUri'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -OutputUri s3://sweep-out/t/ -OutputBucket sweep-out @c } }
        @{ Category = 'location'; Case = '-OutputPrefix without a bucket'; Id = 'OutputPrefixWithoutBucket'; Names = '-OutputPrefix'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -OutputPrefix t @c } }
        @{ Category = 'location'; Case = 'an upload URI that is not s3://'; Id = 'InvalidUploadUri'; Names = '-UploadUri'; Run = { Start-TextractAnalysis -Path $f.Pdf -UploadUri 'sweep-in/up/' @c } }
        @{ Category = 'location'; Case = 'a folder instead of a document'; Id = 'InvalidS3Uri'; Names = 'not a document'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/folder/ @c } }
        @{ Category = 'location'; Case = 'Test-TextractAccess with a folder as -S3Uri'; Id = 'InvalidS3Uri'; Names = 'not a document'; Run = { Test-TextractAccess s3://sweep-in/folder/ s3://sweep-out/t/ @c } }
        @{ Category = 'location'; Case = 'Test-TextractAccess without any input'; Id = 'MissingInput'; Names = '-InputUri'; Run = { Test-TextractAccess -OutputUri s3://sweep-out/t/ @c } }
        @{ Category = 'location'; Case = 'Get-TextractOutput -S3Uri that is not s3://'; Id = 'InvalidS3Uri'; Names = '-S3Uri'; Run = { Get-TextractOutput -S3Uri 'sweep-out/t/job/' @c } }
        @{ Category = 'option'; Case = 'a job tag with a space'; Id = 'InvalidJobTag'; Names = '-JobTag'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -JobTag 'has space' @c } }
        @{ Category = 'option'; Case = 'a request token with a slash'; Id = 'InvalidClientRequestToken'; Names = '-ClientRequestToken'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -ClientRequestToken 'a/b' @c } }
        @{ Category = 'option'; Case = 'an adapter id too short'; Id = 'InvalidAdapter'; Names = 'AdapterId'; Run = { Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -Feature Tables -Adapter @{ AdapterId = 'short'; Version = '1' } @c } }

        # Batches: the output folder before any upload or start.
        @{ Category = 'batch'; Case = 'an output folder that is a file'; Id = 'OutputFolderNotWritable'; Names = 'is a file'; Run = { Invoke-TextractBatch -Path $f.Pdf -UploadUri s3://sweep-in/up/ -StateFile (Join-Path $d 'b6.jsonl') -OutputFolder $f.Text @c } }
        @{ Category = 'batch'; Case = 'an output folder under a file'; Id = 'OutputFolderNotWritable'; Names = 'cannot be created'; Run = { Invoke-TextractBatch -Path $f.Pdf -UploadUri s3://sweep-in/up/ -StateFile (Join-Path $d 'b7.jsonl') -OutputFolder (Join-Path $f.Text 'out') @c } }
        @{ Category = 'batch'; Case = 'a state file that is a folder'; Id = 'InvalidStateFile'; Names = '-StateFile'; Run = { Invoke-TextractBatch -Path $f.Pdf -UploadUri s3://sweep-in/up/ -StateFile $d -OutputFolder (Join-Path $d 'o8') @c } }
        @{ Category = 'batch'; Case = 'an S3 URI that is not s3://'; Id = 'InvalidS3Uri'; Names = '-S3Uri'; Run = { Invoke-TextractBatch -S3Uri 'https://sweep-in/docs/' -StateFile (Join-Path $d 'b9.jsonl') -OutputFolder (Join-Path $d 'o9') @c } }

        # Saved output.
        @{ Category = 'saved output'; Case = 'a file holding []'; Id = 'InvalidTextractOutput'; Names = 'empty-array.json'; Run = { Get-TextractOutput -Path $f.EmptyArray } }

        # Policies.
        @{ Category = 'policy'; Case = 'New-TextractAccessPolicy without input or upload'; Id = 'InvalidInputUri'; Names = '-UploadUri'; Run = { New-TextractAccessPolicy -OutputUri s3://sweep-out/t/ @c } }
        @{ Category = 'policy'; Case = 'New-TextractAccessPolicy with an upload URI that is not s3://'; Id = 'InvalidUploadUri'; Names = '-UploadUri'; Run = { New-TextractAccessPolicy -UploadUri 'sweep-in/up/' -OutputUri s3://sweep-out/t/ @c } }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:endpoint = Start-TestEndpoint -Bucket 'sweep-in', 'sweep-out' -KeyAlias 'alias/sweep' -JobSeconds 1
    $script:c = $endpoint.Connection
    $script:d = Join-Path $TestDrive 'scratch'
    New-Item -ItemType Directory -Path $d | Out-Null
    $sample = New-SampleDocument -Folder (Join-Path $TestDrive 'sample')

    function New-File([string] $Name, [byte[]] $Head, [long] $Length = -1) {
        $path = Join-Path $TestDrive $Name
        [System.IO.File]::WriteAllBytes($path, $Head)
        # Sparse files: the length is what is judged, and no disk is filled.
        if ($Length -ge 0) { $s = [System.IO.File]::Open($path, 'Open'); $s.SetLength($Length); $s.Dispose() }
        $path
    }
    $script:f = @{
        Pdf        = $sample.Pdf
        Empty      = New-File 'empty.pdf' ([byte[]]@())
        Text       = New-File 'notes.pdf' ([System.Text.Encoding]::ASCII.GetBytes("Meeting notes, not a PDF at all.`n"))
        Docx       = New-File 'report.pdf' ([byte[]](0x50, 0x4B, 0x03, 0x04, 0x14, 0x00))
        Gif        = New-File 'anim.png' ([System.Text.Encoding]::ASCII.GetBytes('GIF89a....'))
        BigJpeg    = New-File 'photo.jpg' ([byte[]](0xFF, 0xD8, 0xFF, 0xE0)) (10MB + 1)
        BigPdf     = New-File 'huge.pdf' ([System.Text.Encoding]::ASCII.GetBytes('%PDF-1.7')) (500MB + 1)
        BigTiff    = New-File 'huge.tif' ([byte[]](0x4D, 0x4D, 0x00, 0x2A)) (500MB + 1)
        EmptyArray = New-File 'empty-array.json' ([System.Text.Encoding]::ASCII.GetBytes('[]'))
    }

    function Get-EndpointCalls {
        $operations = (Invoke-RestMethod "$($endpoint.Url)_admin/faults/statistics").statistics.operations
        @($operations.PSObject.Properties | Where-Object { $_.Value.calls -gt 0 } | ForEach-Object { "$($_.Name) x$($_.Value.calls)" })
    }
    function Reset-EndpointCalls { Invoke-RestMethod -Method Delete "$($endpoint.Url)_admin/faults/statistics" | Out-Null }

    $script:tally = [ordered]@{ Cases = 0; RefusedCleanly = 0; ReachedNetwork = 0 }
}

AfterAll {
    if ($script:tally -and $script:tally.Cases -gt 0) {
        Write-Host ("Validation sweep: {0} cases, {1} refused cleanly, {2} reaching the network" -f $tally.Cases, $tally.RefusedCleanly, $tally.ReachedNetwork)
    }
    if ($script:endpoint) { Stop-TestEndpoint $script:endpoint }
}

Describe 'Malformed input is refused before any call (<Category>: <Case>)' -ForEach $sweep {
    It 'is refused with <Id>, naming what is wrong and what to do, and the endpoint sees no call' {
        # The case's script block sees this scope's $c, $f and $d.
        # Errors of both kinds: non-terminating ones through the error stream, a terminating one as an exception.
        $ErrorActionPreference = 'Continue'
        Reset-EndpointCalls
        $records = @()
        try { $records = @(& $Run 2>&1 3>$null 6>$null) } catch { $records += $_ }
        $outcome = [pscustomobject]@{ Errors = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }); Calls = @(Get-EndpointCalls) }
        $script:tally.Cases++
        if ($outcome.Calls.Count -gt 0) { $script:tally.ReachedNetwork++ }
        $outcome.Calls | Should -BeNullOrEmpty -Because 'nothing may reach the endpoint before the input is checked'
        $outcome.Errors.Count | Should -BeGreaterThan 0 -Because 'the input must be refused'
        $e = $outcome.Errors[0]
        $e.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        "$($e.CategoryInfo.Category)" | Should -Not -Be 'NotSpecified'
        $message = if ($e.ErrorDetails) { $e.ErrorDetails.Message } else { $e.Exception.Message }
        $message | Should -BeLike "*$Names*"
        $message | Should -Not -BeLike "*(Parameter '*"
        $e.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty -Because 'each refusal says what to do'
        $script:tally.RefusedCleanly++
    }
}

Describe 'The sweep as a whole' {
    It 'refused every case cleanly and let none reach the network' {
        $tally.Cases | Should -Be $sweep.Count
        $tally.RefusedCleanly | Should -Be $tally.Cases
        $tally.ReachedNetwork | Should -Be 0
    }
}

Describe 'Valid edge cases still work' {
    BeforeAll {
        $script:fresh = {
            param([string] $Name)
            $path = Join-Path $TestDrive $Name
            [System.IO.File]::WriteAllBytes($path, [byte[]]([System.IO.File]::ReadAllBytes($f.Pdf) + [System.Text.Encoding]::ASCII.GetBytes("`n% $([guid]::NewGuid())`n")))
            $path
        }
    }

    It 'uploads and analyses a file whose name is 255 bytes long (<Label>)' -ForEach @(
        @{ Label = 'ASCII'; Stem = ('n' * 251) }
        @{ Label = 'two-byte UTF-8 characters'; Stem = ([string][char]0xE9 * 125) + 'x' }
    ) {
        $name = "$Stem.pdf"
        [System.Text.Encoding]::UTF8.GetByteCount($name) | Should -BeIn 254, 255
        $path = & $fresh $name
        $job = Start-TextractAnalysis -Path $path -UploadUri s3://sweep-in/long/ -KmsKeyId alias/sweep @c -ErrorAction Stop
        $job.Document | Should -BeLike "*/$name"
        ($job | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @c -ErrorAction Stop).Status | Should -Be 'SUCCEEDED'
    }

    It 'keeps a prefix holding .. as S3 keys hold it, for the upload and the output' {
        $job = Start-TextractAnalysis -Path (& $fresh 'dots.pdf') -UploadUri 's3://sweep-in/a/../b/' -OutputUri 's3://sweep-out/x/../out/' @c -ErrorAction Stop
        $job.Document | Should -BeLike 's3://sweep-in/a/../b/*/dots.pdf'
        $job.OutputLocation | Should -Be "s3://sweep-out/x/../out/$($job.JobId)/"
        $done = $job | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @c -ErrorAction Stop
        @($done | Get-TextractOutput -As Page -Source S3 @c -ErrorAction Stop).Count | Should -BeGreaterThan 0
        @(Test-TextractOutputEncryption -S3Uri $done.OutputLocation @c).Uri | Should -Contain "s3://sweep-out/x/../out/$($job.JobId)/1"
    }

    It 'starts with -KmsKeyId and no -OutputUri (Textract keeps the output, under the key)' {
        $job = Start-TextractAnalysis -Path (& $fresh 'kept.pdf') -UploadUri s3://sweep-in/kept/ -KmsKeyId alias/sweep @c -ErrorAction Stop
        $job.KmsKeyId | Should -Be 'alias/sweep'
        $job.OutputLocation | Should -BeNullOrEmpty
        $done = $job | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @c -ErrorAction Stop
        @($done | Get-TextractOutput -As Page @c -ErrorAction Stop).Count | Should -BeGreaterThan 0
    }

    It 'uploads again, under the key, a copy uploaded earlier without it' {
        $path = & $fresh 'twice.pdf'
        $plain = Start-TextractAnalysis -Path $path -UploadUri s3://sweep-in/twice/ @c -ErrorAction Stop
        (Test-TextractOutputEncryption -S3Uri $plain.Document -KmsKeyId alias/sweep @c -WarningAction SilentlyContinue).IsExpected | Should -BeFalse
        $keyed = Start-TextractAnalysis -Path $path -UploadUri s3://sweep-in/twice/ -KmsKeyId alias/sweep @c -ErrorAction Stop
        $keyed.Document | Should -Be $plain.Document
        (Test-TextractOutputEncryption -S3Uri $keyed.Document -KmsKeyId alias/sweep @c).IsExpected | Should -BeTrue
    }

    It 'refuses to resume a batch with another key, or none, before any call' {
        $file = & $fresh 'keyed.pdf'
        $state = Join-Path $TestDrive 'keyed.jsonl'
        $out = Join-Path $TestDrive 'keyed-out'
        $items = @(Invoke-TextractBatch -Path $file -UploadUri s3://sweep-in/keyed/ -KmsKeyId alias/sweep -StateFile $state -OutputFolder $out -PollIntervalSec 0.2 @c -ErrorAction Stop)
        $items.Status | Should -Be 'SUCCEEDED'
        foreach ($other in @(@{}, @{ KmsKeyId = 'alias/sweep-other' })) {
            Reset-EndpointCalls
            { Invoke-TextractBatch -Path $file -UploadUri s3://sweep-in/keyed/ @other -StateFile $state -OutputFolder $out @c -ErrorAction Stop } |
                Should -Throw -ErrorId 'TextractBatchStateMismatch,*' -ExpectedMessage '*kms=alias/sweep*'
            Get-EndpointCalls | Should -BeNullOrEmpty
        }
    }

    It 'warns of an S3 prefix under which no document is listed' {
        $null = Invoke-TextractBatch -S3Uri s3://sweep-in/nothing-here/ -StateFile (Join-Path $TestDrive 'empty-prefix.jsonl') `
            -OutputFolder (Join-Path $TestDrive 'empty-prefix') @c -WarningVariable warned -WarningAction SilentlyContinue -ErrorAction Stop
        "$warned" | Should -BeLike '*No documents under s3://sweep-in/nothing-here/*'
    }
}

Describe 'Raw service answers reach the user translated' {
    It 'says plainly that the key of an SSE-KMS upload does not exist' {
        $errors = $null
        $null = Start-TextractAnalysis -Path $f.Pdf -UploadUri s3://sweep-in/nokey/ -KmsKeyId alias/no-such-key @c -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'KMS.NotFoundException,*'
        "$($errors[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $errors[0].Exception.Message | Should -BeLike "*the KMS key 'alias/no-such-key' was not found*"
        $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*-KmsKeyId*'
    }

    It 'never shows the SDK''s stand-in text for a HEAD answer without a body' {
        $results = @(Test-TextractAccess -S3Uri s3://sweep-in/missing/document.pdf -OutputUri s3://sweep-out/t/ @c -WarningAction SilentlyContinue)
        $input = $results | Where-Object Check -EQ InputReadable
        $input.Status | Should -Be 'Failed'
        $input.Detail | Should -BeLike '*does not exist*'
        ($results.Detail -join "`n") | Should -Not -BeLike '*Error making request*'
    }

    It 'tells credentials AWS refuses from missing permissions, proposing no statement (<Name>)' -ForEach @(
        @{ Name = 'unknown access key'; Change = @{ AccessKey = 'AKIDNOBODYKNOWS' } }
        @{ Name = 'bad signature'; Change = @{ SecretKey = 'not-the-secret' } }
    ) {
        $bad = $c.Clone()
        foreach ($k in $Change.Keys) { $bad[$k] = $Change[$k] }
        $results = @(Test-TextractAccess -S3Uri s3://sweep-in/a.pdf -OutputUri s3://sweep-out/t/ -KmsKeyId alias/sweep @bad -WarningVariable warned -WarningAction SilentlyContinue)
        $results[0].CredentialsRefused | Should -BeTrue
        @($results | Where-Object Fix) | Should -BeNullOrEmpty
        "$warned" | Should -BeLike '*refused the credentials*'
        "$warned" | Should -Not -BeLike '*add *'
        $errors = $null
        $null = Start-TextractAnalysis -S3Uri s3://sweep-in/a.pdf -Preflight @bad -ErrorVariable errors -ErrorAction SilentlyContinue
        "$($errors[0].CategoryInfo.Category)" | Should -Be 'AuthenticationError'
    }
}

Describe 'Test-TextractOutputEncryption takes a piped job where it ran' {
    It 'audits the job''s output at its endpoint and region, against its key, with no -EndpointUrl or -Region given' {
        $done = Start-TextractAnalysis -Path $f.Pdf -UploadUri s3://sweep-in/enc/ -OutputUri s3://sweep-out/enc/ -KmsKeyId alias/sweep @c |
            Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @c
        $onlyCredentials = @{ AccessKey = $c.AccessKey; SecretKey = $c.SecretKey }
        $audit = @($done | Test-TextractOutputEncryption @onlyCredentials -ErrorAction Stop)
        $audit.Count | Should -BeGreaterThan 1
        $audit.IsExpected | Should -Not -Contain $false
        $audit[0].ExpectedKmsKeyId | Should -BeLike 'arn:aws:kms:us-east-1:*'
    }
}

Describe '-Debug in a script that cannot answer questions' {
    It 'asks nothing, fails on nothing, and says where credentials, region and endpoint came from' {
        # Every stream of the child is merged into its output, so the debug lines and the warning are seen here.
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-TestModulePath)'
`$env:AWS_REGION = 'us-east-1'
& {
    `$conn = @{ EndpointUrl = '$($endpoint.Url)'; AccessKey = '$($endpoint.AccessKey)'; SecretKey = '$($endpoint.SecretKey)' }
    `$job = Start-TextractAnalysis -Path '$($f.Pdf)' -UploadUri s3://sweep-in/debug/ @conn -Debug
    `$done = `$job | Wait-TextractJob -AccessKey '$($endpoint.AccessKey)' -SecretKey '$($endpoint.SecretKey)' -PollIntervalSec 0.2 -Debug
    Test-TextractOutputEncryption -S3Uri s3://sweep-out/no-such-prefix/ @conn -Debug
    'finished: ' + `$done.Status
} *>&1 | ForEach-Object { "`$_" }
"@
        [string[]] $output = @(Invoke-ChildPwsh -Command $script | ForEach-Object { "$_" })
        $text = $output -join "`n"
        $text | Should -Not -BeLike '*Continue with this operation*'
        $text | Should -Not -BeLike '*Object reference not set*'
        $text | Should -Not -BeLike '*NonInteractive mode*'
        $output[-1] | Should -Be 'finished: SUCCEEDED' -Because $text
        $text | Should -BeLike '*region us-east-1 from environment variable AWS_REGION*'
        $text | Should -BeLike "*region us-east-1 from the job's Region*"
        $text | Should -BeLike "*endpoint $($endpoint.Url) from the job's EndpointUrl*"
        $text | Should -BeLike '*No objects under s3://sweep-out/no-such-prefix/*'
    }
}
