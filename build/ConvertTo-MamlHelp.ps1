<#
.SYNOPSIS
    Turns the module's platyPS-style markdown help into the files Get-Help reads: a MAML file for the cmdlets and
    plain-text about topics.
.DESCRIPTION
    platyPS is not available everywhere the module is built (it is not on NuGet), so this small converter reads the same
    markdown schema that platyPS's New-MarkdownHelp writes (schema 2.0.0) and writes what New-ExternalHelp would:

      <Cmdlet>.md             -> <external help file> (TextractTools.dll-Help.xml): one command:command per page, with
                                 details and synopsis, description, syntax items per parameter set, parameters
                                 (required, position, pipelineInput, globbing, aliases, type, default value, accepted
                                 values), input types, return values, notes, examples and related links.
      about_<Topic>.help.md   -> about_<Topic>.help.txt (plain text, 80 columns).

    Help for a binary module is found through the name of the cmdlet assembly, so the MAML file is named after the
    "external help file" of the pages' front matter, <ModuleName>.dll-Help.xml when a page does not say.
    The converter fails, naming the file and line, on a page it cannot read, rather than writing incomplete help.
.EXAMPLE
    ./build/ConvertTo-MamlHelp.ps1 -DocsPath ./docs/en-US -OutputPath ./output/TextractTools/0.1.0/en-US -ModuleName TextractTools
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $DocsPath,
    [Parameter(Mandatory)] [string] $OutputPath,
    [Parameter(Mandatory)] [string] $ModuleName
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$MamlNs = 'http://schemas.microsoft.com/maml/2004/10'
$CommandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$DevNs = 'http://schemas.microsoft.com/maml/dev/2004/10'
$MsHelpNs = 'http://msdn.microsoft.com/mshelp'
$TextWidth = 80

#region Markdown reading

function Read-MarkdownFile {
    <# Returns the front matter (ordered hashtable) and the body's lines with their line numbers in the file. #>
    param([string] $Path)
    $text = [System.IO.File]::ReadAllText($Path) -replace "`r`n?", "`n"
    $lines = $text.Split("`n")
    $frontMatter = [ordered]@{}
    $start = 0
    if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
        $end = -1
        for ($i = 1; $i -lt $lines.Count; $i++) { if ($lines[$i].Trim() -eq '---') { $end = $i; break } }
        if ($end -lt 0) { throw "${Path}: the front matter that starts on line 1 is not closed with '---'." }
        for ($i = 1; $i -lt $end; $i++) {
            if ($lines[$i] -match '^\s*([^:#]+?)\s*:\s*(.*?)\s*$') { $frontMatter[$Matches[1]] = $Matches[2] }
        }
        $start = $end + 1
    }
    $body = for ($i = $start; $i -lt $lines.Count; $i++) { [pscustomobject]@{ Text = $lines[$i]; Number = $i + 1 } }
    [pscustomobject]@{ Path = $Path; FrontMatter = $frontMatter; Lines = @($body) }
}

