using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Document;
using TextractTools.Engine.Formats;

namespace TextractTools.Commands
{
    /// <summary>
    /// Get-TextractOutput's -As, -Page, -MinConfidence, -TableIndex, -MergedCells and -FirstRowAsHeader applied to
    /// output of any kind: the objects of the shape asked for; when the output's kind has no such shape, a message
    /// saying what it holds and which shapes it has; when the answer is empty, a message saying why.
    /// </summary>
    internal sealed class OutputShapes
    {
        private static readonly Dictionary<TextractOutputKind, TextractOutputShape[]> ShapesOfKind = new Dictionary<TextractOutputKind, TextractOutputShape[]>
        {
            [TextractOutputKind.Blocks] = new[]
            {
                TextractOutputShape.Document, TextractOutputShape.Page, TextractOutputShape.Line, TextractOutputShape.Word, TextractOutputShape.KeyValue,
                TextractOutputShape.Table, TextractOutputShape.TableRow, TextractOutputShape.Cell, TextractOutputShape.Query, TextractOutputShape.Signature,
                TextractOutputShape.Layout, TextractOutputShape.Text, TextractOutputShape.Block, TextractOutputShape.Markdown, TextractOutputShape.Html,
            },
            [TextractOutputKind.Expense] = new[]
            {
                TextractOutputShape.Document, TextractOutputShape.ExpenseDocument, TextractOutputShape.ExpenseField, TextractOutputShape.LineItem,
                TextractOutputShape.Line, TextractOutputShape.Text,
            },
            [TextractOutputKind.Lending] = new[]
            {
                TextractOutputShape.Document, TextractOutputShape.LendingPage, TextractOutputShape.LendingField, TextractOutputShape.LendingSummary,
                TextractOutputShape.ExpenseDocument, TextractOutputShape.ExpenseField, TextractOutputShape.LineItem, TextractOutputShape.IdentityDocument,
            },
            [TextractOutputKind.LendingSummary] = new[] { TextractOutputShape.Document, TextractOutputShape.LendingSummary },
        };

        private readonly TextractOutputShape _shape;
        private readonly int[] _pages;
        private readonly double _minConfidence;
        private readonly int[] _tableIndex;
        private readonly MergedCellMode _mergedCells;
        private readonly string[] _exclude;
        private readonly bool _pageBreaks;
        private readonly bool _firstRowAsHeader;

        public OutputShapes(TextractOutputShape shape, int[] pages, double minConfidence, int[] tableIndex, MergedCellMode mergedCells,
            string[] exclude, bool pageBreaks, bool firstRowAsHeader = false)
        {
            _shape = shape;
            _pages = pages;
            _minConfidence = minConfidence;
            _tableIndex = tableIndex;
            _mergedCells = mergedCells;
            _exclude = exclude;
            _pageBreaks = pageBreaks;
            _firstRowAsHeader = firstRowAsHeader;
        }

        /// <summary>
        /// True when output of <paramref name="kind"/> has the shape; else <paramref name="why"/> says what it holds and
        /// which -As values fit it.
        /// </summary>
        public bool Fits(TextractOutputKind kind, out string why)
        {
            var shapes = ShapesOfKind.TryGetValue(kind, out var known) ? known : new TextractOutputShape[0];
            why = shapes.Contains(_shape) ? ""
                : $"-As {_shape} does not apply: the output is {TextractOutputKinds.Describe(kind)}. " +
                  (shapes.Length == 0 ? "" : "Use -As " + string.Join(", ", shapes) + ".");
            return why.Length == 0;
        }

        /// <summary>The objects of the shape (the output's kind must fit it: see <see cref="Fits"/>).</summary>
        public IEnumerable<object> Select(TextractOutput output)
        {
            if (output.Blocks != null) return Blocks(output.Blocks, output.Origin.Document is null ? output.Origin.JobId : OutputFiles.DocumentName(output.Origin.Document));
            if (output.Expense != null) return Expense(output.Expense);
            if (output.Lending != null) return Lending(output.Lending);
            return _shape == TextractOutputShape.LendingSummary || _shape == TextractOutputShape.Document
                ? new object[] { output.LendingSummary! }
                : Enumerable.Empty<object>();
        }

