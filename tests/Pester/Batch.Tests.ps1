# Invoke-TextractBatch against the local endpoint: a folder delivered once; a batch whose process is killed at random
# points and run again ends with every document delivered once and one job each; Ctrl+C (SIGINT to a child process,
# and PowerShell's Stop(), which is what Ctrl+C calls) stops Wait-TextractJob and Invoke-TextractBatch at once and
# leaves the batch resumable.

BeforeDiscovery {
    # A process whose SIGINT is ignored (started in the background by a non-interactive shell) passes that on to its
    # children, and then no Ctrl+C can reach them: the SIGINT tests need it delivered.
    $script:sigintIgnored = $IsWindows -or ((Test-Path /proc/self/status) -and
        (([Convert]::ToUInt64(((Get-Content /proc/self/status | Where-Object { $_ -like 'SigIgn:*' }) -split '\s+')[1], 16) -band 2) -ne 0))
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:modulePath = Get-TestModulePath
    Import-Module $script:modulePath -Force
    $script:endpoint = Start-TestEndpoint -Bucket 'batch-in', 'batch-out' -JobSeconds 1
    $script:conn = $script:endpoint.Connection
    # Jobs that outlast any test's patience, to stop waits in the middle.
    $script:slow = Start-TestEndpoint -Bucket 'slow-in', 'slow-out' -JobSeconds 30
    $script:slowConn = $script:slow.Connection

    function New-TestPdf {
        <# A one-page PDF whose text layer is $Text (the endpoint answers such a PDF with its words). #>
        param([string] $Path, [string] $Text)
        $stream = "BT /F1 12 Tf 50 700 Td ($Text) Tj ET"
        $objects = @(
            '<< /Type /Catalog /Pages 2 0 R >>'
            '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'
            '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>'
            '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
            "<< /Length $($stream.Length) >>`nstream`n$stream`nendstream"
        )
        $pdf = [System.Text.StringBuilder]::new("%PDF-1.4`n")
        $offsets = foreach ($i in 0..($objects.Count - 1)) {
            $pdf.Length
            $null = $pdf.Append("$($i + 1) 0 obj`n$($objects[$i])`nendobj`n")
        }
        $xref = $pdf.Length
        $null = $pdf.Append("xref`n0 $($objects.Count + 1)`n0000000000 65535 f `n")
        foreach ($o in $offsets) { $null = $pdf.Append(('{0:D10} 00000 n ' -f $o) + "`n") }
        $null = $pdf.Append("trailer`n<< /Size $($objects.Count + 1) /Root 1 0 R >>`nstartxref`n$xref`n%%EOF`n")
        [System.IO.File]::WriteAllText($Path, $pdf.ToString(), [System.Text.Encoding]::ASCII)
    }

    function New-Inbox {
        param([string] $Name, [int] $Count)
        $inbox = Join-Path $TestDrive "$Name/inbox"
        New-Item -ItemType Directory -Path $inbox -Force | Out-Null
        $tag = [guid]::NewGuid().ToString('N').Substring(0, 8)
        foreach ($i in 1..$Count) {
            $text = "Pester $Name document $i $tag"
            New-TestPdf -Path (Join-Path $inbox ('doc-{0:D2}.pdf' -f $i)) -Text $text
            [pscustomobject]@{ Name = 'doc-{0:D2}.pdf' -f $i; Text = $text }
        }
    }

    function Read-Journal {
        <# The journal's complete records, read while a run may hold it. #>
        param([string] $Path)
        if (-not (Test-Path $Path)) { return @() }
        $stream = [System.IO.FileStream]::new($Path, 'Open', 'Read', 'ReadWrite')
        try { $text = [System.IO.StreamReader]::new($stream).ReadToEnd() } finally { $stream.Dispose() }
        $complete = $text.Substring(0, $text.LastIndexOf("`n") + 1)
        @($complete -split "`n" | Where-Object { $_.Trim() } | ForEach-Object { $_ | ConvertFrom-Json })
    }

    function Start-ChildPwsh {
        <# Starts a PowerShell child that runs $Command, so it can be killed or sent SIGINT; its output goes to $Log. #>
        param([string] $Command, [string] $Log)
        $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes("& { $Command } *> '$Log'"))
        $pwsh = Get-PwshCommand
        $info = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
        foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded)) { $info.ArgumentList.Add($a) }
        $info.UseShellExecute = $false
        $info.RedirectStandardInput = $true
        [System.Diagnostics.Process]::Start($info)
    }

    function Wait-Until {
        param([scriptblock] $Condition, [int] $TimeoutSec = 60)
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { return $false }
            Start-Sleep -Milliseconds 50
        }
        $true
    }

    function ConvertTo-Literal([string] $Value) { "'" + $Value.Replace("'", "''") + "'" }

    function Get-ChildBatchCommand {
        <# The Invoke-TextractBatch command line a child runs (the same as the test's own runs). #>
        param($Arguments)
        $text = foreach ($entry in $Arguments.GetEnumerator()) { "-$($entry.Key) $(ConvertTo-Literal "$($entry.Value)")" }
        "`$ProgressPreference = 'SilentlyContinue'; Import-Module $(ConvertTo-Literal $script:modulePath); Invoke-TextractBatch $($text -join ' ')"
    }

    function Get-StartedJobCount {
        <# Textract writes <prefix>/<JobId>/.s3_access_check when a job starts: one per job ever started there. #>
        param([string] $S3Uri, $Connection)
        @(Test-TextractOutputEncryption -S3Uri $S3Uri @Connection | Where-Object Key -like '*/.s3_access_check').Count
    }
}