function Split-MarkdownBlocks {
    <#
    Splits lines into blocks: Heading (Level, Text), Code (Lang, Text: fenced), Paragraph (Text: the lines joined with
    spaces) and ListItem (Marker, Text). Headings inside fences are code, never headings.
    #>
    param([object[]] $Lines, [string] $Path)
    $blocks = [System.Collections.Generic.List[object]]::new()
    $paragraph = [System.Collections.Generic.List[string]]::new()
    $paragraphLine = 0
    $paragraphMarker = $null

    $flush = {
        if ($paragraph.Count -gt 0) {
            $kind = if ($null -ne $paragraphMarker) { 'ListItem' } else { 'Paragraph' }
            $blocks.Add([pscustomobject]@{ Kind = $kind; Level = 0; Text = ($paragraph -join ' '); Lang = $null; Marker = $paragraphMarker; Line = $paragraphLine })
            $paragraph.Clear()
        }
        $paragraphMarker = $null   # dot-sourced: this is the function's own variable
    }

    $i = 0
    while ($i -lt $Lines.Count) {
        $line = $Lines[$i].Text
        $number = $Lines[$i].Number
        if ($line -match '^\s*(```+|~~~+)\s*([\w#+.-]*)\s*$') {
            . $flush
            $fence = $Matches[1]
            $lang = $Matches[2]
            $code = [System.Collections.Generic.List[string]]::new()
            $i++
            $closed = $false
            while ($i -lt $Lines.Count) {
                if ($Lines[$i].Text.Trim() -eq $fence) { $closed = $true; break }
                $code.Add($Lines[$i].Text)
                $i++
            }
            if (-not $closed) { throw "${Path}:${number}: the code fence is not closed." }
            $blocks.Add([pscustomobject]@{ Kind = 'Code'; Level = 0; Text = ($code -join "`n"); Lang = $lang; Marker = $null; Line = $number })
            $i++
            continue
        }
        if ($line -match '^(#{1,6})\s+(.*?)\s*#*\s*$') {
            . $flush
            $blocks.Add([pscustomobject]@{ Kind = 'Heading'; Level = $Matches[1].Length; Text = $Matches[2]; Lang = $null; Marker = $null; Line = $number })
            $i++
            continue
        }
        if ($line.Trim().Length -eq 0) {
            . $flush
            $i++
            continue
        }
        if ($line -match '^\s{0,3}([-*+]|\d+[.)])\s+(.*)$') {
            . $flush
            $paragraphMarker = $Matches[1]
            $paragraphLine = $number
            $paragraph.Add($Matches[2].Trim())
            $i++
            continue
        }
        if ($paragraph.Count -eq 0) { $paragraphLine = $number }
        $paragraph.Add($line.Trim())
        $i++
    }
    . $flush
    , $blocks.ToArray()
}

function ConvertFrom-MarkdownInline {
    <# Plain text of inline markdown: links become "text (url)" (or "text" for a link to another page), emphasis and code marks go. #>
    param([string] $Text)
    if ([string]::IsNullOrEmpty($Text)) { return '' }
    $result = [regex]::Replace($Text, '\[([^\]]+)\]\(([^)\s]*)\)', {
            param($m)
            $label = $m.Groups[1].Value
            $target = $m.Groups[2].Value
            if ($target -match '^[a-zA-Z][a-zA-Z0-9+.-]*://') { "$label ($target)" } else { $label }
        })
    $result = [regex]::Replace($result, '(\*\*|__)(?=\S)(.+?)(?<=\S)\1', '$2')
    $result = [regex]::Replace($result, '`([^`]+)`', '$1')
    $result = [regex]::Replace($result, '\\([\\`*_{}\[\]()#+\-.!<>|])', '$1')
    $result
}

function Get-Sections {
    <# Groups blocks under their level-2 headings: name (upper case) -> blocks. #>
    param([object[]] $Blocks)
    $sections = [ordered]@{}
    $current = $null
    foreach ($block in $Blocks) {
        if ($block.Kind -eq 'Heading' -and $block.Level -le 2) {
            if ($block.Level -eq 2) {
                $current = [System.Collections.Generic.List[object]]::new()
                $sections[$block.Text.Trim().ToUpperInvariant()] = $current
            }
            else { $current = $null }
            continue
        }
        if ($null -ne $current) { $current.Add($block) }
    }
    $sections
}

function Get-Subsections {
    <# Groups a section's blocks under its level-3 headings, in order: @{ Title; Line; Blocks }. Blocks before the first heading go to Title ''. #>
    param([object[]] $Blocks)
    $result = [System.Collections.Generic.List[object]]::new()
    $current = [pscustomobject]@{ Title = ''; Line = 0; Blocks = [System.Collections.Generic.List[object]]::new() }
    foreach ($block in $Blocks) {
        if ($block.Kind -eq 'Heading' -and $block.Level -eq 3) {
            if ($current.Title -ne '' -or $current.Blocks.Count -gt 0) { $result.Add($current) }
            $current = [pscustomobject]@{ Title = $block.Text.Trim(); Line = $block.Line; Blocks = [System.Collections.Generic.List[object]]::new() }
            continue
        }
        $current.Blocks.Add($block)
    }
    if ($current.Title -ne '' -or $current.Blocks.Count -gt 0) { $result.Add($current) }
    $result.ToArray()
}

