using System.Text.RegularExpressions;

namespace TextractTools.Engine.Validation
{
    /// <summary>
    /// JobId and ClientRequestToken share one pattern in Textract's service model: 1 to 64 of letters, digits, - and _.
    /// A value of another shape is no job (or token) Textract could know, so it is refused before any call.
    /// </summary>
    public static class TextractIdentifiers
    {
        private static readonly Regex Pattern = new Regex("^[a-zA-Z0-9_-]{1,64}$", RegexOptions.CultureInvariant);

        public static bool IsWellFormed(string? value) => value != null && Pattern.IsMatch(value);

        /// <summary>Throws <see cref="ParameterValueException"/> (InvalidJobId) for a job id Textract cannot have given.</summary>
        public static void ValidateJobId(string? jobId, string parameterName = "JobId")
        {
            if (IsWellFormed(jobId)) return;
            var shown = jobId is null ? "(none)" : "'" + jobId + "'";
            var why = string.IsNullOrWhiteSpace(jobId) ? "is empty" : jobId!.Trim() != jobId ? "has white space around it" : jobId.Length > 64 ? "is longer than 64 characters" : "holds characters other than letters, digits, - and _";
            throw new ParameterValueException("InvalidJobId", ParameterProblem.InvalidValue, parameterName,
                $"-{parameterName} {shown} {why}: Textract's job ids are 1 to 64 letters, digits, - and _ (the JobId of Start-TextractAnalysis's output). " +
                "An output location (s3://...) is read with Get-TextractOutput -S3Uri.");
        }
    }
}
