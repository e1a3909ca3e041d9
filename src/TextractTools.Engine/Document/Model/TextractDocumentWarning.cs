using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// A warning that came with the output: either one Textract reported (Code = its ErrorCode, with the pages
    /// concerned) or one the reader raised about the output itself (unknown block types, dangling relationships
    /// when reading leniently).
    /// </summary>
    public sealed class TextractDocumentWarning
    {
        public TextractDocumentWarning(string code, string message, IReadOnlyList<int>? pages = null, string? source = null)
        {
            Code = code;
            Message = message;
            Pages = pages == null || pages.Count == 0 ? ReadableList<int>.Empty : new ReadableList<int>(System.Linq.Enumerable.ToArray(pages));
            Source = source;
        }

        /// <summary>Textract's ErrorCode, or one of the reader's codes (see <see cref="ReaderWarningCodes"/>).</summary>
        public string Code { get; }

        public string Message { get; }

        public IReadOnlyList<int> Pages { get; }

        /// <summary>The output page (file, S3 object, API page) the warning is about, where one is known.</summary>
        public string? Source { get; }

        public override string ToString() => $"{Code}: {Message}";
    }

    /// <summary>Codes of the warnings the reader itself raises.</summary>
    public static class ReaderWarningCodes
    {
        public const string UnknownBlockType = "UnknownBlockType";
        public const string MissingBlock = "MissingBlock";
        public const string DuplicateBlockId = "DuplicateBlockId";
        public const string MissingPages = "MissingPages";
        public const string PartialSuccess = "PartialSuccess";
    }
}
