<#
.SYNOPSIS
    The main job, offline: starts the local endpoint, then Start -> Wait -> Get on the project's sample document with an
    output bucket (OutputConfig) and a KMS key, and shows the output and how each output object is encrypted.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EndpointPath
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tests/Pester/TestHelpers.psm1') -Force
Import-Module $ModulePath -Force

$work = Join-Path ([System.IO.Path]::GetTempPath()) ("textracttools-demo-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
$env:TEXTRACTTOOLS_ENDPOINT = $EndpointPath
$sample = New-SampleDocument -Folder $work
$endpoint = Start-TestEndpoint -Bucket 'demo-input', 'demo-output' -KeyAlias 'alias/textract-demo' -JobSeconds 3
try {
    # The cmdlets find credentials as every AWS client does; the local endpoint accepts the keys it was started with.
    $env:AWS_ACCESS_KEY_ID = $endpoint.AccessKey
    $env:AWS_SECRET_ACCESS_KEY = $endpoint.SecretKey
    $env:AWS_REGION = $endpoint.Region
    Write-Host "Local endpoint: $($endpoint.Url)" -ForegroundColor Cyan

    Write-Host "`n> Start-TextractAnalysis -Path $(Split-Path -Leaf $sample.Pdf) -UploadUri s3://demo-input/inbox/ -Feature Tables,Forms -OutputUri s3://demo-output/textract/ -KmsKeyId alias/textract-demo" -ForegroundColor Yellow
    $job = Start-TextractAnalysis -Path $sample.Pdf -UploadUri 's3://demo-input/inbox/' -Feature Tables, Forms `
        -OutputUri 's3://demo-output/textract/' -KmsKeyId 'alias/textract-demo' -EndpointUrl $endpoint.Url
    $job | Format-Table | Out-Host

    Write-Host '> $job | Wait-TextractJob' -ForegroundColor Yellow
    $finished = $job | Wait-TextractJob -PollIntervalSec 0.5
    $finished | Format-List JobId, Status, Pages, OutputLocation, KmsKeyId, StartedAt, CompletedAt | Out-Host

    Write-Host '> $finished | Get-TextractOutput -As Line' -ForegroundColor Yellow
    $finished | Get-TextractOutput -As Line | Out-Host

    Write-Host '> $finished | Get-TextractOutput -As KeyValue' -ForegroundColor Yellow
    $finished | Get-TextractOutput -As KeyValue | Out-Host

    Write-Host '> $finished | Get-TextractOutput -As TableRow | Format-Table' -ForegroundColor Yellow
    $finished | Get-TextractOutput -As TableRow | Format-Table | Out-Host

    Write-Host "> Test-TextractOutputEncryption -S3Uri $($finished.OutputLocation) -KmsKeyId alias/textract-demo" -ForegroundColor Yellow
    Test-TextractOutputEncryption -S3Uri $finished.OutputLocation -KmsKeyId 'alias/textract-demo' -EndpointUrl $endpoint.Url | Out-Host

    # Expense analysis of the same document, beside the analysis job: same output bucket, same key.
    Write-Host "> `$invoice = Start-TextractAnalysis -S3Uri $($job.Document) -Kind ExpenseAnalysis -OutputUri s3://demo-output/expense/ -KmsKeyId alias/textract-demo | Wait-TextractJob" -ForegroundColor Yellow
    $invoice = Start-TextractAnalysis -S3Uri $job.Document -Kind ExpenseAnalysis -OutputUri 's3://demo-output/expense/' -KmsKeyId 'alias/textract-demo' `
        -EndpointUrl $endpoint.Url | Wait-TextractJob -PollIntervalSec 0.5
    $invoice | Format-Table | Out-Host

    Write-Host '> $invoice | Get-TextractOutput -As ExpenseField' -ForegroundColor Yellow
    $invoice | Get-TextractOutput -As ExpenseField | Out-Host

    Write-Host '> $invoice | Get-TextractOutput -As LineItem | Format-Table' -ForegroundColor Yellow
    $invoice | Get-TextractOutput -As LineItem | Format-Table | Out-Host
}
finally {
    Stop-TestEndpoint -Endpoint $endpoint
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY, Env:AWS_REGION -ErrorAction SilentlyContinue
}
