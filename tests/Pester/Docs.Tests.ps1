# The help in docs/en-US (platyPS markdown) against the code: every cmdlet has a page, every parameter an entry whose
# Type, parameter sets, Required, Position, pipeline input, aliases, accepted values and wildcards are what the cmdlet
# declares, no page documents a parameter that is gone; and the built module's Get-Help shows it all.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $repositoryRoot = Split-Path (Split-Path $PSScriptRoot)
    $docsPath = Join-Path $repositoryRoot 'docs/en-US'
    # Discovery needs the commands to make one test per parameter, so the built module is imported here too.
    Import-Module (Get-TestModulePath) -Force

    function Read-HelpPage {
        <# The parts of a platyPS page the tests compare: synopsis, syntax sets, examples and each parameter's yaml blocks. #>
        param([string] $Path)
        $page = @{ Synopsis = ''; SyntaxSets = [System.Collections.Generic.List[string]]::new(); DefaultSet = $null
            Parameters = [ordered]@{}; ExampleCount = 0; Sections = [System.Collections.Generic.List[string]]::new()
        }
        $section = ''
        $parameter = $null
        $fence = $null
        $fenceLang = ''
        $code = [System.Collections.Generic.List[string]]::new()
        $synopsis = [System.Collections.Generic.List[string]]::new()
        $lines = @(Get-Content -LiteralPath $Path)
        $start = 0
        if ($lines.Count -gt 0 -and $lines[0] -eq '---') {
            for ($i = 1; $i -lt $lines.Count; $i++) { if ($lines[$i] -eq '---') { $start = $i + 1; break } }
        }
        for ($i = $start; $i -lt $lines.Count; $i++) {
            $line = $lines[$i]
            if ($null -ne $fence) {
                if ($line.Trim() -eq $fence) {
                    if ($section -eq 'PARAMETERS' -and $null -ne $parameter -and $fenceLang -eq 'yaml') {
                        $yaml = @{}
                        foreach ($entry in $code) {
                            if ($entry -match '^\s*([^:]+?)\s*:\s*(.*?)\s*$') { $yaml[$Matches[1]] = $Matches[2] }
                        }
                        $page.Parameters[$parameter].Add($yaml)
                    }
                    $fence = $null
                }
                else { $code.Add($line) }
                continue
            }
            if ($line -match '^\s*(```+)\s*(\S*)\s*$') {
                $fence = $Matches[1]
                $fenceLang = $Matches[2]
                $code.Clear()
                continue
            }
            if ($line -match '^##\s+(.+?)\s*$') {
                $section = $Matches[1].ToUpperInvariant()
                $page.Sections.Add($section)
                $parameter = $null
                continue
            }
            if ($line -match '^###\s+(.+?)\s*$') {
                $heading = $Matches[1]
                switch ($section) {
                    'SYNTAX' {
                        if ($heading -match '^(.+?)\s+\(Default\)$') { $heading = $Matches[1]; $page.DefaultSet = $heading }
                        $page.SyntaxSets.Add($heading)
                    }
                    'EXAMPLES' { $page.ExampleCount++ }
                    'PARAMETERS' {
                        if ($heading -match '^-(\w+)$') {
                            $parameter = $Matches[1]
                            $page.Parameters[$parameter] = [System.Collections.Generic.List[hashtable]]::new()
                        }
                        else { $parameter = $null }
                    }
                }
                continue
            }
            if ($section -eq 'SYNOPSIS' -and $line.Trim()) { $synopsis.Add($line.Trim()) }
        }
        $page.Synopsis = $synopsis -join ' '
        $page
    }

    function Get-PipelineInputText {
        param($SetMetadata)
        $byValue = $SetMetadata.ValueFromPipeline
        $byName = $SetMetadata.ValueFromPipelineByPropertyName
        if ($byValue -and $byName) { 'True (ByPropertyName, ByValue)' }
        elseif ($byValue) { 'True (ByValue)' }
        elseif ($byName) { 'True (ByPropertyName)' }
        else { 'False' }
    }

    $commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters
    $commands = @(Get-Command -Module TextractTools -CommandType Cmdlet | Sort-Object Name)

    $commandCases = foreach ($command in $commands) {
        $pagePath = Join-Path $docsPath "$($command.Name).md"
        $page = if (Test-Path -LiteralPath $pagePath) { Read-HelpPage -Path $pagePath } else { $null }
        $declared = @($command.Parameters.Values | Where-Object { $commonParameters -notcontains $_.Name })

        $parameterCases = foreach ($p in $declared) {
            $attributes = @($p.Attributes)
            # A DontShow parameter (such as -ETag, bound from AWS.Tools' S3Object) needs no entry; if it has one, it is checked.
            $dontShow = [bool]($attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })
            if ($dontShow -and -not ($page -and $page.Parameters.Contains($p.Name))) { continue }
            $validateSet = $attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
            $enumType = if ($p.ParameterType.IsArray) { $p.ParameterType.GetElementType() } else { $p.ParameterType }
            $accepted = if ($validateSet) { @($validateSet.ValidValues) } elseif ($enumType.IsEnum) { @([enum]::GetNames($enumType)) } else { @() }
            $sets = @{}
            foreach ($entry in $p.ParameterSets.GetEnumerator()) {
                $sets[$entry.Key] = @{
                    Required      = $entry.Value.IsMandatory.ToString()
                    Position      = if ($entry.Value.Position -lt 0) { 'Named' } else { "$($entry.Value.Position)" }
                    PipelineInput = Get-PipelineInputText $entry.Value
                }
            }
            @{
                Command        = $command.Name
                Parameter      = $p.Name
                HasPage        = $null -ne $page
                Documented     = if ($page -and $page.Parameters.Contains($p.Name)) { @($page.Parameters[$p.Name]) } else { $null }
                Type           = $p.ParameterType.Name
                Aliases        = @($p.Aliases | Sort-Object)
                AcceptedValues = $accepted
                Wildcards      = [bool]($attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                Sets           = $sets
            }
        }

        @{
            Command      = $command.Name
            PagePath     = $pagePath
            Page         = $page
            HasPage      = $null -ne $page
            CodeSets     = @($command.ParameterSets.Name | Sort-Object)
            DefaultSet   = $command.DefaultParameterSet
            Undeclared   = if ($page) { @($page.Parameters.Keys | Where-Object { $command.Parameters.Keys -notcontains $_ -or $commonParameters -contains $_ }) } else { @() }
            Parameters   = @($parameterCases)
        }
    }

    $exported = @($commands.Name)
    $pageCases = foreach ($file in Get-ChildItem -LiteralPath $docsPath -Filter *.md -File | Where-Object Name -NotLike 'about_*') {
        @{ Page = $file.Name; Command = $file.BaseName; Exported = $exported -contains $file.BaseName }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:converter = Join-Path (Split-Path (Split-Path $PSScriptRoot)) 'build/ConvertTo-MamlHelp.ps1'
}

