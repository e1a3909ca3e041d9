# Every asynchronous job kind (issue 12): expense and lending analysis beside text detection and document analysis,
# with OutputConfig and KMS, from local files and from S3, in single calls and in batches, against the local endpoint.
BeforeDiscovery {
    $script:kinds = @(
        @{ Kind = 'TextDetection'; Options = @{}; Shape = 'Line' }
        @{ Kind = 'DocumentAnalysis'; Options = @{ Feature = 'Tables' }; Shape = 'Table' }
        @{ Kind = 'ExpenseAnalysis'; Options = @{}; Shape = 'ExpenseField' }
        @{ Kind = 'LendingAnalysis'; Options = @{}; Shape = 'LendingPage' }
    )
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:samplesPath = Get-SharedSamplesPath
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:endpoint = Start-TestEndpoint -Bucket 'kinds-in', 'kinds-out' -KeyAlias 'alias/kinds' -JobSeconds 1
    $script:conn = $endpoint.Connection
    $script:sample = New-SampleDocument -Folder (Join-Path $TestDrive 'sample')
    $script:expense = Get-Content -Raw ($sample.Pdf + '.expense.json') | ConvertFrom-Json
    $script:lending = Get-Content -Raw ($sample.Pdf + '.lending.json') | ConvertFrom-Json
    $script:uploaded = Start-TextractAnalysis -Path $sample.Pdf -UploadUri 's3://kinds-in/docs/' @conn

    function Get-EndpointCalls {
        $statistics = Invoke-RestMethod -Uri ($endpoint.Url + '_admin/faults/statistics')
        ($statistics.operations.PSObject.Properties.Value | Measure-Object -Property calls -Sum).Sum
    }

    function Wait-Kind([Parameter(ValueFromPipeline)] $Job) {
        process { $Job | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @conn }
    }
}

AfterAll { if ($script:endpoint) { Stop-TestEndpoint $script:endpoint } }

