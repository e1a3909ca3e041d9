using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>
    /// An append-only list of structs kept in fixed chunks of 512 items. Growing never copies what is stored and,
    /// for items up to ~160 bytes, no chunk reaches the large object heap: a list that grows to millions of records
    /// by doubling one array would allocate (and copy) hundreds of MB there and set off full collections.
    /// </summary>
    internal sealed class ChunkedList<T> where T : struct
    {
        private const int ChunkBits = 9;
        private const int ChunkSize = 1 << ChunkBits;
        private const int ChunkMask = ChunkSize - 1;
        private readonly List<T[]> _chunks = new List<T[]>();

        public int Count { get; private set; }

        public ref T this[int index] => ref _chunks[index >> ChunkBits][index & ChunkMask];

        /// <summary>Appends an item; returns its index.</summary>
        public int Add(in T item)
        {
            int index = Count;
            if ((index >> ChunkBits) == _chunks.Count) _chunks.Add(new T[ChunkSize]);
            _chunks[index >> ChunkBits][index & ChunkMask] = item;
            Count = index + 1;
            return index;
        }

        /// <summary>Drops the items from <paramref name="count"/> on.</summary>
        public void Truncate(int count)
        {
            if (count < 0 || count > Count) throw new ArgumentOutOfRangeException(nameof(count));
            // Cleared so that dropped items do not keep their strings alive.
            for (int i = count; i < Count;)
            {
                int inChunk = i & ChunkMask;
                int length = Math.Min(ChunkSize - inChunk, Count - i);
                Array.Clear(_chunks[i >> ChunkBits], inChunk, length);
                i += length;
            }
            Count = count;
        }

        /// <summary>Empties the list and keeps its chunks for reuse.</summary>
        public void Clear() => Truncate(0);
    }
}
