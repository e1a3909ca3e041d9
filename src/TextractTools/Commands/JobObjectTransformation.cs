using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TextractTools.Engine.Api;
using TextractTools.Engine.Jobs;

namespace TextractTools.Commands
{
    /// <summary>
    /// Lets -Job take what looks like a job as well as a job: a TextractJob saved with Export-Clixml and read back with
    /// Import-Clixml (a Deserialized.* object), or any object with JobId and Kind properties (and Region, EndpointUrl,
    /// OutputLocation or OutputUri, Document ... where it has them), such as a row of Import-Csv or ConvertFrom-Json.
    /// Anything else is left as it is, for the other parameter sets (a bare JobId, an s3:// string, a file).
    /// </summary>
    internal sealed class JobObjectTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            if (inputData is IList list && !(inputData is string))
            {
                var jobs = new List<TextractJob>(list.Count);
                foreach (object? item in list)
                {
                    var job = JobObjects.From(item);
                    if (job is null) return inputData; // not all of them are jobs: let the binder say so
                    jobs.Add(job);
                }
                return jobs.ToArray();
            }
            return (object?)JobObjects.From(inputData) ?? inputData;
        }
    }

    /// <summary>Reads a job from an object that carries a job's properties (see <see cref="JobObjectTransformationAttribute"/>).</summary>
    internal static class JobObjects
    {
        /// <summary>The job, or null when <paramref name="value"/> has no JobId and Kind.</summary>
        public static TextractJob? From(object? value)
        {
            if (value is null) return null;
            if (value is TextractJob job) return job;
            if (!(value is PSObject ps)) return null;
            if (ps.BaseObject is TextractJob wrapped) return wrapped;
            string? jobId = Text(ps, "JobId");
            object? kindValue = Value(ps, "Kind");
            if (string.IsNullOrEmpty(jobId) || kindValue is null || !TryKind(kindValue, out TextractJobKind kind)) return null;

            var result = new TextractJob
            {
                JobId = jobId!,
                Kind = kind,
                Document = Text(ps, "Document") ?? "",
                LocalPath = Text(ps, "LocalPath"),
                Features = Texts(ps, "Features"),
                KmsKeyId = Text(ps, "KmsKeyId"),
                JobTag = Text(ps, "JobTag"),
                ClientRequestToken = Text(ps, "ClientRequestToken"),
                Region = Text(ps, "Region") ?? "",
                EndpointUrl = Text(ps, "EndpointUrl"),
                StartedAt = Time(Value(ps, "StartedAt")),
                Status = Text(ps, "Status") ?? "IN_PROGRESS",
                StatusMessage = Text(ps, "StatusMessage"),
                Pages = Value(ps, "Pages") is { } pages && LanguagePrimitives.TryConvertTo(pages, CultureInfo.InvariantCulture, out int count) ? count : (int?)null,
                Warnings = Texts(ps, "Warnings"),
                CompletedAt = Time(Value(ps, "CompletedAt")),
            };
            // The output configuration: OutputUri as saved, else recovered from OutputLocation ({prefix}/{JobId}/).
            string? outputUri = Text(ps, "OutputUri") ?? OutputUriOf(Text(ps, "OutputLocation"), jobId!);
            if (!string.IsNullOrEmpty(outputUri)) result.OutputUri = outputUri;
            return result;
        }

        private static string? OutputUriOf(string? outputLocation, string jobId)
        {
            if (string.IsNullOrEmpty(outputLocation)) return null;
            string folder = outputLocation!.TrimEnd('/');
            return folder.EndsWith("/" + jobId, StringComparison.Ordinal) ? folder.Substring(0, folder.Length - jobId.Length - 1) : null;
        }

        private static bool TryKind(object value, out TextractJobKind kind)
        {
            object raw = value is PSObject ps ? ps.BaseObject : value;
            if (raw is TextractJobKind known)
            {
                kind = known;
                return true;
            }
            // A deserialized enum is its number with the name as its text; JSON has the number, CSV the name.
            if (Enum.TryParse(value.ToString(), ignoreCase: true, out kind) && Enum.IsDefined(typeof(TextractJobKind), kind)) return true;
            if (raw is int number && Enum.IsDefined(typeof(TextractJobKind), number))
            {
                kind = (TextractJobKind)number;
                return true;
            }
            return false;
        }

        private static object? Value(PSObject ps, string name)
        {
            object? value = ps.Properties[name]?.Value;
            return value is PSObject inner && inner.BaseObject is string text ? text : value;
        }

        private static string? Text(PSObject ps, string name)
        {
            object? value = Value(ps, name);
            string? text = value is null ? null : value is PSObject inner ? inner.BaseObject?.ToString() : value.ToString();
            return string.IsNullOrEmpty(text) ? null : text;
        }

        private static string[] Texts(PSObject ps, string name)
        {
            object? value = Value(ps, name);
            if (value is PSObject inner) value = inner.BaseObject;
            if (value is null) return Array.Empty<string>();
            if (value is string one) return one.Length == 0 ? Array.Empty<string>() : new[] { one };
            if (value is IEnumerable many) return many.Cast<object?>().Where(v => v != null).Select(v => v!.ToString()!).ToArray();
            return new[] { value.ToString()! };
        }

        /// <summary>A DateTimeOffset, or what Export-Clixml makes of one (an object with UtcDateTime), or its text.</summary>
        private static DateTimeOffset? Time(object? value)
        {
            if (value is PSObject ps)
            {
                if (ps.BaseObject is DateTimeOffset offset) return offset;
                if (ps.BaseObject is DateTime dateTime) return new DateTimeOffset(dateTime.ToUniversalTime());
                if (ps.Properties["UtcDateTime"]?.Value is DateTime utc) return new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
                value = ps.BaseObject;
            }
            switch (value)
            {
                case null: return null;
                case DateTimeOffset offset: return offset;
                case DateTime dateTime: return new DateTimeOffset(dateTime.ToUniversalTime());
                default:
                    return DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : (DateTimeOffset?)null;
            }
        }
    }
}
