# New-TextractAccessPolicy, Test-TextractAccess and Start-TextractAnalysis -Preflight against the local endpoint started
# with a policy file made from the generated policies: the whole flow (local files uploaded under the key, the job, the
# reader reading the output from S3 with -ExpectedKmsKeyId) runs under exactly them, each statement taken away breaks
# exactly its step and the preflight names it, the widely copied wrong write statement is caught, and the preflight
# leaves nothing behind.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    # The statements come from the generator itself, so a statement added to it without a case here fails below.
    $generated = New-TextractAccessPolicy -InputUri s3://access-input/docs/ -UploadUri s3://access-input/inbox/ -OutputUri s3://access-output/textract/ `
        -KmsKeyId 'arn:aws:kms:us-east-1:000000000000:key/00000000-0000-0000-0000-000000000000' `
        -NotificationRoleArn 'arn:aws:iam::000000000000:role/textract-sns' -NotificationTopicArn 'arn:aws:sns:us-east-1:000000000000:access-jobs'
    # The job starter's statements and the optional preflight's: the starter identity holds both policies.
    $starterCases = @($generated | Where-Object Kind -In StarterIdentityPolicy, PreflightIdentityPolicy | ForEach-Object {
            $kind = "$($_.Kind)"; $_.Document.Statement | ForEach-Object { @{ Sid = $_.Sid; Policy = $kind } } })
    $readerCases = @(($generated | Where-Object Kind -EQ ReaderIdentityPolicy).Document.Statement | ForEach-Object { @{ Sid = $_.Sid } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force

    $script:alias = 'alias/access'
    $script:inputUri = 's3://access-input/docs/'
    $script:uploadUri = 's3://access-input/inbox/'
    $script:outputUri = 's3://access-output/textract/'
    $script:roleArn = 'arn:aws:iam::000000000000:role/textract-sns'
    $script:topicArn = 'arn:aws:sns:us-east-1:000000000000:access-jobs'
    $script:starterArn = 'arn:aws:iam::000000000000:user/textract-starter'
    $script:readerArn = 'arn:aws:iam::000000000000:user/results-reader'

    # The ARN the endpoint gives the key it creates with --create-key (EndpointServer.SeededKeyArn): derived from
    # account, region and alias, so that a policy written before the endpoint starts can name it, as real policies do.
    function Get-SeededKeyArn([string] $Alias) {
        $hash = [System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes("000000000000/us-east-1/$Alias"))
        "arn:aws:kms:us-east-1:000000000000:key/$([guid]::new([byte[]]$hash[0..15]))"
    }
    $script:keyArn = Get-SeededKeyArn $alias

    $script:policies = New-TextractAccessPolicy -InputUri $inputUri -UploadUri $uploadUri -OutputUri $outputUri -KmsKeyId $keyArn `
        -NotificationRoleArn $roleArn -NotificationTopicArn $topicArn -StarterPrincipalArn $starterArn -ReaderPrincipalArn $readerArn
    $script:starterPolicy = ($policies | Where-Object Kind -EQ StarterIdentityPolicy).Document
    $script:preflightPolicy = ($policies | Where-Object Kind -EQ PreflightIdentityPolicy).Document
    $script:readerPolicy = ($policies | Where-Object Kind -EQ ReaderIdentityPolicy).Document
    $script:keyPolicy = ($policies | Where-Object Kind -EQ KeyPolicyStatements).Document

    function New-Principal([string] $Name, [string] $Arn, [object[]] $Document) {
        [pscustomobject]@{ Name = $Name; AccessKey = 'AKIDACCESS' + $Name.ToUpperInvariant().Replace('-', ''); Secret = "secret-$Name"; Arn = $Arn
            Json = @($Document | ForEach-Object { $_.ToJson($true) }) }
    }

    function Write-PolicyFile([string] $Path, [object[]] $Principals, $KeyPolicy) {
        $file = [ordered]@{ AccountId = '000000000000'; Principals = [ordered]@{} }
        foreach ($p in $Principals) {
            $file.Principals[$p.AccessKey] = [ordered]@{ SecretKey = $p.Secret; Arn = $p.Arn; Policies = @($p.Json | ForEach-Object { ConvertFrom-Json $_ }) }
        }
        if ($KeyPolicy) { $file.KeyPolicies = @{ $alias = ConvertFrom-Json $KeyPolicy.ToJson($true) } }
        $file | ConvertTo-Json -Depth 20 | Set-Content -LiteralPath $Path -Encoding utf8
        $Path
    }

    function Get-Connection($Endpoint, $Principal) {
        @{ EndpointUrl = $Endpoint.Url; AccessKey = $Principal.AccessKey; SecretKey = $Principal.Secret; Region = 'us-east-1' }
    }

    # Endpoint A: the default key policy (the identity policies decide). The starter (with the preflight's policy beside
    # its own) and the reader have exactly the generated policies; one more principal per statement has the same
    # policies without that statement.
    $script:starter = New-Principal 'starter' $starterArn $starterPolicy, $preflightPolicy
    $script:reader = New-Principal 'reader' $readerArn $readerPolicy
    $script:without = @{}
    $i = 0
    foreach ($s in $starterPolicy.Statement) { $i++; $without[$s.Sid] = New-Principal "no-starter-$i" "arn:aws:iam::000000000000:user/no-$($s.Sid)" $starterPolicy.Without($s.Sid), $preflightPolicy }
    foreach ($s in $preflightPolicy.Statement) { $i++; $without[$s.Sid] = New-Principal "no-preflight-$i" "arn:aws:iam::000000000000:user/no-$($s.Sid)" $starterPolicy, $preflightPolicy.Without($s.Sid) }
    foreach ($s in $readerPolicy.Statement) { $i++; $without[$s.Sid] = New-Principal "no-reader-$i" "arn:aws:iam::000000000000:user/no-$($s.Sid)" $readerPolicy.Without($s.Sid) }
    # The widely copied mistake: the output statement grants s3:GetObject on the input bucket instead of s3:PutObject on the output.
    $mistakenJson = $starterPolicy.ToJson($true) | ConvertFrom-Json
    foreach ($s in $mistakenJson.Statement | Where-Object Sid -EQ WriteTextractOutput) { $s.Action = @('s3:GetObject'); $s.Resource = @('arn:aws:s3:::access-input/*') }
    $script:mistaken = [pscustomobject]@{ Name = 'mistaken'; AccessKey = 'AKIDACCESSMISTAKEN'; Secret = 'secret-mistaken'; Arn = 'arn:aws:iam::000000000000:user/mistaken'
        Json = @(($mistakenJson | ConvertTo-Json -Depth 10), $preflightPolicy.ToJson($true)) }

    $file = Write-PolicyFile (Join-Path $TestDrive 'policy-a.json') (@($starter, $reader, $mistaken) + @($without.Values)) $null
    $topicArgs = @('--create-topic', 'access-jobs')
    $script:endpoint = Start-TestEndpoint -Bucket 'access-input', 'access-output' -KeyAlias $alias -JobSeconds 1 -PolicyFile $file -ExtraArguments $topicArgs
    $script:admin = $endpoint.Connection

    # The key the endpoint made must be the one the policies name (else every KMS check would fail for that reason).
    (New-TextractAccessPolicy -InputUri $inputUri -OutputUri $outputUri -KmsKeyId $alias @admin)[0].Document.Find('UseOutputKey').Resource[0] |
        Should -Be $keyArn -Because 'the policies were written for the key ARN the endpoint derives for --create-key'

    # The document, uploaded by the administrator (the starter may read the input prefix, not write it).
    $sample = New-SampleDocument -Folder (Join-Path $TestDrive 'sample')
    $script:document = (Start-TextractAnalysis -Path $sample.Pdf -UploadUri $inputUri -KmsKeyId $alias @admin).Document
    $script:expectedLines = @((Get-Content -Raw $sample.Analysis | ConvertFrom-Json).Blocks | Where-Object BlockType -EQ 'LINE' | ForEach-Object Text)
    $script:samplePdf = $sample.Pdf
    $script:startOptions = @{ S3Uri = $document; Feature = 'Tables', 'Forms'; OutputUri = $outputUri; KmsKeyId = $alias; NotificationRoleArn = $roleArn; NotificationTopicArn = $topicArn }
    # The README's main flow: local files, uploaded (SSE-KMS under the key) to the upload prefix, then started.
    $script:localOptions = @{ UploadUri = $uploadUri; Feature = 'Tables', 'Forms'; OutputUri = $outputUri; KmsKeyId = $alias; NotificationRoleArn = $roleArn; NotificationTopicArn = $topicArn }
    $script:preflightOptions = @{ S3Uri = $document; InputUri = $inputUri; UploadUri = $uploadUri; OutputUri = $outputUri; KmsKeyId = $alias; NotificationRoleArn = $roleArn; NotificationTopicArn = $topicArn }

    # A copy of the sample with content of its own: its upload key is new, so the upload really happens.
    function New-LocalDocument([string] $Name) {
        $path = Join-Path $TestDrive "$Name.pdf"
        [System.IO.File]::WriteAllBytes($path, [byte[]]([System.IO.File]::ReadAllBytes($samplePdf) + [System.Text.Encoding]::ASCII.GetBytes("`n% $Name $([guid]::NewGuid())`n")))
        $path
    }

    function Get-ProbeObjects {
        @("$($outputUri).textracttools-preflight/", "$($uploadUri).textracttools-preflight/") |
            ForEach-Object { Test-TextractOutputEncryption -S3Uri $_ @admin -WarningAction SilentlyContinue | ForEach-Object Uri }
    }
}

