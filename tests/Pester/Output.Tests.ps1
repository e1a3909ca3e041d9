# Get-TextractOutput on saved output: the project's own sample always, the real recordings in ../shared when present.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:samplesMissing = -not (Get-SharedSamplesPath)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:samples = Get-SharedSamplesPath
    $script:sample = New-SampleDocument -Folder (Join-Path $TestDrive 'sample')
    $script:recorded = Get-Content -Raw $script:sample.Analysis | ConvertFrom-Json
}

Describe 'The project sample read from a saved file' {
    It 'returns one document with the recorded pages, lines and words' {
        $doc = Get-TextractOutput -Path $sample.Analysis
        $doc.PageCount | Should -Be 2
        $doc.Lines.Count | Should -Be @($recorded.Blocks | Where-Object BlockType -eq 'LINE').Count
        $doc.Words.Count | Should -Be @($recorded.Blocks | Where-Object BlockType -eq 'WORD').Count
    }

    It 'pairs every key with its value, checkboxes as SELECTED / NOT_SELECTED' {
        $fields = Get-TextractOutput -Path $sample.Analysis -As KeyValue
        ($fields | Where-Object Key -eq 'Invoice Number:').Value | Should -Be 'INV-1042'
        ($fields | Where-Object Key -eq 'Paid:').Value | Should -Be 'SELECTED'
        ($fields | Where-Object Key -eq 'Paid:').IsCheckbox | Should -BeTrue
        ($fields | Where-Object Key -eq 'Rush Order:').SelectionStatus | Should -Be 'NOT_SELECTED'
    }

    It 'exports the table as a CSV whose columns are the header row' {
        $csv = Join-Path $TestDrive 'sample-table.csv'
        Get-TextractOutput -Path $sample.Analysis -As TableRow | Export-Csv -Path $csv -NoTypeInformation
        $rows = Import-Csv $csv
        $rows.Count | Should -Be 5
        ($rows[0].PSObject.Properties.Name) | Should -Be @('Item', 'Quantity', 'Unit Price', 'Amount')
        $rows[0].Item | Should -Be 'Document scanning'
        ($rows | Measure-Object -Property Amount -Sum).Sum | Should -Be 432
    }

    It 'filters by -Page' {
        $lines = Get-TextractOutput -Path $sample.Analysis -As Line -Page 2
        $lines.Count | Should -BeGreaterThan 0
        $lines | ForEach-Object { $_.Page | Should -Be 2 }
    }

    It 'filters by -MinConfidence' {
        $all = Get-TextractOutput -Path $sample.Analysis -As Word
        $threshold = ($all | Measure-Object -Property Confidence -Average).Average
        $confident = Get-TextractOutput -Path $sample.Analysis -As Word -MinConfidence $threshold
        $confident.Count | Should -BeLessThan $all.Count
        $confident | ForEach-Object { $_.Confidence | Should -BeGreaterOrEqual $threshold }
    }

    It 'returns the text in reading order' {
        $text = Get-TextractOutput -Path $sample.Analysis -As Text
        $text | Should -BeLike 'TextractTools Sample Co.*'
        $text | Should -BeLike '*Total due 432.00 USD*'
    }

    It 'reads a folder of numbered objects as Textract writes them, 10 after 9' {
        $folder = Join-Path $TestDrive 'numbered'
        New-Item -ItemType Directory $folder | Out-Null
        $blocks = @($recorded.Blocks)
        # Split into 11 pages of output the way a long job's output is split, with the probe object beside them.
        $size = [Math]::Ceiling($blocks.Count / 11)
        for ($i = 0; $i -lt 11; $i++) {
            $part = @($blocks | Select-Object -Skip ($i * $size) -First $size)
            [ordered]@{ JobStatus = 'SUCCEEDED'; NextToken = $null; StatusMessage = $null; Warnings = $null
                DocumentMetadata = @{ Pages = 2 }; Blocks = $part } | ConvertTo-Json -Depth 20 -Compress |
                Set-Content (Join-Path $folder ($i + 1))
        }
        Set-Content (Join-Path $folder '.s3_access_check') -Value ''
        $lines = Get-TextractOutput -Path $folder -As Line
        @($lines.Text) | Should -Be @($recorded.Blocks | Where-Object BlockType -eq 'LINE' | ForEach-Object Text)
    }

    It 'streams -As Line page by page: the lines of the pages before a bad output object come out before its error' {
        $folder = Join-Path $TestDrive 'bad-third'
        New-Item -ItemType Directory $folder | Out-Null
        $number = 0
        foreach ($page in 1, 2) {
            $number++
            [ordered]@{ JobStatus = 'SUCCEEDED'; DocumentMetadata = @{ Pages = 3 }; Blocks = @($recorded.Blocks | Where-Object Page -eq $page) } |
                ConvertTo-Json -Depth 20 -Compress | Set-Content (Join-Path $folder $number)
        }
        Set-Content (Join-Path $folder 3) -Value '{"JobStatus":"SUCCEEDED","Blocks":[{"BlockType":"LINE",'
        $errors = $null
        $lines = Get-TextractOutput -Path $folder -As Line -ErrorVariable errors -ErrorAction SilentlyContinue
        # Page 1 was complete when page 2's blocks arrived; page 2 waits for a block of a later page, or the end.
        @($lines.Text) | Should -Be @($recorded.Blocks | Where-Object { $_.BlockType -eq 'LINE' -and $_.Page -eq 1 } | ForEach-Object Text)
        $errors.Count | Should -Be 1
        $errors[0].Exception.Message | Should -BeLike "*$([IO.Path]::DirectorySeparatorChar)3*"
        # The whole document is all or nothing.
        Get-TextractOutput -Path $folder -As Document -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'gives the same objects and text page by page as the whole document' {
        $document = Get-TextractOutput -Path $sample.Analysis -As Document
        @((Get-TextractOutput -Path $sample.Analysis -As Line).Id) | Should -Be @($document.Lines.Id)
        @((Get-TextractOutput -Path $sample.Analysis -As Cell).Text) | Should -Be @($document.Tables.Cells.Text)
        @((Get-TextractOutput -Path $sample.Analysis -As Page).Page) | Should -Be @(1, 2)
        Get-TextractOutput -Path $sample.Analysis -As Text | Should -BeExactly $document.Text
        # An empty answer still says why, with the whole output's counts.
        $warnings = $null
        Get-TextractOutput -Path $sample.Analysis -As Signature -WarningVariable warnings -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        $warnings[-1] | Should -BeLike "*holds no signatures (it has 2 pages, $($document.Lines.Count) lines*"
    }

    It 'names the file when the JSON is truncated' {
        $bad = Join-Path $TestDrive 'truncated.json'
        (Get-Content -Raw $sample.Analysis).Substring(0, 5000) | Set-Content $bad
        $errors = $null
        $doc = Get-TextractOutput -Path $bad -ErrorVariable errors -ErrorAction SilentlyContinue
        $doc | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].Exception.Message | Should -BeLike '*truncated.json*'
    }
}

