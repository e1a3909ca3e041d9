@{
    # The module's version lives here and only here: build.ps1 reads it, passes it to dotnet and names the output folder after it.
    ModuleVersion          = '0.1.0'
    RootModule             = 'TextractTools.dll'
    GUID                   = '5b0f3c53-2f61-4f0e-9a57-1c7a3d8e4b21'
    Author                 = 'TextractTools contributors'
    CompanyName            = 'TextractTools'
    Copyright              = '(c) TextractTools contributors. Apache License 2.0.'
    Description            = 'Run Amazon Textract''s asynchronous API from PowerShell: start text detection or document analysis (tables, forms, queries, signatures, layout) with your own output bucket and KMS key, wait for jobs politely, and read the output as pipeline-friendly objects. Includes a local endpoint for offline use.'
    CompatiblePSEditions   = @('Core', 'Desktop')
    PowerShellVersion      = '5.1'
    FormatsToProcess       = @('TextractTools.Format.ps1xml')
    FunctionsToExport      = @()
    CmdletsToExport        = @('Start-TextractAnalysis', 'Wait-TextractJob', 'Get-TextractOutput', 'Export-TextractTable', 'Test-TextractOutputEncryption', 'New-TextractAccessPolicy', 'Test-TextractAccess', 'Invoke-TextractBatch', 'Get-TextractBatchStatus')
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('AWS', 'Textract', 'OCR', 'PDF', 'S3', 'KMS', 'DocumentAnalysis', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ProjectUri   = 'https://github.com/textracttools/TextractTools'
            ReleaseNotes = 'First release: Start-TextractAnalysis (S3 or local files, OutputConfig, KMS, queries, adapters, notifications, idempotent reruns, -Preflight), Wait-TextractJob (backoff with jitter, progress, -QueueUrl), Get-TextractOutput (API, output bucket or saved JSON; lines, words, key-values, tables, rows, cells, queries, signatures, layout), Invoke-TextractBatch (resumable batches), New-TextractAccessPolicy, Test-TextractAccess, Test-TextractOutputEncryption, and the local endpoint.'
        }
    }
}
