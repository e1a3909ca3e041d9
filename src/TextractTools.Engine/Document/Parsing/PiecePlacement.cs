using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>
    /// Where a piece cut from a saved output file (Files/SavedOutputFile) sits in that file, so that what is found in
    /// the piece is told in the file's terms: byte positions of the file, blocks numbered within the file, the answer
    /// the piece belongs to. A piece's bytes are runs copied verbatim from the file (<see cref="Segment"/>s) with, for
    /// block pieces, a few bytes of its own around them (<c>{"Blocks":[</c> and <c>]}</c>). File positions count from
    /// the first byte after a UTF-8 byte order mark, as when the whole file is parsed in one buffer.
    /// </summary>
    internal sealed class PiecePlacement
    {
        private readonly Segment[] _segments;

        /// <param name="path">The file, read again to describe malformed JSON with its line (see <see cref="Malformed"/>).</param>
        /// <param name="answerName">"path [answer n]" for an item of a top-level array, else null (the page's own name).</param>
        /// <param name="continuesFile">Whether a piece of the same file came before this one (see <see cref="ContinuesFile"/>).</param>
        /// <param name="blocksBefore">Blocks of the file in the pieces before this one.</param>
        /// <param name="segments">The copied runs in piece order; at least one.</param>
        public PiecePlacement(string path, string? answerName, bool continuesFile, int blocksBefore, IReadOnlyList<Segment> segments)
        {
            if (segments.Count == 0) throw new ArgumentException("A piece holds at least one run of the file's bytes.", nameof(segments));
            Path = path;
            AnswerName = answerName;
            ContinuesFile = continuesFile;
            BlocksBefore = blocksBefore;
            _segments = new Segment[segments.Count];
            for (int i = 0; i < segments.Count; i++) _segments[i] = segments[i];
        }

        /// <summary>A run of the piece's bytes copied from the file.</summary>
        public readonly struct Segment
        {
            public Segment(int pieceStart, long fileStart, int length)
            {
                PieceStart = pieceStart;
                FileStart = fileStart;
                Length = length;
            }

            public int PieceStart { get; }
            public long FileStart { get; }
            public int Length { get; }
        }

        public string Path { get; }

        /// <summary>The name answers of the piece get: "path [answer n]" for an item of an array; null: the piece's Source.</summary>
        public string? AnswerName { get; }

        /// <summary>
        /// Whether the piece continues the file a piece before it began: the document counts a file as one output page
        /// (one source, one duplicate-id warning, one report of missing blocks), however many pieces it is cut into.
        /// </summary>
        public bool ContinuesFile { get; }

        /// <summary>Blocks of the file in the pieces before this one: the parser numbers a piece's blocks within the file.</summary>
        public int BlocksBefore { get; }

        /// <summary>
        /// The file position of a byte of the piece. A byte the piece adds of its own (before, between or after the
        /// copied runs) is placed at the file byte that follows it, or after the last copied byte at the piece's end.
        /// </summary>
        public long ToFile(long piecePosition)
        {
            Segment[] segments = _segments;
            for (int i = 0; i < segments.Length; i++)
            {
                Segment segment = segments[i];
                if (piecePosition < segment.PieceStart) return segment.FileStart;
                if (piecePosition < segment.PieceStart + (long)segment.Length) return segment.FileStart + (piecePosition - segment.PieceStart);
            }
            Segment last = segments[segments.Length - 1];
            return last.FileStart + last.Length;
        }

        /// <summary>
        /// Describes malformed JSON found in the piece as the whole file shows it: System.Text.Json walks the file
        /// (the piece's line numbers and positions are not the file's).
        /// </summary>
        public TextractOutputException Malformed(string source, JsonSyntaxException found) =>
            JsonErrors.MalformedFile(source, Path, new JsonSyntaxException(found.Problem, ToFile(found.Position)));
    }
}
