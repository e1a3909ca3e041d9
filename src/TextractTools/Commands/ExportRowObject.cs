using System.Collections.Generic;
using System.Management.Automation;
using TextractTools.Engine.Document;

namespace TextractTools.Commands
{
    /// <summary>
    /// A row for Export-Csv: a PSObject whose properties are exactly the row's columns (so the CSV is the table, or
    /// the line items, and nothing else), with where it came from in a member set named Source, which Export-Csv,
    /// ConvertTo-Json and Select-Object * leave out: <c>$row.Source.Document</c>, <c>$row.Source.Page</c> ...
    /// To put the document into a CSV: <c>Select-Object @{ n = 'Document'; e = { $_.Source.Document } }, *</c>; to
    /// group rows by document: <c>Group-Object { $_.Source.Document }</c>.
    /// </summary>
    internal static class ExportRowObject
    {
        public const string SourceMemberSet = "Source";

        public static PSObject Create(string typeName, IReadOnlyDictionary<string, string> columns, IEnumerable<KeyValuePair<string, object?>> source)
        {
            var result = new PSObject();
            result.TypeNames.Insert(0, typeName);
            foreach (var cell in columns)
                result.Properties.Add(new PSNoteProperty(cell.Key, cell.Value));
            var members = new List<PSMemberInfo>();
            foreach (var item in source) members.Add(new PSNoteProperty(item.Key, item.Value));
            result.Members.Add(new PSMemberSet(SourceMemberSet, members));
            return result;
        }
    }

    /// <summary>
    /// A table row as a PSObject whose property names are the table's column headers, so
    /// <c>Get-TextractOutput -As TableRow | Export-Csv</c> writes a proper CSV; its table, page and row ride along in
    /// <c>Source</c> (see <see cref="ExportRowObject"/>).
    /// </summary>
    internal static class TableRowObject
    {
        public const string TypeName = "TextractTools.TableRow";

        public static PSObject From(TextractTableRow row) => ExportRowObject.Create(TypeName, row.Values, new Dictionary<string, object?>
        {
            ["Document"] = row.Document,
            ["JobId"] = row.JobId,
            ["TableIndex"] = row.TableIndex,
            ["Page"] = row.Page,
            ["RowNumber"] = row.RowNumber,
            ["Row"] = row,
        });
    }

    /// <summary>
    /// An expense line item as a PSObject with one property per field type (ITEM, QUANTITY, PRICE, ..., EXPENSE_ROW;
    /// the same columns for every line item of one read, so Export-Csv lines up); its fields as objects, its expense
    /// document, group and page ride along in <c>Source</c>: <c>$item.Source.Fields</c>.
    /// </summary>
    internal static class LineItemObject
    {
        public const string TypeName = "TextractTools.LineItem";

        public static PSObject From(TextractLineItem item) => ExportRowObject.Create(TypeName, item.Values, new Dictionary<string, object?>
        {
            ["Document"] = item.Document,
            ["JobId"] = item.JobId,
            ["ExpenseIndex"] = item.ExpenseIndex,
            ["GroupIndex"] = item.GroupIndex,
            ["Index"] = item.Index,
            ["Page"] = item.Page,
            ["Fields"] = item.Fields,
            ["LineItem"] = item,
        });
    }
}
