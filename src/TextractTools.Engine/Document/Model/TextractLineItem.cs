using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// One line item of an invoice or receipt (one row of its item table), shaped for Export-Csv: <see cref="Values"/>
    /// maps a column name to the text of the field in that column. Every line item of one read has the same columns
    /// in the same order (<see cref="TextractExpenseOutput.LineItemColumns"/>), empty where the item has no such field,
    /// so that a CSV of all of them lines up. How columns are named: see <see cref="TextractExpenseOutput.LineItemColumns"/>.
    /// </summary>
    public sealed class TextractLineItem : TextractOutputObject
    {
        internal TextractLineItem(TextractDocumentOrigin origin, int expenseIndex, int groupIndex, int index, int page,
            IReadOnlyList<TextractExpenseField> fields, IReadOnlyList<string> columnNames, OrderedStringMap values, string text)
            : base(origin)
        {
            ExpenseIndex = expenseIndex;
            GroupIndex = groupIndex;
            Index = index;
            Page = page;
            Fields = fields;
            ColumnNames = columnNames;
            Values = values;
            Text = text;
        }

        /// <summary>The <see cref="TextractExpenseDocument.Index"/> of its expense document.</summary>
        public int ExpenseIndex { get; }

        /// <summary>Its group's LineItemGroupIndex (most documents have one group: 1).</summary>
        public int GroupIndex { get; }

        /// <summary>1-based position within its group, in Textract's order.</summary>
        public int Index { get; }

        /// <summary>The page of its first field.</summary>
        public int Page { get; }

        /// <summary>The whole row as Textract read it (its EXPENSE_ROW field); else its fields' values joined by spaces.</summary>
        public string Text { get; }

        /// <summary>Its fields as objects, in Textract's order.</summary>
        public IReadOnlyList<TextractExpenseField> Fields { get; }

        public int FieldCount => Fields.Count;

        /// <summary>Column name -> field text, in column order. Names are unique regardless of case.</summary>
        public IReadOnlyDictionary<string, string> Values { get; }

        /// <summary>The column names in column order (the same list for every line item of the read).</summary>
        public IReadOnlyList<string> ColumnNames { get; }

        public string this[string columnName] => Values[columnName];

        public override string ToString() => Text;
    }

    /// <summary>A group of line items (LineItemGroups): most invoices have one item table, some several.</summary>
    public sealed class TextractLineItemGroup : TextractOutputObject
    {
        internal TextractLineItemGroup(TextractDocumentOrigin origin, int expenseIndex, int index, IReadOnlyList<int> pages, IReadOnlyList<TextractLineItem> lineItems)
            : base(origin)
        {
            ExpenseIndex = expenseIndex;
            Index = index;
            Pages = pages;
            LineItems = lineItems;
        }

        public int ExpenseIndex { get; }

        /// <summary>Textract's LineItemGroupIndex.</summary>
        public int Index { get; }

        /// <summary>The pages its line items are on.</summary>
        public IReadOnlyList<int> Pages { get; }

        public IReadOnlyList<TextractLineItem> LineItems { get; }

        public int LineItemCount => LineItems.Count;

        public override string ToString() => $"Line item group {Index}: {LineItems.Count} line item(s)";
    }
}
