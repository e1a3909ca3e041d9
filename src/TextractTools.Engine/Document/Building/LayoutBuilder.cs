using System.Collections.Generic;
using System.Runtime.CompilerServices;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Building
{
    /// <summary>
    /// LAYOUT_* blocks in reading order, each with the text of its LINE children; a LAYOUT_LIST's items are layout
    /// blocks themselves, so text is gathered through nested layout children too.
    /// </summary>
    internal sealed class LayoutBuilder
    {
        private readonly BlockStore _store;
        private readonly TextractLine?[] _lineOfBlock;
        private readonly TextractDocumentOrigin _origin;
        private readonly int _indexBase;

        /// <param name="indexBase">Layout blocks before these (pages read earlier): the first is number indexBase + 1.</param>
        public LayoutBuilder(BlockStore store, TextractLine?[] lineOfBlock, TextractDocumentOrigin origin, int indexBase = 0)
        {
            _indexBase = indexBase;
            _store = store;
            _lineOfBlock = lineOfBlock;
            _origin = origin;
        }

        /// <summary>The layout blocks in document order, and which of them sit inside another one.</summary>
        public List<int> LayoutBlocks { get; } = new List<int>();
        public Dictionary<int, int> ParentOf { get; } = new Dictionary<int, int>();

        [MethodImpl(Hot.AggressiveOptimization)]
        public List<TextractLayoutBlock> Build()
        {
            foreach (int b in _store.DocumentOrder)
            {
                if (BlockTypes.IsLayout(_store[b].BlockType)) LayoutBlocks.Add(b);
            }
            foreach (int b in LayoutBlocks)
            {
                foreach (int child in _store.Related(b, RelationshipTypes.Child))
                {
                    if (BlockTypes.IsLayout(_store[child].BlockType) && !ParentOf.ContainsKey(child)) ParentOf.Add(child, b);
                }
            }

            var layout = new List<TextractLayoutBlock>(LayoutBlocks.Count);
            var lines = new List<TextractLine>();
            foreach (int b in LayoutBlocks)
            {
                ref readonly BlockRecord block = ref _store[b];
                lines.Clear();
                CollectLines(b, lines, new HashSet<int>());
                string? parentId = ParentOf.TryGetValue(b, out int parent) ? _store.IdOf(parent) : null;
                layout.Add(new TextractLayoutBlock(_origin, _store.IdOf(b), block.Page, BlockFacts.Confidence(block), BlockFacts.BoundingBox(block),
                    block.BlockType, JoinLines(lines), _indexBase + layout.Count + 1, parentId, lines.ToArray()));
            }
            return layout;
        }

        /// <summary>Lines layout calls page header, footer or page number: they repeat on pages, around the content.</summary>
        public HashSet<TextractLine> PageFurnitureLines()
        {
            var furniture = new HashSet<TextractLine>();
            var lines = new List<TextractLine>();
            foreach (int b in LayoutBlocks)
            {
                string type = _store[b].BlockType;
                if (type != "LAYOUT_HEADER" && type != "LAYOUT_FOOTER" && type != "LAYOUT_PAGE_NUMBER") continue;
                lines.Clear();
                CollectLines(b, lines, new HashSet<int>());
                furniture.UnionWith(lines);
            }
            return furniture;
        }

        /// <summary>The lines under a layout block, nested layout blocks included, in their order.</summary>
        public void CollectLines(int layoutBlock, List<TextractLine> lines, HashSet<int> visited)
        {
            // Guards against a (malformed) cycle of layout children.
            if (!visited.Add(layoutBlock)) return;
            foreach (int child in _store.Related(layoutBlock, RelationshipTypes.Child))
            {
                TextractLine? line = _lineOfBlock[child];
                if (line != null) lines.Add(line);
                else if (BlockTypes.IsLayout(_store[child].BlockType)) CollectLines(child, lines, visited);
            }
        }

        private static string JoinLines(List<TextractLine> lines)
        {
            var texts = new string[lines.Count];
            for (int i = 0; i < lines.Count; i++) texts[i] = lines[i].Text;
            return string.Join("\n", texts);
        }
    }
}
