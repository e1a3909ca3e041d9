# Text, Markdown and HTML for people and language models (issue 14): Get-TextractOutput -As Text, Markdown and Html,
# with their options, on the project's sample and on saved real outputs.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:samplesPath = Get-SharedSamplesPath
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:endpoint = Start-TestEndpoint -Bucket 'render-in' -JobSeconds 1
    $script:conn = $endpoint.Connection
    $script:sample = New-SampleDocument -Folder (Join-Path $TestDrive 'sample')
    # Two documents (the same content under two names: two jobs, one string each).
    $script:jobs = 'a.pdf', 'b.pdf' | ForEach-Object {
        Copy-Item $sample.Pdf (Join-Path $TestDrive $_)
        Start-TextractAnalysis -Path (Join-Path $TestDrive $_) -UploadUri 's3://render-in/docs/' -Feature Tables, Forms @conn
    } | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @conn | Sort-Object Document   # Wait emits each job as it finishes
    $script:document = $jobs[0] | Get-TextractOutput @conn

    function Get-PipeTableCount([string] $Markdown) {
        # A pipe table has exactly one delimiter row under its header: | --- | --- |
        @($Markdown -split "`n" | Where-Object { $_ -match '^\|(\s*:?-{3,}:?\s*\|)+\s*$' }).Count
    }
}

AfterAll { if ($script:endpoint) { Stop-TestEndpoint $script:endpoint } }

Describe 'Get-TextractOutput -As Markdown' {
    It 'gives one Markdown document per input document, with a pipe table per table and the fields as a list' {
        $markdown = @($jobs | Get-TextractOutput -As Markdown @conn)
        $markdown.Count | Should -Be 2
        $markdown[0] | Should -BeOfType [string]
        Get-PipeTableCount $markdown[0] | Should -Be $document.Tables.Count
        foreach ($field in $document.KeyValues | Where-Object { -not $_.IsCheckbox -and $_.Value }) {
            $markdown[0] | Should -Match ([regex]::Escape("**$($field.Key.TrimEnd(':'))") )
        }
        $markdown[0] | Should -Match '\[x\]|\[ \]'
    }

    It 'leaves out what -Exclude names and marks page ends with -PageBreak' {
        $plain = $jobs[0] | Get-TextractOutput -As Markdown @conn
        $noTables = $jobs[0] | Get-TextractOutput -As Markdown -Exclude Table, KeyValue @conn
        Get-PipeTableCount $noTables | Should -Be 0
        $noTables | Should -Not -Match '\*\*Invoice Number'
        $noTables.Length | Should -BeLessThan $plain.Length
        $breaks = $jobs[0] | Get-TextractOutput -As Markdown -PageBreak @conn
        @($breaks -split "`n" | Where-Object { $_ -eq '---' }).Count | Should -BeGreaterOrEqual ($document.PageCount - 1)
    }

    It 'reads only the pages -Page names' {
        $second = $jobs[0] | Get-TextractOutput -As Markdown -Page 2 @conn
        $pageTwoText = ($document.Lines | Where-Object Page -eq 2 | ForEach-Object Text) -join "`n"
        $firstPageOnly = @($document.Lines | Where-Object Page -eq 1 | ForEach-Object Text | Where-Object { -not $pageTwoText.Contains($_) })
        $firstPageOnly.Count | Should -BeGreaterThan 0
        foreach ($line in $firstPageOnly) { $second.Contains($line) | Should -BeFalse -Because "'$line' is on page 1 only" }
    }
}

Describe 'Get-TextractOutput -As Html' {
    It 'gives a complete, well-formed HTML page per document with a table per table, titled after the document' {
        $html = @($jobs | Get-TextractOutput -As Html @conn)
        $html.Count | Should -Be 2
        $html[0] | Should -Match '^<!DOCTYPE html>'
        $html[0] | Should -Not -Match '<script|https?://'
        # The renderer writes XHTML-style markup: an XML parser reads it whole.
        [xml] $xml = $html[0] -replace '^<!DOCTYPE html>', ''
        @($xml.SelectNodes('//*[local-name()="table"]')).Count | Should -Be $document.Tables.Count
        $xml.SelectSingleNode('//*[local-name()="title"]').InnerText | Should -Be 'a.pdf'
        @($xml.SelectNodes('//*[local-name()="section"]')).Count | Should -Be $document.PageCount
    }
}

