# Wait-TextractJob -QueueUrl against the local endpoint: jobs started with a NotificationChannel topic, their
# notifications delivered by the endpoint's SNS to a subscribed SQS queue (--create-queue/--create-topic of the same
# name), and the concurrent-job limit (--max-concurrent-jobs) as the user sees it.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:endpoint = Start-TestEndpoint -Bucket 'notify-input' -JobSeconds 1 -ExtraArguments @(
        '--create-queue', 'textract-done', '--create-topic', 'textract-done', '--create-topic', 'unsubscribed')
    $script:conn = $script:endpoint.Connection
    $script:queueUrl = "$($script:endpoint.Url)000000000000/textract-done"
    $script:channel = @{
        NotificationTopicArn = 'arn:aws:sns:us-east-1:000000000000:textract-done'
        NotificationRoleArn  = 'arn:aws:iam::000000000000:role/TextractPublishToSns'
    }
    $script:sample = New-SampleDocument -Folder (Join-Path $TestDrive 'sample')

    function script:Start-NotifyingJob {
        param([string] $Token)
        Start-TextractAnalysis -Path $script:sample.Pdf -UploadUri 's3://notify-input/docs/' -Feature Tables `
            -ClientRequestToken $Token @script:channel @script:conn
    }
}

AfterAll {
    if ($script:endpoint) { Stop-TestEndpoint -Endpoint $script:endpoint }
}

Describe 'Wait-TextractJob -QueueUrl' {
    It 'returns the job SUCCEEDED from its notification, confirmed with its pages' {
        $job = Start-NotifyingJob -Token "queue-$([guid]::NewGuid().ToString('N'))"
        $output = $job | Wait-TextractJob -QueueUrl $queueUrl -TimeoutSec 60 -Verbose @conn 4>&1
        $done = @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) -join "`n"

        $done.Count | Should -Be 1
        $done[0].JobId | Should -Be $job.JobId
        $done[0].Status | Should -Be 'SUCCEEDED'
        $done[0].Pages | Should -Be 2
        # The queue was read, and exactly one status call confirmed the notification.
        $verbose | Should -Match '\d+ queue receives, 1 status calls for 1 job'
    }

    It 'leaves the notification of another job in the queue for whoever waits for it' {
        $other = Start-NotifyingJob -Token "other-$([guid]::NewGuid().ToString('N'))"
        # Let the other job finish first, so its notification is in the queue while the next wait reads it.
        $other | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @conn | Out-Null
        $mine = Start-NotifyingJob -Token "mine-$([guid]::NewGuid().ToString('N'))"

        $output = $mine | Wait-TextractJob -QueueUrl $queueUrl -TimeoutSec 60 -Verbose @conn 4>&1
        $done = @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) -join "`n"
        $done.JobId | Should -Be $mine.JobId
        $verbose | Should -Match '[1-9]\d* other message\(s\) left in the queue'

        # The other job's notification is still there: waiting for it on the queue finds it.
        $otherDone = $other | Wait-TextractJob -QueueUrl $queueUrl -TimeoutSec 30 @conn
        $otherDone.JobId | Should -Be $other.JobId
        $otherDone.Status | Should -Be 'SUCCEEDED'
    }

    It 'receives the notifications of an Invoke-TextractBatch started with the channel' {
        $folder = Join-Path $TestDrive "batch-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType Directory -Path "$folder/inbox" | Out-Null
        Copy-Item $sample.Pdf "$folder/inbox/notified.pdf"
        $item = Invoke-TextractBatch -Path "$folder/inbox/*.pdf" -UploadUri 's3://notify-input/batch/' -Feature Tables `
            -StateFile "$folder/state.jsonl" -OutputFolder "$folder/output" -PollIntervalSec 0.1 -MaxPollIntervalSec 0.5 @channel @conn
        $item.Status | Should -Be 'SUCCEEDED'
        # The batch polled for itself; the job's notification still waits in the queue for whoever follows the batch.
        $done = Wait-TextractJob -JobId $item.JobId -QueueUrl $queueUrl -TimeoutSec 30 -Verbose @conn 4>&1
        $job = @($done | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $job.JobId | Should -Be $item.JobId
        $job.Status | Should -Be 'SUCCEEDED'
        (@($done | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) -join "`n") | Should -Match 'queue receives'
    }

    It 'reports a job whose notification never comes as a timeout, leaving it running' {
        $job = Start-TextractAnalysis -Path $sample.Pdf -UploadUri 's3://notify-input/docs/' -Feature Tables `
            -ClientRequestToken "silent-$([guid]::NewGuid().ToString('N'))" @conn
        $done = $job | Wait-TextractJob -QueueUrl $queueUrl -TimeoutSec 2 -ErrorVariable problems -ErrorAction SilentlyContinue @conn
        $done | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'TextractJobTimeout*'
        $problems[0].TargetObject.JobId | Should -Be $job.JobId
    }

    It 'refuses a malformed queue URL before any call' {
        # The id is never looked up: the URL is checked first.
        { Wait-TextractJob -JobId 'never-looked-up' -QueueUrl 'textract-done' @conn } | Should -Throw -ErrorId 'InvalidQueueUrl*'
    }

    It 'reports a queue that does not exist with the service code' {
        $job = Start-NotifyingJob -Token "noqueue-$([guid]::NewGuid().ToString('N'))"
        $job | Wait-TextractJob -QueueUrl "$($endpoint.Url)000000000000/no-such-queue" -TimeoutSec 30 `
            -ErrorVariable problems -ErrorAction SilentlyContinue @conn | Should -BeNullOrEmpty
        # SQS's JSON errors carry the query protocol's code (x-amzn-query-error), which AWSSDK.SQS reports, as from AWS.
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AWS.SimpleQueueService.NonExistentQueue,*'
    }
}

Describe 'Start-TextractAnalysis with a NotificationChannel' {
    It 'refuses a topic that does not exist with InvalidParameterException' {
        $result = Start-TextractAnalysis -Path $sample.Pdf -UploadUri 's3://notify-input/docs/' `
            -NotificationTopicArn 'arn:aws:sns:us-east-1:000000000000:no-such-topic' -NotificationRoleArn $channel.NotificationRoleArn `
            -ErrorVariable problems -ErrorAction SilentlyContinue @conn
        $result | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameterException*'
        $problems[0].Exception.Message | Should -BeLike '*no-such-topic*'
    }
}

Describe 'The concurrent-job limit' {
    BeforeAll {
        # One job may run at once, and it runs for a minute: the second Start meets the limit.
        $script:limited = Start-TestEndpoint -Bucket 'limit-input' -JobSeconds 60 -ExtraArguments @('--max-concurrent-jobs', '1')
        $script:limitedConn = $script:limited.Connection
    }

    AfterAll {
        if ($script:limited) { Stop-TestEndpoint -Endpoint $script:limited }
    }

    It 'reaches the user as a LimitExceededException error record' {
        $first = Start-TextractAnalysis -Path $sample.Pdf -UploadUri 's3://limit-input/docs/' -ClientRequestToken 'limit-first' @limitedConn
        $first.JobId | Should -Not -BeNullOrEmpty

        $second = Start-TextractAnalysis -Path $sample.Pdf -UploadUri 's3://limit-input/docs/' -ClientRequestToken 'limit-second' `
            -ErrorVariable problems -ErrorAction SilentlyContinue @limitedConn
        $second | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'LimitExceededException*'
        $problems[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $problems[0].ErrorDetails.RecommendedAction | Should -BeLike '*concurrent*'
    }
}
