using System;
using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Document;
using TextractTools.Engine.Document.ReadingOrder;

namespace TextractTools.Engine.Formats
{
    /// <summary>
    /// Walks a document's pages in reading order and makes the format-neutral blocks the renderers print. A line that
    /// belongs to a table is printed in its table, a line that belongs to a form field in its key-value list, each
    /// once: the table at the place of its first line, the field likewise (the words of such a line that belong to
    /// no field stay as text). A table or field none of whose lines was met (no LINE holds its words) comes at the end
    /// of its page, so nothing is lost.
    /// <para>
    /// Headings come from LAYOUT_TITLE (level 1) and LAYOUT_SECTION_HEADER (level 2); on a page without layout, a
    /// short block (two lines and ten words at most, mostly letters, not ending like a sentence) whose lines are at
    /// least 1.5 times the height of the page's usual line is a heading (level 1 from twice). Lists come from LAYOUT_LIST, or
    /// from a block of two lines or more that opens with a bullet or an item number.
    /// </para>
    /// </summary>
    internal sealed class ContentWalker
    {
        private const double HeadingHeight = 1.5;
        private const double TitleHeight = 2.0;
        private const int HeadingMaxWords = 10;
        private const double HeadingLetters = 0.6;

        private readonly TextractDocument _document;
        private readonly DocumentRenderOptions _options;
        private readonly LineClaims _claims;
        private readonly HashSet<TextractTable> _tablesDone = new HashSet<TextractTable>();
        private readonly HashSet<TextractKeyValue> _fieldsDone = new HashSet<TextractKeyValue>();

        public ContentWalker(TextractDocument document, DocumentRenderOptions? options)
        {
            _document = document ?? throw new ArgumentNullException(nameof(document));
            _options = options ?? new DocumentRenderOptions();
            _claims = document.Content?.Claims ?? new LineClaims();
        }

        public IEnumerable<RenderPage> Pages()
        {
            foreach (TextractPage page in _document.Pages)
            {
                if (!_options.PageWanted(page.Page)) continue;
                yield return Walk(page);
            }
        }

        private RenderPage Walk(TextractPage page)
        {
            var output = new PageOutput();
            PageContent? content = page.Content;
            if (content == null)
            {
                // A page made without reading-order content: its text is all there is.
                string[] lines = page.Text.Split('\n').Where(l => l.Length > 0).ToArray();
                if (lines.Length > 0) output.Add(new ParagraphBlock(lines));
                return new RenderPage(page.Page, output.Blocks);
            }

            double bodyHeight = MedianHeight(content.RawLines);
            foreach (ReadingBlock block in content.Blocks)
            {
                if (!RenderFilter.Included(block.Kind, _options)) continue;
                if (block.Kind == ReadingBlockKind.Figure)
                {
                    output.Add(new FigureBlock(Texts(block.Lines)));
                    continue;
                }
                if (block.Kind == ReadingBlockKind.List && block.ListItems != null && !block.Lines.Any(IsClaimed))
                {
                    AddLayoutList(output, block.ListItems);
                    continue;
                }
                WalkLines(output, block, content.FromLayout, bodyHeight);
            }
            AddUnmet(output, page.Page);
            return new RenderPage(page.Page, output.Blocks);
        }

        /// <summary>A block's lines: runs of text between the tables and fields they hold.</summary>
        private void WalkLines(PageOutput output, ReadingBlock block, bool fromLayout, double bodyHeight)
        {
            var run = new List<TextractLine>();
            var runTexts = new List<string>();
            // A page header, footer or number is printed as the text it is, whatever fields Textract saw in it.
            bool furniture = block.Kind == ReadingBlockKind.PageHeader || block.Kind == ReadingBlockKind.PageFooter || block.Kind == ReadingBlockKind.PageNumber;
            foreach (TextractLine line in block.Lines)
            {
                if (furniture)
                {
                    foreach (TextractKeyValue field in _claims.FieldsOf(line)) _fieldsDone.Add(field);
                    string? plain = LineText(line, null);
                    if (plain != null)
                    {
                        run.Add(line);
                        runTexts.Add(plain);
                    }
                    continue;
                }
                TextractTable? table = _claims.TableOf(line);
                if (table != null)
                {
                    Flush();
                    if (_options.IncludeTables && _tablesDone.Add(table) && _options.Confident(table.Confidence))
                    {
                        output.Add(new TableBlock(TableView.Of(table, _options)));
                    }
                    continue; // a table's lines are its table's, shown or left out with it
                }
                IReadOnlyList<TextractKeyValue> fields = _claims.FieldsOf(line);
                if (fields.Count > 0)
                {
                    if (_options.IncludeKeyValues)
                    {
                        Flush();
                        foreach (TextractKeyValue field in fields) AddField(output, field);
                    }
                    string? rest = LineText(line, word => !_claims.IsFieldWord(word));
                    if (rest != null)
                    {
                        run.Add(line);
                        runTexts.Add(rest);
                    }
                    continue;
                }
                string? text = LineText(line, null);
                if (text == null) continue;
                run.Add(line);
                runTexts.Add(text);
            }
            Flush();

            void Flush()
            {
                if (run.Count == 0) return;
                AddText(output, block.Kind, run, runTexts, fromLayout, bodyHeight);
                run = new List<TextractLine>();
                runTexts = new List<string>();
            }
        }

