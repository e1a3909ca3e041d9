using System.Text;
using System.Runtime.CompilerServices;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Building
{
    /// <summary>
    /// The text of a container block (a key, a value, a cell, a table title or footer): its CHILD words joined by
    /// single spaces, a selection element contributing its status (SELECTED / NOT_SELECTED) at its place unless
    /// the caller wants the words only (a key's text: the state of a checkbox is the value's, as independent parsers
    /// such as amazon-textract-response-parser read it).
    /// </summary>
    internal sealed class ContentText
    {
        private readonly BlockStore _store;
        private readonly StringBuilder _builder = new StringBuilder();

        public ContentText(BlockStore store)
        {
            _store = store;
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        public ContentSummary Of(int blockIndex, bool wordsOnly = false)
        {
            _builder.Clear();
            string? selection = null;
            bool signature = false;
            foreach (int child in _store.Related(blockIndex, RelationshipTypes.Child))
            {
                ref readonly BlockRecord block = ref _store[child];
                string? piece = null;
                if (block.BlockType == BlockTypes.Word || block.BlockType == BlockTypes.Line)
                {
                    piece = block.Text;
                }
                else if (block.BlockType == BlockTypes.SelectionElement)
                {
                    if (!wordsOnly) piece = block.SelectionStatus;
                    selection ??= block.SelectionStatus;
                }
                else if (block.BlockType == BlockTypes.Signature)
                {
                    signature = true;
                }
                Append(piece);
            }
            return new ContentSummary(_builder.ToString(), selection, signature);
        }

        private void Append(string? piece)
        {
            if (string.IsNullOrWhiteSpace(piece)) return;
            if (_builder.Length > 0) _builder.Append(' ');
            _builder.Append(piece!.Trim());
        }
    }

    internal readonly struct ContentSummary
    {
        public ContentSummary(string text, string? selectionStatus, bool hasSignature)
        {
            Text = text;
            SelectionStatus = selectionStatus;
            HasSignature = hasSignature;
        }

        public string Text { get; }
        public string? SelectionStatus { get; }
        public bool HasSignature { get; }
    }
}