        private IEnumerable<object> Blocks(TextractDocument document, string? title)
        {
            switch (_shape)
            {
                case TextractOutputShape.Document: return new object[] { document };
                case TextractOutputShape.Text:
                    return new object[] { IsPlainText ? document.Text : TextRenderer.Render(document, RenderOptions(title)) };
                case TextractOutputShape.Markdown: return new object[] { MarkdownRenderer.Render(document, RenderOptions(title)) };
                case TextractOutputShape.Html: return new object[] { HtmlRenderer.Render(document, RenderOptions(title)) };
                case TextractOutputShape.Page: return document.Pages.Where(p => PageWanted(p.Page));
                case TextractOutputShape.Line: return Filter(document.Lines);
                case TextractOutputShape.Word: return Filter(document.Words);
                case TextractOutputShape.KeyValue: return Filter(document.KeyValues);
                case TextractOutputShape.Table: return Tables(document);
                case TextractOutputShape.Cell: return Filter(Tables(document).SelectMany(t => t.Cells));
                case TextractOutputShape.TableRow: return Tables(document).SelectMany(t => t.GetRows(_mergedCells, _firstRowAsHeader)).Select(TableRowObject.From);
                case TextractOutputShape.Query: return Filter(document.Queries);
                case TextractOutputShape.Signature: return Filter(document.Signatures);
                case TextractOutputShape.Layout: return Filter(document.Layout);
                case TextractOutputShape.Block: return document.Blocks.Where(b => PageWanted(b.Page) && ConfidenceWanted(b.Confidence));
                default: return Enumerable.Empty<object>();
            }
        }

        private IEnumerable<object> Expense(TextractExpenseOutput expense)
        {
            switch (_shape)
            {
                case TextractOutputShape.Document: return new object[] { expense };
                case TextractOutputShape.Text:
                    return new object[] { string.Join("\n\n", expense.ExpenseDocuments.Where(d => d.Pages.Any(PageWanted)).Select(d => d.Text).Where(t => t.Length > 0)) };
                case TextractOutputShape.Line: return Filter(expense.ExpenseDocuments.SelectMany(d => d.Lines));
                default: return ExpenseShapes(expense.ExpenseDocuments, expense.SummaryFields, expense.LineItems);
            }
        }

        private IEnumerable<object> Lending(TextractLendingOutput lending)
        {
            switch (_shape)
            {
                case TextractOutputShape.Document: return new object[] { lending };
                case TextractOutputShape.LendingPage: return lending.Pages.Where(p => PageWanted(p.Page) && ConfidenceWanted(p.PageTypeConfidence));
                case TextractOutputShape.LendingField: return lending.Fields.Where(f => PageWanted(f.Page) && ConfidenceWanted(f.ValueConfidence));
                case TextractOutputShape.IdentityDocument: return lending.IdentityDocuments.Where(d => PageWanted(d.Page));
                default: return ExpenseShapes(lending.ExpenseDocuments, lending.ExpenseDocuments.SelectMany(d => d.SummaryFields), lending.LineItems);
            }
        }

        private IEnumerable<object> ExpenseShapes(IEnumerable<TextractExpenseDocument> documents, IEnumerable<TextractExpenseField> summaryFields,
            IEnumerable<TextractLineItem> lineItems)
        {
            switch (_shape)
            {
                case TextractOutputShape.ExpenseDocument: return documents.Where(d => d.Pages.Any(PageWanted));
                case TextractOutputShape.ExpenseField: return summaryFields.Where(f => PageWanted(f.Page) && ConfidenceWanted(f.ValueConfidence));
                case TextractOutputShape.LineItem: return lineItems.Where(i => PageWanted(i.Page)).Select(LineItemObject.From);
                default: return Enumerable.Empty<object>();
            }
        }

        /// <summary>True when -As Text asks for nothing but the document's text as the model reads it.</summary>
        private bool IsPlainText => _pages.Length == 0 && _minConfidence <= 0 && _exclude.Length == 0 && !_pageBreaks;

        private DocumentRenderOptions RenderOptions(string? title) => new DocumentRenderOptions
        {
            Pages = _pages,
            MinConfidence = _minConfidence,
            IncludePageHeaders = !Excluded("PageHeader"),
            IncludePageFooters = !Excluded("PageFooter"),
            IncludePageNumbers = !Excluded("PageNumber"),
            IncludeKeyValues = !Excluded("KeyValue"),
            IncludeTables = !Excluded("Table"),
            PageBreaks = _pageBreaks,
            Title = title,
        };

