using System.Collections.Generic;
using TextractTools.Engine.Document.Expense;
using TextractTools.Engine.Document.Files;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// Reads expense analysis output (GetExpenseAnalysis pages, the numbered objects an expense job writes to the
    /// output bucket, or saved AnalyzeExpense/GetExpenseAnalysis answers) into a <see cref="TextractExpenseOutput"/>.
    /// </summary>
    public static class TextractExpenseReader
    {
        /// <summary>Reads every output page of one expense job (or one synchronous answer).</summary>
        /// <param name="origin">The origin every object will refer to (a new, empty one when null): the caller may fill it in later.</param>
        /// <param name="options">Only <see cref="DocumentReadOptions.Lenient"/> applies: damage becomes warnings.</param>
        /// <exception cref="TextractOutputException">
        /// Malformed JSON, a value of the wrong shape, a FAILED or unfinished job, output of another kind, or the same
        /// expense document read twice: the message names the output page.
        /// </exception>
        public static TextractExpenseOutput Read(IEnumerable<RawOutputPage> pages, TextractDocumentOrigin? origin = null, DocumentReadOptions? options = null)
        {
            options ??= new DocumentReadOptions();
            origin ??= new TextractDocumentOrigin();
            var merger = new ExpenseDocumentMerger(options.Lenient);
            List<AnswerInfo> answers = JsonAnswers.Read(pages, TextractOutputKind.Expense, (answer, expenseDocuments) => merger.Add(expenseDocuments));
            OutputStatus status = OutputStatus.Of(answers);

            var builder = new ExpenseBuilder(origin, options);
            builder.Build(merger.Documents());
            status.Complete(builder.HighestPage, merger.Warnings, builder.Warnings);
            return new TextractExpenseOutput(origin, status, ReadableList<TextractExpenseDocument>.Of(builder.Documents, "; "),
                ReadableList<TextractExpenseField>.Of(builder.SummaryFields, "; "), ReadableList<TextractLineItem>.Of(builder.LineItems, "; "),
                builder.LineItemColumns);
        }

        /// <summary>Reads a saved answer, or a saved JSON array of answers; the origin's Document is the path unless given.</summary>
        public static TextractExpenseOutput ReadFile(string path, TextractDocumentOrigin? origin = null, DocumentReadOptions? options = null) =>
            Read(SavedOutputFile.ReadPieces(path), origin ?? new TextractDocumentOrigin(path), options);

        /// <summary>Reads a folder of numbered output objects (1, 2, ... in numeric order) as the job wrote them to S3.</summary>
        public static TextractExpenseOutput ReadFolder(string path, TextractDocumentOrigin? origin = null, DocumentReadOptions? options = null) =>
            Read(NumberedOutputFolder.ReadPages(path), origin ?? new TextractDocumentOrigin(path), options);
    }
}