AfterAll {
    if ($script:endpoint) { Stop-TestEndpoint -Endpoint $script:endpoint }
}

Describe 'The whole flow under exactly the generated policies' {
    BeforeAll {
        $script:starterConn = Get-Connection $endpoint $starter
        $script:readerConn = Get-Connection $endpoint $reader
        # The sample itself, uploaded by the starter (a key of the upload prefix nobody wrote yet), under the key.
        $script:job = Start-TextractAnalysis -Path $samplePdf @localOptions -JobTag flow -Preflight @starterConn -ErrorAction Stop
        $script:done = $job | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @starterConn -ErrorAction Stop
    }

    It 'uploads the local file under the key, starts after a passing preflight and finishes' {
        $job.JobId | Should -Not -BeNullOrEmpty
        $job.Document | Should -BeLike "$($uploadUri)*/textracttools-sample.pdf"
        $upload = Test-TextractOutputEncryption -S3Uri $job.Document -KmsKeyId $alias @admin
        $upload.IsExpected | Should -BeTrue
        $done.Status | Should -Be 'SUCCEEDED'
    }

    It 'lets the reader read every line from the output bucket, under the expected key' {
        $lines = $done | Get-TextractOutput -As Line -Source S3 -ExpectedKmsKeyId $alias @readerConn -ErrorAction Stop
        @($lines.Text) | Should -Be $expectedLines
    }

    It 'does not upload the same file again, and the preflight still passes' {
        $again = Start-TextractAnalysis -Path $samplePdf @localOptions -JobTag flow -Preflight @starterConn -ErrorAction Stop -Verbose 4>&1
        @($again | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Where-Object Message -Like '*not uploaded again*').Count | Should -Be 1
        ($again | Where-Object JobId).JobId | Should -Be $job.JobId
    }

    It 'shows the reader that every output object is SSE-KMS under the key' {
        $objects = @(Test-TextractOutputEncryption -S3Uri $done.OutputLocation -KmsKeyId $alias @readerConn -ErrorAction Stop)
        $objects.Count | Should -BeGreaterThan 1
        $objects.IsExpected | Should -Not -Contain $false
    }

    It 'gives the starter no read access to the output (least privilege)' {
        { $done | Get-TextractOutput -As Line -Source S3 @starterConn -ErrorAction Stop } | Should -Throw -ExpectedMessage '*s3:ListBucket*'
    }

    It 'passes every check of the starter and of the reader' {
        $start = @(Test-TextractAccess @preflightOptions @starterConn)
        $read = @(Test-TextractAccess -OutputUri $outputUri -KmsKeyId $alias -Scope Read @readerConn)
        $start.Check | Should -Be 'KeyDescribable', 'InputReadable', 'TextractStart', 'TextractGet', 'KeyGeneratesDataKeys', 'KeyDecrypts',
            'UploadWritable', 'OutputWritable', 'SameRegion', 'ProbeRemoved', 'ProbeRemoved'
        $start | Where-Object { -not $_.Passed } | ForEach-Object { "$($_.Check): $($_.Detail)" } | Should -BeNullOrEmpty
        $read.Check | Should -Be 'KeyDescribable', 'OutputReadable', 'OutputListable'
        $read | Where-Object { -not $_.Passed } | ForEach-Object { "$($_.Check): $($_.Detail)" } | Should -BeNullOrEmpty
    }
}

