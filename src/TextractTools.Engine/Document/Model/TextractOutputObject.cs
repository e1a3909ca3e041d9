namespace TextractTools.Engine.Document
{
    /// <summary>
    /// What every object of the models shares (blocks, expense and lending alike): the document and job it came from,
    /// read through the one <see cref="TextractDocumentOrigin"/> of its read (one reference per object, no strings of
    /// its own), so that objects of several jobs can be grouped by document in a pipeline.
    /// </summary>
    public abstract class TextractOutputObject
    {
        private protected TextractOutputObject(TextractDocumentOrigin origin)
        {
            Origin = origin;
        }

        /// <summary>The input's S3 URI, or the saved file or folder read; null until the caller says.</summary>
        public string? Document => Origin.Document;

        /// <summary>The Textract job, where known.</summary>
        public string? JobId => Origin.JobId;

        // Not public on every object: Export-Csv would write its type name into a column. The output containers
        // expose it for the caller to fill in.
        internal TextractDocumentOrigin Origin { get; }
    }
}
