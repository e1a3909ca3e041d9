using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Expense
{
    /// <summary>
    /// Collects the ExpenseDocuments of every answer of an expense job. Each invoice or receipt has its ExpenseIndex;
    /// should one be continued in a later Get* answer (the samples and the service documentation show every Get*
    /// answer holding whole documents, but do not promise it: unverified), the parts with the same ExpenseIndex are
    /// joined into one document, in the order read, so no field is lost. A part that repeats one already read exactly
    /// (the same output page given twice) is refused, or dropped with a warning when reading leniently, so no field
    /// is counted twice.
    /// </summary>
    internal sealed class ExpenseDocumentMerger
    {
        private readonly bool _lenient;
        private readonly Dictionary<int, ExpenseDocumentDraft> _byIndex = new Dictionary<int, ExpenseDocumentDraft>();
        private readonly List<ExpenseDocumentDraft> _inOrder = new List<ExpenseDocumentDraft>();
        private readonly Dictionary<Fingerprint, string> _partsRead = new Dictionary<Fingerprint, string>();

        public ExpenseDocumentMerger(bool lenient)
        {
            _lenient = lenient;
        }

        public List<TextractDocumentWarning> Warnings { get; } = new List<TextractDocumentWarning>();

        /// <summary>Adds the documents of one answer's ExpenseDocuments array.</summary>
        public void Add(JsonSpot expenseDocuments)
        {
            foreach (JsonSpot document in expenseDocuments.ObjectItems())
            {
                int? index = document.Int("ExpenseIndex");
                if (index == null)
                {
                    // Nothing to join it by: a document of its own.
                    _inOrder.Add(ExpenseDocumentDraft.Read(document, null));
                    continue;
                }
                if (IsRepeat(document, index.Value)) continue;
                if (_byIndex.TryGetValue(index.Value, out ExpenseDocumentDraft? earlier))
                {
                    earlier.Append(document);
                    continue;
                }
                ExpenseDocumentDraft draft = ExpenseDocumentDraft.Read(document, null);
                _byIndex.Add(index.Value, draft);
                _inOrder.Add(draft);
            }
        }

        /// <summary>
        /// The documents with their indexes, by index: Textract's ExpenseIndex, or for a document without one the
        /// next number after the highest given.
        /// </summary>
        public List<KeyValuePair<int, ExpenseDocumentDraft>> Documents()
        {
            int next = _byIndex.Count == 0 ? 1 : _byIndex.Keys.Max() + 1;
            return _inOrder
                .Select(d => new KeyValuePair<int, ExpenseDocumentDraft>(d.ExpenseIndex ?? next++, d))
                .OrderBy(d => d.Key)
                .ToList();
        }

        private bool IsRepeat(JsonSpot document, int index)
        {
            string raw = document.Value.GetRawText();
            var fingerprint = new Fingerprint(index, raw.Length, Fnv1a(raw));
            if (!_partsRead.TryGetValue(fingerprint, out string? earlierSource))
            {
                _partsRead.Add(fingerprint, document.Source);
                return false;
            }
            string message = $"{document.Source}: expense document {index} ({document.Path}) repeats the one read from " +
                             $"{earlierSource} (the same output page read twice?)";
            if (!_lenient) throw new TextractOutputException(message + ".", document.Source);
            Warnings.Add(new TextractDocumentWarning(OutputWarningCodes.RepeatedOutput, message + "; it was dropped.", null, document.Source));
            return true;
        }

        // 64-bit FNV-1a over the document's JSON text: equal parts are found without keeping their text.
        private static ulong Fnv1a(string text)
        {
            ulong hash = 14695981039346656037UL;
            foreach (char c in text)
            {
                hash ^= c;
                hash *= 1099511628211UL;
            }
            return hash;
        }

        private readonly struct Fingerprint : System.IEquatable<Fingerprint>
        {
            private readonly int _index;
            private readonly int _length;
            private readonly ulong _hash;

            public Fingerprint(int index, int length, ulong hash)
            {
                _index = index;
                _length = length;
                _hash = hash;
            }

            public bool Equals(Fingerprint other) => _index == other._index && _length == other._length && _hash == other._hash;
            public override bool Equals(object? obj) => obj is Fingerprint other && Equals(other);
            public override int GetHashCode() => unchecked((int)_hash ^ (_index * 397) ^ _length);
        }
    }
}