Describe 'Start, Wait and Get for every kind, with the output in your bucket under your key' {
    It '<Kind> from a local file: the job has the kind, the output objects are SSE-KMS under the key, and -As <Shape> reads them' -ForEach $kinds {
        $options = $Options
        $job = Start-TextractAnalysis -Path $sample.Pdf -UploadUri 's3://kinds-in/local/' -Kind $Kind @options `
            -OutputUri "s3://kinds-out/$Kind/" -KmsKeyId 'alias/kinds' @conn
        $job.Kind | Should -Be $Kind
        $done = $job | Wait-Kind
        $done.Status | Should -Be 'SUCCEEDED'
        $audit = @(Test-TextractOutputEncryption -S3Uri $done.OutputLocation -KmsKeyId 'alias/kinds' @conn | Where-Object Key -match '/\d+$')
        $audit.Count | Should -BeGreaterThan 0
        $audit | ForEach-Object { $_.Encryption | Should -Be 'aws:kms' -Because $_.Uri }
        $audit | ForEach-Object { $_.IsExpected | Should -BeTrue -Because $_.Uri }
        @($done | Get-TextractOutput -As $Shape -ExpectedKmsKeyId 'alias/kinds' @conn).Count | Should -BeGreaterThan 0
    }

    It '<Kind> from S3, read through the Get API and from the bucket alike' -ForEach $kinds {
        $options = $Options
        $done = Start-TextractAnalysis -S3Uri $uploaded.Document -Kind $Kind @options -OutputUri "s3://kinds-out/s3-$Kind/" -KmsKeyId 'alias/kinds' @conn | Wait-Kind
        $fromApi = @($done | Get-TextractOutput -As $Shape -Source Api @conn | ForEach-Object { "$_" })
        $fromBucket = @($done | Get-TextractOutput -As $Shape -Source S3 @conn | ForEach-Object { "$_" })
        $fromApi.Count | Should -BeGreaterThan 0
        $fromBucket | Should -Be $fromApi
    }

    It 'is the same job on a rerun of the same script, for the new kinds too' {
        $first = Start-TextractAnalysis -S3Uri $uploaded.Document -Kind ExpenseAnalysis @conn
        $again = Start-TextractAnalysis -S3Uri $uploaded.Document -Kind ExpenseAnalysis @conn
        $lending = Start-TextractAnalysis -S3Uri $uploaded.Document -Kind LendingAnalysis @conn
        $again.JobId | Should -Be $first.JobId
        $lending.JobId | Should -Not -Be $first.JobId
    }

    It 'finds out the kind of a bare JobId (Wait-TextractJob -JobId, Get-TextractOutput -JobId)' {
        $expenseJob = Start-TextractAnalysis -S3Uri $uploaded.Document -Kind ExpenseAnalysis -JobTag 'bare-id' @conn
        $lendingJob = Start-TextractAnalysis -S3Uri $uploaded.Document -Kind LendingAnalysis -JobTag 'bare-id' @conn
        # A new session: nothing remembers which kinds these ids are.
        $script = @"
Import-Module '$(Get-TestModulePath)'
`$c = @{ EndpointUrl = '$($endpoint.Url)'; AccessKey = '$($endpoint.AccessKey)'; SecretKey = '$($endpoint.SecretKey)'; Region = 'us-east-1' }
`$jobs = Wait-TextractJob -JobId '$($expenseJob.JobId)', '$($lendingJob.JobId)' -PollIntervalSec 0.2 -TimeoutSec 60 @c
`$jobs | ForEach-Object { 'kind:' + `$_.Kind }
(Get-TextractOutput -JobId '$($lendingJob.JobId)' -As LendingPage @c | Select-Object -First 1).PageType
"@
        $output = Invoke-ChildPwsh -Command $script
        $output | Should -Contain 'kind:ExpenseAnalysis'
        $output | Should -Contain 'kind:LendingAnalysis'
        $output | Should -Contain 'INVOICES'
    }
}

Describe 'Expense analysis output as objects' {
    BeforeAll {
        $script:expenseJob = Start-TextractAnalysis -S3Uri $uploaded.Document -Kind ExpenseAnalysis -OutputUri 's3://kinds-out/expense/' -KmsKeyId 'alias/kinds' @conn | Wait-Kind
        # What the recording holds, walked here independently of the module's reader.
        $script:recordedSummary = @($expense.ExpenseDocuments | ForEach-Object { $_.SummaryFields } | ForEach-Object {
                [pscustomobject]@{ Type = $_.Type.Text; Label = "$($_.LabelDetection.Text)"; Value = $_.ValueDetection.Text } })
        $script:recordedItems = @($expense.ExpenseDocuments | ForEach-Object { $_.LineItemGroups } | ForEach-Object { $_.LineItems })
    }

    It 'gives every summary field with its type, label and value' {
        $fields = @($expenseJob | Get-TextractOutput -As ExpenseField @conn)
        $fields.Count | Should -Be $recordedSummary.Count
        for ($i = 0; $i -lt $fields.Count; $i++) {
            $fields[$i].Type | Should -Be $recordedSummary[$i].Type
            $fields[$i].Label | Should -Be $recordedSummary[$i].Label
            $fields[$i].Value | Should -Be $recordedSummary[$i].Value
            $fields[$i].Document | Should -Be $uploaded.Document
            $fields[$i].JobId | Should -Be $expenseJob.JobId
        }
        ($fields | Where-Object Type -eq 'TOTAL').Currency | Should -Be 'USD'
        ($fields | Where-Object Type -eq 'NAME' | Where-Object GroupTypes -contains 'RECEIVER').Value | Should -Be 'Blue Harbor Logistics'
    }

    It 'exports the line items to CSV, one column per field type, one row per item, and keeps the fields as objects' {
        $csv = Join-Path $TestDrive 'items.csv'
        $expenseJob | Get-TextractOutput -As LineItem @conn | Export-Csv -Path $csv
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -Be $recordedItems.Count
        $rows[0].PSObject.Properties.Name | Should -Be 'ITEM', 'QUANTITY', 'UNIT_PRICE', 'PRICE', 'EXPENSE_ROW'
        # ForEach-Object, not .ITEM: member access on an array would find the array's own Item method first.
        ($rows | ForEach-Object ITEM) | Should -Be @($recordedItems | ForEach-Object { ($_.LineItemExpenseFields | Where-Object { $_.Type.Text -eq 'ITEM' }).ValueDetection.Text })
        (Get-Content -Raw $csv) | Should -Not -Match 'TextractTools\.|System\.'
        $item = $expenseJob | Get-TextractOutput -As LineItem @conn | Select-Object -First 1
        $item.Source.Fields.Type | Should -Contain 'PRICE'
        $item.Source.Document | Should -Be $uploaded.Document
    }

    It 'gives each invoice or receipt found as an expense document' {
        $documents = @($expenseJob | Get-TextractOutput -As ExpenseDocument @conn)
        $documents.Count | Should -Be @($expense.ExpenseDocuments).Count
        $documents[0].VendorName | Should -Be 'TextractTools Sample Co.'
        ($documents | Where-Object Total).Total | Should -Be '432.00'
    }

    It 'says why a shape of block output is not in expense output, before reading it' {
        $before = Get-EndpointCalls
        $result = $expenseJob | Get-TextractOutput -As KeyValue @conn -ErrorVariable refused -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'ShapeNotInOutput*'
        $refused[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $refused[0].Exception.Message | Should -BeLike '*expense analysis output*ExpenseField*LineItem*'
        Get-EndpointCalls | Should -Be $before
    }
}

Describe 'Lending analysis output as objects' {
    BeforeAll {
        $script:lendingJob = Start-TextractAnalysis -S3Uri $uploaded.Document -Kind LendingAnalysis -OutputUri 's3://kinds-out/lending/' -KmsKeyId 'alias/kinds' @conn | Wait-Kind
    }

    It 'classifies every page and gives every lending field with its value' {
        $pages = @($lendingJob | Get-TextractOutput -As LendingPage @conn)
        $pages.Count | Should -Be @($lending.Results).Count
        $pages.PageType | Should -Be @($lending.Results | ForEach-Object { ($_.PageClassification.PageType | Sort-Object Confidence -Descending | Select-Object -First 1).Value })
        $fields = @($lendingJob | Get-TextractOutput -As LendingField @conn)
        $fields.Count | Should -Be @($lending.Results.Extractions.LendingDocument.LendingFields).Count
        ($fields | Where-Object Key -eq 'Paid:').SelectionStatus | Should -Be 'SELECTED'
        ($fields | Where-Object Key -eq 'Invoice Number:').Value | Should -Be 'INV-1042'
    }

    It 'exposes the expense extractions of lending pages as expense documents' {
        @($lendingJob | Get-TextractOutput -As ExpenseDocument @conn).Count | Should -Be @($lending.Results.Extractions.ExpenseDocument | Where-Object { $_ }).Count
        @($lendingJob | Get-TextractOutput -As LineItem @conn).Count | Should -BeGreaterThan 0
    }

    It 'reads the summary from the Get API and from summaryResponse/ in the bucket, the same' {
        $fromApi = $lendingJob | Get-TextractOutput -As LendingSummary -Source Api @conn
        $fromBucket = $lendingJob | Get-TextractOutput -As LendingSummary -Source S3 -ExpectedKmsKeyId 'alias/kinds' @conn
        $fromApi.DocumentGroups.Type | Should -Be 'INVOICES'
        $fromApi.DocumentGroups[0].SplitDocuments[0].Pages | Should -Be 1, 2
        $fromBucket.DocumentGroups.Type | Should -Be $fromApi.DocumentGroups.Type
        $fromBucket.SplitDocuments.Pages | Should -Be $fromApi.SplitDocuments.Pages
    }

    It 'saves the pages and the summary as the bucket holds them, and reads them back with -Path' {
        $saved = Join-Path $TestDrive 'lending-saved'
        $null = $lendingJob | Get-TextractOutput -As LendingField -SaveTo $saved @conn
        $null = $lendingJob | Get-TextractOutput -As LendingSummary -SaveTo $saved @conn
        Test-Path (Join-Path $saved 'detailedResponse/1') | Should -BeTrue
        Test-Path (Join-Path $saved 'summaryResponse/1') | Should -BeTrue
        (Get-TextractOutput -Path $saved -As LendingPage).PageType | Should -Be @($lending.Results | ForEach-Object { $_.PageClassification.PageType[0].Value })
        (Get-TextractOutput -Path $saved -As LendingSummary).DocumentGroups.Type | Should -Be 'INVOICES'
    }

    It 'reads a lending job folder given as -S3Uri (its pages are under detailedResponse/)' {
        (Get-TextractOutput -S3Uri $lendingJob.OutputLocation -As LendingPage @conn).Page | Should -Be 1, 2
        (Get-TextractOutput -S3Uri $lendingJob.OutputLocation -As LendingSummary @conn).DocumentGroups.Type | Should -Be 'INVOICES'
    }
}

Describe 'Options of another kind are refused before any call' {
    It 'refuses <Name>' -ForEach @(
        @{ Name = '-Feature with expense analysis'; Arguments = @{ Kind = 'ExpenseAnalysis'; Feature = 'Tables' }; Parameter = 'Feature' }
        @{ Name = '-Query with lending analysis'; Arguments = @{ Kind = 'LendingAnalysis'; Query = 'What is the total?' }; Parameter = 'Query' }
        @{ Name = '-Adapter with expense analysis'; Arguments = @{ Kind = 'ExpenseAnalysis'; Adapter = @{ AdapterId = '123456789012'; Version = '1' } }; Parameter = 'Adapter' }
        @{ Name = 'document analysis without a feature'; Arguments = @{ Kind = 'DocumentAnalysis' }; Parameter = 'Feature' }
    ) {
        $arguments = $Arguments
        $before = Get-EndpointCalls
        # Options that no document could start with end the command (a terminating error), before any call.
        $refused = $null
        try { $null = Start-TextractAnalysis -S3Uri $uploaded.Document @arguments @conn -ErrorAction Stop } catch { $refused = $_ }
        $refused | Should -Not -BeNullOrEmpty
        $refused.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $refused.Exception.Message | Should -BeLike "-$Parameter*"
        Get-EndpointCalls | Should -Be $before
    }

    It 'refuses them in a batch before any call too' {
        $before = Get-EndpointCalls
        { Invoke-TextractBatch -S3Uri $uploaded.Document -Kind ExpenseAnalysis -Feature Forms -StateFile (Join-Path $TestDrive 'refused.jsonl') `
                -OutputFolder (Join-Path $TestDrive 'refused') @conn -ErrorAction Stop } | Should -Throw '*-Feature*'
        Get-EndpointCalls | Should -Be $before
    }
}

