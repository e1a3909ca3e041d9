using System.Management.Automation;
using TextractTools.Engine.Document;

namespace TextractTools.Commands
{
    /// <summary>
    /// A table row as a PSObject whose property names are the table's column headers, so
    /// <c>Get-TextractOutput -As TableRow | Export-Csv</c> writes a proper CSV. The row's table and page ride along as
    /// hidden-by-default members in the type name, not as columns, to keep the CSV exactly the table.
    /// </summary>
    internal static class TableRowObject
    {
        public const string TypeName = "TextractTools.TableRow";

        public static PSObject From(TextractTableRow row)
        {
            var result = new PSObject();
            result.TypeNames.Insert(0, TypeName);
            foreach (var cell in row.Values)
                result.Properties.Add(new PSNoteProperty(cell.Key, cell.Value));
            return result;
        }
    }
}
