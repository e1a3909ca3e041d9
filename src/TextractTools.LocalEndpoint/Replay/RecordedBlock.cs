using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace TextractTools.LocalEndpoint.Replay
{
    internal sealed record BlockRelationship(string Type, IReadOnlyList<string> Ids);

    /// <summary>
    /// One Textract Block of a recording. Immutable and shared by every job that serves it: <see cref="Source"/>
    /// holds the recorded members (a cloned, read-only JsonElement, safe to read from many threads) while the two
    /// members the emulation rewrites, Page and Relationships, live beside it and win over Source when written.
    /// </summary>
    internal sealed class RecordedBlock
    {
        public RecordedBlock(string id, string blockType, int page, IReadOnlyList<BlockRelationship> relationships, JsonElement source)
        {
            Id = id;
            BlockType = blockType;
            Page = page;
            Relationships = relationships;
            Source = source;
        }

        public string Id { get; }
        public string BlockType { get; }
        public int Page { get; }
        public IReadOnlyList<BlockRelationship> Relationships { get; }
        public JsonElement Source { get; }

        /// <summary>Query.Text of a QUERY block, else null.</summary>
        public string? QueryText =>
            Source.TryGetProperty("Query", out var query) && query.ValueKind == JsonValueKind.Object
            && query.TryGetProperty("Text", out var text) && text.ValueKind == JsonValueKind.String
                ? text.GetString()
                : null;

        public IEnumerable<string> RelatedIds(string relationshipType) =>
            Relationships.Where(r => r.Type == relationshipType).SelectMany(r => r.Ids);

        /// <summary>
        /// This block with only the relationship targets <paramref name="keep"/> accepts; relationships left with no
        /// target are dropped. Returns this very instance when nothing changes.
        /// </summary>
        public RecordedBlock WithRelationshipsTo(Func<string, bool> keep)
        {
            if (Relationships.All(r => r.Ids.All(keep))) return this;
            var kept = Relationships
                .Select(r => new BlockRelationship(r.Type, r.Ids.Where(keep).ToList()))
                .Where(r => r.Ids.Count > 0)
                .ToList();
            return new RecordedBlock(Id, BlockType, Page, kept, Source);
        }

        public RecordedBlock WithExtraChildren(IReadOnlyList<string> childIds)
        {
            if (childIds.Count == 0) return this;
            var relationships = Relationships.ToList();
            var childIndex = relationships.FindIndex(r => r.Type == "CHILD");
            if (childIndex < 0) relationships.Add(new BlockRelationship("CHILD", childIds));
            else relationships[childIndex] = new BlockRelationship("CHILD", relationships[childIndex].Ids.Concat(childIds).ToList());
            return new RecordedBlock(Id, BlockType, Page, relationships, Source);
        }

        public RecordedBlock WithSource(JsonElement source) => new(Id, BlockType, Page, Relationships, source);
    }
}
