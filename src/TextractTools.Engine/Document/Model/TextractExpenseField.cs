using System.Collections.Generic;
using TextractTools.Engine.Document.Expense;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// One field Textract found on an invoice or receipt: a summary field of the expense document (vendor, total,
    /// dates, addresses ...) or one field of a line item (item, quantity, price ...).
    /// </summary>
    public sealed class TextractExpenseField : TextractOutputObject
    {
        internal TextractExpenseField(TextractDocumentOrigin origin, ExpenseFieldDraft draft, int expenseIndex, int page,
            int? lineItemGroupIndex, int? lineItemIndex)
            : base(origin)
        {
            ExpenseIndex = expenseIndex;
            Page = page;
            LineItemGroupIndex = lineItemGroupIndex;
            LineItemIndex = lineItemIndex;
            Type = draft.Type;
            TypeConfidence = draft.TypeConfidence;
            Label = draft.Label;
            LabelConfidence = draft.LabelConfidence;
            LabelBoundingBox = draft.LabelBox;
            Value = draft.Value;
            ValueConfidence = draft.ValueConfidence;
            ValueBoundingBox = draft.ValueBox;
            Currency = draft.Currency;
            CurrencyConfidence = draft.CurrencyConfidence;
            var groups = new List<TextractExpenseGroup>(draft.Groups.Count);
            var types = new List<string>();
            var ids = new List<string>();
            foreach (ExpenseGroupDraft group in draft.Groups)
            {
                groups.Add(new TextractExpenseGroup(origin, ReadableList<string>.Of(group.Types), group.Id));
                foreach (string type in group.Types)
                {
                    if (!types.Contains(type)) types.Add(type);
                }
                if (group.Id != null) ids.Add(group.Id);
            }
            Groups = ReadableList<TextractExpenseGroup>.Of(groups, "; ");
            GroupTypes = ReadableList<string>.Of(types);
            GroupId = ids.Count == 0 ? null : string.Join(", ", ids);
        }

        /// <summary>The <see cref="TextractExpenseDocument.Index"/> of the expense document the field belongs to.</summary>
        public int ExpenseIndex { get; }

        /// <summary>The page the field is on (Textract's PageNumber; when it gives none, the expense document's first page).</summary>
        public int Page { get; }

        /// <summary>For a line item's field, its group's index; null for a summary field.</summary>
        public int? LineItemGroupIndex { get; }

        /// <summary>For a line item's field, the line item's <see cref="TextractLineItem.Index"/>; null for a summary field.</summary>
        public int? LineItemIndex { get; }

        /// <summary>The normalized type Textract gave the field: VENDOR_NAME, TOTAL, INVOICE_RECEIPT_DATE, ITEM, PRICE, OTHER ...</summary>
        public string Type { get; }

        public double? TypeConfidence { get; }

        /// <summary>The label printed on the document ("Invoice No:", "Grand Total"); empty where Textract found none.</summary>
        public string Label { get; }

        public double? LabelConfidence { get; }

        public TextractBoundingBox? LabelBoundingBox { get; }

        /// <summary>The value as printed (it may span lines: they are kept, separated by a line break).</summary>
        public string Value { get; }

        public double? ValueConfidence { get; }

        public TextractBoundingBox? ValueBoundingBox { get; }

        /// <summary>The currency code Textract gave the value (e.g. USD), where it gave one.</summary>
        public string? Currency { get; }

        public double? CurrencyConfidence { get; }

        /// <summary>
        /// The types of the groups the field belongs to (GroupProperties), e.g. VENDOR or RECEIVER for the parts of
        /// an address; empty for most fields.
        /// </summary>
        public IReadOnlyList<string> GroupTypes { get; }

        /// <summary>The id of the group (several joined by ", "): the fields of one address share it. Null when none.</summary>
        public string? GroupId { get; }

        /// <summary>Every group the field belongs to, with its types and id.</summary>
        public IReadOnlyList<TextractExpenseGroup> Groups { get; }

        /// <summary>True for a field of the expense document's summary, false for a line item's field.</summary>
        public bool IsSummaryField => LineItemIndex == null;

        public override string ToString() => Label.Length == 0 ? $"{Type} = {Value}" : $"{Type} ({Label}) = {Value}";
    }

    /// <summary>One of a field's GroupProperties: the fields of one vendor or receiver address share its Id.</summary>
    public sealed class TextractExpenseGroup : TextractOutputObject
    {
        internal TextractExpenseGroup(TextractDocumentOrigin origin, IReadOnlyList<string> types, string? id)
            : base(origin)
        {
            Types = types;
            Id = id;
        }

        /// <summary>VENDOR, RECEIVER, BILL_TO, SHIP_TO, REMIT_TO, SUPPLIER ...</summary>
        public IReadOnlyList<string> Types { get; }

        public string? Id { get; }

        public override string ToString() => Id == null ? string.Join(", ", Types) : $"{string.Join(", ", Types)} {Id}";
    }
}
