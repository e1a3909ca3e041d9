using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>
    /// Every block of the output in compact form: <see cref="BlockRecord"/>s plus shared lists for relationships and
    /// their targets, all in fixed chunks (see <see cref="ChunkedList{T}"/>). Filled page by page from parsed
    /// <see cref="PageBatch"/>es, in page order; <see cref="Seal"/> then resolves the relationship targets (only
    /// possible once all pages are in) and orders the blocks by page.
    /// </summary>
    internal sealed class BlockStore
    {
        private readonly ChunkedList<BlockRecord> _blocks = new ChunkedList<BlockRecord>();
        private readonly ChunkedList<RelationshipRecord> _relationships = new ChunkedList<RelationshipRecord>();
        // Relationship targets as id handles, and (after Seal) as block indexes, -1 where no block has the id.
        private readonly ChunkedList<int> _targets = new ChunkedList<int>();
        private int[] _resolvedTargets = Array.Empty<int>();
        private int[] _documentOrder = Array.Empty<int>();
        private readonly Dictionary<string, List<int>> _byType = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        private readonly BatchIdMap _idMap;
        // The duplicate-id warning of the last output page, kept up to date while pieces of the same page join.
        private int _duplicatesSource = -1;
        private int _duplicatesWarning;
        private int _duplicatesCount;
        private string _firstDuplicate = string.Empty;

        /// <param name="idShards">Dictionaries the ids are spread over: many for a whole document, 1 for a page read on its own.</param>
        /// <param name="idMap">
        /// The arrays that map a batch's ids to the store's, shared by the stores of a reader that makes one store per
        /// page (sized by the output page, they would otherwise be made again for each).
        /// </param>
        public BlockStore(int idShards = 256, BatchIdMap? idMap = null)
        {
            Ids = new IdTable(idShards);
            _idMap = idMap ?? new BatchIdMap();
        }

        public IdTable Ids { get; }
        public List<QueryRecord> Queries { get; } = new List<QueryRecord>();
        public List<string> Sources { get; } = new List<string>();
        public List<AnswerInfo> Answers { get; } = new List<AnswerInfo>();
        public List<TextractDocumentWarning> Warnings { get; } = new List<TextractDocumentWarning>();

        public int Count => _blocks.Count;
        public int RelationshipCount => _relationships.Count;
        public int TargetCount => _targets.Count;
        public bool IsSealed { get; private set; }

        public ref readonly BlockRecord this[int index] => ref _blocks[index];

        public string IdOf(int blockIndex) => Ids.IdOf(_blocks[blockIndex].IdHandle);

        /// <summary>The block's id for a model object, made into a string only when the object is asked for it.</summary>
        public BlockId LazyIdOf(int blockIndex) => new BlockId(Ids, _blocks[blockIndex].IdHandle);

        /// <summary>
        /// Joins a parsed page to the document: its blocks follow those already in, its ids join the document's. A
        /// block whose id an earlier block already has (a page read twice) is an error, or when
        /// <paramref name="lenient"/> is dropped with one warning per page. A batch that continues the page before it
        /// (a piece of the same saved file, <see cref="PageBatch.ContinuesPage"/>) joins that page: one source, one warning.
        /// </summary>
        public void Append(PageBatch batch, bool lenient)
        {
            Answers.AddRange(batch.Answers);
            Append(batch, lenient, 0, batch.Count);
            // A page that failed half-way holds the blocks before the problem: their duplicates were reported first
            // above, as reading the page block by block would.
            batch.ThrowIfFailed();
        }

        /// <summary>
        /// Joins blocks <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 of a parsed
        /// page (when the output is read page by page, an output page's blocks may belong to two Textract pages).
        /// The batch's answers and its failure, if any, are the caller's to deal with.
        /// </summary>
        [MethodImpl(Hot.AggressiveOptimization)]
        public void Append(PageBatch batch, bool lenient, int first, int count)
        {
            if (IsSealed) throw new InvalidOperationException("The block store is sealed.");
            int sourceIndex = Sources.Count;
            if (batch.ContinuesPage && sourceIndex > 0) sourceIndex--;
            else Sources.Add(batch.Source);
            int stamp = _idMap.Start(batch.Ids.Count);

            int duplicates = 0;
            string? firstDuplicate = null;
            for (int b = first; b < first + count; b++)
            {
                BlockRecord block = batch[b];
                int handle = Map(batch, block.IdHandle, stamp);
                int earlier = Ids.BlockOf(handle);
                if (earlier >= 0)
                {
                    string message = DuplicateMessage(handle, earlier, batch.BlockStart(b));
                    if (!lenient)
                    {
                        throw new TextractOutputException($"{batch.Source}: {message} (at byte {batch.BlockStart(b)}).", batch.Source)
                        {
                            BytePosition = batch.BlockStart(b),
                        };
                    }
                    // A page read twice repeats every block: one warning per output page, naming the first, is enough.
                    duplicates++;
                    firstDuplicate ??= message;
                    continue;
                }

                int relationshipStart = _relationships.Count;
                for (int r = block.RelationshipStart; r < block.RelationshipStart + block.RelationshipCount; r++)
                {
                    RelationshipRecord relationship = batch.Relationship(r);
                    int targetStart = _targets.Count;
                    for (int t = relationship.TargetStart; t < relationship.TargetStart + relationship.TargetCount; t++)
                    {
                        _targets.Add(Map(batch, batch.Target(t), stamp));
                    }
                    _relationships.Add(new RelationshipRecord { Type = relationship.Type, TargetStart = targetStart, TargetCount = relationship.TargetCount });
                }
                block.IdHandle = handle;
                block.RelationshipStart = relationshipStart;
                block.SourceIndex = sourceIndex;
                if (block.QueryIndex >= 0)
                {
                    Queries.Add(batch.Queries[block.QueryIndex]);
                    block.QueryIndex = Queries.Count - 1;
                }
                Ids.TryDefine(handle, _blocks.Add(block));
            }
            if (duplicates > 0) WarnOfDuplicates(sourceIndex, duplicates, firstDuplicate!);
        }

        /// <summary>One warning per output page: a later piece of the same page adds its count to the page's warning.</summary>
        private void WarnOfDuplicates(int sourceIndex, int duplicates, string firstDuplicate)
        {
            if (_duplicatesSource != sourceIndex)
            {
                _duplicatesSource = sourceIndex;
                _duplicatesWarning = Warnings.Count;
                _duplicatesCount = 0;
                _firstDuplicate = firstDuplicate;
                Warnings.Add(null!);
            }
            _duplicatesCount += duplicates;
            string source = Sources[sourceIndex];
            Warnings[_duplicatesWarning] = new TextractDocumentWarning(ReaderWarningCodes.DuplicateBlockId,
                $"{source}: {_duplicatesCount} block(s) repeat ids already read and were dropped; the first: {_firstDuplicate}", null, source);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int Map(PageBatch batch, int batchHandle, int stamp)
        {
            ref int mapped = ref _idMap.Mapped(batchHandle, stamp, out bool known);
            if (!known) mapped = Ids.HandleFor(batch.Ids, batchHandle);
            return mapped;
        }

        private string DuplicateMessage(int handle, int earlier, long blockStart) =>
            $"block id {Ids.IdOf(handle)} (at byte {blockStart}) was already given to a {_blocks[earlier].BlockType} block in " +
            $"{Sources[_blocks[earlier].SourceIndex]} (the same output page read twice?)";

        public RelationshipRecord Relationship(int index) => _relationships[index];

        /// <summary>The block a relationship target points to, -1 when the output has no block with that id.</summary>
        public int Target(int index) => _resolvedTargets[index];

        /// <summary>The id a relationship target names, resolved or not.</summary>
        public string TargetId(int index) => Ids.IdOf(_targets[index]);

        /// <summary>The blocks a block points to through relationships of <paramref name="type"/>, missing ones skipped.</summary>
        public RelatedBlocks Related(int blockIndex, string type) => new RelatedBlocks(this, blockIndex, type);

        /// <summary>The first block of a relationship type, or -1.</summary>
        public int FirstRelated(int blockIndex, string type)
        {
            foreach (int target in Related(blockIndex, type)) return target;
            return -1;
        }

        public bool HasRelationship(int blockIndex, string type)
        {
            ref readonly BlockRecord block = ref _blocks[blockIndex];
            for (int r = block.RelationshipStart; r < block.RelationshipStart + block.RelationshipCount; r++)
            {
                if (string.Equals(_relationships[r].Type, type, StringComparison.Ordinal)) return true;
            }
            return false;
        }

        /// <summary>Block indexes sorted by page, keeping the received order within a page.</summary>
        public IReadOnlyList<int> DocumentOrder => _documentOrder;

        /// <summary>The blocks of one type in document order.</summary>
        public IReadOnlyList<int> OfType(string blockType) =>
            _byType.TryGetValue(blockType, out List<int>? list) ? list : (IReadOnlyList<int>)Array.Empty<int>();

        public IEnumerable<string> BlockTypesPresent => _byType.Keys;

        /// <summary>
        /// Resolves relationship targets to block indexes and orders the blocks. Returns the relationships whose target
        /// is no block of the output, as (block index, missing id).
        /// </summary>
        [MethodImpl(Hot.AggressiveOptimization)]
        public List<KeyValuePair<int, string>> Seal()
        {
            var missing = new List<KeyValuePair<int, string>>();
            _resolvedTargets = new int[TargetCount];
            for (int b = 0; b < Count; b++)
            {
                ref readonly BlockRecord block = ref _blocks[b];
                for (int r = block.RelationshipStart; r < block.RelationshipStart + block.RelationshipCount; r++)
                {
                    RelationshipRecord relationship = _relationships[r];
                    for (int t = relationship.TargetStart; t < relationship.TargetStart + relationship.TargetCount; t++)
                    {
                        int handle = _targets[t];
                        int target = Ids.BlockOf(handle);
                        if (target < 0) missing.Add(new KeyValuePair<int, string>(b, Ids.IdOf(handle)));
                        _resolvedTargets[t] = target;
                    }
                }
            }
            OrderByPage();
            IsSealed = true;
            Ids.Freeze();
            return missing;
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        private void OrderByPage()
        {
            _documentOrder = new int[Count];
            bool inOrder = true;
            for (int b = 0; b < Count; b++)
            {
                _documentOrder[b] = b;
                if (b > 0 && _blocks[b].Page < _blocks[b - 1].Page) inOrder = false;
            }
            // Textract writes pages in order, so the sort is rarely needed.
            if (!inOrder)
            {
                // Sort on (page, arrival index) packed in one long: stable and allocation-light.
                var keys = new long[Count];
                for (int b = 0; b < Count; b++) keys[b] = ((long)_blocks[b].Page << 32) | (uint)b;
                Array.Sort(keys, _documentOrder);
            }

            // Counted first so that each type's list is allocated once, at its size. Types come in runs (a page's
            // words, then its lines, ...): one dictionary look-up per run, not per block.
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            string? lastType = null;
            int run = 0;
            foreach (int b in _documentOrder)
            {
                string type = _blocks[b].BlockType;
                if (ReferenceEquals(type, lastType))
                {
                    run++;
                    continue;
                }
                if (lastType != null) Add(counts, lastType, run);
                lastType = type;
                run = 1;
            }
            if (lastType != null) Add(counts, lastType, run);
            foreach (KeyValuePair<string, int> count in counts) _byType.Add(count.Key, new List<int>(count.Value));
            lastType = null;
            List<int>? list = null;
            foreach (int b in _documentOrder)
            {
                string type = _blocks[b].BlockType;
                if (!ReferenceEquals(type, lastType))
                {
                    list = _byType[type];
                    lastType = type;
                }
                list!.Add(b);
            }
        }

        private static void Add(Dictionary<string, int> counts, string key, int amount)
        {
            counts.TryGetValue(key, out int count);
            counts[key] = count + amount;
        }
    }

    /// <summary>Allocation-free walk over the targets of a block's relationships of one type.</summary>
    internal readonly struct RelatedBlocks
    {
        private readonly BlockStore _store;
        private readonly int _block;
        private readonly string _type;

        public RelatedBlocks(BlockStore store, int block, string type)
        {
            _store = store;
            _block = block;
            _type = type;
        }

        public Enumerator GetEnumerator() => new Enumerator(_store, _block, _type);

        public struct Enumerator
        {
            private readonly BlockStore _store;
            private readonly string _type;
            private readonly int _relationshipEnd;
            private int _relationship;
            private int _target;
            private int _targetEnd;

            public Enumerator(BlockStore store, int block, string type)
            {
                _store = store;
                _type = type;
                ref readonly BlockRecord record = ref store[block];
                _relationship = record.RelationshipStart - 1;
                _relationshipEnd = record.RelationshipStart + record.RelationshipCount;
                _target = 0;
                _targetEnd = 0;
                Current = -1;
            }

            public int Current { get; private set; }

            [MethodImpl(Hot.AggressiveOptimization)]
            public bool MoveNext()
            {
                while (true)
                {
                    while (_target < _targetEnd)
                    {
                        int target = _store.Target(_target++);
                        if (target >= 0)
                        {
                            Current = target;
                            return true;
                        }
                    }
                    if (++_relationship >= _relationshipEnd) return false;
                    RelationshipRecord relationship = _store.Relationship(_relationship);
                    if (!string.Equals(relationship.Type, _type, StringComparison.Ordinal)) continue;
                    _target = relationship.TargetStart;
                    _targetEnd = relationship.TargetStart + relationship.TargetCount;
                }
            }
        }
    }

    /// <summary>
    /// A batch's id handles mapped to a store's, filled as the blocks appended meet them, so that a page appended in
    /// parts maps each part's ids only, not the whole page's each time. Each append starts a new stamp; a mapping
    /// counts only when its stamp is the current one, so nothing is cleared between appends (or between stores that
    /// share the map).
    /// </summary>
    internal sealed class BatchIdMap
    {
        private int[] _handles = new int[1024];
        private int[] _stamps = new int[1024];
        private int _stamp;

        /// <summary>Starts an append of a batch with <paramref name="idCount"/> ids; returns its stamp.</summary>
        public int Start(int idCount)
        {
            if (_handles.Length < idCount)
            {
                int size = Math.Max(idCount, _handles.Length * 2);
                _handles = new int[size];
                _stamps = new int[size];
            }
            if (++_stamp == int.MaxValue)
            {
                Array.Clear(_stamps, 0, _stamps.Length);
                _stamp = 1;
            }
            return _stamp;
        }

        /// <summary>The slot of a batch handle's mapping; <paramref name="known"/>: whether this append filled it already.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ref int Mapped(int batchHandle, int stamp, out bool known)
        {
            known = _stamps[batchHandle] == stamp;
            _stamps[batchHandle] = stamp;
            return ref _handles[batchHandle];
        }
    }
}