function Get-Paragraphs {
    <# The text of paragraphs and list items (list items keep a "- " or "1. " mark), inline markdown removed. #>
    param([object[]] $Blocks)
    foreach ($block in $Blocks) {
        switch ($block.Kind) {
            'Paragraph' { ConvertFrom-MarkdownInline $block.Text }
            'ListItem' {
                $mark = if ($block.Marker -match '^\d') { $block.Marker } else { '-' }
                "$mark $(ConvertFrom-MarkdownInline $block.Text)"
            }
        }
    }
}

#endregion

#region Command pages

function ConvertFrom-ParameterYaml {
    param([string] $Yaml, [string] $Where)
    $values = @{}
    foreach ($line in $Yaml.Split("`n")) {
        if ($line.Trim().Length -eq 0) { continue }
        if ($line -notmatch '^\s*([A-Za-z][A-Za-z ]*?)\s*:\s*(.*?)\s*$') { throw "${Where}: cannot read the parameter metadata line '$line'." }
        $values[$Matches[1]] = $Matches[2]
    }
    foreach ($required in 'Type', 'Parameter Sets', 'Required', 'Position', 'Accept pipeline input') {
        if (-not $values.ContainsKey($required)) { throw "${Where}: the parameter metadata has no '$required'." }
    }
    $split = { param($v) if ([string]::IsNullOrWhiteSpace($v)) { @() } else { @($v.Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ }) } }
    $get = { param($k, $d) if ($values.ContainsKey($k) -and -not [string]::IsNullOrWhiteSpace($values[$k])) { $values[$k] } else { $d } }
    [pscustomobject]@{
        Type           = $values['Type']
        ParameterSets  = @(& $split $values['Parameter Sets'])
        Aliases        = @(& $split (& $get 'Aliases' ''))
        AcceptedValues = @(& $split (& $get 'Accepted values' ''))
        Required       = $values['Required'] -eq 'True'
        Position       = $values['Position']
        DefaultValue   = & $get 'Default value' 'None'
        PipelineInput  = $values['Accept pipeline input']
        Globbing       = (& $get 'Accept wildcard characters' 'False') -eq 'True'
    }
}

