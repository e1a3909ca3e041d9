using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Document;
using TextractTools.Engine.Formats;

namespace TextractTools.Commands
{
    /// <summary>
    /// Get-TextractOutput's -As, -Page, -MinConfidence and -TableIndex applied to output of any kind: the objects of
    /// the shape asked for, or, when the output's kind has no such shape, a message saying what it holds and which
    /// shapes it has.
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

        public OutputShapes(TextractOutputShape shape, int[] pages, double minConfidence, int[] tableIndex, MergedCellMode mergedCells,
            string[] exclude, bool pageBreaks)
        {
            _shape = shape;
            _pages = pages;
            _minConfidence = minConfidence;
            _tableIndex = tableIndex;
            _mergedCells = mergedCells;
            _exclude = exclude;
            _pageBreaks = pageBreaks;
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
            if (output.Blocks != null) return Blocks(output.Blocks, TitleOf(output.Origin.Document ?? output.Origin.JobId));
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
                case TextractOutputShape.TableRow: return Tables(document).SelectMany(t => t.GetRows(_mergedCells)).Select(TableRowObject.From);
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

        /// <summary>The document's file name (s3://bucket/invoices/a.pdf -> a.pdf) as the HTML title.</summary>
        private static string? TitleOf(string? document)
        {
            if (string.IsNullOrEmpty(document)) return null;
            var name = document!.TrimEnd('/', '\\');
            var cut = name.LastIndexOfAny(new[] { '/', '\\' });
            return cut < 0 ? name : name.Substring(cut + 1);
        }

        private IEnumerable<TextractTable> Tables(TextractDocument document) =>
            document.Tables.Where(t => Wanted(t) && (_tableIndex.Length == 0 || _tableIndex.Contains(t.Index)));

        // Not a generic method constrained to TextractElement: see GetTextractOutputCommand.MergedCells.
        private IEnumerable<TextractElement> Filter(IEnumerable<TextractElement> items) => items.Where(Wanted);

        private bool Wanted(TextractElement element) => PageWanted(element.Page) && ConfidenceWanted(element.Confidence);

        private bool PageWanted(int page) => _pages.Length == 0 || _pages.Contains(page);

        private bool ConfidenceWanted(double? confidence) => _minConfidence <= 0 || (confidence ?? 0) >= _minConfidence;
    }
}
