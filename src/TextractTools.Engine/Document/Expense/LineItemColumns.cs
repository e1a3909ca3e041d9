using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document.Expense
{
    /// <summary>
    /// Names the columns of line items for Export-Csv (the rules are told on
    /// <see cref="TextractExpenseOutput.LineItemColumns"/>): first each line item's own fields, then the columns all
    /// line items of a read share, so that every row of a CSV has the same columns.
    /// </summary>
    internal static class LineItemColumns
    {
        public const string ExpenseRow = "EXPENSE_ROW";
        public const string Other = "OTHER";

        /// <summary>A line item's field under its column name.</summary>
        public readonly struct Named
        {
            public Named(string name, string value, bool isRow)
            {
                Name = name;
                Value = value;
                IsRow = isRow;
            }

            public string Name { get; }
            public string Value { get; }

            /// <summary>An EXPENSE_ROW field: its columns go last.</summary>
            public bool IsRow { get; }
        }

        /// <summary>The column names of one line item's fields: in field order, EXPENSE_ROW last, unique regardless of case.</summary>
        public static List<Named> Name(IReadOnlyList<TextractExpenseField> fields)
        {
            HashSet<string> used = UniqueNames.NewSet();
            var named = new List<Named>(fields.Count);
            foreach (TextractExpenseField field in fields)
            {
                if (!IsExpenseRow(field)) named.Add(new Named(UniqueNames.Claim(BaseName(field), used), field.Value, false));
            }
            foreach (TextractExpenseField field in fields)
            {
                if (IsExpenseRow(field)) named.Add(new Named(UniqueNames.Claim(ExpenseRow, used), field.Value, true));
            }
            return named;
        }

        /// <summary>A field's Type; for an OTHER (or untyped) field its label, tidied, or OTHER when it has none.</summary>
        public static string BaseName(TextractExpenseField field)
        {
            if (field.Type.Length > 0 && !string.Equals(field.Type, Other, StringComparison.OrdinalIgnoreCase)) return field.Type;
            string label = ColumnNamer.Normalize(field.Label).TrimEnd(':', ' ');
            if (label.Length > 0) return label;
            return field.Type.Length > 0 ? field.Type : Other;
        }

        /// <summary>
        /// The columns of all line items: in the order line items first use them, EXPENSE_ROW columns after all
        /// others; the first spelling of a name wins (names compare regardless of case).
        /// </summary>
        public static string[] Union(IEnumerable<List<Named>> lineItems)
        {
            HashSet<string> seen = UniqueNames.NewSet();
            var columns = new List<string>();
            var rowColumns = new List<string>();
            foreach (List<Named> lineItem in lineItems)
            {
                foreach (Named field in lineItem)
                {
                    if (seen.Add(field.Name)) (field.IsRow ? rowColumns : columns).Add(field.Name);
                }
            }
            columns.AddRange(rowColumns);
            return columns.ToArray();
        }

        /// <summary>A line item's text in each of <paramref name="columns"/>, empty where it has no such field.</summary>
        public static string[] ValuesFor(string[] columns, List<Named> lineItem)
        {
            var byName = new Dictionary<string, string>(lineItem.Count, StringComparer.OrdinalIgnoreCase);
            foreach (Named field in lineItem) byName[field.Name] = field.Value;
            var values = new string[columns.Length];
            for (int c = 0; c < columns.Length; c++) values[c] = byName.TryGetValue(columns[c], out string? value) ? value : string.Empty;
            return values;
        }

        /// <summary>The row's text: its EXPENSE_ROW field, else its fields' values joined by spaces.</summary>
        public static string RowText(IReadOnlyList<TextractExpenseField> fields)
        {
            var values = new List<string>(fields.Count);
            foreach (TextractExpenseField field in fields)
            {
                if (IsExpenseRow(field)) return field.Value;
                if (field.Value.Length > 0) values.Add(field.Value);
            }
            return string.Join(" ", values);
        }

        private static bool IsExpenseRow(TextractExpenseField field) => string.Equals(field.Type, ExpenseRow, StringComparison.OrdinalIgnoreCase);
    }
}
