using System.Collections.Generic;

namespace TextractTools.Engine.Document.Building
{
    /// <summary>
    /// What one build makes when output is read page by page (<see cref="PageByPageReader"/>): the pages from
    /// <see cref="FirstPage"/> to the highest page of its blocks, with tables and layout blocks numbered on from
    /// those of the pages before, so that each object has the Index it has in the whole document.
    /// </summary>
    internal sealed class DocumentSlice
    {
        /// <summary>The whole document: every page from 1 to the page count, numbered from 1.</summary>
        public static readonly DocumentSlice Whole = new DocumentSlice(0, 0, 0, 0, new TextractDocumentWarning[0], new HashSet<string>());

        public DocumentSlice(int firstPage, int lastPage, int tableIndexBase, int layoutIndexBase, IReadOnlyList<TextractDocumentWarning> finalWarnings,
            HashSet<string> reportedBlockTypes)
        {
            FirstPage = firstPage;
            LastPage = lastPage;
            ReportedBlockTypes = reportedBlockTypes;
            TableIndexBase = tableIndexBase;
            LayoutIndexBase = layoutIndexBase;
            FinalWarnings = finalWarnings;
        }

        public bool IsWhole => FirstPage == 0;

        /// <summary>
        /// The slice's pages: from the page after those handed out before (pages without blocks are pages too, as in the
        /// whole document) to the highest page of its blocks, or <see cref="LastPage"/> if higher (the last slice: the
        /// pages the output describes).
        /// </summary>
        public int FirstPage { get; }
        public int LastPage { get; }

        /// <summary>Block types this version does not know, already reported by an earlier slice (reported once, as for the whole document).</summary>
        public HashSet<string> ReportedBlockTypes { get; }

        /// <summary>Tables (and layout blocks) of the pages before this slice: the slice's first is number base + 1.</summary>
        public int TableIndexBase { get; }
        public int LayoutIndexBase { get; }

        /// <summary>Warnings only the end of the output can tell (pages never seen): given to the last slice.</summary>
        public IReadOnlyList<TextractDocumentWarning> FinalWarnings { get; }
    }
}
