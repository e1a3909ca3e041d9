# The local endpoint as independent clients see it: every operation it serves (S3, KMS, Textract, SQS in both of its
# protocols, SNS), their errors and signature checks, driven by clients nobody here wrote: the AWS SDK for JavaScript v3
# (npm, pinned by tests/Conformance/package-lock.json and installed with npm ci), boto3 and the AWS CLI (Debian's
# python3-boto3 and awscli where installed; their checks skip with the reason where not). Each client runs all of its
# checks once against one endpoint (tests/Conformance/*: one JSON result per check); each check is one test here, named
# before anything runs, so a check that did not run fails instead of vanishing.

BeforeDiscovery {
    $clients = & (Join-Path $PSScriptRoot '../Conformance/Get-ConformanceClients.ps1')
    $clientCases = foreach ($client in $clients) {
        @{
            Client = $client.Name
            Cases  = @($client.Checks | ForEach-Object { @{ Id = $client.Id; Check = $_ } })
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $conformance = Join-Path $PSScriptRoot '../Conformance'
    $script:clients = @{}
    foreach ($client in & (Join-Path $conformance 'Get-ConformanceClients.ps1')) { $script:clients[$client.Id] = $client }
    $script:results = @{}
    $script:runFailures = @{}

    # A principal that may do nothing but read one absent bucket: its calls show each service's AccessDenied.
    $policy = Join-Path $TestDrive 'conformance-policy.json'
    @{
        Principals = @{
            AKIDCONFORMANCELIMITED = @{
                SecretKey = 'conformance-limited-secret'
                Arn       = 'arn:aws:iam::000000000000:user/conformance-limited'
                Policies  = @(@{ Version = '2012-10-17'; Statement = @(@{ Effect = 'Allow'; Action = 's3:GetObject'; Resource = 'arn:aws:s3:::nothing/*' }) })
            }
        }
    } | ConvertTo-Json -Depth 10 | Set-Content -Path $policy
    $script:endpoint = Start-TestEndpoint -JobSeconds 1 -PolicyFile $policy
    $sample = New-SampleDocument -Folder (Join-Path $TestDrive 'sample')

    $environment = @{
        CONFORMANCE_ENDPOINT           = $script:endpoint.Url
        AWS_ACCESS_KEY_ID              = $script:endpoint.AccessKey
        AWS_SECRET_ACCESS_KEY          = $script:endpoint.SecretKey
        AWS_REGION                     = $script:endpoint.Region
        CONFORMANCE_SAMPLE_PDF         = $sample.Pdf
        CONFORMANCE_LIMITED_ACCESS_KEY = 'AKIDCONFORMANCELIMITED'
        CONFORMANCE_LIMITED_SECRET_KEY = 'conformance-limited-secret'
    }

    function Install-NpmPackages {
        # npm ci makes node_modules exactly what package-lock.json pins; skipped when the lock file is what was installed.
        $lock = Join-Path $conformance 'package-lock.json'
        $stamp = Join-Path $conformance 'node_modules/.installed-lock-sha256'
        $hash = (Get-FileHash -Algorithm SHA256 $lock).Hash
        if ((Test-Path $stamp) -and (Get-Content -Raw $stamp).Trim() -eq $hash) { return }
        $npm = (Get-Command npm -CommandType Application | Select-Object -First 1).Source
        Push-Location $conformance
        try { $output = & $npm ci --no-audit --no-fund 2>&1 } finally { Pop-Location }
        if ($LASTEXITCODE -ne 0) { throw "npm ci in tests/Conformance failed ($LASTEXITCODE): $($output -join "`n")" }
        Set-Content -Path $stamp -Value $hash
    }

    function Start-Client($client) {
        $out = Join-Path $TestDrive "$($client.Id)-results.json"
        $info = [System.Diagnostics.ProcessStartInfo]::new($client.Program)
        foreach ($argument in @($client.Arguments) + $out) { $info.ArgumentList.Add($argument) }
        foreach ($name in $environment.Keys) { $info.Environment[$name] = $environment[$name] }
        $info.Environment['NODE_NO_WARNINGS'] = '1'
        $info.WorkingDirectory = $conformance
        $info.RedirectStandardError = $true
        $info.RedirectStandardOutput = $true
        $info.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($info)
        [pscustomobject]@{ Client = $client; Out = $out; Process = $process
            Stderr = $process.StandardError.ReadToEndAsync(); Stdout = $process.StandardOutput.ReadToEndAsync() }
    }

    # The clients run at once (the AWS CLI starts one process per command and takes the longest); each makes its own
    # buckets, keys, queues and topics.
    $runs = @()
    foreach ($client in $script:clients.Values | Where-Object { -not $_.SkipReason }) {
        if ($client.Failure) { $script:runFailures[$client.Id] = $client.Failure; continue }
        try {
            if ($client.Id -eq 'node') { Install-NpmPackages }
            $runs += Start-Client $client
        }
        catch { $script:runFailures[$client.Id] = "$_" }
    }
    foreach ($run in $runs) {
        if (-not $run.Process.WaitForExit(600000)) { $run.Process.Kill($true); $script:runFailures[$run.Client.Id] = 'the checks did not end within 10 minutes' }
        $run.Process.WaitForExit()
        $stderr = $run.Stderr.Result
        if ($run.Process.ExitCode -ne 0) { Write-Host "--- $($run.Client.Name) exited with $($run.Process.ExitCode)`n$stderr" }
        if (Test-Path $run.Out) {
            $script:results[$run.Client.Id] = @{}
            foreach ($result in (Get-Content -Raw $run.Out | ConvertFrom-Json)) { $script:results[$run.Client.Id][$result.name] = $result }
        }
        elseif (-not $script:runFailures.ContainsKey($run.Client.Id)) {
            $script:runFailures[$run.Client.Id] = "the checks wrote no results (exit code $($run.Process.ExitCode)): $($stderr.Trim())"
        }
    }
}

AfterAll {
    if ($script:endpoint) { Stop-TestEndpoint -Endpoint $script:endpoint }
}

Describe 'Independent-client conformance of the local endpoint' {
    Context '<Client>' -ForEach $clientCases {
        It '<Check>' -ForEach $Cases {
            $client = $script:clients[$Id]
            if ($client.SkipReason) { Set-ItResult -Skipped -Because $client.SkipReason; return }
            if ($script:runFailures.ContainsKey($Id)) { throw "The $($client.Name) checks did not run: $($script:runFailures[$Id])" }
            $result = $script:results[$Id][$Check]
            if (-not $result) { throw "The check did not run: $($client.Name) wrote no result for it." }
            switch ($result.outcome) {
                'passed' { }
                'skipped' { Set-ItResult -Skipped -Because $result.message }
                default { throw $result.message }
            }
        }
    }
}