AfterAll {
    if ($script:endpoint) { Stop-TestEndpoint -Endpoint $script:endpoint }
    if ($script:slow) { Stop-TestEndpoint -Endpoint $script:slow }
}

Describe 'Invoke-TextractBatch over a folder' {
    BeforeAll {
        $script:docs = New-Inbox -Name 'folder' -Count 12
        $script:batch = @{
            Path = Join-Path $TestDrive 'folder/inbox/*.pdf'; UploadUri = 's3://batch-in/folder/'; OutputUri = 's3://batch-out/folder/'
            StateFile = Join-Path $TestDrive 'folder/state.jsonl'; OutputFolder = Join-Path $TestDrive 'folder/output'
            ThrottleLimit = 4; PollIntervalSec = 0.1; MaxPollIntervalSec = 0.5
        }
        $script:items = @(Invoke-TextractBatch @batch @conn -ErrorVariable script:errors)
    }

    It 'delivers every document, each in a folder named after it' {
        $errors | Should -BeNullOrEmpty
        $items.Count | Should -Be 12
        foreach ($item in $items) {
            $item.GetType().FullName | Should -Be 'TextractTools.Engine.Batch.TextractBatchItem'
            $item.Delivered | Should -BeTrue
            $item.Status | Should -Be 'SUCCEEDED'
            Split-Path -Leaf $item.OutputFolder | Should -Be (Split-Path -Leaf $item.Document)
            (Get-Content -Raw (Join-Path $item.OutputFolder 'job.json') | ConvertFrom-Json).jobId | Should -Be $item.JobId
            Join-Path $item.OutputFolder '1.json' | Should -Exist
        }
        @(Get-ChildItem -Force -Directory $batch.OutputFolder).Count | Should -Be 12
    }

    It 'delivers output that Get-TextractOutput reads back with each document''s own text' {
        foreach ($doc in $docs) {
            $item = $items | Where-Object { (Split-Path -Leaf $_.Document) -eq $doc.Name }
            (Get-TextractOutput -Path $item.OutputFolder -As Line).Text | Should -Be @($doc.Text)
        }
    }

    It 'does nothing on a rerun: no item, no journal record, no job' {
        $records = @(Read-Journal $batch.StateFile).Count
        $again = @(Invoke-TextractBatch @batch @conn)
        $again | Should -BeNullOrEmpty
        @(Read-Journal $batch.StateFile).Count | Should -Be $records
        Get-StartedJobCount -S3Uri 's3://batch-out/folder/' -Connection $conn | Should -Be 12
    }

    It 'takes one new file on the next run, leaving the delivered ones alone' {
        New-TestPdf -Path (Join-Path $TestDrive 'folder/inbox/late.pdf') -Text 'A late arrival'
        $late = @(Invoke-TextractBatch @batch @conn)
        $late.Count | Should -Be 1
        Split-Path -Leaf $late[0].Document | Should -Be 'late.pdf'
        Get-StartedJobCount -S3Uri 's3://batch-out/folder/' -Connection $conn | Should -Be 13
    }

    It 'processes every document under an S3 prefix, from the pipeline' {
        # The files the runs above uploaded: s3://batch-in/folder/<content hash>/<name>.
        $state = Join-Path $TestDrive 'prefix/state.jsonl'
        $fromS3 = @('s3://batch-in/folder/' | Invoke-TextractBatch -StateFile $state -OutputFolder (Join-Path $TestDrive 'prefix/out') `
            -Feature Tables -PollIntervalSec 0.1 -MaxPollIntervalSec 0.5 @conn -ErrorVariable prefixErrors)
        $prefixErrors | Should -BeNullOrEmpty
        $fromS3.Count | Should -Be 13
        $fromS3 | ForEach-Object { $_.Delivered | Should -BeTrue; $_.Document | Should -BeLike 's3://batch-in/folder/*.pdf' }
        @($fromS3.JobId | Select-Object -Unique).Count | Should -Be 13
    }

    It 'writes nothing with -WhatIf' {
        $state = Join-Path $TestDrive 'whatif/state.jsonl'
        $result = Invoke-TextractBatch -Path $batch.Path -UploadUri 's3://batch-in/whatif/' -StateFile $state `
            -OutputFolder (Join-Path $TestDrive 'whatif/out') -WhatIf @conn
        $result | Should -BeNullOrEmpty
        Test-Path $state | Should -BeFalse
        Test-Path (Join-Path $TestDrive 'whatif') | Should -BeFalse
    }

    It 'refuses a run with other options on the same state file, naming both' {
        { Invoke-TextractBatch @batch -Feature Forms @conn -ErrorAction Stop } |
            Should -Throw -ErrorId 'TextractBatchStateMismatch,TextractTools.Commands.InvokeTextractBatchCommand'
    }

    It 'rejects bad input before any call' {
        { Invoke-TextractBatch -Path $batch.Path -UploadUri 'not-s3' -StateFile (Join-Path $TestDrive 'bad.jsonl') `
            -OutputFolder (Join-Path $TestDrive 'bad') @conn -ErrorAction Stop } | Should -Throw '*s3://*'
        Test-Path (Join-Path $TestDrive 'bad.jsonl') | Should -BeFalse
    }

    It 'rejects <Name> before any call, as Start-TextractAnalysis does' -ForEach @(
        @{ Name = 'an adapter without a feature'; Arguments = @{ Adapter = @{ AdapterId = '123456789012'; Version = '1' } }; Message = '*-Adapter*' }
        @{ Name = 'an adapter without a version'; Arguments = @{ Adapter = @{ AdapterId = '123456789012' }; Feature = 'Tables' }; Message = '*Version*' }
        @{ Name = 'a topic without a role'; Arguments = @{ NotificationTopicArn = 'arn:aws:sns:us-east-1:000000000000:t' }; Message = '*NotificationRoleArn*' }
    ) {
        $state = Join-Path $TestDrive "bad-$([guid]::NewGuid().ToString('N')).jsonl"
        # An endpoint on a closed port: a call would fail with a connection error, not this message.
        { Invoke-TextractBatch -Path $batch.Path -UploadUri 's3://batch-in/bad/' -StateFile $state -OutputFolder (Join-Path $TestDrive 'bad') `
            @Arguments -EndpointUrl 'http://127.0.0.1:9/' -Region 'us-east-1' -AccessKey 'AKIDTEST' -SecretKey 'secret' -ErrorAction Stop } |
            Should -Throw $Message
        Test-Path $state | Should -BeFalse
    }
}

Describe 'A batch killed at random points and run again' {
    BeforeAll {
        $script:count = 15
        $script:docs = New-Inbox -Name 'kill' -Count $count
        $script:batch = [ordered]@{
            Path = Join-Path $TestDrive 'kill/inbox/*.pdf'; UploadUri = 's3://batch-in/kill/'; OutputUri = 's3://batch-out/kill/'
            StateFile = Join-Path $TestDrive 'kill/state.jsonl'; OutputFolder = Join-Path $TestDrive 'kill/output'
            ThrottleLimit = 4; PollIntervalSec = 0.1; MaxPollIntervalSec = 0.3
        }
        $childBatch = [ordered]@{} + $batch + $conn
        $command = Get-ChildBatchCommand $childBatch
        $random = [Random]::new()
        $script:kills = 0
        $script:killedAt = [System.Collections.Generic.List[int]]::new()
        # Each round lets the child write a random number of further records, then kills it (the whole process tree).
        foreach ($round in 1..5) {
            $before = @(Read-Journal $batch.StateFile).Count
            $threshold = $before + $random.Next(1, 14)
            $child = Start-ChildPwsh -Command $command -Log (Join-Path $TestDrive "kill/child-$round.log")
            $reached = Wait-Until { $child.HasExited -or @(Read-Journal $batch.StateFile).Count -ge $threshold } -TimeoutSec 90
            if ($reached -and -not $child.HasExited) {
                $child.Kill($true)
                $script:kills++
                $script:killedAt.Add(@(Read-Journal $batch.StateFile).Count)
            }
            $null = $child.WaitForExit(30000)
            if (-not $child.HasExited) { $child.Kill($true) }
        }
        $script:final = @(Invoke-TextractBatch @batch @conn -ErrorVariable script:finalErrors)
        $script:records = @(Read-Journal $batch.StateFile)
    }

    It 'was killed in the middle of the batch' {
        $kills | Should -BeGreaterThan 0
        Write-Host "    killed after journal records: $($killedAt -join ', ')"
    }

    It 'ends with every document delivered exactly once, with one job each' {
        $finalErrors | Should -BeNullOrEmpty
        $byToken = $records | Where-Object type -ne 'Batch' | Group-Object token
        $byToken.Count | Should -Be $count
        foreach ($group in $byToken) {
            @($group.Group | Where-Object type -eq 'Discovered').Count | Should -Be 1
            @($group.Group | Where-Object type -eq 'Delivered').Count | Should -Be 1
            @($group.Group | Where-Object jobId | Select-Object -ExpandProperty jobId -Unique).Count | Should -Be 1
        }
    }

    It 'started no document twice: Textract saw one job per document' {
        Get-StartedJobCount -S3Uri 's3://batch-out/kill/' -Connection $conn | Should -Be $count
    }

    It 'left one whole output folder per document and no partial one' {
        $folders = @(Get-ChildItem -Force -Directory $batch.OutputFolder)
        $folders.Count | Should -Be $count
        $folders.Name | Should -Not -BeLike '.*'
        foreach ($doc in $docs) {
            $folder = $folders | Where-Object Name -eq $doc.Name
            @($folder).Count | Should -Be 1
            (Get-TextractOutput -Path $folder.FullName -As Line).Text | Should -Be @($doc.Text)
        }
    }
}

Describe 'Ctrl+C' {
    BeforeAll {
        $script:pdf = Join-Path $TestDrive 'ctrlc/one.pdf'
        New-Item -ItemType Directory -Path (Split-Path $pdf) -Force | Out-Null
        New-TestPdf -Path $pdf -Text "Ctrl+C $([guid]::NewGuid())"
        $script:kill = Get-Command kill -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1

        function New-SlowBatch([string] $Name) {
            $inbox = Join-Path $TestDrive "$Name/inbox"
            New-Item -ItemType Directory -Path $inbox -Force | Out-Null
            foreach ($i in 1..3) { New-TestPdf -Path (Join-Path $inbox "slow-$i.pdf") -Text "Slow $Name $i $([guid]::NewGuid())" }
            [ordered]@{
                Path = Join-Path $inbox '*.pdf'; UploadUri = "s3://slow-in/$Name/"; OutputUri = "s3://slow-out/$Name/"
                StateFile = Join-Path $TestDrive "$Name/state.jsonl"; OutputFolder = Join-Path $TestDrive "$Name/output"
                PollIntervalSec = 0.2; MaxPollIntervalSec = 0.5
            }
        }

        function Assert-Resumable($Batch, [int] $Jobs) {
            # The lock is free, the journal reads, and a rerun waits for the same jobs instead of starting new ones.
            $startedBefore = @(Read-Journal $Batch.StateFile | Where-Object type -eq 'Started')
            $startedBefore.Count | Should -Be $Jobs
            $rerun = @(Invoke-TextractBatch @Batch -TimeoutSec 1 @slowConn -ErrorVariable timeouts -ErrorAction SilentlyContinue)
            $rerun | Should -BeNullOrEmpty
            @($timeouts | Where-Object FullyQualifiedErrorId -like 'TextractBatchTimeout*').Count | Should -Be $Jobs
            $startedAfter = @(Read-Journal $Batch.StateFile | Where-Object type -eq 'Started')
            @($startedAfter.jobId) | Should -Be @($startedBefore.jobId)
            Get-StartedJobCount -S3Uri $Batch.OutputUri -Connection $slowConn | Should -Be $Jobs
        }
    }

    It 'SIGINT stops Wait-TextractJob in a child process at once' -Skip:$sigintIgnored {
        $marker = Join-Path $TestDrive 'ctrlc/wait-started.txt'
        $command = "`$ProgressPreference = 'SilentlyContinue'; Import-Module $(ConvertTo-Literal $modulePath); " +
            "`$c = @{ EndpointUrl = '$($slowConn.EndpointUrl)'; AccessKey = '$($slowConn.AccessKey)'; SecretKey = '$($slowConn.SecretKey)'; Region = 'us-east-1' }; " +
            "`$job = Start-TextractAnalysis -Path $(ConvertTo-Literal $pdf) -UploadUri 's3://slow-in/wait/' @c; " +
            "Set-Content -Path $(ConvertTo-Literal $marker) -Value `$job.JobId; " +
            "`$job | Wait-TextractJob -PollIntervalSec 0.2 -MaxPollIntervalSec 0.5 @c; Set-Content -Path $(ConvertTo-Literal $marker) -Value 'waited to the end'"
        $child = Start-ChildPwsh -Command $command -Log (Join-Path $TestDrive 'ctrlc/wait.log')
        try {
            Wait-Until { (Test-Path $marker) -or $child.HasExited } | Should -BeTrue
            $child.HasExited | Should -BeFalse -Because (Get-Content -Raw (Join-Path $TestDrive 'ctrlc/wait.log') -ErrorAction SilentlyContinue)
            Start-Sleep -Milliseconds 700
            & $kill -s INT $child.Id
            # The job runs for 30 s: ending within a few seconds means the wait was stopped, not finished.
            $child.WaitForExit(5000) | Should -BeTrue
            Get-Content $marker | Should -Not -Be 'waited to the end'
        }
        finally { if (-not $child.HasExited) { $child.Kill($true) } }
    }

    It 'SIGINT stops Invoke-TextractBatch in a child process at once, and the batch resumes' -Skip:$sigintIgnored {
        $batch = New-SlowBatch 'sigint'
        $command = Get-ChildBatchCommand ([ordered]@{} + $batch + $slowConn)
        $child = Start-ChildPwsh -Command $command -Log (Join-Path $TestDrive 'sigint/child.log')
        try {
            Wait-Until { $child.HasExited -or @(Read-Journal $batch.StateFile | Where-Object type -eq 'Started').Count -ge 3 } | Should -BeTrue
            $child.HasExited | Should -BeFalse

            # While it runs, a second run on the same state file is refused.
            { Invoke-TextractBatch @batch @slowConn -ErrorAction Stop } |
                Should -Throw -ErrorId 'TextractBatchStateFileInUse,TextractTools.Commands.InvokeTextractBatchCommand'

            & $kill -s INT $child.Id
            $child.WaitForExit(5000) | Should -BeTrue
        }
        finally { if (-not $child.HasExited) { $child.Kill($true) } }
        Assert-Resumable $batch 3
    }

    It 'Stop() (what Ctrl+C calls) stops Wait-TextractJob at once' {
        $job = Start-TextractAnalysis -Path $pdf -UploadUri 's3://slow-in/stop/' @slowConn
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($Module, $Job, $Connection) Import-Module $Module; $Job | Wait-TextractJob -PollIntervalSec 0.2 @Connection').
                AddArgument($modulePath).AddArgument($job).AddArgument($slowConn)
            $handle = $ps.BeginInvoke()
            Wait-Until { $ps.InvocationStateInfo.State -eq 'Running' } | Should -BeTrue
            Start-Sleep -Milliseconds 1500
            $ps.InvocationStateInfo.State | Should -Be 'Running'
            $stop = $ps.BeginStop($null, $null)
            $stop.AsyncWaitHandle.WaitOne(5000) | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $handle.IsCompleted | Should -BeTrue
        }
        finally { $ps.Dispose() }
    }

    It 'Stop() stops Invoke-TextractBatch at once, and the batch resumes' {
        $batch = New-SlowBatch 'stop'
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($Module, $Batch, $Connection) Import-Module $Module; Invoke-TextractBatch @Batch @Connection').
                AddArgument($modulePath).AddArgument($batch).AddArgument($slowConn)
            $handle = $ps.BeginInvoke()
            Wait-Until { @(Read-Journal $batch.StateFile | Where-Object type -eq 'Started').Count -ge 3 -or $handle.IsCompleted } | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Running'
            $stop = $ps.BeginStop($null, $null)
            $stop.AsyncWaitHandle.WaitOne(5000) | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { $ps.Dispose() }
        Assert-Resumable $batch 3
    }
}

