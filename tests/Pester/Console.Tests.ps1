# The console experience: tab completion of live values, -Verbose telling each AWS call, and error records that say
# what went wrong, on what, and what to do.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:endpoint = Start-TestEndpoint -Bucket 'console-input', 'console-output' -KeyAlias 'alias/console-key', 'alias/other-key' -JobSeconds 1
    $script:conn = $script:endpoint.Connection
    $script:sample = New-SampleDocument -Folder (Join-Path $TestDrive 'sample')
    # The connection as typed on a command line, for completion to find it in the fake-bound parameters.
    $script:typedConnection = "-EndpointUrl $($endpoint.Url) -AccessKey $($endpoint.AccessKey) -SecretKey $($endpoint.SecretKey) -Region us-east-1"

    function Get-Completion([string] $Line) {
        # Twice: the first Tab of an endpoint may return before the list arrives (it never waits over ~1 s); the
        # list then fills the cache in the background. Bounded: at most 20 tries.
        for ($i = 0; $i -lt 20; $i++) {
            $found = @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
            if ($found.Count -gt 0) { return $found }
            Start-Sleep -Milliseconds 250
        }
        @()
    }
}

AfterAll {
    if ($script:endpoint) { Stop-TestEndpoint -Endpoint $script:endpoint }
}

Describe 'Tab completion' {
    It 'completes -OutputUri with s3:// URIs of the buckets of the endpoint the command names' {
        Get-Completion "Start-TextractAnalysis $typedConnection -OutputUri s3://console-o" | Should -Be @('s3://console-output/')
    }

    It 'completes -S3Uri of every cmdlet from the bucket names alone' {
        Get-Completion "Test-TextractOutputEncryption $typedConnection -S3Uri console-" | Should -Be @('s3://console-input/', 's3://console-output/')
    }

    It 'offers nothing once the word goes past the bucket' {
        $line = "Start-TextractAnalysis $typedConnection -UploadUri s3://console-input/inbox/"
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches) | Should -HaveCount 0
    }

    It 'completes -Bucket and -OutputBucket with plain names' {
        Get-Completion "Start-TextractAnalysis $typedConnection -Key a.pdf -Bucket console-i" | Should -Be @('console-input')
        Get-Completion "Start-TextractAnalysis $typedConnection -OutputBucket console-o" | Should -Be @('console-output')
    }

    It 'completes -KmsKeyId and -ExpectedKmsKeyId with key aliases, with or without alias/' {
        Get-Completion "Start-TextractAnalysis $typedConnection -KmsKeyId cons" | Should -Be @('alias/console-key')
        Get-Completion "Get-TextractOutput $typedConnection -S3Uri s3://x/ -ExpectedKmsKeyId alias/oth" | Should -Be @('alias/other-key')
    }

    It 'takes the endpoint from $PSDefaultParameterValues when the command line does not name one' {
        $saved = $PSDefaultParameterValues.Clone()
        try {
            foreach ($name in $conn.Keys) { $PSDefaultParameterValues["*-Textract*:$name"] = $conn[$name] }
            Get-Completion 'Start-TextractAnalysis -KmsKeyId alias/console' | Should -Be @('alias/console-key')
        }
        finally {
            $PSDefaultParameterValues.Clear()
            foreach ($k in $saved.Keys) { $PSDefaultParameterValues[$k] = $saved[$k] }
        }
    }

    It 'completes nothing, without an error, when the endpoint refuses connections' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $Error.Clear()
        $line = "Start-TextractAnalysis -EndpointUrl http://127.0.0.1:$port/ -Region us-east-1 -AccessKey a -SecretKey b -OutputBucket "
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches) | Should -HaveCount 0
        $Error.Count | Should -Be 0
    }

    It 'returns while an endpoint that never answers is still being asked, and again at once' {
        # A listener that accepts connections and never answers: the fetch stays pending in the background.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $line = "Start-TextractAnalysis -EndpointUrl http://127.0.0.1:$($listener.LocalEndpoint.Port)/ -Region us-east-1 -AccessKey a -SecretKey b -OutputBucket "
            @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches) | Should -HaveCount 0
            @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches) | Should -HaveCount 0
        }
        finally { $listener.Stop() }
    }

    It 'completes -JobId with the jobs started in this session' {
        $job = Start-TextractAnalysis -Path $sample.Pdf -UploadUri 's3://console-input/completion/' @conn
        $found = Get-Completion "Wait-TextractJob -JobId $($job.JobId.Substring(0, 6))"
        $found | Should -Contain $job.JobId
        Get-Completion 'Get-TextractOutput -JobId ' | Should -Contain $job.JobId
    }

    It 'completes -Feature and -As from their fixed sets' {
        Get-Completion 'Start-TextractAnalysis -Feature Ta' | Should -Be @('Tables')
        Get-Completion 'Get-TextractOutput -As KeyV' | Should -Be @('KeyValue')
    }
}

Describe '-Verbose tells each AWS call and its duration' {
    It 'tells the upload and the start' {
        $verbose = Start-TextractAnalysis -Path $sample.Pdf -UploadUri 's3://console-input/verbose/' -Feature Tables @conn -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        @($verbose -match '^S3 PutObject 200 in \d+ ms$') | Should -HaveCount 1
        @($verbose -match '^Textract StartDocumentAnalysis 200 in \d+ ms$') | Should -HaveCount 1
    }

    It 'tells each status call of a wait' {
        $job = Start-TextractAnalysis -Path $sample.Pdf -UploadUri 's3://console-input/verbose/' @conn
        $records = @($job | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @conn -Verbose 4>&1)
        $finished = $records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $finished.Status | Should -Be 'SUCCEEDED'
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^Textract GetDocumentTextDetection 200 in \d+ ms$' }).Count |
            Should -BeGreaterOrEqual 1
    }

    It 'tells a failed call with its status and error code' {
        $verbose = Start-TextractAnalysis -Path $sample.Pdf -UploadUri 's3://no-such-console-bucket/x/' @conn -Verbose -ErrorAction SilentlyContinue 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        @($verbose -match '^S3 \w+ 404 NoSuchBucket in \d+ ms$').Count | Should -BeGreaterOrEqual 1
    }

    It 'writes no call lines without -Verbose' {
        $all = Start-TextractAnalysis -Path $sample.Pdf -UploadUri 's3://console-input/verbose/' @conn 4>&1
        @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) | Should -HaveCount 0
    }
}

Describe 'Error records carry a category, the target and a recommended action' {
    It 'a missing bucket: ObjectNotFound, the file as target, what to check' {
        $errors = $null
        $null = Start-TextractAnalysis -Path $sample.Pdf -UploadUri 's3://no-such-console-bucket/x/' @conn -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        "$($errors[0].TargetObject)" | Should -BeLike '*textracttools-sample.pdf'
        $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*bucket*'
    }

    It 'an endpoint that cannot be reached: ConnectionError and what to check' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $dead = $conn.Clone(); $dead.EndpointUrl = "http://127.0.0.1:$port/"
        $errors = $null
        $null = Start-TextractAnalysis -S3Uri 's3://console-input/x.pdf' @dead -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $errors[0].TargetObject | Should -Be 's3://console-input/x.pdf'
        $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*-EndpointUrl*'
    }

    It 'saved output that is not Textract output: InvalidData, the file as target, what to check' {
        $bad = Join-Path $TestDrive 'not-output.json'
        Set-Content -Path $bad -Value '{"Hello": "world"}'
        $errors = $null
        $null = Get-TextractOutput -Path $bad -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        "$($errors[0].TargetObject)" | Should -BeLike '*not-output.json'
        $errors[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }
}
