using System;
using System.Collections.Generic;

namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>
    /// Gives each block id one small integer handle, whether the id is first met as a block's own Id or as a
    /// relationship target (which may point into a later output page). Each id string is then kept once.
    /// </summary>
    internal sealed class IdTable
    {
        private const int NotDefined = -1;
        private readonly Dictionary<string, int> _handles = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly List<string> _ids = new List<string>();
        private readonly List<int> _definingBlock = new List<int>();

        public int Count => _ids.Count;

        public int HandleFor(string id)
        {
            if (_handles.TryGetValue(id, out int handle)) return handle;
            handle = _ids.Count;
            _handles.Add(id, handle);
            _ids.Add(id);
            _definingBlock.Add(NotDefined);
            return handle;
        }

        public string IdOf(int handle) => _ids[handle];

        /// <summary>Records that <paramref name="blockIndex"/> carries this id; false when another block already did.</summary>
        public bool TryDefine(int handle, int blockIndex)
        {
            if (_definingBlock[handle] != NotDefined) return false;
            _definingBlock[handle] = blockIndex;
            return true;
        }

        /// <summary>The block carrying the id, or -1 when no block does.</summary>
        public int BlockOf(int handle) => _definingBlock[handle];

        public int BlockOf(string id) => _handles.TryGetValue(id, out int handle) ? _definingBlock[handle] : NotDefined;
    }
}
