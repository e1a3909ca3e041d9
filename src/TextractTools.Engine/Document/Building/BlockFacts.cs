using System;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Building
{
    /// <summary>Turns the compact record's sentinels (NaN, 0) into the model's nullable values.</summary>
    internal static class BlockFacts
    {
        public static double? Confidence(in BlockRecord block) => float.IsNaN(block.Confidence) ? (double?)null : block.Confidence;

        public static TextractBoundingBox? BoundingBox(in BlockRecord block)
        {
            if (float.IsNaN(block.Width) || float.IsNaN(block.Height)) return null;
            return new TextractBoundingBox(
                float.IsNaN(block.Left) ? 0 : block.Left, float.IsNaN(block.Top) ? 0 : block.Top, block.Width, block.Height);
        }

        /// <summary>Spans default to 1: Textract omits them on older output and a cell always covers itself.</summary>
        public static int Span(int span) => span > 0 ? span : 1;

        public static bool HasEntityType(in BlockRecord block, string entityType)
        {
            if (block.EntityTypes == null) return false;
            foreach (string type in block.EntityTypes)
            {
                if (string.Equals(type, entityType, StringComparison.Ordinal)) return true;
            }
            return false;
        }
    }
}
