using System.Collections.Generic;

namespace TextractTools.Engine.Document.ReadingOrder
{
    /// <summary>
    /// What the reading-order algorithm knows of one page: its lines in Textract's raw order (a box, the boxes of the
    /// words in their reading order, how many words) and the groups of lines that must stay together (a table, a
    /// key-value pair). Lines that two groups claim join those groups into one.
    /// </summary>
    internal sealed class PageShape
    {
        private readonly List<Box?> _lines = new List<Box?>();
        private readonly List<IReadOnlyList<Box>> _words = new List<IReadOnlyList<Box>>();
        private readonly List<int> _wordCounts = new List<int>();
        private readonly List<bool> _listMarkers = new List<bool>();
        private readonly List<int> _parent = new List<int>(); // union-find over lines: lines of one group share a root
        private readonly List<bool> _grouped = new List<bool>();
        private readonly Dictionary<int, Box> _extentOfRoot = new Dictionary<int, Box>();
        private readonly HashSet<int> _tableRoots = new HashSet<int>();

        public int LineCount => _lines.Count;

        /// <summary>Adds the next line in raw order; returns its index.</summary>
        /// <param name="box">The line's box; null when the output gives it none.</param>
        /// <param name="wordCount">How many words the line has.</param>
        /// <param name="wordBoxes">The boxes of its words in reading order (for the page's orientation and skew).</param>
        /// <param name="opensWithListMarker">Whether the line starts with a bullet or an item number.</param>
        public int AddLine(Box? box, int wordCount, IReadOnlyList<Box>? wordBoxes = null, bool opensWithListMarker = false)
        {
            _listMarkers.Add(opensWithListMarker);
            _lines.Add(box);
            _words.Add(wordBoxes ?? new Box[0]);
            _wordCounts.Add(wordCount);
            _parent.Add(_parent.Count);
            _grouped.Add(false);
            return _lines.Count - 1;
        }

        /// <summary>
        /// Keeps these lines together as one unit. <paramref name="extent"/> is the container's own box (a table's,
        /// a key's and its value's), which may reach beyond its lines (empty cells); null when it has none.
        /// </summary>
        public void AddGroup(IEnumerable<int> lines, Box? extent, bool isTable)
        {
            int root = -1;
            foreach (int line in lines)
            {
                _grouped[line] = true;
                root = root < 0 ? Find(line) : Union(root, line);
            }
            if (root < 0) return;
            Box? merged = extent;
            if (_extentOfRoot.TryGetValue(root, out Box earlier)) merged = merged.HasValue ? merged.Value.Union(earlier) : earlier;
            if (merged.HasValue) _extentOfRoot[root] = merged.Value;
            if (isTable) _tableRoots.Add(root);
        }

        public Box? LineBox(int line) => _lines[line];
        public IReadOnlyList<Box> WordBoxes(int line) => _words[line];
        public int WordCount(int line) => _wordCounts[line];
        public bool OpensWithListMarker(int line) => _listMarkers[line];

        /// <summary>The line's group: the same number for every line kept together with it (its own index if none).</summary>
        public int GroupOf(int line) => Find(line);

        /// <summary>True when the line belongs to a table or a key-value pair.</summary>
        public bool IsGrouped(int line) => _grouped[line];

        public bool IsTableGroup(int root) => _tableRoots.Contains(root);

        public Box? GroupExtent(int root) => _extentOfRoot.TryGetValue(root, out Box box) ? box : (Box?)null;

        private int Find(int line)
        {
            while (_parent[line] != line)
            {
                _parent[line] = _parent[_parent[line]];
                line = _parent[line];
            }
            return line;
        }

        private int Union(int root, int line)
        {
            int other = Find(line);
            if (other == root) return root;
            // The lower index stays root, so a group's root is its first line in raw order.
            int keep = root < other ? root : other, gone = root < other ? other : root;
            _parent[gone] = keep;
            if (_extentOfRoot.TryGetValue(gone, out Box extent))
            {
                _extentOfRoot[keep] = _extentOfRoot.TryGetValue(keep, out Box kept) ? kept.Union(extent) : extent;
                _extentOfRoot.Remove(gone);
            }
            if (_tableRoots.Remove(gone)) _tableRoots.Add(keep);
            return keep;
        }
    }
}
