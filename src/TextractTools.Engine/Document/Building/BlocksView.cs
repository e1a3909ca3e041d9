using System;
using System.Collections;
using System.Collections.Generic;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Building
{
    /// <summary>
    /// The raw blocks as <see cref="TextractBlock"/> objects, made when asked for: holding millions of them would
    /// double the memory the compact store needs.
    /// </summary>
    internal sealed class BlocksView : IReadOnlyList<TextractBlock>
    {
        private readonly BlockStore _store;
        private readonly TextractDocumentOrigin _origin;

        public BlocksView(BlockStore store, TextractDocumentOrigin origin)
        {
            _store = store;
            _origin = origin;
        }

        public int Count => _store.DocumentOrder.Count;

        public TextractBlock this[int index] => Make(_store.DocumentOrder[index]);

        public IEnumerator<TextractBlock> GetEnumerator()
        {
            for (int i = 0; i < Count; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Its size, not its thousands of blocks (Export-Csv writes this).</summary>
        public override string ToString() => Count == 1 ? "1 block" : $"{Count} blocks";

        private TextractBlock Make(int b)
        {
            ref readonly BlockRecord block = ref _store[b];
            QueryRecord? query = block.QueryIndex >= 0 ? _store.Queries[block.QueryIndex] : (QueryRecord?)null;
            return new TextractBlock(_origin, _store.IdOf(b), block.BlockType, block.Page, BlockFacts.Confidence(block), BlockFacts.BoundingBox(block))
            {
                Text = block.Text,
                TextType = block.TextType,
                RowIndex = NullIfZero(block.RowIndex),
                ColumnIndex = NullIfZero(block.ColumnIndex),
                RowSpan = NullIfZero(block.RowSpan),
                ColumnSpan = NullIfZero(block.ColumnSpan),
                EntityTypes = block.EntityTypes == null ? ReadableList<string>.Empty : new ReadableList<string>(block.EntityTypes),
                SelectionStatus = block.SelectionStatus,
                QueryText = query?.Text,
                QueryAlias = query?.Alias,
                Relationships = Relationships(block),
            };
        }

        private IReadOnlyList<TextractRelationship> Relationships(in BlockRecord block)
        {
            if (block.RelationshipCount == 0) return ReadableList<TextractRelationship>.Empty;
            var relationships = new TextractRelationship[block.RelationshipCount];
            for (int r = 0; r < block.RelationshipCount; r++)
            {
                RelationshipRecord relationship = _store.Relationship(block.RelationshipStart + r);
                var ids = new List<string>(relationship.TargetCount);
                for (int t = relationship.TargetStart; t < relationship.TargetStart + relationship.TargetCount; t++)
                {
                    ids.Add(_store.TargetId(t)); // as received, dangling or not: this is the raw view
                }
                relationships[r] = new TextractRelationship(relationship.Type, new ReadableList<string>(ids.ToArray()));
            }
            return new ReadableList<TextractRelationship>(relationships, "; ");
        }

        private static int? NullIfZero(int value) => value == 0 ? (int?)null : value;
    }
}
