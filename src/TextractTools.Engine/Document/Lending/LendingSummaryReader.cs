using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Document.Expense;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Lending
{
    /// <summary>
    /// Reads GetLendingAnalysisSummary answers. The operation has no paging, so one answer is the rule; should several
    /// be given, groups of the same Type are joined. A split document already read (same type and index) is refused,
    /// or dropped with a warning when lenient, so no document is counted twice.
    /// </summary>
    internal sealed class LendingSummaryReader
    {
        private readonly TextractDocumentOrigin _origin;
        private readonly bool _lenient;
        private readonly Dictionary<string, GroupDraft> _byType = new Dictionary<string, GroupDraft>();
        private readonly List<GroupDraft> _groups = new List<GroupDraft>();
        private readonly List<string> _undetectedTypes = new List<string>();
        private readonly List<TextractDocumentWarning> _warnings = new List<TextractDocumentWarning>();
        private int _highestPage;

        public LendingSummaryReader(TextractDocumentOrigin origin, bool lenient)
        {
            _origin = origin;
            _lenient = lenient;
        }

        /// <summary>Adds one answer's Summary.</summary>
        public void Add(JsonSpot summary)
        {
            summary.ExpectObject();
            foreach (JsonSpot group in summary.Objects("DocumentGroups"))
            {
                string type = group.String("Type") ?? string.Empty;
                if (!_byType.TryGetValue(type, out GroupDraft? draft))
                {
                    draft = new GroupDraft(type);
                    _byType.Add(type, draft);
                    _groups.Add(draft);
                }
                foreach (JsonSpot split in group.Objects("SplitDocuments"))
                {
                    int index = split.Int("Index") ?? draft.SplitDocuments.Count + 1;
                    List<int> pages = split.Pages("Pages");
                    if (draft.SplitDocuments.Any(d => d.Key == index))
                    {
                        string message = $"{split.Source}: the {type} document with index {index} ({split.Path}) was already read (the same summary read twice?)";
                        if (!_lenient) throw new TextractOutputException(message + ".", split.Source);
                        _warnings.Add(new TextractDocumentWarning(OutputWarningCodes.RepeatedOutput, message + "; it was dropped.", pages, split.Source));
                        continue;
                    }
                    draft.SplitDocuments.Add(new KeyValuePair<int, List<int>>(index, pages));
                    Note(pages);
                }
                AddPages(group, "DetectedSignatures", draft.DetectedSignatures);
                AddPages(group, "UndetectedSignatures", draft.UndetectedSignatures);
            }
            foreach (string type in summary.Strings("UndetectedDocumentTypes"))
            {
                if (!_undetectedTypes.Contains(type)) _undetectedTypes.Add(type);
            }
        }

        public TextractLendingSummary Build(OutputStatus status)
        {
            status.Complete(_highestPage, _warnings);
            var groups = _groups.Select(g => new TextractLendingDocumentGroup(_origin, g.Type,
                ReadableList<TextractSplitDocument>.Of(g.SplitDocuments
                    .Select(d => new TextractSplitDocument(_origin, g.Type, d.Key, ReadableList<int>.Of(d.Value))).ToList(), "; "),
                ReadableList<int>.Of(g.DetectedSignatures), ReadableList<int>.Of(g.UndetectedSignatures))).ToList();
            return new TextractLendingSummary(_origin, status, ReadableList<TextractLendingDocumentGroup>.Of(groups, "; "),
                ReadableList<string>.Of(_undetectedTypes));
        }

        /// <summary>The pages of a group's (un)detected signatures; a page already named is not named again.</summary>
        private void AddPages(JsonSpot group, string member, List<int> pages)
        {
            foreach (JsonSpot signature in group.Objects(member))
            {
                int? page = signature.Page("Page");
                if (page == null || pages.Contains(page.Value)) continue;
                pages.Add(page.Value);
                Note(new[] { page.Value });
            }
        }

        private void Note(IEnumerable<int> pages)
        {
            foreach (int page in pages) _highestPage = System.Math.Max(_highestPage, page);
        }

        private sealed class GroupDraft
        {
            public GroupDraft(string type)
            {
                Type = type;
            }

            public string Type { get; }
            public List<KeyValuePair<int, List<int>>> SplitDocuments { get; } = new List<KeyValuePair<int, List<int>>>();
            public List<int> DetectedSignatures { get; } = new List<int>();
            public List<int> UndetectedSignatures { get; } = new List<int>();
        }
    }
}