Describe 'Real Textract output' -Skip:$samplesMissing {
    It 'reads forms-and-table.json as the independent parser does' {
        $path = Join-Path $samples 'responses/forms-and-table.json'
        $doc = Get-TextractOutput -Path $path
        $doc.Lines.Count | Should -Be 31
        $doc.Words.Count | Should -Be 71
        $doc.KeyValues.Count | Should -Be 14
        ($doc.KeyValues | Where-Object Key -like 'Phone Number*').Value | Should -Be '555-0100'
        ($doc.KeyValues | Where-Object Key -like 'Job fair*').SelectionStatus | Should -Be 'SELECTED'
        ($doc.KeyValues | Where-Object Key -like 'Company Employee*').SelectionStatus | Should -Be 'NOT_SELECTED'
    }

    It 'exports a table with merged cells to CSV, repeating merged text by default' {
        $csv = Join-Path $TestDrive 'merged.csv'
        Get-TextractOutput -Path (Join-Path $samples 'responses/table-merged-cells.json') -As TableRow | Export-Csv $csv -NoTypeInformation
        $lines = Get-Content $csv
        $rows = Import-Csv $csv
        $names = $rows[0].PSObject.Properties.Name
        $names.Count | Should -Be 5
        # Row 2 of the table (the first data row): "Previous Balance" over columns 1-4, then 11,000.
        $previous = $rows | Where-Object { $_.($names[0]) -eq 'Previous Balance' }
        $previous | Should -Not -BeNullOrEmpty
        foreach ($n in $names[0..3]) { $previous.$n | Should -Be 'Previous Balance' }
        $previous.($names[4]) | Should -Be '11,000'
        $lines.Count | Should -Be ($rows.Count + 1)
    }

    It 'keeps merged text in the first position only with -MergedCells FirstOnly' {
        $rows = Get-TextractOutput -Path (Join-Path $samples 'responses/table-merged-cells.json') -As TableRow -MergedCells FirstOnly
        $names = $rows[0].PSObject.Properties.Name
        $previous = $rows | Where-Object { $_.($names[0]) -eq 'Previous Balance' }
        foreach ($n in $names[1..3]) { $previous.$n | Should -BeNullOrEmpty }
        $previous.($names[4]) | Should -Be '11,000'
    }

    It 'finds the tables of multi-page-tables.json, and joins the continued ones on request' {
        $path = Join-Path $samples 'responses/multi-page-tables.json'
        $tables = Get-TextractOutput -Path $path -As Table
        @($tables | ForEach-Object { '{0}:{1}x{2}' -f $_.Page, $_.RowCount, $_.ColumnCount }) | Should -Be @('1:10x3', '1:7x3', '2:41x3', '3:11x3')
        $merged = Get-TextractOutput -Path $path -As Table -MergeContinuedTables
        $merged.Count | Should -BeLessThan $tables.Count
    }

    It 'returns query answers' {
        $answers = Get-TextractOutput -Path (Join-Path $samples 'responses/queries.json') -As Query
        $answers.Count | Should -BeGreaterThan 0
        $answers | ForEach-Object { $_.Query | Should -Not -BeNullOrEmpty }
    }

    It 'reads a raw S3 output page with explicit nulls' {
        $doc = Get-TextractOutput -Path (Join-Path $samples 'responses/text-detection-with-nulls.json')
        $doc.Lines.Count | Should -BeGreaterThan 0
    }
}
