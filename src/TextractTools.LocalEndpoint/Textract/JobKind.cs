namespace TextractTools.LocalEndpoint.Textract
{
    /// <summary>Which Start*/Get* pair a job belongs to; a job is read only through its own Get operation.</summary>
    internal enum JobKind
    {
        TextDetection,
        Analysis,
    }

    internal static class JobKindNames
    {
        public static string ModelVersionMember(this JobKind kind) =>
            kind == JobKind.Analysis ? "AnalyzeDocumentModelVersion" : "DetectDocumentTextModelVersion";

        /// <summary>The model version the local endpoint reports; the service has answered "1.0" for years.</summary>
        public const string ModelVersion = "1.0";
    }
}
