using System.Collections.Generic;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Expense
{
    /// <summary>An ExpenseField as read, before its expense document's index and pages are known.</summary>
    internal sealed class ExpenseFieldDraft
    {
        public string Type = string.Empty;
        public double? TypeConfidence;
        public string Label = string.Empty;
        public double? LabelConfidence;
        public TextractBoundingBox? LabelBox;
        public string Value = string.Empty;
        public double? ValueConfidence;
        public TextractBoundingBox? ValueBox;
        public int? Page;
        public string? Currency;
        public double? CurrencyConfidence;
        public List<ExpenseGroupDraft> Groups = new List<ExpenseGroupDraft>();

        public static ExpenseFieldDraft Read(JsonSpot field)
        {
            var draft = new ExpenseFieldDraft { Page = field.Page("PageNumber") };
            if (field.Object("Type") is JsonSpot type)
            {
                draft.Type = type.String("Text") ?? string.Empty;
                draft.TypeConfidence = type.Number("Confidence");
            }
            if (field.Object("LabelDetection") is JsonSpot label)
            {
                draft.Label = label.String("Text") ?? string.Empty;
                draft.LabelConfidence = label.Number("Confidence");
                draft.LabelBox = label.BoundingBox();
            }
            if (field.Object("ValueDetection") is JsonSpot value)
            {
                draft.Value = value.String("Text") ?? string.Empty;
                draft.ValueConfidence = value.Number("Confidence");
                draft.ValueBox = value.BoundingBox();
            }
            if (field.Object("Currency") is JsonSpot currency)
            {
                draft.Currency = currency.String("Code");
                draft.CurrencyConfidence = currency.Number("Confidence");
            }
            foreach (JsonSpot group in field.Objects("GroupProperties"))
            {
                draft.Groups.Add(new ExpenseGroupDraft(group.Strings("Types"), group.String("Id")));
            }
            return draft;
        }
    }

    internal sealed class ExpenseGroupDraft
    {
        public ExpenseGroupDraft(List<string> types, string? id)
        {
            Types = types;
            Id = id;
        }

        public List<string> Types { get; }
        public string? Id { get; }
    }

    internal sealed class LineItemGroupDraft
    {
        public LineItemGroupDraft(int? index)
        {
            Index = index;
        }

        /// <summary>LineItemGroupIndex; null when the answer gives none.</summary>
        public int? Index { get; }

        /// <summary>Each line item's fields, in order.</summary>
        public List<List<ExpenseFieldDraft>> LineItems { get; } = new List<List<ExpenseFieldDraft>>();
    }

    /// <summary>
    /// An ExpenseDocument as read from one or more answers (a document continued in the next Get* answer is
    /// appended to, see <see cref="Append"/>), before objects are built from it.
    /// </summary>
    internal sealed class ExpenseDocumentDraft
    {
        private ExpenseDocumentDraft(int? expenseIndex, string source, int? defaultPage)
        {
            ExpenseIndex = expenseIndex;
            Source = source;
            DefaultPage = defaultPage;
        }

        /// <summary>Textract's ExpenseIndex; null when the answer gives none (expense documents on lending pages).</summary>
        public int? ExpenseIndex { get; }

        /// <summary>The answer it was first read from.</summary>
        public string Source { get; }

        /// <summary>The page to assume where neither fields nor blocks name one (a lending result's page).</summary>
        public int? DefaultPage { get; }

        public List<ExpenseFieldDraft> SummaryFields { get; } = new List<ExpenseFieldDraft>();
        public List<LineItemGroupDraft> Groups { get; } = new List<LineItemGroupDraft>();

        /// <summary>Its Blocks, as one block answer per part read, for the block reader.</summary>
        public List<RawOutputPage> BlockPages { get; } = new List<RawOutputPage>();

        public static ExpenseDocumentDraft Read(JsonSpot document, int? defaultPage)
        {
            var draft = new ExpenseDocumentDraft(document.Int("ExpenseIndex"), document.Source, defaultPage);
            draft.AppendContent(document);
            return draft;
        }

        /// <summary>
        /// Adds a later part of the same expense document: its summary fields after the ones read, its line items to
        /// the group with the same LineItemGroupIndex (a new group when none has it), its blocks beside the others.
        /// </summary>
        public void Append(JsonSpot part) => AppendContent(part);

        private void AppendContent(JsonSpot document)
        {
            foreach (JsonSpot field in document.Objects("SummaryFields")) SummaryFields.Add(ExpenseFieldDraft.Read(field));
            foreach (JsonSpot group in document.Objects("LineItemGroups"))
            {
                LineItemGroupDraft target = GroupFor(group.Int("LineItemGroupIndex"));
                foreach (JsonSpot lineItem in group.Objects("LineItems"))
                {
                    var fields = new List<ExpenseFieldDraft>();
                    foreach (JsonSpot field in lineItem.Objects("LineItemExpenseFields")) fields.Add(ExpenseFieldDraft.Read(field));
                    target.LineItems.Add(fields);
                }
            }
            RawOutputPage? blocks = ExtractionBlocks.AsAnswer(document);
            if (blocks != null) BlockPages.Add(blocks);
        }

        private LineItemGroupDraft GroupFor(int? index)
        {
            if (index != null)
            {
                foreach (LineItemGroupDraft group in Groups)
                {
                    if (group.Index == index) return group;
                }
            }
            var added = new LineItemGroupDraft(index);
            Groups.Add(added);
            return added;
        }
    }
}
