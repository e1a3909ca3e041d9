using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>
    /// Gives each block id one small integer handle, whether the id is first met as a block's own Id or as a
    /// relationship target (which may point into a later output page). Textract's ids are GUIDs in canonical
    /// lowercase form; those are keyed by their 16-byte value, read straight from the JSON's UTF-8 bytes, so an id
    /// costs no string per occurrence and its string is made only when asked for (it round-trips exactly). Any other
    /// id (hand-made output, upper case) is keyed by its string.
    /// </summary>
    internal sealed class IdTable
    {
        private const int NotDefined = -1;
        // GUID ids in several dictionaries picked by hash: a document's table holds hundreds of thousands of ids,
        // and one dictionary that size would regrow on the large object heap, setting off full collections.
        private readonly Dictionary<Guid, int>[] _guidHandles;
        private readonly int _shardMask;
        private readonly Dictionary<string, int> _otherHandles = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly ChunkedList<Entry> _entries = new ChunkedList<Entry>();

        private struct Entry
        {
            public Guid Guid;
            /// <summary>The id's text: given for non-GUID ids, made on first request for GUID ones.</summary>
            public string? Text;
            public bool IsGuid;
            public int DefiningBlock;
        }

        /// <param name="shards">How many dictionaries GUID ids are spread over: a power of two, 1 for a page's table.</param>
        public IdTable(int shards = 1)
        {
            if (shards < 1 || (shards & (shards - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(shards));
            _guidHandles = new Dictionary<Guid, int>[shards];
            for (int i = 0; i < shards; i++) _guidHandles[i] = new Dictionary<Guid, int>();
            _shardMask = shards - 1;
        }

        public int Count => _entries.Count;

        /// <summary>The handle of the id the reader is on (a String token).</summary>
        [MethodImpl(Hot.AggressiveOptimization)]
        public int HandleFor(ref JsonTokenReader reader)
        {
            if (!reader.ValueIsEscaped && CanonicalGuid.TryParse(reader.ValueSpan, out Guid guid)) return HandleFor(guid);
            return HandleFor(reader.GetString() ?? string.Empty);
        }

        public int HandleFor(string id)
        {
            // The same id may come escaped in one place and plain in another: key it the same way whatever its spelling.
            if (CanonicalGuid.TryParse(id, out Guid guid)) return HandleFor(guid);
            if (_frozen) throw new InvalidOperationException("The id table is frozen: the document's pages are all in.");
            if (_otherHandles.TryGetValue(id, out int handle)) return handle;
            handle = _entries.Add(new Entry { Text = id, DefiningBlock = NotDefined });
            _otherHandles.Add(id, handle);
            return handle;
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        public int HandleFor(Guid guid)
        {
            if (_frozen) throw new InvalidOperationException("The id table is frozen: the document's pages are all in.");
            Dictionary<Guid, int> shard = _guidHandles[guid.GetHashCode() & _shardMask];
            if (shard.TryGetValue(guid, out int handle)) return handle;
            handle = _entries.Add(new Entry { Guid = guid, IsGuid = true, DefiningBlock = NotDefined });
            shard.Add(guid, handle);
            return handle;
        }

        /// <summary>The handle, in this table, of an id another table holds (used when a page's ids join the document's).</summary>
        [MethodImpl(Hot.AggressiveOptimization)]
        public int HandleFor(IdTable other, int otherHandle)
        {
            ref Entry entry = ref other._entries[otherHandle];
            return entry.IsGuid ? HandleFor(entry.Guid) : HandleFor(entry.Text!);
        }

        public string IdOf(int handle)
        {
            ref Entry entry = ref _entries[handle];
            return entry.Text ??= entry.Guid.ToString("D");
        }

        /// <summary>Records that <paramref name="blockIndex"/> carries this id; false when another block already did.</summary>
        public bool TryDefine(int handle, int blockIndex)
        {
            ref Entry entry = ref _entries[handle];
            if (entry.DefiningBlock != NotDefined) return false;
            entry.DefiningBlock = blockIndex;
            return true;
        }

        /// <summary>The block carrying the id, or -1 when no block does.</summary>
        public int BlockOf(int handle) => _entries[handle].DefiningBlock;

        /// <summary>
        /// Drops the look-up from id to handle once every page is in (<see cref="BlockStore.Seal"/>): handles, ids and
        /// defining blocks stay; no id can be added any more. The look-up costs ~50 bytes per id, a quarter of what a
        /// document's block store holds.
        /// </summary>
        public void Freeze()
        {
            _frozen = true;
            for (int i = 0; i < _guidHandles.Length; i++) _guidHandles[i] = new Dictionary<Guid, int>();
            _otherHandles.Clear(); // rare (ids that are no canonical GUID): the few entries' memory is not worth a new dictionary
        }

        private bool _frozen;

        /// <summary>Forgets every id, keeping the memory for the next page.</summary>
        public void Clear()
        {
            foreach (Dictionary<Guid, int> shard in _guidHandles) shard.Clear();
            _otherHandles.Clear();
            _entries.Clear();
        }
    }

    /// <summary>
    /// xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx in lowercase hex, parsed to a <see cref="Guid"/>: exactly the ids that
    /// Guid.ToString("D") gives back unchanged, so keying by the value loses nothing.
    /// </summary>
    internal static class CanonicalGuid
    {
        private const int Length = 36;
        private static readonly int[] HexValue = MakeHexTable();

        [MethodImpl(Hot.AggressiveOptimization)]
        public static bool TryParse(ReadOnlySpan<byte> text, out Guid guid)
        {
            guid = default;
            if (text.Length != Length || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-') return false;
            int a = (Byte(text, 0) << 24) | (Byte(text, 2) << 16) | (Byte(text, 4) << 8) | Byte(text, 6);
            int b = (Byte(text, 9) << 8) | Byte(text, 11);
            int c = (Byte(text, 14) << 8) | Byte(text, 16);
            int d = Byte(text, 19), e = Byte(text, 21);
            int f = Byte(text, 24), g = Byte(text, 26), h = Byte(text, 28), i = Byte(text, 30), j = Byte(text, 32), k = Byte(text, 34);
            // A non-hex digit makes its byte negative; OR-ing the bytes (each 0..255 otherwise) finds any such one.
            if ((d | e | f | g | h | i | j | k | b | c) < 0 || (Byte(text, 0) | Byte(text, 2) | Byte(text, 4) | Byte(text, 6)) < 0) return false;
            guid = new Guid(a, (short)b, (short)c, (byte)d, (byte)e, (byte)f, (byte)g, (byte)h, (byte)i, (byte)j, (byte)k);
            return true;
        }

        public static bool TryParse(string text, out Guid guid)
        {
            guid = default;
            if (text.Length != Length) return false;
            Span<byte> bytes = stackalloc byte[Length];
            for (int i = 0; i < Length; i++)
            {
                char ch = text[i];
                if (ch > 127) return false;
                bytes[i] = (byte)ch;
            }
            return TryParse(bytes, out guid);
        }

        /// <summary>Two hex digits at <paramref name="at"/> as a byte, or a negative number when either is not one.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int Byte(ReadOnlySpan<byte> text, int at) => (HexValue[text[at]] << 4) | HexValue[text[at + 1]];

        private static int[] MakeHexTable()
        {
            var table = new int[256];
            for (int i = 0; i < table.Length; i++) table[i] = int.MinValue >> 8; // negative, and still so shifted left by 4
            for (int i = 0; i < 10; i++) table['0' + i] = i;
            for (int i = 0; i < 6; i++) table['a' + i] = 10 + i;
            return table;
        }
    }
}