Describe 'The job starter without <Sid> (<Policy>)' -ForEach $starterCases {
    BeforeAll {
        $principal = $without[$Sid]
        $script:conn = Get-Connection $endpoint $principal
        $script:expectedFix = $policies.Where({ "$($_.Kind)" -eq $Policy })[0].Document.Find($Sid).ToJson($true)
        $script:local = New-LocalDocument "no-$Sid"
    }

    It 'breaks exactly the step that needs it, naming what it grants' {
        switch ($Sid) {
            'ReadTextractJobResults' {
                $started = Start-TextractAnalysis -Path $local @localOptions -JobTag "no-$Sid" @conn -ErrorAction Stop
                { $started | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 30 @conn -ErrorAction Stop } | Should -Throw -ExpectedMessage '*textract:GetDocumentAnalysis*'
            }
            { $_ -in 'CheckBucketRegions', 'RemovePreflightProbes' } {
                # Statements of the preflight alone: the job runs without them, the preflight's own step breaks.
                $started = Start-TextractAnalysis -Path $local @localOptions -JobTag "no-$Sid" @conn -ErrorAction Stop
                ($started | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 30 @conn -ErrorAction Stop).Status | Should -Be 'SUCCEEDED'
                $check = if ($Sid -eq 'CheckBucketRegions') { 'SameRegion' } else { 'ProbeRemoved' }
                (Test-TextractAccess @preflightOptions @conn -WarningAction SilentlyContinue | Where-Object Check -EQ $check).Status | Should -Contain 'Failed'
            }
            default {
                # What the message names: the action, and for s3:PutObject (granted twice) the prefix.
                $named = @{ StartTextractJobs = '*textract:StartDocumentAnalysis*'; ReadInputDocuments = '*s3:GetObject*'
                    UploadInputDocuments = '*s3:PutObject*access-input/inbox/*'; WriteTextractOutput = '*s3:PutObject*access-output/textract/*'
                    UseOutputKey = '*kms:GenerateDataKey*'; PassNotificationRole = '*iam:PassRole*' }[$Sid]
                $named | Should -Not -BeNullOrEmpty -Because "every generated statement needs a step in this test; $Sid has none"
                { Start-TextractAnalysis -Path $local @localOptions -JobTag "no-$Sid" @conn -ErrorAction Stop } | Should -Throw -ExpectedMessage $named
            }
        }
    }

    It 'is named by Test-TextractAccess, with the generated statement as the Fix of every failed check' {
        $results = @(Test-TextractAccess @preflightOptions @conn -WarningVariable warnings -WarningAction SilentlyContinue)
        $failed = @($results | Where-Object Status -EQ Failed)
        $failed.Count | Should -BeGreaterThan 0
        foreach ($r in $failed) {
            $r.Fix.Sid | Should -Be $Sid -Because "$($r.Check) failed: $($r.Detail)"
            "$($r.FixIn)" | Should -Be $Policy
            $r.Fix.ToJson($true) | Should -Be $expectedFix
        }
        "$warnings" | Should -BeLike "*add $Sid*"
    }

    It 'makes Start-TextractAnalysis -Preflight refuse to upload or start, naming it' {
        $fresh = New-LocalDocument "preflight-$Sid"
        $jobs = @(Start-TextractAnalysis -Path $fresh @localOptions -JobTag "preflight-$Sid" -Preflight @conn -ErrorVariable refused -ErrorAction SilentlyContinue)
        $jobs.Count | Should -Be 0
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'PreflightFailed*'
        "$($refused[0].CategoryInfo.Category)" | Should -Be 'PermissionDenied'
        $refused[0].Exception.Message | Should -BeLike "*$Sid*"
        $refused[0].Exception.Failed.Fix.Sid | Sort-Object -Unique | Should -Be $Sid
        # Refused before the upload: nothing of this file reached the bucket.
        @(Test-TextractOutputEncryption -S3Uri $uploadUri @admin -WarningAction SilentlyContinue | Where-Object Uri -Like "*/preflight-$Sid.pdf") | Should -BeNullOrEmpty
    }
}

