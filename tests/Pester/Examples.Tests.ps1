# Runs the examples of the help pages (docs/en-US/<Cmdlet>.md) against the local endpoint, as a reader would type
# them, one page at a time in one session, in order (later examples use the variables of earlier ones, e.g. $done),
# each example in a fresh working folder (examples are independent illustrations: one must not trip over the
# files, such as a batch state file, that another left behind).
#
# The world the examples assume is built for each page: a fresh local endpoint with the buckets textract-input and
# textract-output and the key alias/textract; the objects invoices/invoice-0142.pdf, invoices/invoice-0143.pdf,
# letters/letter-2024-03.pdf, reports/annual-report-2024.pdf and loans/loan-package-0042.pdf (the project's sample PDF under each name); and a
# working folder with ./inbox and ./scans (PDFs), ./saved (saved Textract output) and ./iam (empty, for policies). $PSDefaultParameterValues
# points every TextractTools cmdlet at the endpoint (-EndpointUrl, -AccessKey, -SecretKey, -Region).
#
# Substitutions: the local endpoint of the docs (http://127.0.0.1:5000/ with its default keys AKIDLOCALENDPOINT /
# local-endpoint-secret-key) becomes the test's endpoint and keys.
#
# An example is NOT runnable here, and is reported as skipped with the rule, when it
#   - uses an AWS.Tools cmdlet (Get-S3Object, Write-IAMRolePolicy, Set-AWSCredential...): AWS.Tools is not
#     installed for the tests;
#   - names another region than the endpoint's (-Region eu-west-1, arn:aws:sns:eu-west-1:..., sqs.eu-west-1...): the
#     local endpoint serves us-east-1 only;
#   - has a placeholder for the reader to fill in (<JobId>).
# A runnable example passes when it runs without any error, and, when the page documents its output (an ```Output
# block), when the output has the same shape:
#   - a table: the same column headers;
#   - a list (Name : Value lines): the same property names;
#   - anything else: the same non-empty lines, where values that change from run to run (ids, numbers, dates) may
#     differ.
# The rows and values of a table or list may differ: documented output often shows a real account's situation
# (a failed check, another region) that the local endpoint does not reproduce.

