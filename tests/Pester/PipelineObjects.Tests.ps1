# Issue 13: objects of many documents at once in a pipeline. Every object names its document (Group-Object Document),
# Export-Csv and ConvertTo-Json write no .NET type names for any shape of any kind, empty answers say why,
# Export-TextractTable writes one CSV per table, jobs saved with Export-Clixml pipe back in, and a batch delivers
# folders a person can open. Against the local endpoint; the real recordings in ../shared where present.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:samplesMissing = -not (Get-SharedSamplesPath)
    $script:shapesOfKind = @(
        @{ Kind = 'DocumentAnalysis'; Shapes = 'Document', 'Page', 'Line', 'Word', 'KeyValue', 'Table', 'TableRow', 'Cell', 'Query', 'Signature', 'Layout', 'Text', 'Block' }
        @{ Kind = 'TextDetection'; Shapes = 'Document', 'Page', 'Line', 'Word', 'Text', 'Block' }
        @{ Kind = 'ExpenseAnalysis'; Shapes = 'Document', 'ExpenseDocument', 'ExpenseField', 'LineItem', 'Line', 'Text' }
        @{ Kind = 'LendingAnalysis'; Shapes = 'Document', 'LendingPage', 'LendingField', 'LendingSummary', 'ExpenseDocument', 'ExpenseField', 'LineItem', 'IdentityDocument' }
    )
    $script:realResponses = @('forms-and-table.json', 'multi-page-forms.json', 'multi-page-tables.json', 'table-merged-cells.json',
        'table-with-title-and-footers.json', 'queries.json', 'layout.json', 'signature.json', 'paystub.jpg.analysis.json',
        'textractor-multipage-doc.pdf.analysis-forms-tables.json') | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:samples = Get-SharedSamplesPath
    $script:endpoint = Start-TestEndpoint -Bucket 'pipe-in', 'pipe-out' -KeyAlias 'alias/pipe' -JobSeconds 1
    $script:conn = $endpoint.Connection
    $script:sample = New-SampleDocument -Folder (Join-Path $TestDrive 'sample')
    $script:inbox = Join-Path $TestDrive 'inbox'
    New-Item -ItemType Directory -Path $inbox | Out-Null
    foreach ($name in 'invoice-0142.pdf', 'invoice-0143.pdf') { Copy-Item $sample.Pdf (Join-Path $inbox $name) }

    # .NET type names as Export-Csv writes them for a property it cannot show: System.String[], TextractTools.Engine....
    $script:typeName = '(?<![\w/.-])(System|TextractTools)\.[A-Z]\w*(\.\w+)*(`\d+)?(\[[^\]]*\])?'

    function Wait-Done([Parameter(ValueFromPipeline)] $Job) {
        process { $Job | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @conn }
    }
}

AfterAll { if ($script:endpoint) { Stop-TestEndpoint $script:endpoint } }