        private void AddText(PageOutput output, ReadingBlockKind kind, List<TextractLine> lines, List<string> texts, bool fromLayout, double bodyHeight)
        {
            switch (kind)
            {
                case ReadingBlockKind.Title:
                    output.Add(new HeadingBlock(1, string.Join(" ", texts)));
                    return;
                case ReadingBlockKind.SectionHeader:
                    output.Add(new HeadingBlock(2, string.Join(" ", texts)));
                    return;
                case ReadingBlockKind.PageHeader:
                    output.Add(new ParagraphBlock(texts, ParagraphRole.PageHeader));
                    return;
                case ReadingBlockKind.PageFooter:
                    output.Add(new ParagraphBlock(texts, ParagraphRole.PageFooter));
                    return;
                case ReadingBlockKind.PageNumber:
                    output.Add(new ParagraphBlock(texts, ParagraphRole.PageNumber));
                    return;
            }
            if (TryList(output, texts)) return;
            if (!fromLayout && kind == ReadingBlockKind.Text)
            {
                int? level = HeadingLevel(lines, texts, bodyHeight);
                if (level != null)
                {
                    output.Add(new HeadingBlock(level.Value, string.Join(" ", texts)));
                    return;
                }
            }
            output.Add(new ParagraphBlock(texts));
        }

        /// <summary>A run of two lines or more that opens with a marker: one item per marked line, continuations joined.</summary>
        private static bool TryList(PageOutput output, List<string> texts)
        {
            if (texts.Count < 2 || !ListMarkers.Opens(texts[0])) return false;
            var items = new List<string>();
            var numbers = new List<int?>();
            foreach (string text in texts)
            {
                if (ListMarkers.TrySplit(text, out string rest, out int? number))
                {
                    items.Add(rest);
                    numbers.Add(number);
                }
                else
                {
                    items[items.Count - 1] = items[items.Count - 1] + " " + text.Trim();
                }
            }
            if (items.Count < 2) return false;
            output.Add(new ListBlock(items, numbers.All(n => n != null) ? numbers[0] : null));
            return true;
        }

        private void AddLayoutList(PageOutput output, IReadOnlyList<IReadOnlyList<TextractLine>> listItems)
        {
            var items = new List<string>();
            var numbers = new List<int?>();
            foreach (IReadOnlyList<TextractLine> item in listItems)
            {
                List<string> texts = Texts(item);
                if (texts.Count == 0) continue;
                string text = string.Join(" ", texts);
                bool marked = ListMarkers.TrySplit(text, out string rest, out int? number);
                items.Add(marked ? rest : text);
                numbers.Add(marked ? number : null);
            }
            if (items.Count > 0) output.Add(new ListBlock(items, numbers.All(n => n != null) ? numbers[0] : null));
        }

        private static int? HeadingLevel(List<TextractLine> lines, List<string> texts, double bodyHeight)
        {
            if (bodyHeight <= 0 || lines.Count > 2) return null;
            string text = string.Join(" ", texts).Trim();
            if (text.Length == 0 || text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length > HeadingMaxWords) return null;
            char last = text[text.Length - 1];
            if (last == '.' || last == ',' || last == ';') return null;
            int letters = text.Count(char.IsLetter), visible = text.Count(c => !char.IsWhiteSpace(c));
            if (letters < HeadingLetters * visible) return null; // a code or an amount printed large is no heading
            double smallest = double.MaxValue;
            foreach (TextractLine line in lines)
            {
                if (line.BoundingBox == null) return null;
                smallest = Math.Min(smallest, line.BoundingBox.Height);
            }
            if (smallest < HeadingHeight * bodyHeight) return null;
            return smallest >= TitleHeight * bodyHeight ? 1 : 2;
        }