Describe 'Get-TextractOutput -As Text' {
    It 'is the document text in reading order, and honours -Page and -Exclude' {
        $text = $jobs[0] | Get-TextractOutput -As Text @conn
        $text | Should -Be $document.Text
        $pageTwo = $jobs[0] | Get-TextractOutput -As Text -Page 2 @conn
        $pageTwo | Should -Be (@($document.Pages | Where-Object PageNumber -eq 2)[0].Text)
        $withoutTables = $jobs[0] | Get-TextractOutput -As Text -Exclude Table @conn
        foreach ($cell in $document.Tables.Cells | Where-Object Text) {
            # A table's text is gone unless the same words appear outside tables too.
            if (($document.Lines | Where-Object { $_.Text -eq $cell.Text }).Count -eq 0) { $withoutTables | Should -Not -Match ([regex]::Escape($cell.Text)) }
        }
    }

    It 'is refused for output that has no blocks, saying what it holds' {
        $lending = Start-TextractAnalysis -S3Uri $jobs[0].Document -Kind LendingAnalysis @conn | Wait-TextractJob -PollIntervalSec 0.2 -TimeoutSec 60 @conn
        $result = $lending | Get-TextractOutput -As Markdown @conn -ErrorVariable refused -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'ShapeNotInOutput*'
        $refused[0].Exception.Message | Should -BeLike '*lending analysis output*'
    }
}

Describe 'Markdown and HTML of real outputs' -Skip:(-not $samplesPath) {
    It 'writes a pipe table and an HTML table per table of <File>' -ForEach @(
        @{ File = 'table-merged-cells.json' }, @{ File = 'multi-page-tables.json' }, @{ File = 'table-with-title-and-footers.json' }, @{ File = 'forms-and-table.json' }
    ) {
        $path = Join-Path (Get-SharedSamplesPath) "responses/$File"
        $tables = @(Get-TextractOutput -Path $path -As Table)
        Get-PipeTableCount (Get-TextractOutput -Path $path -As Markdown) | Should -Be $tables.Count
        [xml] $xml = (Get-TextractOutput -Path $path -As Html) -replace '^<!DOCTYPE html>', ''
        @($xml.SelectNodes('//*[local-name()="table"]')).Count | Should -Be $tables.Count
        if ($tables.MergedCells.Count -gt 0) { @($xml.SelectNodes('//*[@colspan or @rowspan]')).Count | Should -BeGreaterThan 0 }
    }
}

Describe 'Invoke-TextractBatch -Deliver Markdown, Html' {
    It 'puts document.md and document.html into each delivered folder, as Get-TextractOutput writes them' {
        $inbox = Join-Path $TestDrive 'deliver-inbox'
        New-Item -ItemType Directory -Path $inbox | Out-Null
        Copy-Item $sample.Pdf (Join-Path $inbox 'invoice.pdf')
        $item = Invoke-TextractBatch -Path (Join-Path $inbox '*.pdf') -UploadUri 's3://render-in/batch/' -Feature Tables, Forms `
            -StateFile (Join-Path $TestDrive 'deliver.jsonl') -OutputFolder (Join-Path $TestDrive 'deliver-out') -Deliver Markdown, Html `
            -PollIntervalSec 0.2 @conn
        $item.Delivered | Should -BeTrue
        $markdown = Get-Content -Raw (Join-Path $item.OutputFolder 'document.md')
        $markdown.TrimEnd() | Should -Be (Get-TextractOutput -Path $item.OutputFolder -As Markdown).TrimEnd()
        Get-PipeTableCount $markdown | Should -Be $document.Tables.Count
        [xml] $xml = (Get-Content -Raw (Join-Path $item.OutputFolder 'document.html')) -replace '^<!DOCTYPE html>', ''
        @($xml.SelectNodes('//*[local-name()="table"]')).Count | Should -Be $document.Tables.Count
        $xml.SelectSingleNode('//*[local-name()="title"]').InnerText | Should -Be 'invoice.pdf'
    }
}
