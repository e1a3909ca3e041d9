using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace TextractTools.Tests.Support
{
    /// <summary>
    /// Synthetic expense and lending answers with as many units as a test needs (to span several Get pages of 20
    /// ExpenseDocuments or 30 Results): one ExpenseDocument per page with a TOTAL (no label) and one line item, one
    /// lending Result per page with its PageType (PAYSLIPS on odd pages, W_2 on even ones) and one field.
    /// </summary>
    internal static class TextractExpenseLendingRecording
    {
        public static string Expense(int pages) => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["DocumentMetadata"] = new { Pages = pages },
            ["JobStatus"] = "SUCCEEDED",
            ["ExpenseDocuments"] = Enumerable.Range(1, pages).Select(page => new
            {
                ExpenseIndex = page,
                SummaryFields = new[] { Field("TOTAL", $"{page}.00", page) },
                LineItemGroups = new[] { new { LineItemGroupIndex = 1, LineItems = new[] { new { LineItemExpenseFields = new[] { Field("ITEM", $"item {page}", page) } } } } },
            }).ToArray(),
            ["AnalyzeExpenseModelVersion"] = "1.0",
        });

        public static string PageType(int page) => page % 2 == 1 ? "PAYSLIPS" : "W_2";

        public static string Lending(int pages) => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["DocumentMetadata"] = new { Pages = pages },
            ["JobStatus"] = "SUCCEEDED",
            ["Results"] = Enumerable.Range(1, pages).Select(page => new
            {
                Page = page,
                PageClassification = new
                {
                    PageType = new[] { new { Value = PageType(page), Confidence = 99.0 } },
                    PageNumber = new[] { new { Value = "1", Confidence = 99.0 } },
                },
                Extractions = new[]
                {
                    new { LendingDocument = new { LendingFields = new[] { new { Type = "PAYSLIP_GROSS_PAY", ValueDetections = new[] { new { Text = $"{page}00.00", Confidence = 98.0 } } } }, SignatureDetections = new object[0] } },
                },
            }).ToArray(),
            ["AnalyzeLendingModelVersion"] = "1.0",
        });

        private static object Field(string type, string value, int page) => new
        {
            Type = new { Text = type, Confidence = 99.0 },
            ValueDetection = new { Text = value, Confidence = 98.0 },
            PageNumber = page,
        };
    }
}