function Read-CommandPage {
    param([object] $File)
    $path = $File.Path
    $blocks = Split-MarkdownBlocks -Lines $File.Lines -Path $path
    $title = $blocks | Where-Object { $_.Kind -eq 'Heading' -and $_.Level -eq 1 } | Select-Object -First 1
    if (-not $title) { throw "${path}: the page has no '# <Command name>' heading." }
    $name = $title.Text.Trim()
    $sections = Get-Sections -Blocks $blocks
    foreach ($required in 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS') {
        if (-not $sections.Contains($required)) { throw "${path}: the page has no '## $required' section." }
    }

    # Syntax: the parameter sets, the default one, and the order of the parameters in each set's line.
    $syntax = foreach ($sub in Get-Subsections -Blocks $sections['SYNTAX']) {
        if ($sub.Title -eq '') { continue }
        $setName = $sub.Title
        $isDefault = $false
        if ($setName -match '^(.*?)\s*\(Default\)$') { $setName = $Matches[1]; $isDefault = $true }
        $code = $sub.Blocks | Where-Object Kind -EQ 'Code' | Select-Object -First 1
        if (-not $code) { throw "${path}:$($sub.Line): the syntax of '$setName' has no code block." }
        $order = @([regex]::Matches($code.Text, '(?<![\w<])-(\w+)') | ForEach-Object { $_.Groups[1].Value } | Select-Object -Unique)
        [pscustomobject]@{ Name = $setName; IsDefault = $isDefault; Order = $order }
    }
    if (-not $syntax) { throw "${path}: the SYNTAX section names no parameter set ('### <Set name>')." }

    $parameters = foreach ($sub in Get-Subsections -Blocks $sections['PARAMETERS']) {
        if ($sub.Title -eq '' -or $sub.Title -eq 'CommonParameters' -or $sub.Title -eq 'WorkflowParameters') { continue }
        if ($sub.Title -notmatch '^-(\w+)$') { throw "${path}:$($sub.Line): '### $($sub.Title)' is not a parameter heading ('### -Name')." }
        $parameterName = $Matches[1]
        $yamlBlocks = @($sub.Blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Lang -eq 'yaml' })
        if ($yamlBlocks.Count -eq 0) { throw "${path}:$($sub.Line): -$parameterName has no yaml metadata block." }
        $metadata = @($yamlBlocks | ForEach-Object { ConvertFrom-ParameterYaml -Yaml $_.Text -Where "${path}:$($_.Line)" })
        [pscustomobject]@{
            Name        = $parameterName
            Description = @(Get-Paragraphs -Blocks ($sub.Blocks | Where-Object Kind -NE 'Code'))
            Metadata    = $metadata
        }
    }

    $examples = foreach ($sub in Get-Subsections -Blocks $sections['EXAMPLES']) {
        if ($sub.Title -eq '') { continue }
        $code = [System.Collections.Generic.List[string]]::new()
        $remarks = [System.Collections.Generic.List[string]]::new()
        foreach ($block in $sub.Blocks) {
            if ($block.Kind -eq 'Code') {
                if ($block.Lang -match '^(powershell|pwsh|ps|ps1|posh|)$') { $code.Add($block.Text) }
                else { $remarks.Add($block.Text) }   # Output blocks: shown verbatim with the remarks, as platyPS does.
            }
            else { foreach ($p in Get-Paragraphs -Blocks @($block)) { $remarks.Add($p) } }
        }
        if ($code.Count -eq 0) { throw "${path}:$($sub.Line): the example '$($sub.Title)' has no code block." }
        [pscustomobject]@{ Title = $sub.Title; Code = ($code -join "`n`n"); Remarks = $remarks.ToArray() }
    }

    $typeSection = {
        param($sectionName)
        if (-not $sections.Contains($sectionName)) { return }
        foreach ($sub in Get-Subsections -Blocks $sections[$sectionName]) {
            if ($sub.Title -eq '') { continue }
            [pscustomobject]@{ Name = (ConvertFrom-MarkdownInline $sub.Title); Description = @(Get-Paragraphs -Blocks $sub.Blocks) }
        }
    }

    $links = if ($sections.Contains('RELATED LINKS')) {
        foreach ($block in $sections['RELATED LINKS']) {
            if ($block.Kind -notin 'Paragraph', 'ListItem') { continue }
            $found = [regex]::Matches($block.Text, '\[([^\]]+)\]\(([^)\s]*)\)')
            if ($found.Count -eq 0) { [pscustomobject]@{ Text = (ConvertFrom-MarkdownInline $block.Text); Uri = '' }; continue }
            foreach ($m in $found) {
                $uri = if ($m.Groups[2].Value -match '^[a-zA-Z][a-zA-Z0-9+.-]*://') { $m.Groups[2].Value } else { '' }
                [pscustomobject]@{ Text = $m.Groups[1].Value; Uri = $uri }
            }
        }
    }

    $online = $File.FrontMatter['online version']
    [pscustomobject]@{
        Path          = $path
        Name          = $name
        HelpFile      = $File.FrontMatter['external help file']
        Synopsis      = @(Get-Paragraphs -Blocks $sections['SYNOPSIS'])
        Description   = @(Get-Paragraphs -Blocks $sections['DESCRIPTION'])
        Syntax        = @($syntax)
        Parameters    = @($parameters)
        Examples      = @($examples)
        Inputs        = @(& $typeSection 'INPUTS')
        Outputs       = @(& $typeSection 'OUTPUTS')
        Notes         = @(if ($sections.Contains('NOTES')) { Get-Paragraphs -Blocks $sections['NOTES'] })
        OnlineVersion = if ($online) { $online } else { '' }
        Links         = @($links)
    }
}