Describe 'The results reader without <Sid>' -ForEach $readerCases {
    BeforeAll {
        $script:conn = Get-Connection $endpoint $without[$Sid]
        # Output written by a job of the administrator, for the reader to read.
        $script:adminDone = Start-TextractAnalysis @startOptions -JobTag "reader-$Sid" @admin | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @admin
    }

    It 'breaks reading the output' {
        $adminDone.Status | Should -Be 'SUCCEEDED'
        # Read as the README reads it, refusing anything not under the key: -ExpectedKmsKeyId resolves the alias first (kms:DescribeKey).
        $action = @{ ReadTextractOutput = 's3:GetObject'; ListTextractOutput = 's3:ListBucket'; DecryptTextractOutput = 'kms:DescribeKey' }[$Sid]
        $action | Should -Not -BeNullOrEmpty -Because "every generated statement needs a step in this test; $Sid has none"
        { $adminDone | Get-TextractOutput -As Line -Source S3 -ExpectedKmsKeyId $alias @conn -ErrorAction Stop } | Should -Throw -ExpectedMessage "*$action*"
        if ($Sid -eq 'DecryptTextractOutput') {
            # And without the expectation, the read itself: S3 decrypts with the reader's kms:Decrypt.
            { $adminDone | Get-TextractOutput -As Line -Source S3 @conn -ErrorAction Stop } | Should -Throw -ExpectedMessage '*kms:Decrypt*'
        }
    }

    It 'is named by Test-TextractAccess -Scope Read' {
        $failed = @(Test-TextractAccess -OutputUri $outputUri -KmsKeyId $alias -Scope Read @conn -WarningAction SilentlyContinue | Where-Object Status -EQ Failed)
        $failed.Count | Should -BeGreaterThan 0
        $failed.Fix.Sid | Sort-Object -Unique | Should -Be $Sid
        $failed[0].Fix.ToJson($true) | Should -Be $readerPolicy.Find($Sid).ToJson($true)
    }
}

