using System;
using System.IO;
using TextractTools.Engine.Validation;
using TextractTools.LocalEndpoint.Samples;
using Xunit;

namespace TextractTools.Tests.Engine.Validation
{
    /// <summary>Local documents judged by their content and size before any upload.</summary>
    public sealed class LocalDocumentTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "textracttools-localdoc-" + Guid.NewGuid().ToString("N"));

        public LocalDocumentTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, true);

        private string Write(string name, byte[] content)
        {
            var path = Path.Combine(_folder, name);
            File.WriteAllBytes(path, content);
            return path;
        }

        private static byte[] Bytes(params int[] values) => Array.ConvertAll(values, v => (byte)v);

        [Theory]
        [InlineData("a.pdf", new[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, DocumentFormat.Pdf)]
        [InlineData("little.tif", new[] { 0x49, 0x49, 0x2A, 0x00, 0x08, 0x00 }, DocumentFormat.Tiff)]
        [InlineData("big.tiff", new[] { 0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x08 }, DocumentFormat.Tiff)]
        [InlineData("photo.jpg", new[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10 }, DocumentFormat.Jpeg)]
        [InlineData("scan.png", new[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }, DocumentFormat.Png)]
        // The content decides, not the name.
        [InlineData("named-as.txt", new[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }, DocumentFormat.Png)]
        [InlineData("no-extension", new[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, DocumentFormat.Pdf)]
        public void Each_format_textract_reads_is_recognised_by_its_first_bytes(string name, int[] head, DocumentFormat expected)
        {
            Assert.Equal(expected, LocalDocument.Check(Write(name, Bytes(head)), "Path"));
        }

        [Fact]
        public void The_projects_sample_is_a_pdf()
        {
            Assert.Equal(DocumentFormat.Pdf, LocalDocument.Check(Write("sample.pdf", ProjectSample.CreatePdf()), "Path"));
        }

        [Fact]
        public void A_pdf_header_after_leading_bytes_counts_within_the_first_kilobyte()
        {
            var junk = new byte[100];
            var pdf = new byte[junk.Length + 8];
            Array.Copy(Bytes(0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x34), 0, pdf, junk.Length, 8);
            Assert.Equal(DocumentFormat.Pdf, LocalDocument.Check(Write("junk-first.pdf", pdf), "Path"));
        }

        [Theory]
        [InlineData("letter.pdf", "%PDF written as text? no: plain words", "(it is text)")]
        [InlineData("report.pdf", "PK\u0003\u0004 a docx", "zip container")]
        [InlineData("old.doc", "\u00D0\u00CF\u0011\u00E0 old office", "")]
        [InlineData("anim.gif", "GIF89a", "GIF image")]
        public void Other_content_is_refused_naming_the_file_and_what_it_is(string name, string content, string hint)
        {
            var path = Write(name, System.Text.Encoding.Latin1.GetBytes(content));
            var e = Assert.Throws<ParameterValueException>(() => LocalDocument.Check(path, "LiteralPath"));
            Assert.Equal("UnsupportedDocumentFormat", e.ErrorId);
            Assert.Equal(ParameterProblem.InvalidContent, e.Problem);
            Assert.Equal("LiteralPath", e.ParamName);
            Assert.Contains(path, e.Message);
            Assert.Contains("PDF, TIFF, JPEG or PNG", e.Message);
            Assert.Contains(hint, e.Message);
        }

        [Fact]
        public void An_empty_file_is_refused()
        {
            var e = Assert.Throws<ParameterValueException>(() => LocalDocument.Check(Write("empty.pdf", Array.Empty<byte>()), "Path"));
            Assert.Equal("EmptyDocument", e.ErrorId);
            Assert.Contains("0 bytes", e.Message);
        }

        [Theory]
        [InlineData(new[] { 0xFF, 0xD8, 0xFF }, LocalDocument.MaxImageBytes, "10 MB")]
        [InlineData(new[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, LocalDocument.MaxImageBytes, "10 MB")]
        [InlineData(new[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, LocalDocument.MaxPdfOrTiffBytes, "500 MB")]
        [InlineData(new[] { 0x49, 0x49, 0x2A, 0x00 }, LocalDocument.MaxPdfOrTiffBytes, "500 MB")]
        public void Files_over_the_asynchronous_size_limits_are_refused_and_files_at_them_pass(int[] head, long limit, string said)
        {
            // Sparse files: the length is what counts, and no disk is filled.
            var at = Write("at-limit", Bytes(head));
            using (var f = new FileStream(at, FileMode.Open)) f.SetLength(limit);
            LocalDocument.Check(at, "Path");

            var over = Write("over-limit", Bytes(head));
            using (var f = new FileStream(over, FileMode.Open)) f.SetLength(limit + 1);
            var e = Assert.Throws<ParameterValueException>(() => LocalDocument.Check(over, "Path"));
            Assert.Equal("DocumentTooLarge", e.ErrorId);
            Assert.Equal(ParameterProblem.LimitExceeded, e.Problem);
            Assert.Contains(said, e.Message);
        }
    }
}