        private void AddField(PageOutput output, TextractKeyValue field)
        {
            if (!_fieldsDone.Add(field)) return;
            if (!_options.Confident(field.KeyConfidence)) return;
            if (_options.IncludeTables && _claims.KeyIsInTable(field)) return; // its text is in the table's cell
            string value = _options.Confident(field.ValueConfidence) ? field.Value : string.Empty;
            bool? isChecked = null;
            if (field.IsCheckbox)
            {
                isChecked = field.SelectionStatus == TableView.Selected;
                value = string.Join(" ", value.Split(' ').Where(w => w.Length > 0 && w != TableView.Selected && w != TableView.NotSelected));
            }
            output.AddField(new KeyValueItem(field.Key, value, isChecked));
        }

        /// <summary>Tables and fields of this page that no line led to: at the end of the page.</summary>
        private void AddUnmet(PageOutput output, int page)
        {
            _unmetByPage ??= UnmetByPage();
            if (!_unmetByPage.TryGetValue(page, out List<object>? unmet)) return;
            foreach (object item in unmet)
            {
                if (item is TextractTable table)
                {
                    if (!_tablesDone.Add(table)) continue;
                    if (_options.Confident(table.Confidence)) output.Add(new TableBlock(TableView.Of(table, _options)));
                }
                else if (item is TextractKeyValue field && !_fieldsDone.Contains(field))
                {
                    AddField(output, field);
                }
            }
        }

        private Dictionary<int, List<object>>? _unmetByPage;

        /// <summary>Per page, the tables (at their first wanted page) and the fields without lines that it must show.</summary>
        private Dictionary<int, List<object>> UnmetByPage()
        {
            var byPage = new Dictionary<int, List<object>>();
            void Add(int page, object item)
            {
                if (!byPage.TryGetValue(page, out List<object>? items)) byPage[page] = items = new List<object>();
                items.Add(item);
            }
            if (_options.IncludeTables)
            {
                foreach (TextractTable table in _document.Tables)
                {
                    int page = FirstWantedPage(table);
                    if (page > 0) Add(page, table);
                }
            }
            if (_options.IncludeKeyValues)
            {
                foreach (TextractKeyValue field in _document.KeyValues)
                {
                    if (_claims.LinesOf(field).Count == 0) Add(field.Page, field);
                }
            }
            return byPage;
        }

        private int FirstWantedPage(TextractTable table)
        {
            foreach (int page in table.Pages)
            {
                if (_options.PageWanted(page)) return page;
            }
            return -1;
        }

        private bool IsClaimed(TextractLine line) =>
            (_options.IncludeTables && _claims.TableOf(line) != null) || (_options.IncludeKeyValues && _claims.FieldsOf(line).Count > 0);

        private List<string> Texts(IReadOnlyList<TextractLine> lines)
        {
            var texts = new List<string>(lines.Count);
            foreach (TextractLine line in lines)
            {
                string? text = LineText(line, null);
                if (text != null) texts.Add(text);
            }
            return texts;
        }

        private string? LineText(TextractLine line, Func<TextractWord, bool>? wanted) => RenderFilter.LineText(line, _options, wanted);

        private static double MedianHeight(IReadOnlyList<TextractLine> lines)
        {
            var heights = new List<double>(lines.Count);
            foreach (TextractLine line in lines)
            {
                if (line.BoundingBox != null && line.BoundingBox.Height > 0) heights.Add(line.BoundingBox.Height);
            }
            if (heights.Count == 0) return 0;
            heights.Sort();
            return heights[heights.Count / 2];
        }

        /// <summary>A page's blocks as they are made; consecutive fields share one key-value list.</summary>
        private sealed class PageOutput
        {
            public List<RenderBlock> Blocks { get; } = new List<RenderBlock>();

            public void Add(RenderBlock block) => Blocks.Add(block);

            public void AddField(KeyValueItem item)
            {
                if (Blocks.Count == 0 || !(Blocks[Blocks.Count - 1] is KeyValueBlock list))
                {
                    list = new KeyValueBlock();
                    Blocks.Add(list);
                }
                list.Items.Add(item);
            }
        }
    }
}