Describe 'The widely copied write statement (s3:GetObject on the input instead of s3:PutObject on the output)' {
    BeforeAll { $script:conn = Get-Connection $endpoint $mistaken }

    It 'fails the job when it starts' {
        { Start-TextractAnalysis @startOptions -JobTag mistaken @conn -ErrorAction Stop } | Should -Throw -ExpectedMessage '*s3:PutObject*'
    }

    It 'is caught by the preflight, whose fix is PutObject on the output prefix' {
        $failed = @(Test-TextractAccess @preflightOptions @conn -WarningAction SilentlyContinue | Where-Object Status -EQ Failed)
        $failed.Check | Should -Be 'OutputWritable'
        $failed[0].Fix.Sid | Should -Be 'WriteTextractOutput'
        @($failed[0].Fix.Action) | Should -Be 's3:PutObject'
        @($failed[0].Fix.Resource) | Should -Be 'arn:aws:s3:::access-output/textract/*'
        ($failed[0].FixJson | ConvertFrom-Json).Action | Should -Be 's3:PutObject'
    }
}

Describe 'The preflight leaves nothing behind' {
    It 'removes its probe when every check passes, and when a later check fails (<Name>)' -ForEach @(
        @{ Name = 'all pass'; Who = 'starter' }
        @{ Name = 'SameRegion fails after the probe was written'; Who = 'CheckBucketRegions' }
    ) {
        $principal = if ($Who -eq 'starter') { $starter } else { $without[$Who] }
        $before = Get-ProbeObjects
        $conn = Get-Connection $endpoint $principal
        $results = @(Test-TextractAccess @preflightOptions @conn -WarningAction SilentlyContinue)
        ($results | Where-Object Check -EQ OutputWritable).Passed | Should -BeTrue
        @($results | Where-Object Check -EQ ProbeRemoved).Passed | Should -Be @($true, $true)
        Get-ProbeObjects | Should -Be $before
    }

    It 'names each probe it could not remove' {
        $before = Get-ProbeObjects
        $conn = Get-Connection $endpoint $without['RemovePreflightProbes']
        $removed = @(Test-TextractAccess @preflightOptions @conn -WarningAction SilentlyContinue | Where-Object Check -EQ ProbeRemoved)
        $left = @(Get-ProbeObjects | Where-Object { $_ -notin $before })
        $left.Count | Should -Be 2 -Because 'one probe under the upload prefix and one under the output prefix'
        foreach ($probe in $left) { @($removed | Where-Object Detail -Like "*$probe*LEFT BEHIND*").Count | Should -Be 1 }
    }

    It 'writes nothing with -WhatIf' {
        $before = Get-ProbeObjects
        $conn = Get-Connection $endpoint $starter
        Test-TextractAccess @preflightOptions @conn -WhatIf | Should -BeNullOrEmpty
        Get-ProbeObjects | Should -Be $before
    }
}

