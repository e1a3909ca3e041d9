using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TextractTools.Engine.Document.Building;
using TextractTools.Engine.Document.Files;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// One job's output read into the model of its kind: a <see cref="TextractDocument"/> for text detection and
    /// document analysis, a <see cref="TextractExpenseOutput"/> for expense analysis, a <see cref="TextractLendingOutput"/>
    /// for lending analysis, or a <see cref="TextractLendingSummary"/> when a summary was read.
    /// </summary>
    public sealed class TextractOutput
    {
        internal TextractOutput(TextractOutputKind kind, TextractDocumentOrigin origin, object model)
        {
            Kind = kind;
            Origin = origin;
            Model = model;
        }

        public TextractOutputKind Kind { get; }

        /// <summary>Where the output came from, shared by every object read (set Document and JobId here).</summary>
        public TextractDocumentOrigin Origin { get; }

        /// <summary>The read model: a TextractDocument, TextractExpenseOutput, TextractLendingOutput or TextractLendingSummary.</summary>
        public object Model { get; }

        public TextractDocument? Blocks => Model as TextractDocument;
        public TextractExpenseOutput? Expense => Model as TextractExpenseOutput;
        public TextractLendingOutput? Lending => Model as TextractLendingOutput;
        public TextractLendingSummary? LendingSummary => Model as TextractLendingSummary;

        /// <summary>Textract's warnings and the reader's own, whatever the kind.</summary>
        public IReadOnlyList<TextractDocumentWarning> Warnings => Blocks?.Warnings ?? ((TextractOutputResult)Model).Warnings;

        /// <summary>DocumentMetadata.Pages (or the highest page seen), for the completeness check.</summary>
        public int PageCount => Blocks?.PageCount ?? ((TextractOutputResult)Model).PageCount;

        public override string ToString() => Model.ToString() ?? Kind.ToString();
    }

    /// <summary>
    /// Reads output of any kind: the kind is the job's when known, else found from the first page (the answer member
    /// that holds the results decides). One entry point for Get-TextractOutput and the batch.
    /// </summary>
    public static class TextractOutputReader
    {
        /// <summary>Reads <paramref name="pages"/> (streamed: each is parsed as it arrives).</summary>
        /// <param name="kind">The kind the pages hold; null: found from the first page.</param>
        /// <exception cref="TextractOutputException">Malformed output, output of another kind than <paramref name="kind"/>, no pages.</exception>
        public static TextractOutput Read(IEnumerable<RawOutputPage> pages, TextractOutputKind? kind, TextractDocumentOrigin origin, DocumentReadOptions? options = null)
        {
            if (pages is null) throw new ArgumentNullException(nameof(pages));
            if (origin is null) throw new ArgumentNullException(nameof(origin));
            using var enumerator = pages.GetEnumerator();
            var (actual, first, all) = Begin(enumerator, kind);
            switch (actual)
            {
                case TextractOutputKind.Expense:
                    return new TextractOutput(actual, origin, TextractExpenseReader.Read(all, origin, options));
                case TextractOutputKind.Lending:
                    return new TextractOutput(actual, origin, TextractLendingReader.Read(all, origin, options));
                case TextractOutputKind.LendingSummary:
                    return new TextractOutput(actual, origin, TextractLendingReader.ReadSummary(all, origin, options));
                case TextractOutputKind.Blocks:
                case TextractOutputKind.StatusOnly:
                    var document = TextractDocumentReader.Read(all, origin, options);
                    return new TextractOutput(TextractOutputKind.Blocks, origin, document);
                default:
                    throw new TextractOutputException($"{first.Source} holds {TextractOutputKinds.Describe(actual)}, which this module does not read.", first.Source);
            }
        }

        /// <summary>
        /// The kind of the pages (the given one, else the first page's) for <see cref="Read"/> and <see cref="ReadParts"/>
        /// alike, the first page, and all the pages again from the first.
        /// </summary>
        private static (TextractOutputKind Kind, RawOutputPage First, IEnumerable<RawOutputPage> All) Begin(IEnumerator<RawOutputPage> pages, TextractOutputKind? kind)
        {
            if (!pages.MoveNext()) throw new TextractOutputException("No output pages were given to read.");
            RawOutputPage first = pages.Current;
            return (kind ?? TextractOutputKinds.Detect(first), first, Prepend(new[] { first }, pages));
        }

        /// <summary>
        /// Reads <paramref name="pages"/> in parts as they arrive: block output (text detection, document analysis) one
        /// Textract page at a time (<see cref="TextractDocumentReader.ReadByPage"/>), so that only a page is held;
        /// output of the other kinds, whose results are not by page, as one part.
        /// </summary>
        public static IEnumerable<TextractOutput> ReadParts(IEnumerable<RawOutputPage> pages, TextractOutputKind? kind, TextractDocumentOrigin origin, DocumentReadOptions? options = null)
        {
            if (pages is null) throw new ArgumentNullException(nameof(pages));
            if (origin is null) throw new ArgumentNullException(nameof(origin));
            return ReadPartsOf(pages, kind, origin, options);
        }

        private static IEnumerable<TextractOutput> ReadPartsOf(IEnumerable<RawOutputPage> pages, TextractOutputKind? kind, TextractDocumentOrigin origin, DocumentReadOptions? options)
        {
            using var enumerator = pages.GetEnumerator();
            var (actual, _, all) = Begin(enumerator, kind);
            if (actual != TextractOutputKind.Blocks && actual != TextractOutputKind.StatusOnly)
            {
                yield return Read(all, actual, origin, options);
                yield break;
            }
            foreach (var document in TextractDocumentReader.ReadByPage(all, origin, options))
            {
                yield return new TextractOutput(TextractOutputKind.Blocks, origin, document);
            }
        }

        /// <summary>
        /// Reads saved output (as <see cref="ReadPath"/>) in parts as <see cref="ReadParts"/> does: a file or a folder of
        /// numbered objects holding block output one Textract page at a time, streamed from the disk.
        /// </summary>
        public static IEnumerable<TextractOutput> ReadPathParts(string path, bool summary, DocumentReadOptions? options = null) =>
            ReadSaved(path, summary, options, byPage: true);

        /// <summary>
        /// Reads saved output: a file (one answer or an array of answers), a folder of numbered objects, or a lending
        /// job's folder as Textract writes it (detailedResponse/ pages; <paramref name="summary"/>: its summaryResponse/).
        /// The origin's Document is the path.
        /// </summary>
        public static TextractOutput ReadPath(string path, bool summary, DocumentReadOptions? options = null) =>
            ReadSaved(path, summary, options, byPage: false).Single();

        /// <summary>Saved output of every form, whole (one part) or block output <paramref name="byPage"/>.</summary>
        private static IEnumerable<TextractOutput> ReadSaved(string path, bool summary, DocumentReadOptions? options, bool byPage)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            var origin = new TextractDocumentOrigin(path);
            if (File.Exists(path)) return ReadSavedFile(path, origin, options, byPage);
            var lending = LendingJobFolder.Of(path);
            if (lending != null)
            {
                return new[]
                {
                    summary
                        ? Read(NumberedOutputFolder.ReadPages(lending.Value.Summary), TextractOutputKind.LendingSummary, origin, options)
                        : Read(NumberedOutputFolder.ReadPages(lending.Value.Pages), TextractOutputKind.Lending, origin, options),
                };
            }
            var kind = TextractOutputKinds.DetectPath(path);
            if (kind != TextractOutputKind.Blocks && kind != TextractOutputKind.StatusOnly) return new[] { Read(NumberedOutputFolder.ReadPages(path), kind, origin, options) };
            if (byPage) return ReadParts(NumberedOutputFolder.ReadPages(path), kind, origin, options);
            // Folders of block output are parsed on several threads (TextractDocumentReader.ReadFolder).
            return new[] { new TextractOutput(TextractOutputKind.Blocks, origin, TextractDocumentReader.ReadFolder(path, origin, options)) };
        }

        /// <summary>
        /// Where a lending job's pages (or its summary) are kept under a folder of saved output: detailedResponse/ and
        /// summaryResponse/, as in the output bucket, so that <see cref="ReadPath"/> reads both back.
        /// </summary>
        public static string SavedLendingFolder(string folder, bool summary)
        {
            var (pages, summaryFolder) = LendingJobFolder.Under(folder);
            return summary ? summaryFolder : pages;
        }

        /// <summary>
        /// A saved file, read as a stream of pieces (<see cref="SavedOutputFile"/>): the first pieces tell the kind;
        /// block output is parsed on several threads (as a folder is), whole or, <paramref name="byPage"/>, built one
        /// Textract page at a time; other kinds piece after piece, whole.
        /// </summary>
        private static IEnumerable<TextractOutput> ReadSavedFile(string path, TextractDocumentOrigin origin, DocumentReadOptions? options, bool byPage)
        {
            var buffers = new PieceBuffers();
            using (IEnumerator<RawOutputPage> pieces = SavedOutputFile.ReadPieces(path, buffers).GetEnumerator())
            {
                var taken = new List<RawOutputPage>();
                TextractOutputKind kind = TextractOutputKinds.Detect(pieces, taken);
                if (taken.Count == 0) throw SavedOutputFile.NoAnswer(path);
                if (kind != TextractOutputKind.Blocks && kind != TextractOutputKind.StatusOnly)
                {
                    yield return Read(Prepend(taken, pieces), kind, origin, options);
                    yield break;
                }
                using (IEnumerator<RawOutputPage> all = Prepend(taken, pieces).GetEnumerator())
                {
                    if (!byPage)
                    {
                        var document = TextractDocumentReader.ReadPieces(path, all, buffers, origin, options, ParallelPageParser.DefaultWorkers);
                        yield return new TextractOutput(TextractOutputKind.Blocks, origin, document);
                        yield break;
                    }
                    var batches = ParallelPageParser.ParsePieces(all, buffers, ParallelPageParser.DefaultWorkers);
                    foreach (TextractDocument part in PageByPageReader.Read(batches, origin, options ?? new DocumentReadOptions()))
                    {
                        yield return new TextractOutput(TextractOutputKind.Blocks, origin, part);
                    }
                }
            }
        }

        private static IEnumerable<RawOutputPage> Prepend(IEnumerable<RawOutputPage> first, IEnumerator<RawOutputPage> rest)
        {
            foreach (RawOutputPage page in first) yield return page;
            while (rest.MoveNext()) yield return rest.Current;
        }
    }
}