function Get-ParameterMetadataForSet {
    <# The metadata block of a parameter that applies to a set, or $null when the parameter is not in it. #>
    param([object] $Parameter, [string] $SetName)
    foreach ($m in $Parameter.Metadata) {
        if ($m.ParameterSets -contains $SetName -or $m.ParameterSets -contains '(All)') { return $m }
    }
    $null
}

function Write-Paragraphs {
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs)
    $Writer.WriteStartElement('maml', 'description', $MamlNs)
    $any = $false
    foreach ($p in $Paragraphs) {
        if ([string]::IsNullOrEmpty($p)) { continue }
        $Writer.WriteElementString('maml', 'para', $MamlNs, $p)
        $any = $true
    }
    if (-not $any) { $Writer.WriteElementString('maml', 'para', $MamlNs, '') }
    $Writer.WriteEndElement()
}

function Write-MamlParameter {
    param([System.Xml.XmlWriter] $Writer, [object] $Parameter, [object] $Metadata, [switch] $InSyntax)
    $position = if ($Metadata.Position -match '^\d+$') { $Metadata.Position } else { 'named' }
    $aliases = if ($Metadata.Aliases.Count -gt 0) { $Metadata.Aliases -join ', ' } else { 'none' }
    $isSwitch = $Metadata.Type -eq 'SwitchParameter'
    $Writer.WriteStartElement('command', 'parameter', $CommandNs)
    $Writer.WriteAttributeString('required', $Metadata.Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', 'true')
    $Writer.WriteAttributeString('globbing', $Metadata.Globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $Metadata.PipelineInput)
    $Writer.WriteAttributeString('position', $position)
    $Writer.WriteAttributeString('aliases', $aliases)
    $Writer.WriteElementString('maml', 'name', $MamlNs, $Parameter.Name)
    Write-Paragraphs -Writer $Writer -Paragraphs $Parameter.Description
    if ($Metadata.AcceptedValues.Count -gt 0) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $CommandNs)
        foreach ($value in $Metadata.AcceptedValues) {
            $Writer.WriteStartElement('command', 'parameterValue', $CommandNs)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('command', 'variableLength', $CommandNs, 'false')
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    # A switch takes no value: in a syntax line it is [-Name], not [-Name <SwitchParameter>].
    if (-not ($isSwitch -and $InSyntax)) {
        $Writer.WriteStartElement('command', 'parameterValue', $CommandNs)
        $Writer.WriteAttributeString('required', $(if ($isSwitch) { 'false' } else { 'true' }))
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($Metadata.Type)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $DevNs)
    $Writer.WriteElementString('maml', 'name', $MamlNs, $Metadata.Type)
    $Writer.WriteElementString('maml', 'uri', $MamlNs, '')
    $Writer.WriteEndElement()
    $Writer.WriteElementString('dev', 'defaultValue', $DevNs, $Metadata.DefaultValue)
    $Writer.WriteEndElement()
}

function Write-MamlCommand {
    param([System.Xml.XmlWriter] $Writer, [object] $Page)
    $Writer.WriteStartElement('command', 'command', $CommandNs)
    $Writer.WriteAttributeString('xmlns', 'maml', $null, $MamlNs)
    $Writer.WriteAttributeString('xmlns', 'command', $null, $CommandNs)
    $Writer.WriteAttributeString('xmlns', 'dev', $null, $DevNs)
    $Writer.WriteAttributeString('xmlns', 'MSHelp', $null, $MsHelpNs)

    $verb, $noun = $Page.Name -split '-', 2
    $Writer.WriteStartElement('command', 'details', $CommandNs)
    $Writer.WriteElementString('command', 'name', $CommandNs, $Page.Name)
    $Writer.WriteElementString('command', 'verb', $CommandNs, $verb)
    $Writer.WriteElementString('command', 'noun', $CommandNs, $(if ($noun) { $noun } else { '' }))
    Write-Paragraphs -Writer $Writer -Paragraphs $Page.Synopsis
    $Writer.WriteEndElement()

    Write-Paragraphs -Writer $Writer -Paragraphs $Page.Description

    $Writer.WriteStartElement('command', 'syntax', $CommandNs)
    $allSets = @($Page.Syntax | ForEach-Object Name)
    foreach ($set in $Page.Syntax) {
        $Writer.WriteStartElement('command', 'syntaxItem', $CommandNs)
        $Writer.WriteElementString('maml', 'name', $MamlNs, $Page.Name)
        $inSet = @($Page.Parameters | Where-Object { $null -ne (Get-ParameterMetadataForSet -Parameter $_ -SetName $set.Name) })
        # The order of the markdown's syntax line; parameters it does not show follow in the PARAMETERS order.
        # (A stable sort written out: Sort-Object -Stable does not exist in Windows PowerShell 5.1.)
        $ordered = @(for ($n = 0; $n -lt $inSet.Count; $n++) {
                $index = [array]::IndexOf([string[]]$set.Order, $inSet[$n].Name)
                [pscustomobject]@{ Index = $(if ($index -lt 0) { [int]::MaxValue } else { $index }); Declared = $n; Parameter = $inSet[$n] }
            }) | Sort-Object Index, Declared | ForEach-Object Parameter
        foreach ($parameter in $ordered) {
            Write-MamlParameter -Writer $Writer -Parameter $parameter -Metadata (Get-ParameterMetadataForSet -Parameter $parameter -SetName $set.Name) -InSyntax
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'parameters', $CommandNs)
    foreach ($parameter in $Page.Parameters) {
        foreach ($m in $parameter.Metadata) {
            foreach ($s in $m.ParameterSets) {
                if ($s -ne '(All)' -and $allSets -notcontains $s) {
                    throw "$($Page.Path): -$($parameter.Name) names the parameter set '$s', which the SYNTAX section does not have."
                }
            }
        }
        Write-MamlParameter -Writer $Writer -Parameter $parameter -Metadata $parameter.Metadata[0]
    }
    $Writer.WriteEndElement()

    foreach ($kind in @(@{ Outer = 'inputTypes'; Inner = 'inputType'; Items = $Page.Inputs }, @{ Outer = 'returnValues'; Inner = 'returnValue'; Items = $Page.Outputs })) {
        $Writer.WriteStartElement('command', $kind.Outer, $CommandNs)
        foreach ($item in $kind.Items) {
            $Writer.WriteStartElement('command', $kind.Inner, $CommandNs)
            $Writer.WriteStartElement('dev', 'type', $DevNs)
            $Writer.WriteElementString('maml', 'name', $MamlNs, $item.Name)
            $Writer.WriteEndElement()
            Write-Paragraphs -Writer $Writer -Paragraphs $item.Description
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }

    $Writer.WriteStartElement('maml', 'alertSet', $MamlNs)
    $Writer.WriteStartElement('maml', 'alert', $MamlNs)
    if ($Page.Notes.Count -eq 0) { $Writer.WriteElementString('maml', 'para', $MamlNs, '') }
    foreach ($p in $Page.Notes) { $Writer.WriteElementString('maml', 'para', $MamlNs, $p) }
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'examples', $CommandNs)
    foreach ($example in $Page.Examples) {
        $Writer.WriteStartElement('command', 'example', $CommandNs)
        $Writer.WriteElementString('maml', 'title', $MamlNs, "-------------------------- $($example.Title) --------------------------")
        $Writer.WriteElementString('dev', 'code', $DevNs, $example.Code)
        $Writer.WriteStartElement('dev', 'remarks', $DevNs)
        foreach ($p in $example.Remarks) { $Writer.WriteElementString('maml', 'para', $MamlNs, $p) }
        # An empty last paragraph keeps a blank line between the examples in Get-Help's output.
        $Writer.WriteElementString('maml', 'para', $MamlNs, '')
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'relatedLinks', $CommandNs)
    $links = @()
    if ($Page.OnlineVersion) { $links += [pscustomobject]@{ Text = 'Online Version:'; Uri = $Page.OnlineVersion } }
    $links += $Page.Links
    foreach ($link in $links) {
        $Writer.WriteStartElement('maml', 'navigationLink', $MamlNs)
        $Writer.WriteElementString('maml', 'linkText', $MamlNs, $link.Text)
        $Writer.WriteElementString('maml', 'uri', $MamlNs, $link.Uri)
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

function Write-MamlFile {
    param([string] $Path, [object[]] $Pages)
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $settings.NewLineChars = "`n"
    $writer = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($page in $Pages) { Write-MamlCommand -Writer $writer -Page $page }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally { $writer.Dispose() }
}

#endregion

#region About topics

function Format-Wrapped {
    <# Wraps text to the width, the first line after $FirstIndent, the others after $Indent. #>
    param([string] $Text, [string] $FirstIndent, [string] $Indent)
    $words = @($Text -split '\s+' | Where-Object { $_ })
    $lines = [System.Collections.Generic.List[string]]::new()
    $current = $FirstIndent
    $empty = $true
    foreach ($word in $words) {
        if (-not $empty -and ($current.Length + 1 + $word.Length) -gt $TextWidth) {
            $lines.Add($current)
            $current = $Indent + $word
        }
        elseif ($empty) { $current += $word }
        else { $current += ' ' + $word }
        $empty = $false
    }
    if (-not $empty) { $lines.Add($current) }
    $lines
}

function ConvertTo-AboutText {
    <#
    The plain-text form Get-Help shows for about topics: the title as TOPIC, level-2 headings in capitals at the margin,
    level-3 headings indented, text indented by 4 and wrapped at 80 columns, list items with a hanging indent, code
    (fenced or indented) kept as written and indented by 8 (by 10 under a list item).
    #>
    param([object] $File)
    $out = [System.Collections.Generic.List[string]]::new()
    $lines = $File.Lines
    $state = @{ Paragraph = [System.Collections.Generic.List[string]]::new(); Marker = $null; LastWasList = $false }

    $flush = {
        if ($state.Paragraph.Count -gt 0) {
            $text = ConvertFrom-MarkdownInline ($state.Paragraph -join ' ')
            if ($null -ne $state.Marker) {
                $hanging = '    ' + (' ' * ($state.Marker.Length + 1))
                foreach ($l in Format-Wrapped -Text $text -FirstIndent "    $($state.Marker) " -Indent $hanging) { $out.Add($l) }
                $state.LastWasList = $true
            }
            else {
                foreach ($l in Format-Wrapped -Text $text -FirstIndent '    ' -Indent '    ') { $out.Add($l) }
                $state.LastWasList = $false
            }
            $out.Add('')
            $state.Paragraph.Clear()
        }
        $state.Marker = $null
    }

    $topicWritten = $false
    $i = 0
    while ($i -lt $lines.Count) {
        $line = $lines[$i].Text
        if ($line -match '^\s*(```+|~~~+)') {
            & $flush
            $fence = $Matches[1]
            $pad = if ($state.LastWasList) { ' ' * 10 } else { ' ' * 8 }
            $i++
            while ($i -lt $lines.Count -and $lines[$i].Text.Trim() -ne $fence) { $out.Add(($pad + $lines[$i].Text).TrimEnd()); $i++ }
            $out.Add('')
            $i++
            continue
        }
        if ($line -match '^(#{1,6})\s+(.*?)\s*#*\s*$') {
            & $flush
            $state.LastWasList = $false
            $level = $Matches[1].Length
            $heading = ConvertFrom-MarkdownInline $Matches[2]
            if ($level -eq 1 -and -not $topicWritten) {
                $out.Add('TOPIC')
                $out.Add('    ' + $heading.ToLowerInvariant())
                $out.Add('')
                $topicWritten = $true
            }
            elseif ($level -le 2) { $out.Add($heading.ToUpperInvariant()) }
            else { $out.Add('    ' + $heading); $out.Add('') }
            $i++
            continue
        }
        if ($line.Trim().Length -eq 0) {
            & $flush
            $i++
            continue
        }
        # An indented code block (only after a blank line or a heading): four spaces more than the text it belongs to.
        if ($state.Paragraph.Count -eq 0 -and $line -match '^ {4,}\S') {
            $base = if ($state.LastWasList) { 6 } else { 4 }
            $pad = if ($state.LastWasList) { ' ' * 10 } else { ' ' * 8 }
            while ($i -lt $lines.Count) {
                $next = $lines[$i].Text
                if ($next.Trim().Length -eq 0) {
                    # A blank line inside the block when more code follows.
                    $j = $i + 1
                    while ($j -lt $lines.Count -and $lines[$j].Text.Trim().Length -eq 0) { $j++ }
                    if ($j -lt $lines.Count -and $lines[$j].Text -match '^ {4,}\S') { $out.Add(''); $i++; continue }
                    break
                }
                if ($next -notmatch '^ {4,}\S') { break }
                $cut = [Math]::Min($base, $next.Length - $next.TrimStart().Length)
                $out.Add(($pad + $next.Substring($cut)).TrimEnd())
                $i++
            }
            $out.Add('')
            continue
        }
        if ($line -match '^\s{0,3}([-*+]|\d+[.)])\s+(.*)$') {
            & $flush
            $state.Marker = $Matches[1]
            $state.Paragraph.Add($Matches[2].Trim())
            $i++
            continue
        }
        $state.Paragraph.Add($line.Trim())
        $i++
    }
    & $flush
    while ($out.Count -gt 0 -and $out[$out.Count - 1] -eq '') { $out.RemoveAt($out.Count - 1) }
    ($out -join [Environment]::NewLine) + [Environment]::NewLine
}

#endregion

if (-not (Test-Path -LiteralPath $DocsPath -PathType Container)) { throw "The docs folder '$DocsPath' does not exist." }
New-Item -ItemType Directory -Path $OutputPath -Force | Out-Null
$OutputPath = (Resolve-Path -LiteralPath $OutputPath).ProviderPath

$files = @(Get-ChildItem -LiteralPath $DocsPath -Filter *.md -File | Sort-Object Name)
$aboutFiles = @($files | Where-Object { $_.Name -like 'about_*.md' })
$commandFiles = @($files | Where-Object { $_.Name -notlike 'about_*.md' })

$pages = foreach ($file in $commandFiles) { Read-CommandPage -File (Read-MarkdownFile -Path $file.FullName) }
$defaultHelpFile = "$ModuleName.dll-Help.xml"
foreach ($group in @($pages | Group-Object { if ($_.HelpFile) { $_.HelpFile } else { $defaultHelpFile } })) {
    $target = Join-Path $OutputPath $group.Name
    Write-MamlFile -Path $target -Pages @($group.Group | Sort-Object Name)
    # A file that does not load as XML would make Get-Help fall back to the bare syntax without a word: check it here.
    [xml] (Get-Content -LiteralPath $target -Raw) | Out-Null
    Write-Verbose "Wrote $target ($($group.Count) command(s))"
}

foreach ($file in $aboutFiles) {
    $topic = $file.Name -replace '\.help\.md$', '' -replace '\.md$', ''
    $target = Join-Path $OutputPath "$topic.help.txt"
    $text = ConvertTo-AboutText -File (Read-MarkdownFile -Path $file.FullName)
    [System.IO.File]::WriteAllText($target, $text, [System.Text.UTF8Encoding]::new($false))
    Write-Verbose "Wrote $target"
}