BeforeDiscovery {
    $docs = Join-Path (Split-Path (Split-Path $PSScriptRoot)) 'docs/en-US'

    function Get-NotRunnableReason([string] $Code) {
        # AWS.Tools nouns start with the service's prefix in capitals: Get-S3Object, Write-IAMRolePolicy, Set-AWSCredential.
        $awsTools = [regex]::Match($Code, '(?-i)\b[A-Z][a-z]+-(AWS|IAM|KMS|S3|SNS|SQS|STS|EC2|SSM|CFN)[A-Z0-9]\w*')
        if ($awsTools.Success) { return "it uses an AWS.Tools cmdlet ($($awsTools.Value); AWS.Tools is not installed for the tests)" }
        $region = [regex]::Matches($Code, '\b[a-z]{2}(-gov)?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-\d\b') |
            Where-Object Value -ne 'us-east-1' | Select-Object -First 1
        if ($region) { return "it names another region ($($region.Value)) than the local endpoint's (us-east-1)" }
        if ($Code -match '<[A-Za-z]+>') { return "it has a placeholder for the reader to fill in ($($Matches[0]))" }
        $null
    }

    function Read-Examples([string] $Path) {
        # "### Example N: title", then the first ```powershell block, then an optional ```Output block.
        $examples = [System.Collections.Generic.List[hashtable]]::new()
        $current = $null; $fence = $null; $buffer = $null
        foreach ($line in Get-Content -Path $Path) {
            if ($fence) {
                if ($line -match '^```\s*$') {
                    if ($fence -eq 'powershell' -and $null -eq $current.Code) { $current.Code = $buffer -join "`n" }
                    elseif ($fence -eq 'output' -and $null -ne $current.Code -and $null -eq $current.Output) { $current.Output = $buffer -join "`n" }
                    $fence = $null
                }
                else { $buffer.Add($line) }
                continue
            }
            if ($line -match '^## ') { $current = $null; continue }
            if ($line -match '^### (Example (\d+)[^\n]*)$') {
                $current = @{ Title = $Matches[1]; Number = [int]$Matches[2]; Code = $null; Output = $null }
                $examples.Add($current)
                continue
            }
            if ($current -and $line -match '^```\s*(\w+)') {
                $fence = $Matches[1].ToLowerInvariant()
                $buffer = [System.Collections.Generic.List[string]]::new()
            }
        }
        foreach ($example in $examples) {
            if ($null -eq $example.Code) { continue }
            $example.SkipReason = Get-NotRunnableReason $example.Code
            $example
        }
    }

    $script:pages = @(Get-ChildItem -Path $docs -Filter '*-*.md' | Sort-Object Name | ForEach-Object {
            @{ Cmdlet = $_.BaseName; Examples = @(Read-Examples $_.FullName) }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:modulePath = Get-TestModulePath
    $script:sample = New-SampleDocument -Folder (Join-Path $TestDrive 'sample')
    $script:objects = 'invoices/invoice-0142.pdf', 'invoices/invoice-0143.pdf', 'letters/letter-2024-03.pdf', 'reports/annual-report-2024.pdf', 'loans/loan-package-0042.pdf'

    function Add-SampleObjects($Endpoint) {
        # Exact keys need a plain S3 PutObject: done in a child process with the AWS SDK the module ships, so this
        # process's default load context stays free of AWSSDK (the isolation tests need it so).
        $core = Join-Path (Split-Path $modulePath) 'bin/core'
        $puts = ($objects | ForEach-Object { "`$r = [Amazon.S3.Model.PutObjectRequest]::new(); `$r.BucketName = 'textract-input'; `$r.Key = '$_'; `$r.FilePath = '$($sample.Pdf)'; `$null = `$s3.PutObjectAsync(`$r).GetAwaiter().GetResult()" }) -join "`n"
        $output = Invoke-ChildPwsh -Command @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$(Join-Path $core 'AWSSDK.Core.dll')', '$(Join-Path $core 'AWSSDK.S3.dll')'
`$config = [Amazon.S3.AmazonS3Config]::new()
`$config.ServiceURL = '$($Endpoint.Url)'; `$config.ForcePathStyle = `$true; `$config.AuthenticationRegion = 'us-east-1'
`$s3 = [Amazon.S3.AmazonS3Client]::new('$($Endpoint.AccessKey)', '$($Endpoint.SecretKey)', `$config)
$puts
'seeded'
"@
        if (@($output) -notcontains 'seeded') { throw "Seeding the endpoint failed: $($output -join "`n")" }
    }

    function New-ExampleFolder([string] $Path) {
        New-Item -ItemType Directory -Path (Join-Path $Path 'inbox'), (Join-Path $Path 'scans'), (Join-Path $Path 'saved'), (Join-Path $Path 'iam') -Force | Out-Null
        Copy-Item $sample.Pdf (Join-Path $Path 'inbox/invoice-0144.pdf')
        Copy-Item $sample.Pdf (Join-Path $Path 'scans/scan-0001.pdf')
        Copy-Item $sample.Analysis (Join-Path $Path 'saved/invoice-0142.json')
    }

    function New-ExampleSession($Endpoint, [string] $Folder) {
        # A runspace of its own: the examples' variables live there, and their errors are counted there alone.
        $ps = [powershell]::Create([System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2())
        $null = $ps.AddScript(@"
`$ErrorActionPreference = 'Continue'
Import-Module '$modulePath' -ErrorAction Stop
Set-Location -LiteralPath '$Folder'
foreach (`$entry in @{ EndpointUrl = '$($Endpoint.Url)'; AccessKey = '$($Endpoint.AccessKey)'; SecretKey = '$($Endpoint.SecretKey)'; Region = 'us-east-1' }.GetEnumerator()) {
    `$PSDefaultParameterValues["*-Textract*:`$(`$entry.Key)"] = `$entry.Value
}
"@, $false)
        $null = $ps.Invoke()
        if ($ps.HadErrors) { throw "The example session did not start: $($ps.Streams.Error -join '; ')" }
        $ps
    }

    function ConvertTo-ExampleCode([string] $Code, $Endpoint) {
        $Code.Replace('http://127.0.0.1:5000/', $Endpoint.Url).
            Replace('AKIDLOCALENDPOINT', $Endpoint.AccessKey).
            Replace('local-endpoint-secret-key', $Endpoint.SecretKey)
    }

    function Invoke-Example($Session, [string] $Code, [string] $Folder) {
        # Environment variables are the process's: what an example sets is put back afterwards.
        $saved = @{}
        foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_PROFILE') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        $Session.Commands.Clear()
        $null = $Session.AddCommand('Set-Location').AddParameter('LiteralPath', $Folder).Invoke()
        $Session.Commands.Clear()
        $Session.Streams.ClearStreams()
        $null = $Session.AddScript($Code, $false).AddCommand('Out-String').AddParameter('Width', 250)
        try {
            $text = ($Session.Invoke() | Out-String)
            $failure = $null
        }
        catch {
            $text = ''
            $failure = $_.Exception.InnerException ?? $_.Exception
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
        [pscustomobject]@{
            Text    = $text
            Errors  = @($Session.Streams.Error | ForEach-Object { "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" }) + @($(if ($failure) { "terminating: $($failure.Message)" }))
        }
    }

    function Get-OutputShape([string] $Text) {
        # See the rules at the top: a table's headers, a list's property names, or the lines with values masked.
        $lines = @($Text -split "`r?`n" | ForEach-Object { $_.TrimEnd() } | Where-Object { $_.Trim() })
        $rule = @(0..($lines.Count - 1) | Where-Object { $_ -gt 0 -and $lines[$_] -match '^\s*-{2,}(\s+-{2,})*\s*$' } | Select-Object -First 1)
        if ($rule) { return 'table: ' + ($lines[$rule[0] - 1].Trim() -split '\s+' -join ' ') }
        $listed = @($lines | Where-Object { $_ -match '^(\S[^:]*?)\s+:( |$)' } | ForEach-Object { ($_ -split '\s+:', 2)[0].Trim() })
        if ($lines.Count -gt 0 -and $listed.Count -eq $lines.Count) { return 'list: ' + (($listed | Select-Object -Unique) -join ', ') }
        @($lines | ForEach-Object { $_.Trim() -replace '\b[0-9a-f]{16,}\b', '<id>' -replace '\d+([.:/-]\d+)*', '<n>' -replace '\s+', ' ' })
    }
}

Describe 'Examples of <Cmdlet>' -ForEach $pages {
    BeforeAll {
        $script:endpoint = Start-TestEndpoint -Bucket 'textract-input', 'textract-output' -KeyAlias 'alias/textract' -JobSeconds 1
        Add-SampleObjects $script:endpoint
        $script:pageFolder = Join-Path $TestDrive $Cmdlet
        New-Item -ItemType Directory -Path $script:pageFolder -Force | Out-Null
        $script:session = New-ExampleSession $script:endpoint $script:pageFolder
    }

    AfterAll {
        if ($script:session) { $script:session.Runspace.Dispose(); $script:session.Dispose() }
        if ($script:endpoint) { Stop-TestEndpoint -Endpoint $script:endpoint }
    }

    It '<Title>' -ForEach $Examples {
        if ($SkipReason) { Set-ItResult -Skipped -Because "not runnable here: $SkipReason"; return }
        $folder = Join-Path $pageFolder "example-$Number"
        New-ExampleFolder $folder
        $result = Invoke-Example $session (ConvertTo-ExampleCode $Code $endpoint) $folder
        $result.Errors | Should -BeNullOrEmpty -Because "the example should run as documented. Output:`n$($result.Text)"
        if ($null -ne $Output) {
            Get-OutputShape $result.Text | Should -Be (Get-OutputShape $Output) -Because "the documented output is:`n$Output`nand the example printed:`n$($result.Text)"
        }
    }
}