Describe 'docs/en-US/<Page>' -ForEach $pageCases {
    It 'documents a cmdlet the module exports' {
        $Exported | Should -BeTrue -Because "$Page documents $Command, which the module does not export: remove or rename the page"
    }
}

Describe 'The help page of <Command>' -ForEach $commandCases {
    It 'exists' {
        $HasPage | Should -BeTrue -Because "every cmdlet needs docs/en-US/$Command.md (platyPS markdown)"
    }

    It 'has the sections of the platyPS schema' -Skip:(-not $HasPage) {
        foreach ($section in 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS') {
            $Page.Sections | Should -Contain $section -Because "the page needs a '## $section' section"
        }
        $Page.Synopsis | Should -Not -BeNullOrEmpty
        $Page.ExampleCount | Should -BeGreaterOrEqual 3
    }

    It 'documents no parameter the cmdlet does not have' -Skip:(-not $HasPage) {
        $Undeclared | Should -BeNullOrEmpty -Because 'a documented parameter must exist on the cmdlet (common parameters go under ### CommonParameters)'
    }

    It 'shows the parameter sets of the code in SYNTAX, with the default one marked' -Skip:(-not $HasPage) {
        @($Page.SyntaxSets | Sort-Object) | Should -Be $CodeSets
        if ($DefaultSet -and $CodeSets.Count -gt 1) { $Page.DefaultSet | Should -Be $DefaultSet }
    }

    Context 'parameter -<Parameter>' -ForEach $Parameters {
        It 'has an entry' -Skip:(-not $HasPage) {
            $Documented | Should -Not -BeNullOrEmpty -Because "docs/en-US/$Command.md needs '### -$Parameter' with a yaml block"
        }

        It 'is documented as the code declares it' -Skip:(-not $Documented) {
            foreach ($block in $Documented) {
                $block['Type'] | Should -Be $Type -Because 'Type'
                @(($block['Aliases'] -split ',') | ForEach-Object Trim | Where-Object { $_ } | Sort-Object) | Should -Be $Aliases -Because 'Aliases'
                @(($block['Accepted values'] -split ',') | ForEach-Object Trim | Where-Object { $_ }) | Should -Be $AcceptedValues -Because 'Accepted values'
                $block['Accept wildcard characters'] | Should -Be $Wildcards.ToString() -Because 'Accept wildcard characters'
            }
            # Each yaml block names its parameter sets ((All): the parameter is in every set); together they are the code's sets.
            $documentedSets = @{}
            foreach ($block in $Documented) {
                foreach ($name in ($block['Parameter Sets'] -split ',' | ForEach-Object Trim | Where-Object { $_ })) {
                    $key = if ($name -in '(All)', '__AllParameterSets') { '__AllParameterSets' } else { $name }
                    $documentedSets[$key] | Should -BeNullOrEmpty -Because "the set '$name' is documented once"
                    $documentedSets[$key] = $block
                }
            }
            @($documentedSets.Keys | Sort-Object) | Should -Be @($Sets.Keys | Sort-Object) -Because 'Parameter Sets'
            foreach ($set in $Sets.Keys) {
                $block = $documentedSets[$set]
                $block['Required'] | Should -Be $Sets[$set].Required -Because "Required in set $set"
                $block['Position'] | Should -Be $Sets[$set].Position -Because "Position in set $set"
                $block['Accept pipeline input'] | Should -Be $Sets[$set].PipelineInput -Because "Accept pipeline input in set $set"
            }
        }

        It 'is shown by Get-Help -Parameter' -Skip:(-not $Documented) {
            $help = Get-Help -Name $Command -Parameter $Parameter
            $help.name | Should -Be $Parameter
            ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
            $help.type.name | Should -Be $Type
        }
    }

    It 'is what Get-Help -Full shows: the synopsis, the description and at least 3 examples' -Skip:(-not $HasPage) {
        $help = Get-Help -Name $Command -Full
        # Without a MAML file Get-Help falls back to the syntax as synopsis and has no examples.
        $help.Synopsis | Should -Be $Page.Synopsis
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 3
        @($help.examples.example).Count | Should -Be $Page.ExampleCount
        foreach ($example in $help.examples.example) {
            $example.code | Should -Not -BeNullOrEmpty
            ($example.remarks | Out-String).Trim() | Should -Not -BeNullOrEmpty
        }
        @($help.syntax.syntaxItem).Count | Should -Be $CodeSets.Count
        (Get-Help -Name $Command -Examples | Out-String) | Should -BeLike '*Example 3*'
    }
}

