using System.Collections.Generic;
using System.Runtime.CompilerServices;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Building
{
    /// <summary>
    /// Pairs each KEY with its VALUE: KEY_VALUE_SET blocks whose EntityTypes hold KEY, and the older KEY block type.
    /// A key without a VALUE relationship still gives a field, with an empty value.
    /// </summary>
    internal sealed class KeyValueBuilder
    {
        private readonly BlockStore _store;
        private readonly ContentText _content;
        private readonly TextractDocumentOrigin _origin;

        public KeyValueBuilder(BlockStore store, ContentText content, TextractDocumentOrigin origin)
        {
            _store = store;
            _content = content;
            _origin = origin;
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        public List<TextractKeyValue> Build()
        {
            var fields = new List<TextractKeyValue>();
            // Document order across both spellings: walk the page-ordered block list once.
            foreach (int b in _store.DocumentOrder)
            {
                if (IsKeyBlock(_store, b)) fields.Add(BuildField(b));
            }
            return fields;
        }

        /// <summary>A KEY_VALUE_SET whose EntityTypes hold KEY, or an older KEY block: one field each, in document order.</summary>
        internal static bool IsKeyBlock(BlockStore store, int b)
        {
            ref readonly BlockRecord block = ref store[b];
            if (block.BlockType == BlockTypes.Key) return true;
            return block.BlockType == BlockTypes.KeyValueSet && BlockFacts.HasEntityType(block, EntityTypes.Key);
        }

        [MethodImpl(Hot.AggressiveOptimization)]
        private TextractKeyValue BuildField(int keyIndex)
        {
            ref readonly BlockRecord key = ref _store[keyIndex];
            // The key's words only; a checkbox Textract put among the key's children gives its state to the field's
            // SelectionStatus when the value holds none (nothing is dropped), never to the key's text.
            ContentSummary keyContent = _content.Of(keyIndex, wordsOnly: true);
            string keyText = keyContent.Text;

            string valueText = string.Empty;
            string? selection = null, valueId = null;
            bool signature = false;
            double? valueConfidence = null;
            TextractBoundingBox? valueBox = null;
            // Textract gives one VALUE id; should it give more, their content is kept in order rather than dropped.
            foreach (int valueIndex in _store.Related(keyIndex, RelationshipTypes.Value))
            {
                ContentSummary content = _content.Of(valueIndex);
                valueText = valueText.Length == 0 ? content.Text : content.Text.Length == 0 ? valueText : valueText + " " + content.Text;
                selection ??= content.SelectionStatus;
                signature |= content.HasSignature;
                if (valueId != null) continue;
                ref readonly BlockRecord value = ref _store[valueIndex];
                valueId = _store.IdOf(valueIndex);
                valueConfidence = BlockFacts.Confidence(value);
                valueBox = BlockFacts.BoundingBox(value);
            }

            if (selection == null && keyContent.SelectionStatus != null)
            {
                selection = keyContent.SelectionStatus;
                if (valueText.Length == 0) valueText = selection;
            }
            return new TextractKeyValue(_origin, _store.LazyIdOf(keyIndex), key.Page, BlockFacts.Confidence(key), BlockFacts.BoundingBox(key),
                keyText, valueText, valueId, valueConfidence, valueBox, selection, signature);
        }
    }
}
