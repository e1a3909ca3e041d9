<#
.SYNOPSIS
    Finds the independent clients the conformance checks run with, and the names of each client's checks.
.DESCRIPTION
    One object per client: Id, Name (with the version found), Program and Arguments to run its checks (the results file
    is appended), Checks (names, from the script's --list: known before anything runs, so a check that does not run fails
    instead of vanishing) and SkipReason (set when the client is not installed here).
    - AWS SDK for JavaScript v3: node and npm, packages pinned by package-lock.json (installed by npm ci at the run).
      It is required: CI has node and npm, so its absence is a failure, not a skip.
    - boto3: Debian's python3-boto3 (/usr/bin/python3) where installed, else a python3 on PATH that imports boto3.
    - AWS CLI: Debian's awscli (/usr/bin/aws) where installed, else aws on PATH.
#>
$ErrorActionPreference = 'Stop'
$folder = $PSScriptRoot

function Get-CheckNames([string] $Program, [string[]] $Arguments) {
    $output = & $Program @Arguments '--list' 2>$null
    if ($LASTEXITCODE -ne 0) { throw "$Program $($Arguments -join ' ') --list exited with $LASTEXITCODE" }
    @($output | ConvertFrom-Json)
}

function Test-Runs([string] $Program, [string[]] $Arguments) {
    try { & $Program @Arguments *> $null; $LASTEXITCODE -eq 0 } catch { $false }
}

$python = @('/usr/bin/python3', (Get-Command python3 -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source) |
    Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1

# --- AWS SDK for JavaScript v3 (npm)
$node = (Get-Command node -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
$npm = (Get-Command npm -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
$sdkVersion = ((Get-Content -Raw (Join-Path $folder 'package.json') | ConvertFrom-Json).dependencies.'@aws-sdk/client-s3')
$script = Join-Path $folder 'checks.mjs'
[pscustomobject]@{
    Id         = 'node'
    Name       = "AWS SDK for JavaScript v3 $sdkVersion (npm)"
    Program    = $node
    Arguments  = @($script, '--out')
    Checks     = if ($node) { Get-CheckNames $node @($script) } else { @('the AWS SDK for JavaScript v3 checks') }
    SkipReason = $null
    Failure    = if (-not $node -or -not $npm) { 'node and npm must be on PATH: the AWS SDK for JavaScript v3 checks need them (CI has both).' } else { $null }
}

# --- boto3
$boto3Python = @('/usr/bin/python3', (Get-Command python3 -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source) |
    Where-Object { $_ -and (Test-Path $_) -and (Test-Runs $_ @('-c', 'import boto3')) } | Select-Object -First 1
$boto3Script = Join-Path $folder 'boto3_checks.py'
$boto3Version = if ($boto3Python) { (& $boto3Python -c 'import boto3; print(boto3.__version__)').Trim() }
[pscustomobject]@{
    Id         = 'boto3'
    Name       = if ($boto3Python) { "boto3 $boto3Version ($boto3Python)" } else { 'boto3' }
    Program    = $boto3Python
    Arguments  = @($boto3Script, '--out')
    Checks     = if ($python) { Get-CheckNames $python @($boto3Script) } else { @('the boto3 checks') }
    SkipReason = if (-not $boto3Python) { 'boto3 is not installed here (Debian: apt-get install python3-boto3; .ci/run installs it)' } else { $null }
    Failure    = $null
}

# --- AWS CLI
$aws = @('/usr/bin/aws', (Get-Command aws -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source) |
    Where-Object { $_ -and (Test-Path $_) -and (Test-Runs $_ @('--version')) } | Select-Object -First 1
$awsScript = Join-Path $folder 'awscli_checks.py'
$awsVersion = if ($aws) { ((& $aws --version 2>&1) -join ' ' -split ' ')[0] }
[pscustomobject]@{
    Id         = 'awscli'
    Name       = if ($aws) { "$awsVersion ($aws)" } else { 'AWS CLI' }
    Program    = $python
    Arguments  = @($awsScript, '--aws', $aws, '--out')
    Checks     = if ($python) { Get-CheckNames $python @($awsScript) } else { @('the AWS CLI checks') }
    SkipReason = if (-not $aws) { 'the AWS CLI is not installed here (Debian: apt-get install awscli; .ci/run installs it)' }
                 elseif (-not $python) { 'no python3 to run the AWS CLI checks' } else { $null }
    Failure    = $null
}
