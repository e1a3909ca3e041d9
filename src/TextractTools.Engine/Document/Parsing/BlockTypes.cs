using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>The block, relationship and entity type names of Textract's block grammar.</summary>
    internal static class BlockTypes
    {
        public const string Page = "PAGE";
        public const string Line = "LINE";
        public const string Word = "WORD";
        public const string KeyValueSet = "KEY_VALUE_SET";
        // Older (pre-GA) output used separate KEY and VALUE block types instead of KEY_VALUE_SET + EntityTypes.
        public const string Key = "KEY";
        public const string Value = "VALUE";
        public const string Table = "TABLE";
        public const string Cell = "CELL";
        public const string MergedCell = "MERGED_CELL";
        public const string TableTitle = "TABLE_TITLE";
        public const string TableFooter = "TABLE_FOOTER";
        public const string SelectionElement = "SELECTION_ELEMENT";
        public const string Signature = "SIGNATURE";
        public const string Query = "QUERY";
        public const string QueryResult = "QUERY_RESULT";
        public const string Title = "TITLE";
        public const string LayoutPrefix = "LAYOUT_";
        public const string LayoutList = "LAYOUT_LIST";

        /// <summary>Every block type the reader knows; others are kept as raw blocks with a warning.</summary>
        public static readonly HashSet<string> Known = new HashSet<string>(StringComparer.Ordinal)
        {
            Page, Line, Word, KeyValueSet, Key, Value, Table, Cell, MergedCell, TableTitle, TableFooter,
            SelectionElement, Signature, Query, QueryResult, Title,
            "LAYOUT_TITLE", "LAYOUT_HEADER", "LAYOUT_FOOTER", "LAYOUT_SECTION_HEADER", "LAYOUT_PAGE_NUMBER",
            LayoutList, "LAYOUT_FIGURE", "LAYOUT_TABLE", "LAYOUT_KEY_VALUE", "LAYOUT_TEXT",
        };

        public static bool IsLayout(string blockType) => blockType.StartsWith(LayoutPrefix, StringComparison.Ordinal);

        /// <summary>Most frequent first: the pool compares in order.</summary>
        public static readonly string[] PoolSeed =
        {
            Word, Line, Cell, KeyValueSet, SelectionElement, Page, Table, MergedCell, "LAYOUT_TEXT", Query, QueryResult,
            Signature, TableTitle, TableFooter, Key, Value,
        };
    }

    internal static class RelationshipTypes
    {
        public const string Child = "CHILD";
        public const string Value = "VALUE";
        public const string Answer = "ANSWER";
        public const string MergedCell = "MERGED_CELL";
        public const string TableTitle = "TABLE_TITLE";
        public const string TableFooter = "TABLE_FOOTER";

        public static readonly string[] PoolSeed = { Child, Value, Answer, MergedCell, TableTitle, TableFooter, "COMPLEX_FEATURES", "TITLE", "TABLE" };
    }

    internal static class EntityTypes
    {
        public const string Key = "KEY";
        public const string Value = "VALUE";
        public const string ColumnHeader = "COLUMN_HEADER";
        public const string StructuredTable = "STRUCTURED_TABLE";
        public const string SemiStructuredTable = "SEMI_STRUCTURED_TABLE";

        public static readonly string[] PoolSeed =
        {
            Key, Value, ColumnHeader, StructuredTable, SemiStructuredTable, "TABLE_TITLE", "TABLE_FOOTER",
            "TABLE_SECTION_TITLE", "TABLE_SUMMARY",
        };
    }
}
