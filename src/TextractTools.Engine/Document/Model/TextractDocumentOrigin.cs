namespace TextractTools.Engine.Document
{
    /// <summary>
    /// Where the output of one read came from: the input document (its S3 URI, or for saved output the file or folder
    /// read) and the job. One instance is made per read and every object built from that output refers to it, so
    /// setting <see cref="Document"/> or <see cref="JobId"/> once (the caller knows them; the reader may not) gives
    /// every object its origin at the cost of one reference each.
    /// </summary>
    public sealed class TextractDocumentOrigin
    {
        public TextractDocumentOrigin(string? document = null, string? jobId = null)
        {
            Document = document;
            JobId = jobId;
        }

        /// <summary>The input document's S3 URI (as TextractJob.Document), or the saved output file or folder.</summary>
        public string? Document { get; set; }

        /// <summary>The Textract job, where known.</summary>
        public string? JobId { get; set; }

        public override string ToString() => Document ?? JobId ?? string.Empty;
    }
}
