namespace TextractTools.Engine.Document.Expense
{
    /// <summary>Codes of the warnings the expense and lending readers raise beside <see cref="ReaderWarningCodes"/>.</summary>
    internal static class OutputWarningCodes
    {
        /// <summary>An expense document or lending page read a second time (the same output page given twice), dropped.</summary>
        public const string RepeatedOutput = "RepeatedOutput";

        /// <summary>Something in a lending page this version does not read (a new kind of extraction).</summary>
        public const string UnknownExtraction = "UnknownExtraction";
    }
}