Describe 'Export-Csv and ConvertTo-Json of every shape of <Kind> output write no .NET type names' -ForEach $shapesOfKind {
    BeforeAll {
        $options = if ($Kind -eq 'DocumentAnalysis') { @{ Feature = 'Tables', 'Forms', 'Signatures', 'Layout' } } else { @{} }
        $script:job = Start-TextractAnalysis -Path $sample.Pdf -UploadUri 's3://pipe-in/shapes/' -Kind $Kind @options `
            -OutputUri "s3://pipe-out/$Kind/" @conn | Wait-Done
    }

    It '-As <_>' -ForEach $Shapes {
        $objects = @($job | Get-TextractOutput -As $_ @conn -WarningAction SilentlyContinue)
        $csv = Join-Path $TestDrive "$Kind-$_.csv"
        $objects | Export-Csv -Path $csv
        $text = if (Test-Path $csv) { Get-Content -Raw $csv } else { '' }
        $text | Should -Not -Match $typeName -Because "Export-Csv of -As $_ should hold readable values"
        ($objects | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue) | Should -Not -Match $typeName -Because "ConvertTo-Json of -As $_ should hold readable values"
        if ($_ -notin 'TableRow', 'LineItem', 'Text') {
            # Every object names its document and job (rows and text carry them in Source and as notes).
            $objects | ForEach-Object { $_.Document | Should -Be $job.Document; $_.JobId | Should -Be $job.JobId }
        }
    }
}

Describe 'Objects of several documents' {
    BeforeAll {
        $script:jobs = @(Get-ChildItem $inbox/*.pdf | Start-TextractAnalysis -UploadUri 's3://pipe-in/many/' -Feature Tables, Forms `
                -OutputUri 's3://pipe-out/many/' -KmsKeyId 'alias/pipe' @conn | Wait-Done)
    }

    It 'start one job per file and keep the file each came from' {
        $jobs.Count | Should -Be 2
        # The two files have one content: the upload key keeps each name, so each is its own document.
        ($jobs.LocalPath | Sort-Object) | Should -Be @((Get-ChildItem $inbox/*.pdf).FullName | Sort-Object)
    }

    It 'group by document' {
        $groups = @($jobs | Get-TextractOutput -As KeyValue @conn | Group-Object Document)
        $groups.Count | Should -Be 2
        ($groups.Name | Sort-Object) | Should -Be @($jobs.Document | Sort-Object)
        $groups | ForEach-Object { $_.Count | Should -Be $groups[0].Count }
    }

    It 'give table rows whose Source names the document, and a CSV of exactly the columns' {
        $rows = @($jobs | Get-TextractOutput -As TableRow @conn)
        @($rows | Group-Object { $_.Source.Document }).Count | Should -Be 2
        $csv = Join-Path $TestDrive 'rows-with-document.csv'
        $rows | Select-Object @{ n = 'Document'; e = { Split-Path -Leaf $_.Source.Document } }, * | Export-Csv $csv
        (Import-Csv $csv)[0].PSObject.Properties.Name | Should -Be @('Document', 'Item', 'Quantity', 'Unit Price', 'Amount')
    }

    It 'text of each document names it' {
        $texts = @($jobs | Get-TextractOutput -As Text @conn)
        ($texts.Document | Sort-Object) | Should -Be @($jobs.Document | Sort-Object)
        ($texts[0] | ConvertTo-Json) | Should -BeLike '"TextractTools Sample Co.*'
    }

    It 'read as the same objects when the jobs were saved with Export-Clixml and read back in another session' {
        $saved = Join-Path $TestDrive 'jobs.xml'
        $jobs | Export-Clixml -Path $saved
        $script = @"
Import-Module '$(Get-TestModulePath)'
`$c = @{ EndpointUrl = '$($endpoint.Url)'; AccessKey = '$($endpoint.AccessKey)'; SecretKey = '$($endpoint.SecretKey)'; Region = 'us-east-1' }
`$back = Import-Clixml '$saved'
(`$back | Wait-TextractJob -PollIntervalSec 0.2 @c).Status -join ','
(`$back | Get-TextractOutput -As KeyValue @c | Group-Object Document).Count
(`$back | Get-TextractOutput -As Table @c).Count
(`$back | Export-TextractTable -Path '$(Join-Path $TestDrive 'from-clixml')' @c).Count
"@
        $output = @(Invoke-ChildPwsh -Command $script)
        $output | Should -Be @('SUCCEEDED,SUCCEEDED', '2', '2', '2') -Because ($output -join "`n")
    }

    It 'bind from Import-Csv and ConvertFrom-Json too, and leave files and strings to their own parameters' {
        $csv = Join-Path $TestDrive 'jobs.csv'
        $jobs | Export-Csv $csv
        (Import-Csv $csv | Get-TextractOutput -As Page @conn).Count | Should -Be 4
        ($jobs | ConvertTo-Json | ConvertFrom-Json | Get-TextractOutput -As Page @conn).Count | Should -Be 4
        (Get-Item $sample.Analysis | Get-TextractOutput -As Page).Count | Should -Be 2
        ($jobs[0].OutputLocation | Get-TextractOutput -As Page @conn).Count | Should -Be 2
    }

    It 'a rerun of Start gets the finished job back as SUCCEEDED, in a new session too' {
        $script = @"
Import-Module '$(Get-TestModulePath)'
`$c = @{ EndpointUrl = '$($endpoint.Url)'; AccessKey = '$($endpoint.AccessKey)'; SecretKey = '$($endpoint.SecretKey)'; Region = 'us-east-1' }
`$again = Get-ChildItem '$inbox/*.pdf' | Start-TextractAnalysis -UploadUri 's3://pipe-in/many/' -Feature Tables, Forms -OutputUri 's3://pipe-out/many/' -KmsKeyId 'alias/pipe' @c
(`$again | ForEach-Object { `$_.JobId + ':' + `$_.Status }) -join ','
"@
        $output = @(Invoke-ChildPwsh -Command $script)
        $output[-1] | Should -Be (($jobs | ForEach-Object { $_.JobId + ':SUCCEEDED' }) -join ',')
    }
}

Describe 'Empty answers say why' {
    It '<Name>' -ForEach @(
        @{ Name = '-As KeyValue on text detection output'; Arguments = @{ As = 'KeyValue' }; Kind = 'TextDetection'; Expected = '*holds no key-value pairs*-Feature Forms*' }
        @{ Name = '-As Table on text detection output'; Arguments = @{ As = 'Table' }; Kind = 'TextDetection'; Expected = '*holds no tables*-Feature Tables*' }
        @{ Name = '-Page 99 on a two-page document'; Arguments = @{ As = 'Line'; Page = 99 }; Kind = 'TextDetection'; Expected = '*-Page 99*has 2 pages*' }
        @{ Name = '-TableIndex 7 where there is one table'; Arguments = @{ As = 'TableRow'; TableIndex = 7 }; Kind = 'Analysis'; Expected = '*-TableIndex 7*has 1 table*' }
        @{ Name = '-MinConfidence 100'; Arguments = @{ As = 'Word'; MinConfidence = 100 }; Kind = 'Analysis'; Expected = '*-MinConfidence 100 left none of the*words*' }
        @{ Name = '-Page 1 where the table is on page 2'; Arguments = @{ As = 'Table'; Page = 1 }; Kind = 'Analysis'; Expected = '*-Page 1 left none of the 1 table*' }
    ) {
        $path = if ($Kind -eq 'Analysis') { $sample.Analysis } else {
            $detected = Join-Path $TestDrive 'detected.json'
            if (-not (Test-Path $detected)) {
                $json = Get-Content -Raw $sample.Analysis | ConvertFrom-Json
                $json.Blocks = @($json.Blocks | Where-Object BlockType -in 'PAGE', 'LINE', 'WORD')
                $kept = @($json.Blocks.Id)
                foreach ($page in $json.Blocks | Where-Object BlockType -eq 'PAGE') {
                    foreach ($relationship in $page.Relationships) { $relationship.Ids = @($relationship.Ids | Where-Object { $_ -in $kept }) }
                }
                $json | ConvertTo-Json -Depth 30 | Set-Content $detected
            }
            $detected
        }
        $warnings = $null
        $result = Get-TextractOutput -Path $path @Arguments -WarningVariable warnings -WarningAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike $Expected
        "$($warnings[0])" | Should -BeLike "*$(Split-Path -Leaf $path)*"
    }

    It 'keeps refusing a shape the kind does not have with an error (ShapeNotInOutput)' {
        $errors = $null
        Get-TextractOutput -Path $sample.Analysis -As LineItem -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ShapeNotInOutput*'
    }
}

Describe 'Tables' {
    It 'a table without header cells gives every row as data under Column1..n; -FirstRowAsHeader names the columns from its first row' {
        $json = Get-Content -Raw $sample.Analysis | ConvertFrom-Json
        foreach ($block in $json.Blocks) { if ($block.EntityTypes) { $block.EntityTypes = @($block.EntityTypes | Where-Object { $_ -ne 'COLUMN_HEADER' }) } }
        $plain = Join-Path $TestDrive 'no-header.json'
        $json | ConvertTo-Json -Depth 30 | Set-Content $plain
        $rows = @(Get-TextractOutput -Path $plain -As TableRow)
        $rows.Count | Should -Be 6
        $rows[0].PSObject.Properties.Name | Should -Be @('Column1', 'Column2', 'Column3', 'Column4')
        $rows[0].Column1 | Should -Be 'Item'
        $named = @(Get-TextractOutput -Path $plain -As TableRow -FirstRowAsHeader)
        $named.Count | Should -Be 5
        $named[0].PSObject.Properties.Name | Should -Be @('Item', 'Quantity', 'Unit Price', 'Amount')
        $files = @(Export-TextractTable -Path (Join-Path $TestDrive 'first-row') -InputObject $plain -FirstRowAsHeader)
        (Import-Csv $files[0].FullName).Count | Should -Be 5
    }
}

Describe 'Export-TextractTable' {
    It 'writes one CSV per table, named after the document, page, table and title, and returns the files' {
        $folder = Join-Path $TestDrive 'tables'
        $files = @(Get-TextractOutput -Path $sample.Analysis -As Table | Export-TextractTable -Path $folder)
        $files.Count | Should -Be 1
        $files[0] | Should -BeOfType [System.IO.FileInfo]
        $files[0].Name | Should -Match '^textracttools-sample\.pdf\.analysis_page\d+_table1(_.+)?\.csv$'
        $rows = @(Import-Csv $files[0].FullName)
        $rows.Count | Should -Be 5
        ($rows | Measure-Object -Property Amount -Sum).Sum | Should -Be 432
    }

    It 'takes jobs, documents and saved output, and gives two documents of one name two files' {
        $other = Join-Path $TestDrive 'other'
        New-Item -ItemType Directory $other | Out-Null
        Copy-Item $sample.Analysis (Join-Path $other (Split-Path -Leaf $sample.Analysis))
        $folder = Join-Path $TestDrive 'two-of-a-name'
        $files = @($sample.Analysis, (Join-Path $other (Split-Path -Leaf $sample.Analysis)) | Export-TextractTable -Path $folder)
        $files.Count | Should -Be 2
        @($files.Name | Select-Object -Unique).Count | Should -Be 2
        (Get-TextractOutput -Path $sample.Analysis | Export-TextractTable -Path $folder).Name | Should -Be $files[0].Name
        # One command per document, as a ForEach-Object loop does: the folder remembers which document has which name.
        $loop = Join-Path $TestDrive 'one-command-each'
        $first = Export-TextractTable -Path $loop -InputObject (Join-Path $other (Split-Path -Leaf $sample.Analysis))
        $second = Export-TextractTable -Path $loop -InputObject $sample.Analysis
        $second.Name | Should -Not -Be $first.Name
        (Export-TextractTable -Path $loop -InputObject (Join-Path $other (Split-Path -Leaf $sample.Analysis))).Name | Should -Be $first.Name
        @(Get-ChildItem $loop -Filter *.csv).Count | Should -Be 2
    }

    It 'writes the same files again on a rerun (no copies, no leftovers)' {
        $folder = Join-Path $TestDrive 'rerun'
        $first = @(Export-TextractTable -Path $folder -InputObject $sample.Analysis)
        $second = @(Export-TextractTable -Path $folder -InputObject $sample.Analysis)
        $second.FullName | Should -Be $first.FullName
        # The CSV files, and the small hidden index of which document each file name stands for.
        @(Get-ChildItem -Force $folder).Name | Sort-Object | Should -Be @(@($first.Name) + '.textract-documents.json' | Sort-Object)
    }

    It 'writes nothing with -WhatIf' {
        $folder = Join-Path $TestDrive 'whatif'
        Export-TextractTable -Path $folder -InputObject $sample.Analysis -WhatIf | Should -BeNullOrEmpty
        $folder | Should -Not -Exist
    }

    It 'refuses a folder that is a file before reading anything' {
        $file = Join-Path $TestDrive 'a-file.txt'
        Set-Content $file 'x'
        { Export-TextractTable -Path $file -InputObject $sample.Analysis -ErrorAction Stop } | Should -Throw '*is a file*'
        { Export-TextractTable -Path (Join-Path $file 'sub') -InputObject $sample.Analysis -ErrorAction Stop } | Should -Throw '*which is a file*'
    }

    It 'says what it takes when given something else, and goes on' {
        $errors = $null
        $files = @('not a path', (Get-Item $sample.Analysis), 42 | Export-TextractTable -Path (Join-Path $TestDrive 'mixed') -ErrorVariable errors -ErrorAction SilentlyContinue)
        $files.Count | Should -Be 1
        $errors.Count | Should -Be 2
        ($errors | Where-Object FullyQualifiedErrorId -like 'InputNotTables*').Exception.Message | Should -BeLike '*takes tables*'
    }

    It 'refuses expense output, pointing to line items' {
        $errors = $null
        Export-TextractTable -Path (Join-Path $TestDrive 'expense') -InputObject ($sample.Pdf + '.expense.json') -ErrorVariable errors -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'OutputHasNoTables*'
        $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*LineItem*'
    }
}

Describe 'Invoke-TextractBatch deliverables' {
    BeforeAll {
        $script:batchInbox = Join-Path $TestDrive 'batch-inbox'
        New-Item -ItemType Directory $batchInbox | Out-Null
        Copy-Item $sample.Pdf (Join-Path $batchInbox 'invoice-0150.pdf')
        Copy-Item $sample.Pdf (Join-Path $batchInbox 'invoice-0150-copy.pdf')
        $script:batch = @{
            Path = Join-Path $batchInbox '*.pdf'; UploadUri = 's3://pipe-in/batch/'; OutputUri = 's3://pipe-out/batch/'; Feature = 'Tables', 'Forms'
            StateFile = Join-Path $TestDrive 'batch/state.jsonl'; OutputFolder = Join-Path $TestDrive 'batch/out'; Deliver = 'Text', 'Tables', 'KeyValues'
            PollIntervalSec = 0.1; MaxPollIntervalSec = 0.5
        }
        $script:items = @(Invoke-TextractBatch @batch @conn -ErrorVariable script:batchErrors)
    }

    It 'runs one job for two files with the same content and gives each its folder' {
        $batchErrors | Should -BeNullOrEmpty
        $items.Count | Should -Be 2
        @($items.JobId | Select-Object -Unique).Count | Should -Be 1
        ($items.OutputFolder | ForEach-Object { Split-Path -Leaf $_ } | Sort-Object) | Should -Be @('invoice-0150-copy.pdf', 'invoice-0150.pdf')
    }

    It 'puts the raw pages, job.json, text, one CSV per table and the key-values in each folder' {
        foreach ($item in $items) {
            $folder = $item.OutputFolder
            @(Get-ChildItem $folder -Filter '*.json' | Where-Object Name -ne 'job.json').Name | Should -Contain '1.json'
            (Get-Content -Raw (Join-Path $folder 'job.json') | ConvertFrom-Json).document | Should -Be $item.Document
            Get-Content -Raw (Join-Path $folder 'text.txt') | Should -BeLike 'TextractTools Sample Co.*'
            @(Get-ChildItem (Join-Path $folder 'tables') -Filter *.csv).Count | Should -Be 1
            (Import-Csv (Join-Path $folder 'key-values.csv') | Where-Object Key -eq 'Invoice Number:').Value | Should -Be 'INV-1042'
            @(Get-TextractOutput -Path $folder -As TableRow).Count | Should -Be 5
        }
    }

    It 'does nothing when the same command runs again' {
        Invoke-TextractBatch @batch @conn | Should -BeNullOrEmpty
        @(Test-TextractOutputEncryption -S3Uri 's3://pipe-out/batch/' @conn | Where-Object Key -like '*/.s3_access_check').Count | Should -Be 1
    }
}

Describe 'Real Textract output' -Skip:$samplesMissing {
    It '<Name>: every object names its document, tables give one row per data row, keys hold no checkbox words' -ForEach $realResponses {
        $path = Join-Path $samples "responses/$Name"
        $document = Get-TextractOutput -Path $path
        $document.Document | Should -Be $path
        foreach ($shape in 'Page', 'Line', 'Word', 'KeyValue', 'Table', 'Cell', 'Query', 'Signature', 'Layout') {
            Get-TextractOutput -Path $path -As $shape -WarningAction SilentlyContinue | ForEach-Object { $_.Document | Should -Be $path -Because "-As $shape" }
        }
        foreach ($table in $document.Tables) {
            $warnings = $null
            $rows = @(Get-TextractOutput -Path $path -As TableRow -TableIndex $table.Index -WarningVariable warnings -WarningAction SilentlyContinue)
            $rows.Count | Should -Be ($table.RowCount - $table.HeaderRowCount) -Because "table $($table.Index)"
            # A table of header rows only (multi-page-forms.json has one) says so instead of answering nothing.
            if ($rows.Count -eq 0) { "$warnings" | Should -BeLike "*table $($table.Index) of*header rows only*" }
        }
        $document.KeyValues | ForEach-Object { $_.Key | Should -Not -MatchExactly '\b(NOT_)?SELECTED\b' }
        $csv = Join-Path $TestDrive "$Name.lines.csv"
        Get-TextractOutput -Path $path -As Line | Export-Csv $csv
        Get-Content -Raw $csv | Should -Not -Match $typeName
    }

    It 'Export-TextractTable writes one CSV per table of every real response' {
        $paths = $realResponses | ForEach-Object { Join-Path $samples "responses/$($_.Name)" }
        $files = @($paths | Export-TextractTable -Path (Join-Path $TestDrive 'real-tables') -WarningAction SilentlyContinue)
        $tables = @($paths | ForEach-Object { Get-TextractOutput -Path $_ -As Table -WarningAction SilentlyContinue })
        $files.Count | Should -Be $tables.Count
        @($files.Name | Select-Object -Unique).Count | Should -Be $files.Count
    }
}
