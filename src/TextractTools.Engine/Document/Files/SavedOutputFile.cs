using System;
using System.Collections.Generic;
using System.IO;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Files
{
    /// <summary>
    /// Reads one saved output file (one answer, or a JSON array of answers, of any size: a merged Get* answer of
    /// hundreds of MB) as a stream of pieces, each a complete JSON answer that <see cref="OutputJsonParser"/> and
    /// <see cref="JsonAnswers"/> read as they read any page. The file passes once through a bounded read buffer; no
    /// byte array holds it whole.
    /// <list type="bullet">
    /// <item>Each answer's top-level <c>Blocks</c> array is cut into block pieces of at most <see cref="BlocksPerPiece"/>
    /// blocks, closed earlier once they pass <see cref="PieceBuffers.PieceBytes"/>: <c>{"Blocks":[</c>, the blocks
    /// copied verbatim, <c>]}</c>.</item>
    /// <item>After its last block piece comes the answer itself with its Blocks array emptied (every other member
    /// verbatim, before or after Blocks: JobStatus, DocumentMetadata, Warnings, *ModelVersion ...), when it has other
    /// members: it stays a Textract answer of block output on its own.</item>
    /// <item>An answer without a Blocks array of objects (expense, lending output; Blocks null or empty) is one piece,
    /// verbatim.</item>
    /// </list>
    /// Pieces keep the file's name as their Source (as when the file is parsed whole); a piece's
    /// <see cref="RawOutputPage.Placement"/> maps its positions to the file's, names its answer ("path [answer n]" in an
    /// array) and says it continues the file, so errors and warnings read as they did. Each piece owns the array it is
    /// built in: it stays valid whatever the reader does next, and may be handed to another thread.
    /// <para>
    /// The scan only follows strings (quotes, backslash escapes), comments and brackets, 64 bytes at a time from
    /// vector compares where it can; the parser checks everything else. Malformed JSON (a truncated file, unbalanced
    /// brackets, content after the end), whether this scan or the parser of a piece meets it, is described by
    /// System.Text.Json walking the file, as for a file parsed whole.
    /// </para>
    /// </summary>
    internal sealed class SavedOutputFile : IDisposable
    {
        public const int BlocksPerPiece = 1000;
        // The file is read this much at a time: less than a large object (tests shift content across the end of a read).
        internal const int ReadBufferBytes = 64 << 10;
        private const int AnswerBytes = 64 << 10;
        private static readonly byte[] BlocksPrefix = { (byte)'{', (byte)'"', (byte)'B', (byte)'l', (byte)'o', (byte)'c', (byte)'k', (byte)'s', (byte)'"', (byte)':', (byte)'[' };
        private static readonly byte[] BlocksSuffix = { (byte)']', (byte)'}' };

        private readonly string _path;
        private readonly PieceBuffers _buffers;
        private readonly int _blocksPerPiece;
        private readonly Scanner _scanner;
        // Pieces given out so far, and the blocks they hold: the parser numbers blocks within the file.
        private int _pieces;
        private int _blocks;

        private SavedOutputFile(string path, PieceBuffers buffers, int blocksPerPiece)
        {
            _path = path;
            _buffers = buffers;
            _blocksPerPiece = blocksPerPiece;
            _scanner = new Scanner(path);
        }

        /// <summary>The pieces of the file at <paramref name="path"/>, in file order; each owns its bytes.</summary>
        /// <exception cref="TextractOutputException">The file cannot be read, or is no answer or array of answers (raised in order, after the pieces before the problem).</exception>
        public static IEnumerable<RawOutputPage> ReadPieces(string path) => ReadPieces(path, new PieceBuffers());

        /// <summary>
        /// As <see cref="ReadPieces(string)"/>, building the pieces in arrays of <paramref name="buffers"/>: a reader
        /// that is done with a piece may give its array back there for a later piece.
        /// </summary>
        /// <param name="blocksPerPiece">At most this many blocks per block piece (tests cut small pieces).</param>
        internal static IEnumerable<RawOutputPage> ReadPieces(string path, PieceBuffers buffers, int blocksPerPiece = BlocksPerPiece)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (buffers == null) throw new ArgumentNullException(nameof(buffers));
            if (blocksPerPiece < 1) throw new ArgumentOutOfRangeException(nameof(blocksPerPiece));
            return Cut(path, buffers, blocksPerPiece);
        }

        /// <summary>The error for a saved file that holds no answer at all (an empty array).</summary>
        public static TextractOutputException NoAnswer(string path) =>
            new TextractOutputException(
                $"{path} holds no Textract answer (an empty JSON array?): save the Get API's answers there, or read the output folder instead.", path);

        public void Dispose() => _scanner.Dispose();

        private static IEnumerable<RawOutputPage> Cut(string path, PieceBuffers buffers, int blocksPerPiece)
        {
            using (var file = new SavedOutputFile(path, buffers, blocksPerPiece))
            {
                foreach (RawOutputPage piece in file.Pieces()) yield return piece;
            }
        }

        private IEnumerable<RawOutputPage> Pieces()
        {
            int c = _scanner.NextSignificant();
            if (c == '{')
            {
                foreach (RawOutputPage piece in Answer(null)) yield return piece;
            }
            else if (c == '[')
            {
                // A saved file may hold every Get* answer of a job in one array.
                _scanner.Advance();
                int answers = 0;
                c = _scanner.NextSignificant();
                bool more = c != ']';
                if (!more) _scanner.Advance();
                while (more)
                {
                    answers++;
                    if (c != '{') throw NotAnAnswer(c, $"item {answers} of the array is a {TokenTypeOf(c)}, not a Textract answer object");
                    foreach (RawOutputPage piece in Answer($"{_path} [answer {answers}]")) yield return piece;
                    c = _scanner.NextSignificant();
                    if (c != ',' && c != ']') throw _scanner.Malformed("expected a comma or the end of the array");
                    more = c == ',';
                    _scanner.Advance();
                    if (more) c = _scanner.NextSignificant();
                }
            }
            else
            {
                throw NotAnAnswer(c, $"the output is a JSON {TokenTypeOf(c)}, not a Textract answer object or an array of them");
            }
            if (_scanner.NextSignificant() >= 0) throw _scanner.Malformed("content after the end of the JSON value");
        }

        /// <summary>
        /// The pieces of the answer whose opening brace is next: its block pieces, then the answer with its Blocks
        /// emptied (when it has other members), or the answer whole when it has no Blocks array of objects.
        /// </summary>
        private IEnumerable<RawOutputPage> Answer(string? answerName)
        {
            // The answer is copied as it goes, but for the blocks of its Blocks arrays (which go into block pieces).
            // Small at first: without its blocks, an answer is a few KB (its array grows when it is not).
            var answer = new PieceWriter(_buffers, PieceCapacity(AnswerBytes));
            _scanner.StartCopy(answer);
            _scanner.Advance();
            bool blocksCut = false, otherMembers = false;
            int c = _scanner.NextSignificant();
            while (c != '}')
            {
                if (c != '"') throw _scanner.Malformed("expected a property name");
                bool isBlocks = _scanner.ReadPropertyName("Blocks"u8);
                if (_scanner.NextSignificant() != ':') throw _scanner.Malformed("expected a colon after a property name");
                _scanner.Advance();
                c = _scanner.NextSignificant();
                bool cutHere = false;
                if (isBlocks && c == '[')
                {
                    _scanner.Advance();
                    c = _scanner.NextSignificant();
                    if (c == '{')
                    {
                        cutHere = blocksCut = true;
                        // The answer keeps "Blocks":[ and ] with nothing between.
                        _scanner.EndCopy(_scanner.Position);
                        foreach (RawOutputPage piece in Blocks(answerName)) yield return piece;
                        _scanner.StartCopy(answer);
                        _scanner.Advance();
                    }
                    else
                    {
                        // Empty, or not blocks (the parser says what is wrong with them): a member like any other.
                        _scanner.SkipContainer((byte)'[');
                    }
                }
                else
                {
                    _scanner.SkipValue(c);
                }
                otherMembers |= !cutHere;
                c = _scanner.NextSignificant();
                if (c == ',')
                {
                    _scanner.Advance();
                    c = _scanner.NextSignificant();
                    if (c == '}') throw _scanner.Malformed("expected a property name after a comma");
                }
                else if (c != '}')
                {
                    throw _scanner.Malformed("expected a comma or the end of the object");
                }
            }
            _scanner.Advance();
            _scanner.EndCopy(_scanner.Position);
            if (!blocksCut || otherMembers) yield return Piece(answer, answerName, 0);
            else answer.Abandon();
        }

        /// <summary>
        /// The block pieces of a Blocks array whose first block is next; ends on the array's closing bracket (not
        /// consumed). A problem inside a block is raised after a piece of the complete blocks before it, so that
        /// problems come in file order as when the file is parsed whole.
        /// </summary>
        private IEnumerable<RawOutputPage> Blocks(string? answerName)
        {
            PieceWriter? piece = null;
            int inPiece = 0;
            long lastBlockEnd = 0;
            while (true)
            {
                if (piece == null)
                {
                    piece = new PieceWriter(_buffers, PieceCapacity(PieceBuffers.PieceBytes));
                    piece.AppendOwn(BlocksPrefix);
                    _scanner.StartCopy(piece);
                }
                TextractOutputException? failure = SkipBlocks(_scanner.Position, ref inPiece, ref lastBlockEnd, out bool arrayEnds);
                if (failure != null)
                {
                    if (inPiece > 0)
                    {
                        _scanner.EndCopy(lastBlockEnd);
                        piece.AppendOwn(BlocksSuffix);
                        yield return Piece(piece, answerName, inPiece);
                    }
                    else
                    {
                        _scanner.DropCopy();
                        piece.Abandon();
                    }
                    ExceptionDispatchInfo.Capture(failure).Throw();
                }
                _scanner.EndCopy(lastBlockEnd);
                piece.AppendOwn(BlocksSuffix);
                yield return Piece(piece, answerName, inPiece);
                piece = null;
                inPiece = 0;
                if (arrayEnds) yield break;
                _scanner.Advance();
            }
        }

        /// <summary>
        /// Goes past blocks until the piece holds <see cref="_blocksPerPiece"/> of them or <see cref="PieceBuffers.PieceBytes"/>
        /// (the scan is then on the comma after the last) or the array ends (on its closing bracket). Returns the problem that stopped it early, if
        /// any: the blocks counted in <paramref name="inPiece"/> are complete, up to <paramref name="lastBlockEnd"/>.
        /// Apart from the iterator so that the loop every block goes through is compiled optimised from the start.
        /// </summary>
        [MethodImpl(Hot.AggressiveOptimization)]
        private TextractOutputException? SkipBlocks(long pieceStart, ref int inPiece, ref long lastBlockEnd, out bool arrayEnds)
        {
            arrayEnds = false;
            while (true)
            {
                int next;
                try
                {
                    _scanner.SkipValue(_scanner.NextSignificant());
                    next = _scanner.NextSignificant();
                    if (next != ',' && next != ']') throw _scanner.Malformed("expected a comma or the end of the array");
                }
                catch (TextractOutputException e)
                {
                    return e;
                }
                inPiece++;
                lastBlockEnd = _scanner.LastValueEnd;
                arrayEnds = next == ']';
                if (arrayEnds || inPiece == _blocksPerPiece || lastBlockEnd - pieceStart >= PieceBuffers.PieceBytes) return null;
                _scanner.Advance();
            }
        }

        private RawOutputPage Piece(PieceWriter writer, string? answerName, int blocks)
        {
            RawOutputPage page = writer.ToPage(_path, new PiecePlacement(_path, answerName, _pieces > 0, _blocks, writer.Segments));
            _pieces++;
            _blocks += blocks;
            return page;
        }

        /// <summary>A piece's first array: <paramref name="usual"/> bytes, or the whole file when it is smaller.</summary>
        private int PieceCapacity(int usual) => (int)Math.Min(usual, _scanner.Length + BlocksPrefix.Length + BlocksSuffix.Length);

        /// <summary>A top-level value or array item that is not an answer object, or not JSON at all.</summary>
        private TextractOutputException NotAnAnswer(int c, string problem)
        {
            if (TokenTypeOf(c) == null) return _scanner.Malformed(c < 0 ? "the JSON ends before it is complete" : "invalid character");
            long at = _scanner.Position;
            return new TextractOutputException($"{_path}: {problem} (at byte {at}).", _path) { BytePosition = at };
        }

        /// <summary>The token a value starting with <paramref name="c"/> is, named as the parser names it; null: no JSON value starts so.</summary>
        private static JsonTokenType? TokenTypeOf(int c)
        {
            switch (c)
            {
                case '{': return JsonTokenType.StartObject;
                case '[': return JsonTokenType.StartArray;
                case '"': return JsonTokenType.String;
                case 't': return JsonTokenType.True;
                case 'f': return JsonTokenType.False;
                case 'n': return JsonTokenType.Null;
                default: return c == '-' || (c >= '0' && c <= '9') ? JsonTokenType.Number : (JsonTokenType?)null;
            }
        }

        /// <summary>
        /// A piece being built: bytes of its own (the block pieces' brackets) and runs copied from the file, in an
        /// array of <see cref="PieceBuffers"/> that grows as needed.
        /// </summary>
        private sealed class PieceWriter
        {
            private readonly PieceBuffers _buffers;
            private readonly List<PiecePlacement.Segment> _segments = new List<PiecePlacement.Segment>(2);
            private byte[] _bytes;
            private int _length;

            public PieceWriter(PieceBuffers buffers, int capacity)
            {
                _buffers = buffers;
                _bytes = buffers.Rent(capacity);
            }

            public IReadOnlyList<PiecePlacement.Segment> Segments => _segments;

            public void AppendOwn(byte[] bytes)
            {
                Ensure(bytes.Length);
                Buffer.BlockCopy(bytes, 0, _bytes, _length, bytes.Length);
                _length += bytes.Length;
            }

            /// <summary>Begins a run copied from the file at <paramref name="fileStart"/>.</summary>
            public void StartRun(long fileStart) => _segments.Add(new PiecePlacement.Segment(_length, fileStart, 0));

            /// <summary>Adds bytes that follow the current run's bytes in the file.</summary>
            public void AppendRun(byte[] source, int offset, int count)
            {
                if (count <= 0) return;
                Ensure(count);
                Buffer.BlockCopy(source, offset, _bytes, _length, count);
                _length += count;
                PiecePlacement.Segment run = _segments[_segments.Count - 1];
                _segments[_segments.Count - 1] = new PiecePlacement.Segment(run.PieceStart, run.FileStart, run.Length + count);
            }

            /// <summary>Ends the current run at file position <paramref name="fileEnd"/>, dropping what was copied beyond it.</summary>
            public void EndRunAt(long fileEnd)
            {
                PiecePlacement.Segment run = _segments[_segments.Count - 1];
                long keep = Math.Max(0, Math.Min(run.Length, fileEnd - run.FileStart));
                _length -= run.Length - (int)keep;
                _segments[_segments.Count - 1] = new PiecePlacement.Segment(run.PieceStart, run.FileStart, (int)keep);
            }

            public RawOutputPage ToPage(string source, PiecePlacement placement) =>
                new RawOutputPage(source, new ReadOnlyMemory<byte>(_bytes, 0, _length), placement);

            /// <summary>Gives the array back unused (a piece that will not be given out).</summary>
            public void Abandon() => _buffers.Return(_bytes);

            private void Ensure(int more)
            {
                if ((long)_length + more <= _bytes.Length) return;
                long wanted = Math.Max((long)_length + more, _bytes.Length * 2L);
                // One answer (or 1,000 blocks) beyond what an array can hold is not output Textract writes.
                if (wanted > int.MaxValue - 64) wanted = int.MaxValue - 64;
                if ((long)_length + more > wanted) throw new IOException("one answer of the file is larger than 2 GB.");
                byte[] larger = _buffers.Rent((int)wanted);
                Buffer.BlockCopy(_bytes, 0, larger, 0, _length);
                _buffers.Return(_bytes);
                _bytes = larger;
            }
        }

        /// <summary>
        /// The file's bytes through one bounded buffer: finds the structure (strings, comments, brackets) and copies
        /// the bytes scanned since <see cref="StartCopy"/> into a piece, a buffer at a time.
        /// </summary>
        private sealed class Scanner : IDisposable
        {

            // What SkipBlock looks at 64 bytes at a time.
            private const int BlockBytes = 64;
            private static readonly Vector<byte> Quotes = new Vector<byte>((byte)'"');
            private static readonly Vector<byte> Backslashes = new Vector<byte>((byte)'\\');
            private static readonly Vector<byte> Slashes = new Vector<byte>((byte)'/');
            private static readonly Vector<byte> BitWeights = MakeBitWeights();
            // The index of the lowest set bit of x is DeBruijn[(lowest bit of x * the constant) >> 58].
            private static readonly byte[] DeBruijn =
            {
                0, 1, 48, 2, 57, 49, 28, 3, 61, 58, 50, 42, 38, 29, 17, 4, 62, 55, 59, 36, 53, 51, 43, 22, 45, 39, 33, 30, 24, 18, 12, 5,
                63, 47, 56, 27, 60, 41, 37, 16, 54, 35, 52, 21, 44, 32, 23, 11, 46, 26, 40, 15, 34, 20, 31, 10, 25, 14, 19, 9, 13, 8, 7, 6,
            };

            private readonly string _path;
            private readonly FileStream _stream;
            private readonly byte[] _buffer;
            private int _pos;
            private int _end;
            // The file position of _buffer[0], counted from the first byte after a byte order mark.
            private long _bufferStart;
            private bool _streamEnded;
            private PieceWriter? _copy;
            private int _copyFrom;

            public Scanner(string path)
            {
                _path = path;
                try
                {
                    _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                    Length = _stream.Length;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw CannotRead(e);
                }
                _buffer = new byte[(int)Math.Max(64, Math.Min(Length, ReadBufferBytes))];
                Fill();
                int bom = JsonErrors.BomLength(_buffer.AsSpan(0, _end));
                if (bom > 0)
                {
                    // Windows PowerShell 5.1 writes UTF-8 files with one; positions count after it, as in a whole-file parse.
                    _pos = bom;
                    _bufferStart = -bom;
                    Length -= bom;
                }
            }

            /// <summary>The file's length, after a byte order mark.</summary>
            public long Length { get; }

            /// <summary>The file position of the next byte to scan.</summary>
            public long Position => _bufferStart + _pos;

            /// <summary>Where the last value <see cref="SkipValue"/> went past ended (the position after it).</summary>
            public long LastValueEnd { get; private set; }

            public void Dispose() => _stream.Dispose();

            public void Advance() => _pos++;

            /// <summary>Copies the bytes from the next one on into <paramref name="target"/>, as a new run of it.</summary>
            public void StartCopy(PieceWriter target)
            {
                _copy = target;
                _copyFrom = _pos;
                target.StartRun(Position);
            }

            /// <summary>Ends the copy at file position <paramref name="fileEnd"/> (at or before the next byte to scan).</summary>
            public void EndCopy(long fileEnd)
            {
                _copy!.AppendRun(_buffer, _copyFrom, _pos - _copyFrom);
                _copy.EndRunAt(fileEnd);
                _copy = null;
            }

            public void DropCopy() => _copy = null;

            /// <summary>The next byte that is not whitespace or a comment (not consumed), -1 at the end of the file.</summary>
            [MethodImpl(Hot.AggressiveOptimization)]
            public int NextSignificant()
            {
                while (true)
                {
                    if (_pos == _end && !Fill()) return -1;
                    byte b = _buffer[_pos];
                    if (b == ' ' || b == '\n' || b == '\r' || b == '\t') _pos++;
                    else if (b == '/') SkipComment();
                    else return b;
                }
            }

            /// <summary>Goes past the value whose first byte, <paramref name="c"/>, is next.</summary>
            [MethodImpl(Hot.AggressiveOptimization)]
            public void SkipValue(int c)
            {
                if (c == '{' || c == '[')
                {
                    _pos++;
                    SkipContainer((byte)c);
                }
                else if (c == '"')
                {
                    _pos++;
                    SkipString();
                }
                else if (c < 0)
                {
                    throw Malformed("the JSON ends before it is complete");
                }
                else
                {
                    SkipScalar();
                }
                LastValueEnd = Position;
            }

            /// <summary>
            /// Goes past the rest of a container whose opening <paramref name="opener"/> was consumed, counting only
            /// its own kind of bracket (braces for an object, square brackets for an array) outside strings: in
            /// well-formed JSON that finds its end. JSON that is not well-formed is cut somewhere all the same, and
            /// the parser of the piece (or this scan, at the end of the file) finds the problem; the nesting limit too
            /// is the parser's to check. Almost every byte of the file passes here: 64 bytes at a time
            /// (<see cref="SkipBlock"/>), byte by byte only where an escape or a comment is among them.
            /// </summary>
            [MethodImpl(Hot.AggressiveOptimization)]
            public void SkipContainer(byte opener)
            {
                byte closer = opener == '{' ? (byte)'}' : (byte)']';
                int level = 0;
                // Whether the next byte is inside a string, and whether it is escaped (a backslash ended the last buffer).
                bool inString = false, escaped = false;
                while (true)
                {
                    if (_pos == _end && !Fill()) throw Malformed("the JSON ends before its last object or array is closed");
                    if (escaped)
                    {
                        _pos++;
                        escaped = false;
                        continue;
                    }
                    if (_end - _pos >= BlockBytes && SkipBlock(opener, closer, ref level, ref inString, out bool closed))
                    {
                        if (closed) return;
                        continue;
                    }
                    // The last bytes of the buffer, or 64 bytes with a backslash or a slash among them.
                    int stop = Math.Min(_end, _pos + BlockBytes);
                    while (_pos < stop)
                    {
                        byte b = _buffer[_pos++];
                        if (inString)
                        {
                            if (b == '"') inString = false;
                            else if (b == '\\')
                            {
                                if (_pos == _end) escaped = true;
                                else _pos++;
                            }
                        }
                        else if (b == '"') inString = true;
                        else if (b == closer)
                        {
                            if (level-- == 0) return;
                        }
                        else if (b == opener) level++;
                        else if (b == '/')
                        {
                            // A comment, where whitespace may be (it may run on into the next buffers).
                            _pos--;
                            SkipComment();
                            break;
                        }
                    }
                }
            }

            /// <summary>
            /// The next 64 bytes at once, when neither a backslash nor a slash is among them (so no escape and no
            /// comment): bit masks of their quotes and brackets (from System.Numerics.Vector compares), the strings
            /// between the quotes (a prefix XOR), and the brackets outside them counted in order. False, with nothing
            /// consumed, when the bytes need the byte-by-byte walk; <paramref name="closed"/>: the container ended
            /// among them (the scan is past its closing bracket).
            /// </summary>
            [MethodImpl(Hot.AggressiveOptimization)]
            private bool SkipBlock(byte opener, byte closer, ref int level, ref bool inString, out bool closed)
            {
                closed = false;
                int width = Vector<byte>.Count;
                if (!Vector.IsHardwareAccelerated || width > BlockBytes) return false;
                var openers = new Vector<byte>(opener);
                var closers = new Vector<byte>(closer);
                ulong quotes = 0, brackets = 0;
                for (int offset = 0; offset < BlockBytes; offset += width)
                {
                    var bytes = new Vector<byte>(_buffer, _pos + offset);
                    if (Vector.EqualsAny(bytes, Backslashes) || Vector.EqualsAny(bytes, Slashes)) return false;
                    quotes |= BitsOf(Vector.Equals(bytes, Quotes)) << offset;
                    brackets |= BitsOf(Vector.Equals(bytes, openers) | Vector.Equals(bytes, closers)) << offset;
                }
                // Bit i: byte i is inside a string (an opening quote counts as inside, a closing one as outside).
                ulong inside = quotes;
                inside ^= inside << 1;
                inside ^= inside << 2;
                inside ^= inside << 4;
                inside ^= inside << 8;
                inside ^= inside << 16;
                inside ^= inside << 32;
                if (inString) inside = ~inside;
                inString = (inside >> 63) != 0;
                brackets &= ~inside;
                while (brackets != 0)
                {
                    int at = TrailingZeros(brackets);
                    if (_buffer[_pos + at] == closer)
                    {
                        if (level-- == 0)
                        {
                            _pos += at + 1;
                            closed = true;
                            return true;
                        }
                    }
                    else
                    {
                        level++;
                    }
                    brackets &= brackets - 1;
                }
                _pos += BlockBytes;
                return true;
            }

            /// <summary>
            /// One bit per byte of a compare's result (bit i: byte i matched): each byte masked to its own bit of its
            /// group of eight, and the eight folded into one byte by a multiplication (netstandard2.0 has no movemask).
            /// </summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private static ulong BitsOf(Vector<byte> matches)
            {
                Vector<ulong> groups = Vector.AsVectorUInt64(matches & BitWeights);
                ulong bits = 0;
                for (int i = 0; i < Vector<ulong>.Count; i++) bits |= ((groups[i] * 0x0101010101010101UL) >> 56) << (8 * i);
                return bits;
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private static int TrailingZeros(ulong bits) => DeBruijn[((bits & (0 - bits)) * 0x03F79D71B4CB0A89UL) >> 58];

            private static Vector<byte> MakeBitWeights()
            {
                var weights = new byte[Vector<byte>.Count];
                for (int i = 0; i < weights.Length; i++) weights[i] = (byte)(1 << (i & 7));
                return new Vector<byte>(weights);
            }

            /// <summary>Reads the property name that is next and says whether it is <paramref name="name"/>.</summary>
            public bool ReadPropertyName(ReadOnlySpan<byte> name)
            {
                _pos++;
                int found = _buffer.AsSpan(_pos, _end - _pos).IndexOfAny((byte)'"', (byte)'\\');
                if (found >= 0 && _buffer[_pos + found] == '"')
                {
                    bool same = _buffer.AsSpan(_pos, found).SequenceEqual(name);
                    _pos += found + 1;
                    return same;
                }
                // Rare: escapes in the name, or the name runs on into the next buffer. Its bytes, quotes included,
                // are read back by System.Text.Json, which undoes escapes.
                var text = new List<byte> { (byte)'"' };
                while (true)
                {
                    if (_pos == _end && !Fill()) throw Malformed("the JSON ends before it is complete");
                    byte b = _buffer[_pos++];
                    text.Add(b);
                    if (b == '"') break;
                    if (b != '\\') continue;
                    if (_pos == _end && !Fill()) throw Malformed("the JSON ends before it is complete");
                    text.Add(_buffer[_pos++]);
                }
                var reader = new Utf8JsonReader(text.ToArray());
                try
                {
                    return reader.Read() && reader.ValueTextEquals(name);
                }
                catch (Exception e) when (e is JsonException || e is InvalidOperationException)
                {
                    return false; // a bad escape: the parser reports it
                }
            }

            public TextractOutputException Malformed(string problem) =>
                JsonErrors.MalformedFile(_path, _path, new JsonSyntaxException(problem, Position));

            [MethodImpl(Hot.AggressiveOptimization)]
            private void SkipString()
            {
                while (true)
                {
                    int found = _buffer.AsSpan(_pos, _end - _pos).IndexOfAny((byte)'"', (byte)'\\');
                    if (found < 0)
                    {
                        _pos = _end;
                        if (!Fill()) throw Malformed("the JSON ends inside a string");
                        continue;
                    }
                    _pos += found;
                    if (_buffer[_pos++] == '"') return;
                    // A backslash: the byte after it is escaped, whatever it is.
                    if (_pos == _end && !Fill()) throw Malformed("the JSON ends inside a string");
                    _pos++;
                }
            }

            /// <summary>A number or literal: up to the next byte that may follow a value (the parser checks its text).</summary>
            private void SkipScalar()
            {
                long start = Position;
                while (true)
                {
                    if (_pos == _end && !Fill()) break;
                    byte b = _buffer[_pos];
                    if (b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '/' || b == '"' || b == '{' || b == '[') break;
                    _pos++;
                }
                if (Position == start) throw Malformed("expected a value");
            }

            private void SkipComment()
            {
                _pos++;
                if (_pos == _end && !Fill()) throw Malformed("an unfinished comment");
                byte kind = _buffer[_pos++];
                if (kind == '/')
                {
                    while (true)
                    {
                        if (_pos == _end && !Fill()) return;
                        byte b = _buffer[_pos];
                        if (b == '\n' || b == '\r') return;
                        _pos++;
                    }
                }
                if (kind != '*')
                {
                    _pos -= 2;
                    throw Malformed("invalid character");
                }
                bool star = false;
                while (true)
                {
                    if (_pos == _end && !Fill()) throw Malformed("an unfinished comment");
                    byte b = _buffer[_pos++];
                    if (star && b == '/') return;
                    star = b == '*';
                }
            }

            /// <summary>Reads the next bufferful, once every byte of this one was scanned; false at the end of the file.</summary>
            private bool Fill()
            {
                if (_copy != null)
                {
                    _copy.AppendRun(_buffer, _copyFrom, _end - _copyFrom);
                    _copyFrom = 0;
                }
                _bufferStart += _end;
                _pos = 0;
                _end = 0;
                if (_streamEnded) return false;
                try
                {
                    int n;
                    while (_end < _buffer.Length && (n = _stream.Read(_buffer, _end, _buffer.Length - _end)) > 0) _end += n;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw CannotRead(e);
                }
                if (_end < _buffer.Length) _streamEnded = true;
                return _end > 0;
            }

            private TextractOutputException CannotRead(Exception e) => new TextractOutputException($"Cannot read {_path}: {e.Message}", _path, e);
        }
    }
}
