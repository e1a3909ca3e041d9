using System;
using System.IO;
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
        public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> json) => json.Slice(BomLength(json));

        /// <inheritdoc cref="WithoutBom(ReadOnlySpan{byte})"/>
        public static ReadOnlyMemory<byte> WithoutBom(ReadOnlyMemory<byte> json) => json.Slice(BomLength(json.Span));

        /// <summary>The length of the UTF-8 byte order mark <paramref name="json"/> starts with: 3, or 0 without one.</summary>
        public static int BomLength(ReadOnlySpan<byte> json) => json.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;

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
                return Described(source, e, reader.BytesConsumed, json.Length);
            }
            return NothingWrongFound(source, found, foundPosition);
        }

        /// <summary>
        /// As <see cref="Malformed(string, ReadOnlySpan{byte}, Exception, long?)"/> for a file that is read as a stream
        /// (a saved output file of any size): the file is walked again in chunks, System.Text.Json keeping its place
        /// (and its line count) from chunk to chunk, so the message is the one a walk of the whole file in one buffer
        /// gives. Positions count from the first byte after a UTF-8 byte order mark.
        /// </summary>
        /// <param name="found">What the finding reader saw, with its file position, for when the walk finds nothing wrong.</param>
        public static TextractOutputException MalformedFile(string source, string path, JsonSyntaxException found)
        {
            try
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan))
                {
                    long length = stream.Length;
                    byte[] buffer = new byte[(int)Math.Max(16, Math.Min(length, WalkChunkBytes))];
                    int filled = ReadFully(stream, buffer, 0);
                    long read = filled;
                    int start = BomLength(buffer.AsSpan(0, filled));
                    long bom = start;
                    long walked = 0; // bytes (after the BOM) handed to earlier readers and consumed by them
                    var state = new JsonReaderState(ReaderOptions);
                    while (true)
                    {
                        bool final = read >= length || filled < buffer.Length;
                        var reader = new Utf8JsonReader(buffer.AsSpan(start, filled - start), final, state);
                        try
                        {
                            while (reader.Read())
                            {
                            }
                        }
                        catch (JsonException e)
                        {
                            return Described(source, e, walked + reader.BytesConsumed, length - bom);
                        }
                        if (final) break;
                        walked += reader.BytesConsumed;
                        state = reader.CurrentState;
                        // The token the chunk ended in is read again from its start, with the next bytes behind it.
                        int kept = filled - start - (int)reader.BytesConsumed;
                        if (kept == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                        Buffer.BlockCopy(buffer, filled - kept, buffer, 0, kept);
                        start = 0;
                        int more = ReadFully(stream, buffer, kept);
                        read += more;
                        filled = kept + more;
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // The file cannot be read again: say what the finding reader saw.
            }
            return NothingWrongFound(source, found, found.Position);
        }

        private const int WalkChunkBytes = 1 << 20;

        private static int ReadFully(Stream stream, byte[] buffer, int offset)
        {
            int filled = offset, n;
            while (filled < buffer.Length && (n = stream.Read(buffer, filled, buffer.Length - filled)) > 0) filled += n;
            return filled - offset;
        }

        private static TextractOutputException Described(string source, JsonException e, long position, long length)
        {
            long line = (e.LineNumber ?? 0) + 1;
            long inLine = (e.BytePositionInLine ?? 0) + 1;
            return new TextractOutputException(
                $"{source}: the JSON is malformed or truncated at line {line}, byte {inLine} of the line " +
                $"(byte {position} of {length}): {StripPosition(e.Message)}", source, e)
            {
                LineNumber = line,
                BytePosition = position,
            };
        }

        // System.Text.Json found nothing wrong where the other reader did: still an error, in our words.
        private static TextractOutputException NothingWrongFound(string source, Exception found, long? foundPosition) =>
            new TextractOutputException($"{source}: the JSON is malformed or truncated: {StripPosition(found.Message)}.", source, found)
            {
                BytePosition = foundPosition,
            };

        /// <summary>System.Text.Json appends a 0-based position to its messages; ours gives a 1-based one instead.</summary>
        private static string StripPosition(string message)
        {
            int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return at > 0 ? message.Substring(0, at).TrimEnd() : message;
        }
    }
}
