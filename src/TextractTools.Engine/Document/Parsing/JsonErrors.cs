using System;
using System.Text.Json;

namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>
    /// What every reader of output JSON shares before and after the JSON itself: the UTF-8 byte order mark some
    /// writers put first, and one wording for malformed JSON (System.Text.Json's message, a 1-based line and a byte).
    /// </summary>
    internal static class JsonErrors
    {
        private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };

        /// <summary>The reader options the position of a JSON error is found with.</summary>
        public static readonly JsonReaderOptions ReaderOptions = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 128 };

        /// <summary>Windows PowerShell 5.1 writes UTF-8 files with a BOM, which JSON readers reject.</summary>
        public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> json) =>
            json.StartsWith(Utf8Bom) ? json.Slice(Utf8Bom.Length) : json;

        /// <inheritdoc cref="WithoutBom(ReadOnlySpan{byte})"/>
        public static ReadOnlyMemory<byte> WithoutBom(ReadOnlyMemory<byte> json) =>
            json.Span.StartsWith(Utf8Bom) ? json.Slice(Utf8Bom.Length) : json;

        /// <summary>
        /// Describes malformed JSON the way System.Text.Json sees it (its message, a line and a position), walking the
        /// page's tokens with Utf8JsonReader: the reader that found the problem may only know that and where it is.
        /// </summary>
        /// <param name="foundPosition">Where the finding reader saw the problem, used when the walk finds nothing wrong.</param>
        public static TextractOutputException Malformed(string source, ReadOnlySpan<byte> json, Exception found, long? foundPosition)
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            try
            {
                while (reader.Read())
                {
                }
            }
            catch (JsonException e)
            {
                long line = (e.LineNumber ?? 0) + 1;
                long inLine = (e.BytePositionInLine ?? 0) + 1;
                return new TextractOutputException(
                    $"{source}: the JSON is malformed or truncated at line {line}, byte {inLine} of the line " +
                    $"(byte {reader.BytesConsumed} of {json.Length}): {StripPosition(e.Message)}", source, e)
                {
                    LineNumber = line,
                    BytePosition = reader.BytesConsumed,
                };
            }
            // System.Text.Json found nothing wrong where the other reader did: still an error, in our words.
            return new TextractOutputException($"{source}: the JSON is malformed or truncated: {StripPosition(found.Message)}.", source, found)
            {
                BytePosition = foundPosition,
            };
        }

        /// <summary>System.Text.Json appends a 0-based position to its messages; ours gives a 1-based one instead.</summary>
        private static string StripPosition(string message)
        {
            int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return at > 0 ? message.Substring(0, at).TrimEnd() : message;
        }
    }
}
