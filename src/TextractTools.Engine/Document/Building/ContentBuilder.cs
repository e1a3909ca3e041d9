using System;
using System.Collections.Generic;
using TextractTools.Engine.Document.Parsing;
using TextractTools.Engine.Document.ReadingOrder;

namespace TextractTools.Engine.Document.Building
{
    /// <summary>
    /// Makes the document's <see cref="DocumentContent"/> once the model is built: which lines belong to tables and form
    /// fields (through their words: Textract relates cells, keys and values to WORD blocks), then each page's blocks in
    /// reading order. Runs when the text or a rendering is first asked for, not while reading.
    /// </summary>
    internal static class ContentBuilder
    {
        /// <summary>The content of pages <paramref name="firstPage"/> to <paramref name="pageCount"/> (1 to the page count for a whole document).</summary>
        public static DocumentContent Build(BlockStore store, DocumentParts parts, int firstPage, int pageCount)
        {
            LineClaims claims = Claims(store, parts);

            // Indexed by page - firstPage: a slice of a long document read by page holds its own pages only.
            int count = Math.Max(0, pageCount - firstPage + 1);
            var linesOfPage = new List<TextractLine>[count];
            var layoutOfPage = new List<TextractLayoutBlock>[count];
            for (int i = 0; i < count; i++)
            {
                linesOfPage[i] = new List<TextractLine>();
                layoutOfPage[i] = new List<TextractLayoutBlock>();
            }
            foreach (TextractLine line in parts.Lines) linesOfPage[line.Page - firstPage].Add(line);
            var childrenOf = new Dictionary<string, List<TextractLayoutBlock>>();
            foreach (TextractLayoutBlock block in parts.Layout)
            {
                layoutOfPage[block.Page - firstPage].Add(block);
                if (block.ParentId == null) continue;
                if (!childrenOf.TryGetValue(block.ParentId, out List<TextractLayoutBlock>? children)) childrenOf[block.ParentId] = children = new List<TextractLayoutBlock>();
                children.Add(block);
            }

            var blocksOfPage = new List<ReadingBlock>[count];
            var geometric = new List<List<ReadingBlock>>();
            for (int i = 0; i < count; i++)
            {
                bool fromLayout = layoutOfPage[i].Count > 0;
                blocksOfPage[i] = fromLayout
                    ? PageReadingOrder.FromLayout(linesOfPage[i], layoutOfPage[i], childrenOf)
                    : PageReadingOrder.FromGeometry(firstPage + i, linesOfPage[i], claims);
                if (!fromLayout) geometric.Add(blocksOfPage[i]);
            }
            PageFurniture.Mark(geometric);

            var pages = new PageContent[count];
            for (int i = 0; i < count; i++)
            {
                pages[i] = new PageContent(firstPage + i, linesOfPage[i], blocksOfPage[i], layoutOfPage[i].Count > 0);
            }
            return new DocumentContent(pages, firstPage, claims);
        }

        private static LineClaims Claims(BlockStore store, DocumentParts parts)
        {
            // The model's words and lines are in the order of their blocks by type: pair them up again.
            var wordOfBlock = new TextractWord?[store.Count];
            IReadOnlyList<int> wordBlocks = store.OfType(BlockTypes.Word);
            for (int i = 0; i < wordBlocks.Count && i < parts.Words.Count; i++) wordOfBlock[wordBlocks[i]] = parts.Words[i];
            var lineOfWord = new Dictionary<TextractWord, TextractLine>(parts.Words.Count);
            foreach (TextractLine line in parts.Lines)
            {
                foreach (TextractWord word in line.Words)
                {
                    if (!lineOfWord.ContainsKey(word)) lineOfWord[word] = line;
                }
            }

            var claims = new LineClaims();
            var tableOfId = new Dictionary<string, TextractTable>();
            foreach (TextractTable table in parts.Tables)
            {
                foreach (string id in table.PartIds) tableOfId[id] = table;
            }
            foreach (int t in store.OfType(BlockTypes.Table))
            {
                if (!tableOfId.TryGetValue(store.IdOf(t), out TextractTable? table)) continue;
                foreach (int part in store.Related(t, RelationshipTypes.Child)) ClaimWords(store, part, wordOfBlock, word => claims.ClaimForTable(table, word, LineOf(word)));
                foreach (int part in store.Related(t, RelationshipTypes.TableTitle)) ClaimWords(store, part, wordOfBlock, word => claims.ClaimForTable(table, word, LineOf(word)));
                foreach (int part in store.Related(t, RelationshipTypes.TableFooter)) ClaimWords(store, part, wordOfBlock, word => claims.ClaimForTable(table, word, LineOf(word)));
            }

            int field = 0;
            foreach (int b in store.DocumentOrder)
            {
                if (!KeyValueBuilder.IsKeyBlock(store, b)) continue;
                if (field >= parts.KeyValues.Count) break;
                TextractKeyValue keyValue = parts.KeyValues[field++];
                ClaimWords(store, b, wordOfBlock, word => claims.ClaimForField(keyValue, word, LineOf(word), isKeyWord: true));
                foreach (int value in store.Related(b, RelationshipTypes.Value))
                {
                    ClaimWords(store, value, wordOfBlock, word => claims.ClaimForField(keyValue, word, LineOf(word), isKeyWord: false));
                }
            }
            claims.Finish(parts.Lines);
            return claims;

            TextractLine? LineOf(TextractWord word) => lineOfWord.TryGetValue(word, out TextractLine? line) ? line : null;
        }

        /// <summary>The words under a cell, key, value, title or footer block (a cell's CHILD words).</summary>
        private static void ClaimWords(BlockStore store, int container, TextractWord?[] wordOfBlock, System.Action<TextractWord> claim)
        {
            foreach (int child in store.Related(container, RelationshipTypes.Child))
            {
                TextractWord? word = wordOfBlock[child];
                if (word != null)
                {
                    claim(word);
                }
                else if (store[child].BlockType == BlockTypes.Cell)
                {
                    ClaimWords(store, child, wordOfBlock, claim); // a TABLE's CHILD cells hold the words
                }
            }
        }
    }
}
