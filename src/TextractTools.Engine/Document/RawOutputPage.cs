using System;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// One JSON document of Textract output exactly as received: a Get* answer from the API, a numbered object from
    /// the output bucket, or a saved file (which may also hold an array of answers). <see cref="Source"/> names where
    /// it came from (an S3 URI, a file path, "GetDocumentAnalysis page 3") so errors can say which input is bad.
    /// </summary>
    public sealed class RawOutputPage
    {
        public RawOutputPage(string source, ReadOnlyMemory<byte> json)
        {
            Source = source;
            Json = json;
        }

        /// <summary>A piece of a larger saved file (Files/SavedOutputFile): <paramref name="placement"/> says where it sits there.</summary>
        internal RawOutputPage(string source, ReadOnlyMemory<byte> json, PiecePlacement placement)
            : this(source, json)
        {
            Placement = placement;
        }

        public string Source { get; }
        public ReadOnlyMemory<byte> Json { get; }

        /// <summary>For a piece cut from a saved file: where its bytes sit in the file and which answer it belongs to; else null.</summary>
        internal PiecePlacement? Placement { get; }
    }
}