Describe 'Invoke-TextractBatch -StateUri: one batch, several hosts' {
    BeforeAll {
        # Slow and throttled Starts, throttled Gets and state writes: the hosts must cope as they would with AWS.
        $script:shared = Start-TestEndpoint -Bucket 'shared-in', 'shared-out', 'shared-state' -KeyAlias 'alias/shared' -JobSeconds 1 -ExtraArguments @(
            '--fault', 'Textract.Start*:delayMs=400,throttle=0.3', '--fault', 'Textract.Get*:throttle=0.2', '--fault', 'S3.*:throttle=0.1')
        $script:sharedConn = $script:shared.Connection

        function New-SharedBatch([string] $Name, [int] $Count) {
            $docs = New-Inbox -Name $Name -Count $Count
            $batch = [ordered]@{
                Path = Join-Path $TestDrive "$Name/inbox/*.pdf"; UploadUri = "s3://shared-in/$Name/"; OutputUri = "s3://shared-out/$Name/"
                KmsKeyId = 'alias/shared'; StateUri = "s3://shared-state/$Name/"; LeaseSec = 3
                # One output folder for every host, as a share they all mount would be.
                OutputFolder = Join-Path $TestDrive "$Name/output"; ThrottleLimit = 3; PollIntervalSec = 0.2; MaxPollIntervalSec = 0.5
            }
            [pscustomobject]@{ Docs = $docs; Batch = $batch }
        }

        function Start-Host([System.Collections.IDictionary] $Batch, [string] $Name, [System.Collections.IDictionary] $Connection = $sharedConn) {
            # The child writes how its run ended (items, errors) for the test to read.
            $result = Join-Path $TestDrive "$Name.result.json"
            $command = (Get-ChildBatchCommand ([ordered]@{} + $Batch + $Connection)) +
                " -ErrorVariable problems -ErrorAction SilentlyContinue | Tee-Object -Variable items | Out-Null; " +
                "@{ Items = @(`$items).Count; Errors = @(`$problems | ForEach-Object { `$_.ToString() }) } | ConvertTo-Json | Set-Content $(ConvertTo-Literal $result)"
            $process = Start-ChildPwsh -Command $command -Log (Join-Path $TestDrive "$Name.log")
            [pscustomobject]@{ Name = $Name; Process = $process; Result = $result }
        }

        function Read-HostResult($HostRun) {
            if (-not (Test-Path $HostRun.Result)) { throw "$($HostRun.Name) wrote no result: $(Get-Content -Raw (Join-Path $TestDrive "$($HostRun.Name).log") -ErrorAction SilentlyContinue)" }
            Get-Content -Raw $HostRun.Result | ConvertFrom-Json
        }

        function Get-Status([string] $StateUri, [System.Collections.IDictionary] $Connection = $sharedConn) {
            Get-TextractBatchStatus -StateUri $StateUri @Connection -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        }
    }

    AfterAll {
        if ($script:shared) { Stop-TestEndpoint -Endpoint $script:shared }
        if ($script:stuck) { Stop-TestEndpoint -Endpoint $script:stuck }
    }

    Context 'three hosts over 30 documents, one killed with SIGKILL mid-run and started again' {
        BeforeAll {
            $script:run = New-SharedBatch -Name 'three' -Count 30
            $batch = $run.Batch
            # C starts first, so that the first host the state shows is C.
            $hostC = Start-Host $batch 'c1'
            Wait-Until { $hostC.Process.HasExited -or (($s = Get-Status $batch.StateUri) -and $s.Hosts.Count -ge 1) } -TimeoutSec 90 | Out-Null
            $script:cId = @((Get-Status $batch.StateUri).Hosts)[0].HostId
            $hosts = @((Start-Host $batch 'a'), (Start-Host $batch 'b'))

            # Mid-run: documents are delivered, and C holds a started job.
            $script:heldByC = @()
            $midRun = Wait-Until {
                $status = Get-Status $batch.StateUri
                $script:heldByC = @($status.Documents | Where-Object { $_.Owner -eq $cId -and $_.Stage -eq 'Started' })
                $hostC.Process.HasExited -or ($status.Delivered -ge 3 -and $heldByC.Count -ge 1)
            } -TimeoutSec 90
            $script:killedMidRun = $midRun -and -not $hostC.Process.HasExited
            $hostC.Process.Kill($true)
            $null = $hostC.Process.WaitForExit(10000)
            # What C held when it died: the other hosts must take these over once C's lease expires.
            $script:killedWith = @((Get-Status $batch.StateUri).Documents | Where-Object Owner -eq $cId | ForEach-Object Token)

            # Started again: a new host of the same batch.
            $hosts += Start-Host $batch 'c2'
            foreach ($h in $hosts) {
                if (-not $h.Process.WaitForExit(180000)) { $h.Process.Kill($true) }
            }
            $script:results = @($hosts | ForEach-Object { Read-HostResult $_ })
            $script:final = Get-Status $batch.StateUri
            $script:jobs = Get-StartedJobCount -S3Uri $batch.OutputUri -Connection $sharedConn
        }

        It 'killed C while it held documents and other documents were delivered' {
            $cId | Should -Not -BeNullOrEmpty
            $killedMidRun | Should -BeTrue
            $killedWith.Count | Should -BeGreaterThan 0
        }

        It 'left the other hosts, and C started again, without errors' {
            foreach ($r in $results) { @($r.Errors) | Should -BeNullOrEmpty }
            ($results | Measure-Object -Property Items -Sum).Sum | Should -BeGreaterThan 0
        }

        It 'started exactly one Textract job per document' {
            $jobs | Should -Be 30
            @($final.Documents.JobId | Select-Object -Unique).Count | Should -Be 30
        }

        It 'delivered every document, once, with its own text; the documents C held were finished by other hosts' {
            $final.Total | Should -Be 30
            $final.Delivered | Should -Be 30
            $final.Held | Should -Be 0
            # The hosts left; only the killed one may still show, expired, holding nothing.
            @($final.Hosts | Where-Object { -not $_.Expired -or $_.Held -gt 0 }) | Should -BeNullOrEmpty
            $folders = @(Get-ChildItem -Force -Directory $run.Batch.OutputFolder)
            $folders.Count | Should -Be 30
            $folders.Name | Should -Not -BeLike '.*'
            foreach ($doc in $run.Docs) {
                $record = $final.Documents | Where-Object { (Split-Path -Leaf $_.Document) -eq $doc.Name }
                $record.OutputFolder | Should -Be (Join-Path $run.Batch.OutputFolder $doc.Name)
                (Get-TextractOutput -Path $record.OutputFolder -As Line).Text | Should -Be @($doc.Text)
            }
            foreach ($token in $killedWith) { ($final.Documents | Where-Object Token -eq $token).Host | Should -Not -Be $cId }
        }

        It 'starts nothing on a final rerun' {
            $batch = $run.Batch
            $again = @(Invoke-TextractBatch @batch @sharedConn -ErrorVariable againErrors)
            $again | Should -BeNullOrEmpty
            $againErrors | Should -BeNullOrEmpty
            Get-StartedJobCount -S3Uri $batch.OutputUri -Connection $sharedConn | Should -Be 30
            $status = Get-Status $batch.StateUri
            $status.Delivered | Should -Be 30
            @($status.Hosts) | Should -BeNullOrEmpty
        }

        It 'keeps every state object SSE-KMS under the batch''s key' {
            $audit = @(Test-TextractOutputEncryption -S3Uri $run.Batch.StateUri -KmsKeyId 'alias/shared' @sharedConn -WarningAction SilentlyContinue)
            @($audit | Where-Object Key -like '*/documents/*').Count | Should -Be 30
            @($audit | Where-Object Key -like '*/batch.json').Count | Should -Be 1
            $audit | Where-Object { -not $_.IsExpected } | Should -BeNullOrEmpty
        }
    }

    Context 'the state seen from anywhere, and refusals' {
        BeforeAll {
            # Jobs that take ten minutes: the host is still working on its documents whenever the state is looked at,
            # however fast or busy the machine (with the shared endpoint's one-second jobs it could finish first).
            $script:stuck = Start-TestEndpoint -Bucket 'shared-in', 'shared-out', 'shared-state' -KeyAlias 'alias/shared' -JobSeconds 600
            $script:stuckConn = $stuck.Connection
            $script:lone = New-SharedBatch -Name 'lone' -Count 3
            $h = Start-Host $lone.Batch 'lone' -Connection $stuckConn
            Wait-Until { $h.Process.HasExited -or (Get-Status $lone.Batch.StateUri $stuckConn).Running -ge 1 } -TimeoutSec 90 | Out-Null
            $script:live = Get-Status $lone.Batch.StateUri $stuckConn
            $h.Process.Kill($true)
            $null = $h.Process.WaitForExit(10000)
            # No other host runs: the dead host's claims stay until its lease has passed and someone looks.
            Wait-Until { (Get-Status $lone.Batch.StateUri $stuckConn).HeldExpired -ge 1 } -TimeoutSec 60 | Out-Null
            $script:dead = Get-TextractBatchStatus -StateUri $lone.Batch.StateUri @stuckConn -WarningVariable script:expiredWarnings -WarningAction SilentlyContinue
        }

        It 'counts documents by stage and shows the host holding them' {
            $live.GetType().FullName | Should -Be 'TextractTools.Engine.Batch.TextractBatchStatus'
            $live.Location | Should -Be $lone.Batch.StateUri
            $live.Total | Should -Be 3
            $live.Waiting + $live.Running + $live.ToDeliver + $live.Delivered | Should -Be 3
            $live.Options | Should -BeLike '*kms=alias/shared*'
            $holder = @($live.Hosts)
            $holder.Count | Should -Be 1
            $holder[0].Expired | Should -BeFalse
            $holder[0].Held | Should -Be @($live.Documents | Where-Object Owner -eq $holder[0].HostId).Count
        }

        It 'shows a killed host''s claims as stale leases, with a warning' {
            $dead.HeldExpired | Should -BeGreaterThan 0
            @($dead.Hosts | Where-Object Expired).Count | Should -Be 1
            @($dead.Documents | Where-Object LeaseExpired).Count | Should -Be $dead.HeldExpired
            "$expiredWarnings" | Should -BeLike '*held by hosts whose lease expired*'
            ($dead | Out-String) | Should -BeLike '*lease expired*'
        }

        It 'reads a journal the same way' {
            $state = Join-Path $TestDrive 'journal/state.jsonl'
            $items = @(Invoke-TextractBatch -Path (Join-Path $TestDrive 'lone/inbox/doc-01.pdf') -UploadUri 's3://shared-in/journal/' -StateFile $state `
                -OutputFolder (Join-Path $TestDrive 'journal/out') -PollIntervalSec 0.2 @sharedConn)
            $items.Count | Should -Be 1
            $status = Get-TextractBatchStatus -StateFile $state
            $status.Location | Should -Be $state
            ($status.Total, $status.Delivered) | Should -Be @(1, 1)
            @($status.Hosts) | Should -BeNullOrEmpty
        }

        It 'says when there is no batch' {
            { Get-TextractBatchStatus -StateUri 's3://shared-state/nothing-here/' @sharedConn -ErrorAction Stop } |
                Should -Throw -ErrorId 'TextractBatchStateNotFound,TextractTools.Commands.GetTextractBatchStatusCommand'
        }

        It 'refuses a host with other options, naming the difference' {
            $batch = [ordered]@{} + $lone.Batch
            $batch.Remove('KmsKeyId')
            $err = { Invoke-TextractBatch @batch -Feature Forms @stuckConn -ErrorAction Stop } |
                Should -Throw -ErrorId 'TextractBatchStateMismatch,TextractTools.Commands.InvokeTextractBatchCommand' -PassThru
            $err.Exception.Message | Should -BeLike '*features: none in the batch, FORMS in this run*'
            $err.Exception.Message | Should -BeLike '*kms: alias/shared in the batch, none in this run*'
        }

        It 'wants exactly one of -StateFile and -StateUri, and -LeaseSec only with -StateUri (<Message>)' -ForEach @(
            @{ Arguments = @{ StateFile = 'x.jsonl'; StateUri = 's3://shared-state/x/' }; Message = '*not both*' }
            @{ Arguments = @{}; Message = '*-StateFile*-StateUri*' }
            @{ Arguments = @{ StateFile = 'x.jsonl'; LeaseSec = 10 }; Message = '*-LeaseSec*-StateUri*' }
        ) {
            # An endpoint on a closed port: a call would fail with a connection error, not this message.
            { Invoke-TextractBatch -Path (Join-Path $TestDrive 'lone/inbox/*.pdf') -UploadUri 's3://shared-in/x/' -OutputFolder (Join-Path $TestDrive 'x') `
                @Arguments -EndpointUrl 'http://127.0.0.1:9/' -Region 'us-east-1' -AccessKey 'AKIDTEST' -SecretKey 'secret' -ErrorAction Stop } |
                Should -Throw $Message
        }
    }
}
