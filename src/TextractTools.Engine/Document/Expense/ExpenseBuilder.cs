using System.Collections.Generic;
using System.Linq;

namespace TextractTools.Engine.Document.Expense
{
    /// <summary>
    /// Builds expense documents from their drafts: fields with their pages, line items with the columns all line
    /// items of the read share, and each document's lines and text from its Blocks (read by the block reader, the one
    /// place that knows the block grammar).
    /// </summary>
    internal sealed class ExpenseBuilder
    {
        private readonly TextractDocumentOrigin _origin;
        private readonly DocumentReadOptions _options;

        public ExpenseBuilder(TextractDocumentOrigin origin, DocumentReadOptions options)
        {
            _origin = origin;
            _options = options;
        }

        /// <summary>The documents built, in the order of the drafts given.</summary>
        public List<TextractExpenseDocument> Documents { get; } = new List<TextractExpenseDocument>();

        public List<TextractExpenseField> SummaryFields { get; } = new List<TextractExpenseField>();

        public List<TextractLineItem> LineItems { get; } = new List<TextractLineItem>();

        public IReadOnlyList<string> LineItemColumns { get; private set; } = ReadableList<string>.Empty;

        /// <summary>Warnings of the block reader about the documents' Blocks (when reading leniently).</summary>
        public List<TextractDocumentWarning> Warnings { get; } = new List<TextractDocumentWarning>();

        /// <summary>The highest page any document is on (0 when there are none).</summary>
        public int HighestPage { get; private set; }

        /// <param name="drafts">Each draft with the index its document gets.</param>
        public void Build(IReadOnlyList<KeyValuePair<int, ExpenseDocumentDraft>> drafts)
        {
            // Line items need the columns of all line items, which need every document's fields: fields first.
            var documents = drafts.Select(d => ReadFields(d.Key, d.Value)).ToList();
            string[] columns = Expense.LineItemColumns.Union(documents.SelectMany(d => d.Groups.SelectMany(g => g.LineItems.Select(i => i.Named))));
            LineItemColumns = new ReadableList<string>(columns);

            foreach (DocumentParts document in documents)
            {
                var groups = new List<TextractLineItemGroup>();
                var lineItems = new List<TextractLineItem>();
                foreach (GroupParts group in document.Groups)
                {
                    var items = new List<TextractLineItem>();
                    foreach (LineItemParts item in group.LineItems)
                    {
                        var values = new OrderedStringMap(columns, Expense.LineItemColumns.ValuesFor(columns, item.Named));
                        items.Add(new TextractLineItem(_origin, document.Index, group.Index, items.Count + 1, item.Page,
                            ReadableList<TextractExpenseField>.Of(item.Fields, "; "), LineItemColumns, values, Expense.LineItemColumns.RowText(item.Fields)));
                    }
                    int[] pages = items.Select(i => i.Page).Distinct().OrderBy(p => p).ToArray();
                    groups.Add(new TextractLineItemGroup(_origin, document.Index, group.Index, new ReadableList<int>(pages), ReadableList<TextractLineItem>.Of(items, "; ")));
                    lineItems.AddRange(items);
                }
                Documents.Add(new TextractExpenseDocument(_origin, document.Index, new ReadableList<int>(document.Pages),
                    ReadableList<TextractExpenseField>.Of(document.SummaryFields, "; "), ReadableList<TextractLineItemGroup>.Of(groups, "; "),
                    ReadableList<TextractLineItem>.Of(lineItems, "; "), document.Lines, document.Text));
                SummaryFields.AddRange(document.SummaryFields);
                LineItems.AddRange(lineItems);
                HighestPage = System.Math.Max(HighestPage, document.Pages[document.Pages.Length - 1]);
            }
        }

        private DocumentParts ReadFields(int index, ExpenseDocumentDraft draft)
        {
            var parts = new DocumentParts(index);
            ExtractionBlocks.Read blocks = ExtractionBlocks.From(draft.BlockPages, _origin, _options.Lenient, Warnings);
            parts.Lines = blocks.Lines;
            parts.Text = blocks.Text;
            SortedSet<int> pages = blocks.Pages;
            foreach (ExpenseFieldDraft field in AllFields(draft))
            {
                if (field.Page != null) pages.Add(field.Page.Value);
            }
            if (pages.Count == 0) pages.Add(draft.DefaultPage ?? 1); // a synchronous answer names no page: it is one page
            parts.Pages = pages.ToArray();
            int firstPage = parts.Pages[0];

            foreach (ExpenseFieldDraft field in draft.SummaryFields)
            {
                parts.SummaryFields.Add(new TextractExpenseField(_origin, field, index, field.Page ?? firstPage, null, null));
            }
            for (int g = 0; g < draft.Groups.Count; g++)
            {
                LineItemGroupDraft groupDraft = draft.Groups[g];
                var group = new GroupParts(groupDraft.Index ?? g + 1);
                for (int i = 0; i < groupDraft.LineItems.Count; i++)
                {
                    var fields = groupDraft.LineItems[i]
                        .Select(f => new TextractExpenseField(_origin, f, index, f.Page ?? firstPage, group.Index, i + 1))
                        .ToList();
                    group.LineItems.Add(new LineItemParts(fields, fields.Count > 0 ? fields[0].Page : firstPage));
                }
                parts.Groups.Add(group);
            }
            return parts;
        }

        private static IEnumerable<ExpenseFieldDraft> AllFields(ExpenseDocumentDraft draft) =>
            draft.SummaryFields.Concat(draft.Groups.SelectMany(g => g.LineItems.SelectMany(i => i)));

        private sealed class DocumentParts
        {
            public DocumentParts(int index)
            {
                Index = index;
            }

            public int Index { get; }
            public int[] Pages = new int[0];
            public IReadOnlyList<TextractLine> Lines = ReadableList<TextractLine>.Empty;
            public string Text = string.Empty;
            public List<TextractExpenseField> SummaryFields { get; } = new List<TextractExpenseField>();
            public List<GroupParts> Groups { get; } = new List<GroupParts>();
        }

        private sealed class GroupParts
        {
            public GroupParts(int index)
            {
                Index = index;
            }

            public int Index { get; }
            public List<LineItemParts> LineItems { get; } = new List<LineItemParts>();
        }

        private sealed class LineItemParts
        {
            public LineItemParts(List<TextractExpenseField> fields, int page)
            {
                Fields = fields;
                Page = page;
                Named = Expense.LineItemColumns.Name(fields);
            }

            public List<TextractExpenseField> Fields { get; }
            public int Page { get; }
            public List<LineItemColumns.Named> Named { get; }
        }
    }
}
