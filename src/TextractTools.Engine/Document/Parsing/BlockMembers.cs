using System;
using System.Runtime.CompilerServices;

namespace TextractTools.Engine.Document.Parsing
{
    /// <summary>The members of a block the parser keeps.</summary>
    internal enum BlockMember
    {
        Other, BlockType, Id, Page, Confidence, Text, TextType, RowIndex, ColumnIndex, RowSpan, ColumnSpan,
        SelectionStatus, EntityTypes, Geometry, Relationships, Query,
    }

    /// <summary>
    /// Names a block member from the reader's property name: one switch on the length, then one or two byte
    /// comparisons, where a chain of ValueTextEquals calls would compare a name up to fifteen times. Every block
    /// member of hundreds of thousands of blocks goes through here.
    /// </summary>
    internal static class BlockMembers
    {
        [MethodImpl(Hot.AggressiveOptimization)]
        public static BlockMember Of(ref JsonTokenReader reader)
        {
            // An escaped name (\u0049d) is legal JSON, only its unescaped text can be compared.
            if (reader.ValueIsEscaped) return OfEscaped(ref reader);
            ReadOnlySpan<byte> name = reader.ValueSpan;
            switch (name.Length)
            {
                case 2: return name.SequenceEqual("Id"u8) ? BlockMember.Id : BlockMember.Other;
                case 4:
                    if (name.SequenceEqual("Page"u8)) return BlockMember.Page;
                    return name.SequenceEqual("Text"u8) ? BlockMember.Text : BlockMember.Other;
                case 5: return name.SequenceEqual("Query"u8) ? BlockMember.Query : BlockMember.Other;
                case 7: return name.SequenceEqual("RowSpan"u8) ? BlockMember.RowSpan : BlockMember.Other;
                case 8:
                    if (name.SequenceEqual("Geometry"u8)) return BlockMember.Geometry;
                    if (name.SequenceEqual("RowIndex"u8)) return BlockMember.RowIndex;
                    return name.SequenceEqual("TextType"u8) ? BlockMember.TextType : BlockMember.Other;
                case 9: return name.SequenceEqual("BlockType"u8) ? BlockMember.BlockType : BlockMember.Other;
                case 10:
                    if (name.SequenceEqual("Confidence"u8)) return BlockMember.Confidence;
                    return name.SequenceEqual("ColumnSpan"u8) ? BlockMember.ColumnSpan : BlockMember.Other;
                case 11:
                    if (name.SequenceEqual("ColumnIndex"u8)) return BlockMember.ColumnIndex;
                    return name.SequenceEqual("EntityTypes"u8) ? BlockMember.EntityTypes : BlockMember.Other;
                case 13: return name.SequenceEqual("Relationships"u8) ? BlockMember.Relationships : BlockMember.Other;
                case 15: return name.SequenceEqual("SelectionStatus"u8) ? BlockMember.SelectionStatus : BlockMember.Other;
                default: return BlockMember.Other;
            }
        }

        private static BlockMember OfEscaped(ref JsonTokenReader reader)
        {
            if (reader.ValueTextEquals("BlockType"u8)) return BlockMember.BlockType;
            if (reader.ValueTextEquals("Id"u8)) return BlockMember.Id;
            if (reader.ValueTextEquals("Page"u8)) return BlockMember.Page;
            if (reader.ValueTextEquals("Confidence"u8)) return BlockMember.Confidence;
            if (reader.ValueTextEquals("Text"u8)) return BlockMember.Text;
            if (reader.ValueTextEquals("TextType"u8)) return BlockMember.TextType;
            if (reader.ValueTextEquals("RowIndex"u8)) return BlockMember.RowIndex;
            if (reader.ValueTextEquals("ColumnIndex"u8)) return BlockMember.ColumnIndex;
            if (reader.ValueTextEquals("RowSpan"u8)) return BlockMember.RowSpan;
            if (reader.ValueTextEquals("ColumnSpan"u8)) return BlockMember.ColumnSpan;
            if (reader.ValueTextEquals("SelectionStatus"u8)) return BlockMember.SelectionStatus;
            if (reader.ValueTextEquals("EntityTypes"u8)) return BlockMember.EntityTypes;
            if (reader.ValueTextEquals("Geometry"u8)) return BlockMember.Geometry;
            if (reader.ValueTextEquals("Relationships"u8)) return BlockMember.Relationships;
            if (reader.ValueTextEquals("Query"u8)) return BlockMember.Query;
            return BlockMember.Other;
        }
    }
}
