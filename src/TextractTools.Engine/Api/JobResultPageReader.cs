using System;
using System.Collections.Generic;
using System.Text.Json;

namespace TextractTools.Engine.Api
{
    /// <summary>
    /// Reads the status members of one Get*-style JSON answer (from the API, or a numbered object of the output
    /// bucket) without materialising its Blocks: those are skipped token by token and left in the bytes, which the
    /// page keeps as received. Explicit JSON nulls (as in output written to S3) read as absent.
    /// </summary>
    public static class JobResultPageReader
    {
        /// <summary>Reads <paramref name="json"/>; the array is kept (not copied) as <see cref="JobResultPage.Json"/>.</summary>
        /// <exception cref="JsonException">The bytes are not a JSON object.</exception>
        public static JobResultPage Read(byte[] json)
        {
            if (json is null)
            {
                throw new ArgumentNullException(nameof(json));
            }

            var page = new JobResultPage { Json = json };
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("A Textract result page must be a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = reader.GetString();
                reader.Read();
                ReadMember(ref reader, member, page);
            }

            return page;
        }

        private static void ReadMember(ref Utf8JsonReader reader, string? member, JobResultPage page)
        {
            switch (member)
            {
                case "JobStatus":
                    page.JobStatus = ReadString(ref reader) ?? "";
                    break;
                case "StatusMessage":
                    page.StatusMessage = ReadString(ref reader);
                    break;
                case "NextToken":
                    page.NextToken = ReadString(ref reader);
                    break;
                case "DocumentMetadata":
                    page.PageCount = ReadDocumentPageCount(ref reader);
                    break;
                case "Warnings":
                    page.Warnings = ReadWarnings(ref reader);
                    break;
                default:
                    if (member != null && IsModelVersion(member))
                    {
                        page.ModelVersion = ReadString(ref reader) ?? page.ModelVersion;
                        break;
                    }
                    // Blocks, ExpenseDocuments, Results and anything newer: step over without building anything.
                    reader.Skip();
                    break;
            }
        }

        private static bool IsModelVersion(string member)
        {
            foreach (var kind in TextractJobKindInfo.All)
                if (member == kind.ModelVersionMember) return true;
            return false;
        }

        private static int? ReadDocumentPageCount(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return null;
            }

            int? pages = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isPages = reader.ValueTextEquals("Pages");
                reader.Read();
                if (isPages)
                {
                    pages = ReadInt(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            return pages;
        }

        private static IReadOnlyList<JobWarning> ReadWarnings(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                return Array.Empty<JobWarning>();
            }

            var warnings = new List<JobWarning>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    warnings.Add(ReadWarning(ref reader));
                }
                else
                {
                    reader.Skip();
                }
            }

            return warnings;
        }

        private static JobWarning ReadWarning(ref Utf8JsonReader reader)
        {
            string? errorCode = null;
            IReadOnlyList<int> pages = Array.Empty<int>();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = reader.GetString();
                reader.Read();
                if (member == "ErrorCode")
                {
                    errorCode = ReadString(ref reader);
                }
                else if (member == "Pages")
                {
                    pages = ReadIntArray(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            return new JobWarning(errorCode, pages);
        }

        private static IReadOnlyList<int> ReadIntArray(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                return Array.Empty<int>();
            }

            var values = new List<int>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var value = ReadInt(ref reader);
                if (value.HasValue)
                {
                    values.Add(value.Value);
                }
            }

            return values;
        }

        private static string? ReadString(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
            return null;
        }

        private static int? ReadInt(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
            {
                return value;
            }

            reader.Skip();
            return null;
        }
    }
}
