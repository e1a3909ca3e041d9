using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using TextractTools.Engine.Api;
using TextractTools.Engine.Document.Files;
using TextractTools.Engine.Document.Parsing;

namespace TextractTools.Engine.Document
{
    /// <summary>
    /// Tells which kind of Textract output a page, a saved file or a folder holds, so that a caller can pick the
    /// reader (and say what the output holds when asked for something it does not have). The answer member that
    /// carries the results decides: Blocks, ExpenseDocuments, Results, Summary or IdentityDocuments.
    /// </summary>
    public static class TextractOutputKinds
    {
        /// <summary>
        /// The kind of the first answer of <paramref name="page"/> that has results (a saved array may start with
        /// answers that carry only a status). Only the answers' top-level member names are looked at, and the scan
        /// stops at the first result member that holds something, so a file of hundreds of MB is not parsed. Later
        /// answers are checked by the reader, which refuses an answer of another kind.
        /// </summary>
        /// <exception cref="TextractOutputException">The JSON is malformed before the first result member.</exception>
        public static TextractOutputKind Detect(RawOutputPage page)
        {
            if (page == null) throw new ArgumentNullException(nameof(page));
            string source = JsonAnswers.SourceOf(page, 0);
            ReadOnlySpan<byte> json = JsonErrors.WithoutBom(page.Json.Span);
            var reader = new Utf8JsonReader(json, JsonErrors.ReaderOptions);
            try
            {
                return Scan(ref reader);
            }
            catch (JsonException e)
            {
                throw page.Placement == null
                    ? JsonErrors.Malformed(source, json, e, reader.BytesConsumed)
                    : page.Placement.Malformed(source, new JsonSyntaxException(e.Message, reader.BytesConsumed));
            }
        }

        /// <summary>
        /// The kind of a saved file given as its pieces (<see cref="SavedOutputFile"/>): pieces are taken until one
        /// that holds results (those before it carry only a status), as <see cref="Detect(RawOutputPage)"/> looks past
        /// such answers. The pieces taken are added to <paramref name="taken"/>, for the reader. No piece: Unknown.
        /// </summary>
        internal static TextractOutputKind Detect(IEnumerator<RawOutputPage> pieces, List<RawOutputPage> taken)
        {
            TextractOutputKind found = TextractOutputKind.Unknown;
            while (pieces.MoveNext())
            {
                taken.Add(pieces.Current);
                found = Detect(pieces.Current);
                if (found != TextractOutputKind.StatusOnly) break;
            }
            return found;
        }

        /// <summary>
        /// The kind of a saved answer (or array of answers), or of a folder of numbered output objects (its first
        /// object decides). A file is read only as far as its first answer with results.
        /// </summary>
        public static TextractOutputKind DetectPath(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (Directory.Exists(path)) return Detect(NumberedOutputFolder.ReadFile(NumberedOutputFolder.ListFiles(path)[0]));
            using (IEnumerator<RawOutputPage> pieces = SavedOutputFile.ReadPieces(path).GetEnumerator())
            {
                return Detect(pieces, new List<RawOutputPage>());
            }
        }

        /// <summary>What the kind holds, in words for a message ("expense analysis output (ExpenseDocuments) ...").</summary>
        public static string Describe(TextractOutputKind kind)
        {
            switch (kind)
            {
                case TextractOutputKind.StatusOnly: return "a job status without results";
                case TextractOutputKind.Blocks: return "text detection or document analysis output (Blocks: pages, lines, words, forms, tables)";
                case TextractOutputKind.Expense: return "expense analysis output (ExpenseDocuments: invoices and receipts, their summary fields and line items)";
                case TextractOutputKind.Lending: return "lending analysis output (Results: classified pages and their lending fields)";
                case TextractOutputKind.LendingSummary: return "a lending analysis summary (Summary: document groups and split documents)";
                case TextractOutputKind.Identity: return "identity document analysis output (IdentityDocuments)";
                default: return "JSON that is not Textract output";
            }
        }

        /// <summary>The kind of output a job of <paramref name="kind"/> writes (expense analysis: Expense ...).</summary>
        public static TextractOutputKind Of(TextractJobKind kind)
        {
            switch (kind)
            {
                case TextractJobKind.ExpenseAnalysis: return TextractOutputKind.Expense;
                case TextractJobKind.LendingAnalysis: return TextractOutputKind.Lending;
                default: return TextractOutputKind.Blocks;
            }
        }

        // The answer member that carries each kind's results: the job kinds' own (TextractJobKindInfo.ResultsMember),
        // and those of the answers that belong to no job kind of their own.
        private static readonly (string Member, TextractOutputKind Kind)[] ResultMembers =
            TextractJobKindInfo.All.Select(info => (info.ResultsMember, Of(info.Kind)))
                .Concat(new[] { ("Summary", TextractOutputKind.LendingSummary), ("IdentityDocuments", TextractOutputKind.Identity) })
                .Distinct()
                .ToArray();

        /// <summary>The kind an answer member announces when it is present and not null, else null.</summary>
        internal static TextractOutputKind? OfMember(string name)
        {
            foreach ((string member, TextractOutputKind kind) in ResultMembers)
            {
                if (member == name) return kind;
            }
            return null;
        }

        /// <summary>The answer member that carries a kind's results (Blocks for a kind without results).</summary>
        internal static string MemberOf(TextractOutputKind kind)
        {
            foreach ((string member, TextractOutputKind each) in ResultMembers)
            {
                if (each == kind) return member;
            }
            return "Blocks";
        }

        /// <summary>Members that make a JSON object a Textract answer even when it holds no results.</summary>
        internal static bool IsStatusMember(string name) => name == "JobStatus" || name == "DocumentMetadata";

        private static TextractOutputKind Scan(ref Utf8JsonReader reader)
        {
            if (!reader.Read()) return TextractOutputKind.Unknown;
            if (reader.TokenType == JsonTokenType.StartObject) return ScanAnswer(ref reader);
            if (reader.TokenType != JsonTokenType.StartArray) return TextractOutputKind.Unknown;
            TextractOutputKind found = TextractOutputKind.Unknown;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject) return TextractOutputKind.Unknown;
                TextractOutputKind kind = ScanAnswer(ref reader);
                if (kind != TextractOutputKind.StatusOnly) return kind;
                found = kind;
            }
            return found;
        }

        /// <summary>
        /// Reads an answer object's members up to its first result member that holds something (or to its end). An
        /// empty result array decides only when no other result member holds something: output written with every
        /// member of the shape present would not be misread by an empty one.
        /// </summary>
        private static TextractOutputKind ScanAnswer(ref Utf8JsonReader reader)
        {
            bool status = false;
            TextractOutputKind? empty = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                if (reader.TokenType != JsonTokenType.Null)
                {
                    TextractOutputKind? kind = OfMember(name);
                    if (kind != null)
                    {
                        if (!IsEmptyArray(reader)) return kind.Value;
                        empty ??= kind;
                    }
                    if (IsStatusMember(name)) status = true;
                }
                reader.Skip();
            }
            return empty ?? (status ? TextractOutputKind.StatusOnly : TextractOutputKind.Unknown);
        }

        /// <summary>Whether the value the reader is on is [] (looked at on a copy: the reader stays where it is).</summary>
        private static bool IsEmptyArray(Utf8JsonReader copy) =>
            copy.TokenType == JsonTokenType.StartArray && copy.Read() && copy.TokenType == JsonTokenType.EndArray;
    }
}