Describe 'Batches of every kind' {
    It 'runs a <Kind> batch with its journal, delivers output that -Path reads, and a rerun starts nothing' -ForEach @(
        @{ Kind = 'ExpenseAnalysis'; Shape = 'ExpenseField' }
        @{ Kind = 'LendingAnalysis'; Shape = 'LendingPage' }
    ) {
        $state = Join-Path $TestDrive "$Kind.jsonl"
        $out = Join-Path $TestDrive "$Kind-out"
        $first = @(Invoke-TextractBatch -Path $sample.Pdf -UploadUri 's3://kinds-in/batch/' -Kind $Kind -OutputUri "s3://kinds-out/batch-$Kind/" `
                -KmsKeyId 'alias/kinds' -StateFile $state -OutputFolder $out -PollIntervalSec 0.2 @conn)
        $first.Count | Should -Be 1
        $first[0].Delivered | Should -BeTrue
        @(Get-TextractOutput -Path $first[0].OutputFolder -As $Shape).Count | Should -BeGreaterThan 0
        if ($Kind -eq 'LendingAnalysis') { (Get-TextractOutput -Path $first[0].OutputFolder -As LendingSummary).DocumentGroups.Type | Should -Be 'INVOICES' }
        $before = Get-EndpointCalls
        $rerun = @(Invoke-TextractBatch -Path $sample.Pdf -UploadUri 's3://kinds-in/batch/' -Kind $Kind -OutputUri "s3://kinds-out/batch-$Kind/" `
                -KmsKeyId 'alias/kinds' -StateFile $state -OutputFolder $out -PollIntervalSec 0.2 @conn)
        $rerun | Should -BeNullOrEmpty
        Get-EndpointCalls | Should -Be $before
    }

    It 'refuses to resume a journal with another kind' {
        $state = Join-Path $TestDrive 'kind-change.jsonl'
        $null = Invoke-TextractBatch -Path $sample.Pdf -UploadUri 's3://kinds-in/batch/' -Kind ExpenseAnalysis -StateFile $state `
            -OutputFolder (Join-Path $TestDrive 'kind-change') -PollIntervalSec 0.2 @conn
        { Invoke-TextractBatch -Path $sample.Pdf -UploadUri 's3://kinds-in/batch/' -Kind LendingAnalysis -StateFile $state `
                -OutputFolder (Join-Path $TestDrive 'kind-change') @conn -ErrorAction Stop } | Should -Throw '*other options*kind=ExpenseAnalysis*'
    }
}