        private bool Excluded(string content) => _exclude.Any(e => string.Equals(e, content, System.StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// True when the shape can be returned as the output is read, one Textract page at a time (block output): the
        /// objects of one page need no other page (a table continued on the next page is joined by the reader).
        /// The text streams only as the model reads it (no filter, nothing left out): the page furniture found across
        /// pages decides what -Exclude leaves out.
        /// </summary>
        public bool ReadsByPage
        {
            get
            {
                switch (_shape)
                {
                    case TextractOutputShape.Page:
                    case TextractOutputShape.Line:
                    case TextractOutputShape.Word:
                    case TextractOutputShape.KeyValue:
                    case TextractOutputShape.Table:
                    case TextractOutputShape.TableRow:
                    case TextractOutputShape.Cell:
                    case TextractOutputShape.Query:
                    case TextractOutputShape.Signature:
                    case TextractOutputShape.Layout:
                    case TextractOutputShape.Block:
                        return true;
                    case TextractOutputShape.Text:
                        return IsPlainText;
                    default:
                        return false;
                }
            }
        }

        /// <summary>
        /// Why an answer holds nothing, for a warning: the page or table asked for is not there, the output holds no
        /// such objects at all (with the feature that makes them), or the filters left none.
        /// </summary>
        public string WhyEmpty(TextractOutput output) =>
            output.Blocks != null ? WhyEmpty(Tally(output.Blocks)) : WhyEmpty(output, output.Origin, output.PageCount);

        /// <summary>The same for a document already read (Export-TextractTable's input).</summary>
        public string WhyEmpty(TextractDocument document) => WhyEmpty(Tally(document));

        /// <summary>The same for block output read by page: what all its parts held (<see cref="Tally"/>, <see cref="BlockTally.Add"/>).</summary>
        public string WhyEmpty(BlockTally tally) => WhyEmpty(tally, tally.Origin, tally.PageCount);

        /// <summary>What a document (or one page of it) holds, counted for <see cref="WhyEmpty(BlockTally)"/>.</summary>
        public BlockTally Tally(TextractDocument document) => new BlockTally(document, Tables(document).Select(t => t.Index));

        /// <param name="output">The TextractOutput (not of block output) or the BlockTally that gave nothing.</param>
        private string WhyEmpty(object output, TextractDocumentOrigin origin, int pageCount)
        {
            string document = origin.Document ?? origin.JobId ?? "the output";
            if (_pages.Length > 0 && _pages.All(p => p > pageCount))
                return $"-Page {string.Join(", ", _pages)}: {document} has {Count(pageCount, "page", "pages")}; nothing to return.";
            var (total, singular, plural, hint) = Holding(output);
            if (total == 0)
                return $"-As {_shape}: {document} holds no {plural} ({Holdings(output)}).{(hint.Length == 0 ? "" : " " + hint)}";
            bool tables = _shape == TextractOutputShape.Table || _shape == TextractOutputShape.TableRow || _shape == TextractOutputShape.Cell;
            if (tables && _tableIndex.Length > 0 && _tableIndex.All(i => i > total))
                return $"-TableIndex {string.Join(", ", _tableIndex)}: {document} has {Count(total, "table", "tables")} (Index 1 to {total}); nothing to return.";
            if (_shape == TextractOutputShape.TableRow && output is BlockTally withTables && withTables.WantedTables.Count > 0)
            {
                // Nothing came out, yet tables passed the filters: they have header rows only.
                var headersOnly = withTables.WantedTables.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return $"-As TableRow: table {string.Join(", ", headersOnly)} of {document} has header rows only, no data rows (-As Cell shows its cells).";
            }
            var filters = new List<string>();
            if (_pages.Length > 0) filters.Add("-Page " + string.Join(", ", _pages));
            if (tables && _tableIndex.Length > 0) filters.Add("-TableIndex " + string.Join(", ", _tableIndex));
            if (_minConfidence > 0) filters.Add("-MinConfidence " + _minConfidence.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return $"-As {_shape}: {string.Join(" and ", filters)} left none of the {Count(total, singular, plural)} of {document}.";
        }

        /// <summary>How many objects of the shape the whole output holds, their name, and what makes them.</summary>
        private (int Total, string Singular, string Plural, string Hint) Holding(object read)
        {
            var output = read as TextractOutput;
            if (read is BlockTally d)
            {
                switch (_shape)
                {
                    case TextractOutputShape.Page: return (d.PageCount, "page", "pages", "");
                    case TextractOutputShape.Line: return (d.Lines, "line", "lines", "");
                    case TextractOutputShape.Word: return (d.Words, "word", "words", "");
                    case TextractOutputShape.KeyValue: return (d.KeyValues, "key-value pair", "key-value pairs", "Key-value pairs come from document analysis with -Feature Forms.");
                    case TextractOutputShape.Table:
                    case TextractOutputShape.TableRow:
                    case TextractOutputShape.Cell: return (d.Tables, "table", "tables", "Tables come from document analysis with -Feature Tables.");
                    case TextractOutputShape.Query: return (d.Queries, "query result", "query results", "Query results come from document analysis with -Query.");
                    case TextractOutputShape.Signature: return (d.Signatures, "signature", "signatures", "Signatures come from document analysis with -Feature Signatures.");
                    case TextractOutputShape.Layout: return (d.Layout, "layout block", "layout blocks", "Layout blocks come from document analysis with -Feature Layout.");
                    case TextractOutputShape.Block: return (d.Blocks, "block", "blocks", "");
                    default: return (0, "object", "objects", "");
                }
            }
            IReadOnlyList<TextractExpenseDocument> expenseDocuments = output?.Expense?.ExpenseDocuments ?? output?.Lending?.ExpenseDocuments ?? new TextractExpenseDocument[0];
            switch (_shape)
            {
                case TextractOutputShape.ExpenseDocument: return (expenseDocuments.Count, "expense document", "expense documents", "");
                case TextractOutputShape.ExpenseField: return (expenseDocuments.Sum(e => e.SummaryFields.Count), "summary field", "summary fields", "");
                case TextractOutputShape.LineItem: return (expenseDocuments.Sum(e => e.LineItems.Count), "line item", "line items", "");
                case TextractOutputShape.Line: return (expenseDocuments.Sum(e => e.Lines.Count), "line", "lines", "");
                case TextractOutputShape.LendingPage: return (output?.Lending?.Pages.Count ?? 0, "lending page", "lending pages", "");
                case TextractOutputShape.LendingField: return (output?.Lending?.Fields.Count ?? 0, "lending field", "lending fields", "");
                case TextractOutputShape.IdentityDocument: return (output?.Lending?.IdentityDocuments.Count ?? 0, "identity document", "identity documents", "");
                default: return (0, "object", "objects", "");
            }
        }

        private static string Holdings(object read)
        {
            if (read is BlockTally d)
            {
                var parts = new List<string> { Count(d.PageCount, "page", "pages"), Count(d.Lines, "line", "lines"),
                    Count(d.KeyValues, "key-value pair", "key-value pairs"), Count(d.Tables, "table", "tables") };
                if (d.Queries > 0) parts.Add(Count(d.Queries, "query result", "query results"));
                if (d.Signatures > 0) parts.Add(Count(d.Signatures, "signature", "signatures"));
                if (d.Layout > 0) parts.Add(Count(d.Layout, "layout block", "layout blocks"));
                return "it has " + string.Join(", ", parts);
            }
            return "it is " + TextractOutputKinds.Describe((read as TextractOutput)?.Kind ?? TextractOutputKind.Blocks);
        }

        private static string Count(int n, string singular, string plural) => n == 0 ? "no " + plural : n == 1 ? "1 " + singular : $"{n} {plural}";

        private IEnumerable<TextractTable> Tables(TextractDocument document) =>
            document.Tables.Where(t => Wanted(t) && (_tableIndex.Length == 0 || _tableIndex.Contains(t.Index)));

        // Not a generic method constrained to TextractElement: see GetTextractOutputCommand.MergedCells.
        private IEnumerable<TextractElement> Filter(IEnumerable<TextractElement> items) => items.Where(Wanted);

        private bool Wanted(TextractElement element) => PageWanted(element.Page) && ConfidenceWanted(element.Confidence);

        private bool PageWanted(int page) => _pages.Length == 0 || _pages.Contains(page);

        private bool ConfidenceWanted(double? confidence) => _minConfidence <= 0 || (confidence ?? 0) >= _minConfidence;
    }

    /// <summary>
    /// How many objects of each shape block output holds, added up over the parts of output read by page, and which
    /// tables passed the filters: what the warning for an empty answer needs of the output.
    /// </summary>
    internal sealed class BlockTally
    {
        public BlockTally(TextractDocument document, IEnumerable<int> wantedTables)
        {
            Origin = document.Origin;
            PageCount = document.PageCount;
            Lines = document.Lines.Count;
            Words = document.Words.Count;
            KeyValues = document.KeyValues.Count;
            Tables = document.Tables.Count;
            Queries = document.Queries.Count;
            Signatures = document.Signatures.Count;
            Layout = document.Layout.Count;
            Blocks = document.Blocks.Count;
            WantedTables = wantedTables.ToList();
        }

        public TextractDocumentOrigin Origin { get; }
        public int PageCount { get; private set; }
        public int Lines { get; private set; }
        public int Words { get; private set; }
        public int KeyValues { get; private set; }
        public int Tables { get; private set; }
        public int Queries { get; private set; }
        public int Signatures { get; private set; }
        public int Layout { get; private set; }
        public int Blocks { get; private set; }
        public List<int> WantedTables { get; }

        /// <summary>Adds the next part's counts (its PageCount is the whole output's as far as known).</summary>
        public void Add(BlockTally next)
        {
            PageCount = System.Math.Max(PageCount, next.PageCount);
            Lines += next.Lines;
            Words += next.Words;
            KeyValues += next.KeyValues;
            Tables += next.Tables;
            Queries += next.Queries;
            Signatures += next.Signatures;
            Layout += next.Layout;
            Blocks += next.Blocks;
            WantedTables.AddRange(next.WantedTables);
        }
    }
}
