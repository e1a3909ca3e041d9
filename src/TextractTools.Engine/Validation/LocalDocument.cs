using System;
using System.IO;

namespace TextractTools.Engine.Validation
{
    /// <summary>The formats Textract's asynchronous operations read.</summary>
    public enum DocumentFormat
    {
        Pdf,
        Tiff,
        Jpeg,
        Png,
    }

    /// <summary>
    /// Checks a local file before it is uploaded: by its content (the first bytes, never the extension), it must be a
    /// PDF, TIFF (either byte order), JPEG or PNG, not empty, and within the asynchronous operations' size limits
    /// (developer guide, "Set Quotas in Amazon Textract": JPEG and PNG up to 10 MB, PDF and TIFF up to 500 MB and
    /// 3,000 pages). The page count is left to the service: counting the pages of any PDF needs a PDF parser (object
    /// streams, incremental updates), and a count that is wrong would refuse good documents; a document over 3,000
    /// pages is refused by Textract with DocumentTooLargeException, which the error records explain.
    /// </summary>
    public static class LocalDocument
    {
        // The guide says MB without saying which: the larger reading (MiB) is used, so nothing Textract takes is refused here.
        public const long MaxImageBytes = 10L * 1024 * 1024;
        public const long MaxPdfOrTiffBytes = 500L * 1024 * 1024;

        private static readonly byte[] PdfMagic = { 0x25, 0x50, 0x44, 0x46, 0x2D };                       // %PDF-
        private static readonly byte[] TiffLittleEndian = { 0x49, 0x49, 0x2A, 0x00 };                     // II*\0
        private static readonly byte[] TiffBigEndian = { 0x4D, 0x4D, 0x00, 0x2A };                        // MM\0*
        private static readonly byte[] JpegMagic = { 0xFF, 0xD8, 0xFF };
        private static readonly byte[] PngMagic = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

        // A PDF may have bytes before %PDF- (PDF 1.7, 7.5.2 lets readers look past junk); Textract's tolerance of that is
        // unverified, so only the first kilobyte is searched, as common readers do.
        private const int PdfHeaderWindow = 1024;

        /// <summary>
        /// The file's format; throws <see cref="ParameterValueException"/> (error ids EmptyDocument, UnsupportedDocumentFormat,
        /// DocumentTooLarge) naming <paramref name="parameterName"/> and the file when Textract could not take it.
        /// </summary>
        public static DocumentFormat Check(string path, string parameterName)
        {
            var info = new FileInfo(path);
            var length = info.Length;
            if (length == 0)
                throw new ParameterValueException("EmptyDocument", ParameterProblem.InvalidContent, parameterName,
                    $"'{path}' is empty (0 bytes): there is nothing for Textract to read. Check that the file was written completely.");
            var head = new byte[Math.Min(length, PdfHeaderWindow)];
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                var read = 0;
                while (read < head.Length)
                {
                    var n = stream.Read(head, read, head.Length - read);
                    if (n == 0) break;
                    read += n;
                }
                if (read < head.Length) Array.Resize(ref head, read);
            }
            var format = FormatOf(head) ?? throw new ParameterValueException("UnsupportedDocumentFormat", ParameterProblem.InvalidContent, parameterName,
                $"'{path}' is not a PDF, TIFF, JPEG or PNG document by its content{Describe(head)}: Textract reads only those formats. " +
                "Convert it (or export it as PDF) first; a file extension does not change what the file is.");
            var limit = format == DocumentFormat.Jpeg || format == DocumentFormat.Png ? MaxImageBytes : MaxPdfOrTiffBytes;
            if (length > limit)
                throw new ParameterValueException("DocumentTooLarge", ParameterProblem.LimitExceeded, parameterName,
                    $"'{path}' is a {format.ToString().ToUpperInvariant()} of {length:N0} bytes; Textract's asynchronous operations take " +
                    $"{(limit == MaxImageBytes ? "JPEG and PNG images of up to 10 MB" : "PDF and TIFF documents of up to 500 MB")}. " +
                    (limit == MaxImageBytes ? "Reduce the image's resolution or quality, or convert it to PDF." : "Split the document into parts."));
            return format;
        }

        /// <summary>The format the first bytes announce, or null.</summary>
        public static DocumentFormat? FormatOf(byte[] head)
        {
            if (StartsWith(head, PngMagic)) return DocumentFormat.Png;
            if (StartsWith(head, JpegMagic)) return DocumentFormat.Jpeg;
            if (StartsWith(head, TiffLittleEndian) || StartsWith(head, TiffBigEndian)) return DocumentFormat.Tiff;
            if (IndexOf(head, PdfMagic) >= 0) return DocumentFormat.Pdf;
            return null;
        }

        private static bool StartsWith(byte[] data, byte[] magic)
        {
            if (data.Length < magic.Length) return false;
            for (var i = 0; i < magic.Length; i++)
                if (data[i] != magic[i]) return false;
            return true;
        }

        private static int IndexOf(byte[] data, byte[] magic)
        {
            for (var start = 0; start + magic.Length <= data.Length; start++)
            {
                var i = 0;
                while (i < magic.Length && data[start + i] == magic[i]) i++;
                if (i == magic.Length) return start;
            }
            return -1;
        }

        // A hint of what the file is instead, for the common mistakes (a Word or zip file, text, HTML).
        private static string Describe(byte[] head)
        {
            if (StartsWith(head, new byte[] { 0x50, 0x4B, 0x03, 0x04 })) return " (it is a zip container, as .docx, .xlsx and .zip files are)";
            if (StartsWith(head, new byte[] { 0xD0, 0xCF, 0x11, 0xE0 })) return " (it is an old Office file, such as .doc or .xls)";
            if (StartsWith(head, new byte[] { 0x47, 0x49, 0x46, 0x38 })) return " (it is a GIF image)";
            if (StartsWith(head, new byte[] { 0x42, 0x4D })) return " (it looks like a BMP image)";
            var text = true;
            foreach (var b in head)
                if (b < 0x09 || (b > 0x0D && b < 0x20)) { text = false; break; }
            return text ? " (it is text)" : "";
        }
    }
}
