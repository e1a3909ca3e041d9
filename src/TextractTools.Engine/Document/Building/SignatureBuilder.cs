using System.Collections.Generic;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Building
{
    internal static class SignatureBuilder
    {
        public static List<TextractSignature> Build(BlockStore store, TextractDocumentOrigin origin)
        {
            var signatures = new List<TextractSignature>();
            foreach (int s in store.OfType(BlockTypes.Signature))
            {
                ref readonly BlockRecord block = ref store[s];
                signatures.Add(new TextractSignature(origin, store.IdOf(s), block.Page, BlockFacts.Confidence(block), BlockFacts.BoundingBox(block)));
            }
            return signatures;
        }
    }
}
