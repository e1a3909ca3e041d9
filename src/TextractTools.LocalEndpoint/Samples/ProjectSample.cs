using System;

namespace TextractTools.LocalEndpoint.Samples
{
    /// <summary>
    /// The project's own sample document and its Textract-shaped analysis, generated together from one layout so
    /// that the demo and the tests need nothing outside the repository. Deterministic: the same bytes every run
    /// (the replay library matches documents by SHA-256).
    /// </summary>
    public static class ProjectSample
    {
        public const string FileName = "textracttools-sample.pdf";

        /// <summary>The multi-page PDF (text, a table, key-value pairs).</summary>
        public static byte[] CreatePdf() => throw new NotImplementedException("being written");

        /// <summary>A GetDocumentAnalysis answer (JobStatus SUCCEEDED, FORMS+TABLES) for <see cref="CreatePdf"/>.</summary>
        public static string CreateAnalysisJson() => throw new NotImplementedException("being written");
    }
}
