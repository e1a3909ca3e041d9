using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace TextractTools.Engine.Document.Files
{
    /// <summary>
    /// The arrays the pieces of a saved file are built in (<see cref="SavedOutputFile"/>). Each piece owns its array;
    /// a reader done with a piece may give the array back (<see cref="Return(RawOutputPage)"/>) for a later piece to
    /// be built in. The parallel read does, so that a file of hundreds of MB is cut into a handful of arrays used
    /// over and over instead of one new large-object allocation (and its share of full collections) per piece; a
    /// reader that keeps its pieces, or does not bother, simply never gives them back. Thread-safe: the splitter
    /// rents on its thread, the parsers give back on theirs.
    /// </summary>
    internal sealed class PieceBuffers
    {
        /// <summary>
        /// Where a block piece is closed when 1,000 blocks would take more (about 350 blocks of real Textract output,
        /// whose 1,000 blocks take 0.5 to 1 MB): the pieces out at once then stay within the runtime's first budget
        /// for large objects, which 1 MB pieces overran, setting off a full collection at the start of the read and
        /// more collections after it (measured: 8 collections, 3 of them full, against 6 and 1).
        /// </summary>
        public const int PieceBytes = 256 << 10;
        // The parallel read has at most its window of pieces out at once; more arrays than that would only wait.
        private const int MaxKept = 16;
        private readonly object _gate = new object();
        private readonly Stack<byte[]> _free = new Stack<byte[]>();

        /// <summary>An array of at least <paramref name="minimum"/> bytes, given back earlier or new.</summary>
        public byte[] Rent(int minimum)
        {
            lock (_gate)
            {
                while (_free.Count > 0)
                {
                    byte[] array = _free.Pop();
                    if (array.Length >= minimum) return array;
                }
            }
            return new byte[minimum];
        }

        /// <summary>Takes back the array a piece was built in; the piece must not be read afterwards.</summary>
        public void Return(RawOutputPage piece)
        {
            if (MemoryMarshal.TryGetArray(piece.Json, out ArraySegment<byte> segment) && segment.Array != null) Return(segment.Array);
        }

        public void Return(byte[] array)
        {
            lock (_gate)
            {
                if (_free.Count < MaxKept) _free.Push(array);
            }
        }
    }
}
