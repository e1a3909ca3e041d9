using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>
    /// Every block of the output in compact form: a growable array of <see cref="BlockRecord"/> plus shared arrays for
    /// relationships and their targets. Filled page by page by the parser; <see cref="Seal"/> then resolves the
    /// relationship targets (only possible once all pages are in) and orders the blocks by page.
    /// </summary>
    internal sealed class BlockStore
    {
        private BlockRecord[] _blocks = new BlockRecord[256];
        private RelationshipRecord[] _relationships = new RelationshipRecord[256];
        // Relationship targets as id handles, and (after Seal) as block indexes, -1 where no block has the id.
        private int[] _targets = new int[1024];
        private int[] _resolvedTargets = Array.Empty<int>();
        private int[] _documentOrder = Array.Empty<int>();
        private readonly Dictionary<string, List<int>> _byType = new Dictionary<string, List<int>>(StringComparer.Ordinal);

        public IdTable Ids { get; } = new IdTable();
        public List<QueryRecord> Queries { get; } = new List<QueryRecord>();
        public List<string> Sources { get; } = new List<string>();
        public List<AnswerInfo> Answers { get; } = new List<AnswerInfo>();
        public List<TextractDocumentWarning> Warnings { get; } = new List<TextractDocumentWarning>();

        public int Count { get; private set; }
        public int RelationshipCount { get; private set; }
        public int TargetCount { get; private set; }
        public bool IsSealed { get; private set; }

        public ref readonly BlockRecord this[int index] => ref _blocks[index];

        public string IdOf(int blockIndex) => Ids.IdOf(_blocks[blockIndex].IdHandle);

        public int AddTarget(int idHandle)
        {
            Grow(ref _targets, TargetCount);
            _targets[TargetCount] = idHandle;
            return TargetCount++;
        }

        public void AddRelationship(string type, int targetStart, int targetCount)
        {
            Grow(ref _relationships, RelationshipCount);
            _relationships[RelationshipCount++] = new RelationshipRecord { Type = type, TargetStart = targetStart, TargetCount = targetCount };
        }

        /// <summary>Adds a block whose relationships were added just before it; returns its index.</summary>
        public int AddBlock(in BlockRecord block)
        {
            Grow(ref _blocks, Count);
            _blocks[Count] = block;
            return Count++;
        }

        /// <summary>Forgets the block added last and its relationships (a duplicate dropped when reading leniently).</summary>
        public void RemoveLast()
        {
            ref BlockRecord last = ref _blocks[Count - 1];
            RelationshipCount = last.RelationshipStart;
            TargetCount = last.RelationshipCount == 0 ? TargetCount : _relationships[last.RelationshipStart].TargetStart;
            last = default;
            Count--;
        }

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
            return missing;
        }

        private void OrderByPage()
        {
            // Sort on (page, arrival index) packed in one long: stable and allocation-light.
            var keys = new long[Count];
            _documentOrder = new int[Count];
            for (int b = 0; b < Count; b++)
            {
                keys[b] = ((long)_blocks[b].Page << 32) | (uint)b;
                _documentOrder[b] = b;
            }
            Array.Sort(keys, _documentOrder);
            foreach (int b in _documentOrder)
            {
                string type = _blocks[b].BlockType;
                if (!_byType.TryGetValue(type, out List<int>? list))
                {
                    list = new List<int>();
                    _byType.Add(type, list);
                }
                list.Add(b);
            }
        }

        private static void Grow<T>(ref T[] array, int needed)
        {
            if (needed < array.Length) return;
            Array.Resize(ref array, Math.Max(array.Length * 2, needed + 1));
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
}
