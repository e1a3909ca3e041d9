using System.Collections.Generic;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// Which lines (and words) belong to a table or a form field. Textract ties a CELL, a KEY or a VALUE to its WORDs,
    /// never to LINEs: a line belongs to a table when one of its words is in a cell (or the table's title or footer),
    /// and to a key-value pair when one of its words is in the key or the value. Renderers use this to keep a table's
    /// or a field's lines together and to print them once.
    /// </summary>
    internal sealed class LineClaims
    {
        private static readonly IReadOnlyList<TextractKeyValue> NoFields = new TextractKeyValue[0];
        private static readonly IReadOnlyList<TextractLine> NoLines = new TextractLine[0];

        private readonly Dictionary<TextractLine, TextractTable> _tableOfLine = new Dictionary<TextractLine, TextractTable>();
        private readonly Dictionary<TextractLine, List<TextractKeyValue>> _fieldsOfLine = new Dictionary<TextractLine, List<TextractKeyValue>>();
        private readonly Dictionary<TextractTable, List<TextractLine>> _linesOfTable = new Dictionary<TextractTable, List<TextractLine>>();
        private readonly Dictionary<TextractKeyValue, List<TextractLine>> _linesOfField = new Dictionary<TextractKeyValue, List<TextractLine>>();
        private readonly HashSet<TextractWord> _tableWords = new HashSet<TextractWord>();
        private readonly HashSet<TextractWord> _fieldWords = new HashSet<TextractWord>();
        private readonly Dictionary<TextractKeyValue, List<TextractWord>> _keyWords = new Dictionary<TextractKeyValue, List<TextractWord>>();

        internal void ClaimForTable(TextractTable table, TextractWord word, TextractLine? line)
        {
            _tableWords.Add(word);
            if (line == null) return;
            if (!_linesOfTable.TryGetValue(table, out List<TextractLine>? lines)) _linesOfTable[table] = lines = new List<TextractLine>();
            AddOnce(lines, line);
            if (!_tableOfLine.ContainsKey(line)) _tableOfLine[line] = table; // a line in two tables goes with the first
        }

        internal void ClaimForField(TextractKeyValue field, TextractWord word, TextractLine? line, bool isKeyWord)
        {
            _fieldWords.Add(word);
            if (isKeyWord)
            {
                if (!_keyWords.TryGetValue(field, out List<TextractWord>? keyWords)) _keyWords[field] = keyWords = new List<TextractWord>();
                keyWords.Add(word);
            }
            if (line == null) return;
            if (!_linesOfField.TryGetValue(field, out List<TextractLine>? lines)) _linesOfField[field] = lines = new List<TextractLine>();
            AddOnce(lines, line);
            if (!_fieldsOfLine.TryGetValue(line, out List<TextractKeyValue>? fields)) _fieldsOfLine[line] = fields = new List<TextractKeyValue>();
            if (!fields.Contains(field)) fields.Add(field);
        }

        /// <summary>Words of one line come one after the other: the last line added is the one to compare first.</summary>
        private static void AddOnce(List<TextractLine> lines, TextractLine line)
        {
            if (lines.Count > 0 && ReferenceEquals(lines[lines.Count - 1], line)) return;
            if (!lines.Contains(line)) lines.Add(line);
        }

        /// <summary>Puts the lines of each table and field in document order (the order lines were made in).</summary>
        internal void Finish(IReadOnlyList<TextractLine> documentLines)
        {
            var position = new Dictionary<TextractLine, int>(documentLines.Count);
            for (int i = 0; i < documentLines.Count; i++) position[documentLines[i]] = i;
            foreach (List<TextractLine> lines in _linesOfTable.Values) lines.Sort((a, b) => position[a].CompareTo(position[b]));
            foreach (List<TextractLine> lines in _linesOfField.Values) lines.Sort((a, b) => position[a].CompareTo(position[b]));
        }

        public TextractTable? TableOf(TextractLine line) => _tableOfLine.TryGetValue(line, out TextractTable? table) ? table : null;

        public IReadOnlyList<TextractKeyValue> FieldsOf(TextractLine line) =>
            _fieldsOfLine.TryGetValue(line, out List<TextractKeyValue>? fields) ? fields : NoFields;

        public IReadOnlyList<TextractLine> LinesOf(TextractTable table) =>
            _linesOfTable.TryGetValue(table, out List<TextractLine>? lines) ? lines : NoLines;

        public IReadOnlyList<TextractLine> LinesOf(TextractKeyValue field) =>
            _linesOfField.TryGetValue(field, out List<TextractLine>? lines) ? lines : NoLines;

        public bool IsTableWord(TextractWord word) => _tableWords.Contains(word);

        public bool IsFieldWord(TextractWord word) => _fieldWords.Contains(word);

        /// <summary>True when every word of the field's key is also in a table (a form field printed inside a table cell).</summary>
        public bool KeyIsInTable(TextractKeyValue field)
        {
            if (!_keyWords.TryGetValue(field, out List<TextractWord>? words) || words.Count == 0) return false;
            foreach (TextractWord word in words)
            {
                if (!_tableWords.Contains(word)) return false;
            }
            return true;
        }
    }
}
