using System.Collections.Generic;
using TextractTools.Engine.Document.Files;
using TextractTools.Engine.Document.Lending;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// Reads lending analysis output: GetLendingAnalysis pages (or the numbered objects a lending job writes under
    /// detailedResponse/ in the output bucket, or saved answers) into a <see cref="TextractLendingOutput"/>, and the
    /// GetLendingAnalysisSummary answer (summaryResponse/ in the bucket) into a <see cref="TextractLendingSummary"/>.
    /// </summary>
    public static class TextractLendingReader
    {
        /// <summary>Reads every GetLendingAnalysis page of one job.</summary>
        /// <param name="origin">The origin every object will refer to (a new, empty one when null): the caller may fill it in later.</param>
        /// <param name="options">Only <see cref="DocumentReadOptions.Lenient"/> applies: damage becomes warnings.</param>
        /// <exception cref="TextractOutputException">
        /// Malformed JSON, a value of the wrong shape, a FAILED or unfinished job, output of another kind, or a page
        /// read twice: the message names the output page.
        /// </exception>
        public static TextractLendingOutput Read(IEnumerable<RawOutputPage> pages, TextractDocumentOrigin? origin = null, DocumentReadOptions? options = null)
        {
            options ??= new DocumentReadOptions();
            var reader = new LendingResultReader(origin ?? new TextractDocumentOrigin(), options);
            List<AnswerInfo> answers = JsonAnswers.Read(pages, TextractOutputKind.Lending, (answer, results) => reader.Add(results));
            return reader.Build(OutputStatus.Of(answers));
        }

        /// <summary>Reads a saved answer, or a saved JSON array of answers; the origin's Document is the path unless given.</summary>
        public static TextractLendingOutput ReadFile(string path, TextractDocumentOrigin? origin = null, DocumentReadOptions? options = null) =>
            Read(SavedOutputFile.ReadPieces(path), origin ?? new TextractDocumentOrigin(path), options);

        /// <summary>Reads a folder of numbered output objects (1, 2, ... in numeric order), e.g. a job's detailedResponse/.</summary>
        public static TextractLendingOutput ReadFolder(string path, TextractDocumentOrigin? origin = null, DocumentReadOptions? options = null) =>
            Read(NumberedOutputFolder.ReadPages(path), origin ?? new TextractDocumentOrigin(path), options);

        /// <summary>Reads a GetLendingAnalysisSummary answer.</summary>
        public static TextractLendingSummary ReadSummary(RawOutputPage page, TextractDocumentOrigin? origin = null, DocumentReadOptions? options = null) =>
            ReadSummary(new[] { page }, origin, options);

        /// <summary>Reads GetLendingAnalysisSummary answers (one is the rule; groups of several are joined by type).</summary>
        /// <exception cref="TextractOutputException">As for <see cref="Read"/>.</exception>
        public static TextractLendingSummary ReadSummary(IEnumerable<RawOutputPage> pages, TextractDocumentOrigin? origin = null, DocumentReadOptions? options = null)
        {
            options ??= new DocumentReadOptions();
            var reader = new LendingSummaryReader(origin ?? new TextractDocumentOrigin(), options.Lenient);
            List<AnswerInfo> answers = JsonAnswers.Read(pages, TextractOutputKind.LendingSummary, (answer, summary) => reader.Add(summary));
            return reader.Build(OutputStatus.Of(answers));
        }

        /// <summary>Reads a saved summary answer; the origin's Document is the path unless given.</summary>
        public static TextractLendingSummary ReadSummaryFile(string path, TextractDocumentOrigin? origin = null, DocumentReadOptions? options = null) =>
            ReadSummary(SavedOutputFile.ReadPieces(path), origin ?? new TextractDocumentOrigin(path), options);
    }
}
