using System.Collections.Generic;
using System.Linq;
using TextractTools.Engine.Document.Expense;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document.Lending
{
    /// <summary>
    /// Reads the Results of every GetLendingAnalysis answer (one result per page of the package) and builds the lending
    /// output from them: pages, lending fields, signatures, and the expense and identity documents found on pages.
    /// A page given twice (the same output page read twice) is refused, or dropped with a warning when lenient.
    /// </summary>
    internal sealed class LendingResultReader
    {
        private readonly TextractDocumentOrigin _origin;
        private readonly DocumentReadOptions _options;
        private readonly List<PageDraft> _pages = new List<PageDraft>();
        private readonly Dictionary<int, string> _pageSources = new Dictionary<int, string>();
        private readonly List<TextractDocumentWarning> _warnings = new List<TextractDocumentWarning>();
        private int _identityDocuments;

        public LendingResultReader(TextractDocumentOrigin origin, DocumentReadOptions options)
        {
            _origin = origin;
            _options = options;
        }

        /// <summary>Adds the results of one answer's Results array.</summary>
        public void Add(JsonSpot results)
        {
            foreach (JsonSpot result in results.ObjectItems())
            {
                int page = result.Page("Page") ?? throw result.Error("has no Page");
                if (_pageSources.TryGetValue(page, out string? earlier))
                {
                    string message = $"{result.Source}: page {page} ({result.Path}) was already read from {earlier} (the same output page read twice?)";
                    if (!_options.Lenient) throw new TextractOutputException(message + ".", result.Source);
                    _warnings.Add(new TextractDocumentWarning(OutputWarningCodes.RepeatedOutput, message + "; it was dropped.", new[] { page }, result.Source));
                    continue;
                }
                _pageSources.Add(page, result.Source);
                _pages.Add(ReadResult(result, page));
            }
        }

        public TextractLendingOutput Build(OutputStatus status)
        {
            List<PageDraft> pages = _pages.OrderBy(p => p.Page).ToList();

            // Expense documents on lending pages carry no ExpenseIndex that is unique: they are numbered in page order.
            var expenseDrafts = new List<KeyValuePair<int, ExpenseDocumentDraft>>();
            foreach (PageDraft page in pages)
            {
                foreach (ExpenseDocumentDraft draft in page.Expense) expenseDrafts.Add(new KeyValuePair<int, ExpenseDocumentDraft>(expenseDrafts.Count + 1, draft));
            }
            var expense = new ExpenseBuilder(_origin, _options);
            expense.Build(expenseDrafts);

            var built = new List<TextractLendingPage>(pages.Count);
            int nextExpense = 0;
            foreach (PageDraft page in pages)
            {
                List<TextractExpenseDocument> expenseDocuments = expense.Documents.GetRange(nextExpense, page.Expense.Count);
                nextExpense += page.Expense.Count;
                built.Add(new TextractLendingPage(_origin, page.Page, page.PageTypes, page.PageNumbers, page.PageType, page.PageNumber,
                    ReadableList<TextractLendingField>.Of(page.Fields, "; "), ReadableList<TextractLendingSignature>.Of(page.Signatures, "; "),
                    ReadableList<TextractExpenseDocument>.Of(expenseDocuments, "; "), ReadableList<TextractIdentityDocument>.Of(page.Identity, "; ")));
            }

            int highestPage = pages.Count == 0 ? 0 : pages[pages.Count - 1].Page;
            status.Complete(System.Math.Max(highestPage, expense.HighestPage), _warnings, expense.Warnings);
            return new TextractLendingOutput(_origin, status, ReadableList<TextractLendingPage>.Of(built, "; "),
                ReadableList<TextractLendingField>.Of(pages.SelectMany(p => p.Fields).ToList(), "; "),
                ReadableList<TextractLendingSignature>.Of(pages.SelectMany(p => p.Signatures).ToList(), "; "),
                ReadableList<TextractExpenseDocument>.Of(expense.Documents, "; "),
                ReadableList<TextractLineItem>.Of(expense.LineItems, "; "), expense.LineItemColumns,
                ReadableList<TextractIdentityDocument>.Of(pages.SelectMany(p => p.Identity).ToList(), "; "));
        }

        private PageDraft ReadResult(JsonSpot result, int page)
        {
            JsonSpot? classification = result.Object("PageClassification");
            var pageTypes = Predictions(classification, "PageType");
            var pageNumbers = Predictions(classification, "PageNumber");
            var draft = new PageDraft(page, pageTypes, pageNumbers);
            string pageType = draft.PageType?.Value ?? string.Empty;
            foreach (JsonSpot extraction in result.Objects("Extractions"))
            {
                foreach (KeyValuePair<string, JsonSpot> member in extraction.Members())
                {
                    JsonSpot value = member.Value;
                    switch (member.Key)
                    {
                        case "LendingDocument":
                            value.ExpectObject();
                            foreach (JsonSpot field in value.Objects("LendingFields")) draft.Fields.Add(ReadField(field, page, pageType));
                            foreach (JsonSpot signature in value.Objects("SignatureDetections"))
                            {
                                draft.Signatures.Add(new TextractLendingSignature(_origin, page, pageType, signature.Number("Confidence"), signature.BoundingBox()));
                            }
                            break;
                        case "ExpenseDocument":
                            value.ExpectObject();
                            draft.Expense.Add(ExpenseDocumentDraft.Read(value, page));
                            break;
                        case "IdentityDocument":
                            value.ExpectObject();
                            draft.Identity.Add(ReadIdentity(value, page));
                            break;
                        default:
                            _warnings.Add(new TextractDocumentWarning(OutputWarningCodes.UnknownExtraction,
                                $"{result.Source}: page {page} holds a {member.Key} extraction ({value.Path}), which this version does not read.",
                                new[] { page }, result.Source));
                            break;
                    }
                }
            }
            return draft;
        }

        private IReadOnlyList<TextractLendingPrediction> Predictions(JsonSpot? classification, string name)
        {
            if (classification == null) return ReadableList<TextractLendingPrediction>.Empty;
            return ReadableList<TextractLendingPrediction>.Of(classification.Value.Objects(name)
                .Select(p => new TextractLendingPrediction(_origin, p.String("Value") ?? string.Empty, p.Number("Confidence")))
                .ToList());
        }

        private TextractLendingField ReadField(JsonSpot field, int page, string pageType)
        {
            TextractLendingDetection? key = field.Object("KeyDetection") is JsonSpot keySpot ? Detection(keySpot) : null;
            List<TextractLendingDetection> values = field.Objects("ValueDetections").Select(Detection).ToList();
            return new TextractLendingField(_origin, page, pageType, field.String("Type") ?? string.Empty, key,
                ReadableList<TextractLendingDetection>.Of(values, "; "), TopConfidence.Of(values, v => v.Confidence));
        }

        private TextractLendingDetection Detection(JsonSpot detection) =>
            new TextractLendingDetection(_origin, detection.String("Text") ?? string.Empty, detection.String("SelectionStatus"),
                detection.Number("Confidence"), detection.BoundingBox());

        private TextractIdentityDocument ReadIdentity(JsonSpot document, int page)
        {
            // Like expense documents on lending pages, identity documents are numbered in the order read.
            int index = ++_identityDocuments;
            var fields = new List<TextractIdentityField>();
            foreach (JsonSpot field in document.Objects("IdentityDocumentFields"))
            {
                JsonSpot? type = field.Object("Type");
                JsonSpot? value = field.Object("ValueDetection");
                JsonSpot? normalized = value?.Object("NormalizedValue");
                fields.Add(new TextractIdentityField(_origin, index, page,
                    type?.String("Text") ?? string.Empty, type?.Number("Confidence"),
                    value?.String("Text") ?? string.Empty, value?.Number("Confidence"),
                    normalized?.String("Value"), normalized?.String("ValueType")));
            }
            HashSet<string> used = UniqueNames.NewSet();
            string[] names = fields.Select(f => UniqueNames.Claim(f.Type.Length == 0 ? "FIELD" : f.Type, used)).ToArray();
            var values = new OrderedStringMap(names, fields.Select(f => f.Value).ToArray());

            RawOutputPage? blockAnswer = ExtractionBlocks.AsAnswer(document);
            ExtractionBlocks.Read blocks = ExtractionBlocks.From(blockAnswer == null ? new RawOutputPage[0] : new[] { blockAnswer }, _origin, _options.Lenient, _warnings);
            return new TextractIdentityDocument(_origin, index, page, ReadableList<TextractIdentityField>.Of(fields, "; "), values, blocks.Lines, blocks.Text);
        }

        private sealed class PageDraft
        {
            public PageDraft(int page, IReadOnlyList<TextractLendingPrediction> pageTypes, IReadOnlyList<TextractLendingPrediction> pageNumbers)
            {
                Page = page;
                PageTypes = pageTypes;
                PageNumbers = pageNumbers;
                PageType = TopConfidence.Of(pageTypes, p => p.Confidence);
                PageNumber = TopConfidence.Of(pageNumbers, p => p.Confidence);
            }

            public int Page { get; }
            public IReadOnlyList<TextractLendingPrediction> PageTypes { get; }
            public IReadOnlyList<TextractLendingPrediction> PageNumbers { get; }
            public TextractLendingPrediction? PageType { get; }
            public TextractLendingPrediction? PageNumber { get; }
            public List<TextractLendingField> Fields { get; } = new List<TextractLendingField>();
            public List<TextractLendingSignature> Signatures { get; } = new List<TextractLendingSignature>();
            public List<ExpenseDocumentDraft> Expense { get; } = new List<ExpenseDocumentDraft>();
            public List<TextractIdentityDocument> Identity { get; } = new List<TextractIdentityDocument>();
        }
    }
}
