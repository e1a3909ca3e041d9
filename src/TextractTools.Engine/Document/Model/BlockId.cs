using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// A block's id as the model keeps it until someone reads it: either the id's text or a handle into the
    /// document's <see cref="IdTable"/>. Most model objects are never asked for their Id, and a document of 3,000
    /// pages has ~400,000 of them: making each id's string only on request spares that many strings and their GUID
    /// formatting.
    /// </summary>
    internal readonly struct BlockId
    {
        private readonly object _source;
        private readonly int _handle;

        public BlockId(string text)
        {
            _source = text;
            _handle = -1;
        }

        public BlockId(IdTable table, int handle)
        {
            _source = table;
            _handle = handle;
        }

        /// <summary>The holder of the text: the string itself, or the id table.</summary>
        public object Source => _source;

        public int Handle => _handle;

        public static implicit operator BlockId(string text) => new BlockId(text);

        public static string TextOf(object source, int handle) =>
            source as string ?? ((IdTable)source).IdOf(handle);
    }
}
