using System;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// Textract output that cannot be read into a document: malformed or truncated JSON, a FAILED or unfinished job,
    /// a relationship to a block that is not there. The message names the source (file, S3 object, API page) and,
    /// for JSON errors, the position.
    /// </summary>
    public class TextractOutputException : Exception
    {
        public TextractOutputException(string message, string? source = null, Exception? inner = null)
            : base(message, inner)
        {
            OutputSource = source;
        }

        /// <summary>The output page the problem is in, where one is known.</summary>
        public string? OutputSource { get; }

        /// <summary>For JSON errors: 1-based line of the problem, else null.</summary>
        public long? LineNumber { get; internal set; }

        /// <summary>For JSON errors: byte offset from the start of the JSON document, else null.</summary>
        public long? BytePosition { get; internal set; }

        /// <summary>For a FAILED job: Textract's StatusMessage.</summary>
        public string? StatusMessage { get; internal set; }
    }
}
