namespace TextractTools.Engine.Document
{
    /// <summary>How <see cref="TextractDocumentReader"/> reads output.</summary>
    public sealed class DocumentReadOptions
    {
        /// <summary>Join a table continued on the next page into one table (see TableMerger for the rule).</summary>
        public bool MergeContinuedTables { get; set; }

        /// <summary>
        /// Read damaged output as far as it goes: a relationship to a missing block or a repeated block id becomes a
        /// warning in <see cref="TextractDocument.Warnings"/> instead of an exception.
        /// </summary>
        public bool Lenient { get; set; }
    }
}
