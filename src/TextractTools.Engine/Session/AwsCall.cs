using System;
using System.Globalization;

namespace TextractTools.Engine.Session
{
    /// <summary>
    /// One finished AWS call as the caller sees it: which service and operation, how it ended, how long it took
    /// (retries and their back-off included) and how many retries it needed. What -Verbose prints.
    /// </summary>
    public sealed class AwsCall
    {
        public AwsCall(string service, string operation, int statusCode, string? errorCode, TimeSpan duration, int retries)
        {
            Service = service;
            Operation = operation;
            StatusCode = statusCode;
            ErrorCode = errorCode;
            Duration = duration;
            Retries = retries;
        }

        /// <summary>"S3", "KMS", "Textract"...</summary>
        public string Service { get; }

        /// <summary>The API operation, e.g. "PutObject" or "GetDocumentAnalysis".</summary>
        public string Operation { get; }

        /// <summary>The HTTP status of the last answer; 0 when no answer arrived (connection failure, cancellation).</summary>
        public int StatusCode { get; }

        /// <summary>The service's error code (or the exception's type name) when the call failed; null when it succeeded.</summary>
        public string? ErrorCode { get; }

        public TimeSpan Duration { get; }

        /// <summary>How many times the SDK retried before this outcome (0 for a first-attempt answer).</summary>
        public int Retries { get; }

        /// <summary>"S3 PutObject 200 in 35 ms", "Textract GetDocumentAnalysis 200 in 4 ms (retry 1)".</summary>
        public override string ToString()
        {
            var status = StatusCode == 0 ? "" : StatusCode.ToString(CultureInfo.InvariantCulture);
            var outcome = ErrorCode is null ? status : (status.Length == 0 ? ErrorCode : status + " " + ErrorCode);
            if (outcome.Length == 0) outcome = "no answer";
            var text = Service + " " + Operation + " " + outcome + " in "
                       + Math.Round(Duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms";
            return Retries > 0
                ? text + " (retry " + Retries.ToString(CultureInfo.InvariantCulture) + ")"
                : text;
        }
    }
}