Describe 'Real expense and lending outputs read as an independent walk of their JSON reads them' -Skip:(-not $samplesPath) {
    It 'reads every summary field and line item of <File>' -ForEach @(
        @{ File = 'expense-multipage.json' }, @{ File = 'invoice-expense.json' }, @{ File = 'expense-statement.json' }
    ) {
        $path = Join-Path (Get-SharedSamplesPath) "responses/$File"
        $json = Get-Content -Raw $path | ConvertFrom-Json
        $answers = @($json)
        $expectedFields = @($answers.ExpenseDocuments | ForEach-Object { $_.SummaryFields } | ForEach-Object { "$($_.Type.Text)=$($_.ValueDetection.Text)" })
        $expectedItems = @($answers.ExpenseDocuments | ForEach-Object { $_.LineItemGroups } | ForEach-Object { $_.LineItems })
        (Get-TextractOutput -Path $path -As ExpenseField | ForEach-Object { "$($_.Type)=$($_.Value)" }) | Should -Be $expectedFields
        @(Get-TextractOutput -Path $path -As LineItem).Count | Should -Be $expectedItems.Count
        (Get-TextractOutput -Path $path -As ExpenseField | Select-Object -First 1).Document | Should -Be $path
    }

    It 'classifies every page of the 32-page lending package and reads every field with a value' {
        $path = Join-Path (Get-SharedSamplesPath) 'responses/lending-package.json'
        $json = Get-Content -Raw $path | ConvertFrom-Json
        $results = @($json | ForEach-Object { $_.Results })
        $pages = @(Get-TextractOutput -Path $path -As LendingPage)
        $pages.Count | Should -Be $results.Count
        $pages.PageType | Should -Be @($results | ForEach-Object { ($_.PageClassification.PageType | Sort-Object Confidence -Descending | Select-Object -First 1).Value })
        $withValue = @($results.Extractions.LendingDocument.LendingFields | Where-Object { $_.ValueDetections | Where-Object { $_.Text -or $_.SelectionStatus } })
        @(Get-TextractOutput -Path $path -As LendingField | Where-Object Value).Count | Should -Be $withValue.Count
        # Expense extractions of lending pages are not dropped.
        @(Get-TextractOutput -Path $path -As ExpenseDocument).Count | Should -Be @($results.Extractions.ExpenseDocument | Where-Object { $_ }).Count
    }
}