Describe 'about_TextractTools' {
    It 'is shown by Get-Help' {
        $text = Get-Help -Name about_TextractTools | Out-String
        $text | Should -BeLike '*about_textracttools*'
        $text | Should -BeLike '*SHORT DESCRIPTION*'
        $text | Should -BeLike '*OUTPUTCONFIG AND KMS*'
    }

    It 'is listed by Get-Help about_* with its short description' {
        $topic = Get-Help -Name about_Textract* | Where-Object Name -EQ 'about_TextractTools'
        $topic | Should -Not -BeNullOrEmpty
        $topic.Synopsis | Should -BeLike 'Runs Amazon Textract*'
    }
}

Describe 'ConvertTo-MamlHelp' {
    BeforeAll {
        $docs = Join-Path $TestDrive 'docs'
        $out = Join-Path $TestDrive 'out'
        New-Item -ItemType Directory -Path $docs -Force | Out-Null
        $page = @'
---
external help file: Sample.dll-Help.xml
Module Name: Sample
online version: https://example.com/help/Get-Sample
schema: 2.0.0
---

# Get-Sample

## SYNOPSIS
Gets <samples> & "things".

## SYNTAX

### ByName (Default)
```
Get-Sample [-Name] <String[]> [-Kind <String>] [-Force] [<CommonParameters>]
```

### ById
```
Get-Sample -Id <Int32> [-Force] [<CommonParameters>]
```

## DESCRIPTION
First paragraph with `code` and a [link](https://example.com/?a=1&b=2),
continued on a second line.

- An item with **bold** text.

## EXAMPLES

### Example 1: Compare a < b && c > d
```powershell
Get-Sample -Name 'a<b' | Where-Object { $_.Size -gt 1 -and $_.Name -ne "x&y" }
```

```Output
Name Size
---- ----
a<b     2
```

The remarks.

## PARAMETERS

### -Name
The names.

```yaml
Type: String[]
Parameter Sets: ByName
Aliases: N, SampleName

Required: True
Position: 0
Default value: None
Accept pipeline input: True (ByPropertyName, ByValue)
Accept wildcard characters: True
```

### -Kind
The kind.

```yaml
Type: String
Parameter Sets: ByName
Aliases:
Accepted values: Small, Large

Required: False
Position: Named
Default value: Small
Accept pipeline input: False
Accept wildcard characters: False
```

### -Id
The id.

```yaml
Type: Int32
Parameter Sets: ById
Aliases:

Required: True
Position: Named
Default value: None
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: False
```

### -Force
Forces it.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases:

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### System.String[]
Names.

## OUTPUTS

### Sample.Thing
A thing.

## NOTES
A note.

## RELATED LINKS

[Set-Sample](Set-Sample.md)

[Docs & more](https://example.com/docs?a=1&b=2)
'@
        Set-Content -LiteralPath (Join-Path $docs 'Get-Sample.md') -Value $page -Encoding utf8
        $about = @'
---
title: about_Sample
---

# about_Sample

## SHORT DESCRIPTION
A short one.

## LONG DESCRIPTION
A long paragraph that is certainly longer than eighty characters so that it has to be wrapped by the converter.

- An item.

    Get-Sample -Name x | Format-Table
'@
        Set-Content -LiteralPath (Join-Path $docs 'about_Sample.help.md') -Value $about -Encoding utf8
        & $script:converter -DocsPath $docs -OutputPath $out -ModuleName Sample
        $script:xml = [xml](Get-Content -LiteralPath (Join-Path $out 'Sample.dll-Help.xml') -Raw)
        $script:ns = [System.Xml.XmlNamespaceManager]::new($script:xml.NameTable)
        $script:ns.AddNamespace('msh', 'http://msh')
        $script:ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $script:ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $script:ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
        $script:command = $script:xml.SelectSingleNode('/msh:helpItems/command:command', $script:ns)
    }

    It 'writes well-formed MAML with the text escaped, not lost' {
        $script:xml.helpItems.schema | Should -Be 'maml'
        $script:command.SelectSingleNode('command:details/command:name', $script:ns).InnerText | Should -Be 'Get-Sample'
        $script:command.SelectSingleNode('command:details/command:verb', $script:ns).InnerText | Should -Be 'Get'
        $script:command.SelectSingleNode('command:details/command:noun', $script:ns).InnerText | Should -Be 'Sample'
        $script:command.SelectSingleNode('command:details/maml:description/maml:para', $script:ns).InnerText | Should -Be 'Gets <samples> & "things".'
        $paras = @($script:command.SelectNodes('maml:description/maml:para', $script:ns) | ForEach-Object InnerText)
        $paras[0] | Should -Be 'First paragraph with code and a link (https://example.com/?a=1&b=2), continued on a second line.'
        $paras[1] | Should -Be '- An item with bold text.'
    }

    It 'writes one syntax item per parameter set, in the order of the syntax line' {
        $items = @($script:command.SelectNodes('command:syntax/command:syntaxItem', $script:ns))
        $items.Count | Should -Be 2
        @($items[0].SelectNodes('command:parameter/maml:name', $script:ns) | ForEach-Object InnerText) | Should -Be 'Name', 'Kind', 'Force'
        @($items[1].SelectNodes('command:parameter/maml:name', $script:ns) | ForEach-Object InnerText) | Should -Be 'Id', 'Force'
        # A switch has no value in a syntax line; accepted values become a value group.
        $items[0].SelectSingleNode("command:parameter[maml:name='Force']/command:parameterValue", $script:ns) | Should -BeNullOrEmpty
        @($items[0].SelectNodes("command:parameter[maml:name='Kind']/command:parameterValueGroup/command:parameterValue", $script:ns) | ForEach-Object InnerText) | Should -Be 'Small', 'Large'
    }

    It 'writes each parameter with its attributes, type and default value' {
        $name = $script:command.SelectSingleNode("command:parameters/command:parameter[maml:name='Name']", $script:ns)
        $name.required | Should -Be 'true'
        $name.position | Should -Be '0'
        $name.pipelineInput | Should -Be 'True (ByPropertyName, ByValue)'
        $name.globbing | Should -Be 'true'
        $name.aliases | Should -Be 'N, SampleName'
        $name.SelectSingleNode('dev:type/maml:name', $script:ns).InnerText | Should -Be 'String[]'
        $kind = $script:command.SelectSingleNode("command:parameters/command:parameter[maml:name='Kind']", $script:ns)
        $kind.position | Should -Be 'named'
        $kind.aliases | Should -Be 'none'
        $kind.SelectSingleNode('dev:defaultValue', $script:ns).InnerText | Should -Be 'Small'
        @($script:command.SelectNodes('command:parameters/command:parameter', $script:ns)).Count | Should -Be 4
    }

    It 'writes examples, inputs, outputs, notes and related links' {
        $example = $script:command.SelectSingleNode('command:examples/command:example', $script:ns)
        $example.SelectSingleNode('maml:title', $script:ns).InnerText | Should -BeLike '*Example 1: Compare a < b && c > d*'
        $example.SelectSingleNode('dev:code', $script:ns).InnerText | Should -Be 'Get-Sample -Name ''a<b'' | Where-Object { $_.Size -gt 1 -and $_.Name -ne "x&y" }'
        $remarks = @($example.SelectNodes('dev:remarks/maml:para', $script:ns) | ForEach-Object InnerText)
        $remarks[0] | Should -BeLike 'Name Size*a<b     2'
        $remarks | Should -Contain 'The remarks.'
        $script:command.SelectSingleNode('command:inputTypes/command:inputType/dev:type/maml:name', $script:ns).InnerText | Should -Be 'System.String[]'
        $script:command.SelectSingleNode('command:returnValues/command:returnValue/dev:type/maml:name', $script:ns).InnerText | Should -Be 'Sample.Thing'
        $script:command.SelectSingleNode('maml:alertSet/maml:alert/maml:para', $script:ns).InnerText | Should -Be 'A note.'
        $links = @($script:command.SelectNodes('command:relatedLinks/maml:navigationLink', $script:ns))
        $links.Count | Should -Be 3
        $links[0].linkText | Should -Be 'Online Version:'
        $links[0].uri | Should -Be 'https://example.com/help/Get-Sample'
        $links[1].linkText | Should -Be 'Set-Sample'
        $links[2].uri | Should -Be 'https://example.com/docs?a=1&b=2'
    }

    It 'turns about topics into wrapped plain text' {
        $lines = @(Get-Content -LiteralPath (Join-Path $out 'about_Sample.help.txt'))
        $lines[0] | Should -Be 'TOPIC'
        $lines[1] | Should -Be '    about_sample'
        $lines | Should -Contain 'SHORT DESCRIPTION'
        $lines | Should -Contain '    A short one.'
        $lines | Should -Contain '    - An item.'
        $lines | Should -Contain '          Get-Sample -Name x | Format-Table'
        ($lines | Measure-Object -Property Length -Maximum).Maximum | Should -BeLessOrEqual 80
    }

    It 'names the file and line of a page it cannot read' {
        $bad = Join-Path $TestDrive 'bad'
        New-Item -ItemType Directory -Path $bad -Force | Out-Null
        $badPage = @'
# Get-Bad

## SYNOPSIS
X

## SYNTAX

### A
```
Get-Bad [-Name <String>]
```

## DESCRIPTION
X

## EXAMPLES

## PARAMETERS

### -Name
No yaml.
'@
        Set-Content -LiteralPath (Join-Path $bad 'Get-Bad.md') -Value $badPage
        { & $script:converter -DocsPath $bad -OutputPath (Join-Path $TestDrive 'bad-out') -ModuleName Bad } |
            Should -Throw -ExpectedMessage '*Get-Bad.md:*-Name has no yaml*'
    }
}