Describe 'A key whose policy is exactly the generated key policy statements' {
    BeforeAll {
        # Endpoint B: the key policy does not delegate to IAM, so it must name the starter and the reader itself.
        $script:outsider = New-Principal 'outsider' 'arn:aws:iam::000000000000:user/outsider' $starterPolicy, $preflightPolicy
        $file = Write-PolicyFile (Join-Path $TestDrive 'policy-b.json') @($starter, $reader, $outsider) $keyPolicy
        $script:endpointB = Start-TestEndpoint -Bucket 'access-input', 'access-output' -KeyAlias $alias -JobSeconds 1 -PolicyFile $file -ExtraArguments @('--create-topic', 'access-jobs')
        $sample = New-SampleDocument -Folder (Join-Path $TestDrive 'sample-b')
        $adminB = $endpointB.Connection
        $script:documentB = (Start-TextractAnalysis -Path $sample.Pdf -UploadUri $inputUri -KmsKeyId $alias @adminB).Document
    }

    AfterAll { if ($script:endpointB) { Stop-TestEndpoint -Endpoint $script:endpointB } }

    It 'runs the flow for the principals it names' {
        $starterConn = Get-Connection $endpointB $starter
        $done = Start-TextractAnalysis @startOptions -S3Uri $documentB -Preflight @starterConn -ErrorAction Stop |
            Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @starterConn -ErrorAction Stop
        $readerConn = Get-Connection $endpointB $reader
        @(($done | Get-TextractOutput -As Line -Source S3 @readerConn -ErrorAction Stop).Text) | Should -Be $expectedLines
    }

    It 'refuses a starter it does not name, whose identity policy allows the key, and says which key statement to add' {
        $conn = Get-Connection $endpointB $outsider
        $key = Test-TextractAccess @preflightOptions -S3Uri $documentB @conn -WarningAction SilentlyContinue | Where-Object Check -EQ KeyDescribable
        $key.Status | Should -Be 'Failed'
        $key.Detail | Should -BeLike '*AllowTextractStarterToUseKey*'
    }
}

Describe 'about_TextractTools_Security' {
    It 'is shown by Get-Help, with the four output combinations, the permissions and CloudTrail' {
        $text = Get-Help -Name about_TextractTools_Security | Out-String
        $text | Should -BeLike '*about_textracttools_security*'
        $text | Should -BeLike '*OUTPUTCONFIG AND KMSKEYID: WHERE THE OUTPUT LIVES*'
        $text | Should -BeLike '*THE PERMISSIONS OF EACH STEP*'
        $text | Should -BeLike '*AUDITING WITH CLOUDTRAIL AND JOBTAG*'
        (Get-Help -Name about_Textract* | Where-Object Name -EQ 'about_TextractTools_Security').Synopsis | Should -BeLike 'Where Textract*'
    }
}
