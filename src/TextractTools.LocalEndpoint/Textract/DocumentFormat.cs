using System;

namespace TextractTools.LocalEndpoint.Textract
{
    internal enum DocumentFormat
    {
        Pdf,
        Tiff,
        Jpeg,
        Png,
    }

    /// <summary>
    /// Recognises the formats asynchronous Textract accepts by their magic bytes (the service ignores the object's
    /// name and Content-Type too), and applies the size limits of the async API.
    /// </summary>
    internal static class DocumentFormats
    {
        private const long ImageLimit = 10L * 1024 * 1024;
        private const long DocumentLimit = 500L * 1024 * 1024;

        public static DocumentFormat? Detect(ReadOnlySpan<byte> data)
        {
            if (data.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return DocumentFormat.Png;
            if (data.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return DocumentFormat.Jpeg;
            if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8)) return DocumentFormat.Tiff;
            // PDF readers accept the header anywhere in the first 1024 bytes (some files start with junk or a BOM).
            if (data.Slice(0, Math.Min(data.Length, 1024)).IndexOf("%PDF-"u8) >= 0) return DocumentFormat.Pdf;
            return null;
        }

        /// <summary>Throws DocumentTooLargeException past the async limits: 10 MB for JPEG/PNG, 500 MB for PDF/TIFF.</summary>
        public static void CheckSize(DocumentFormat format, long length)
        {
            var limit = format is DocumentFormat.Jpeg or DocumentFormat.Png ? ImageLimit : DocumentLimit;
            if (length > limit)
                throw TextractException.DocumentTooLarge(
                    $"The {format.ToString().ToUpperInvariant()} document is {length} bytes; the limit is {limit} bytes.");
        }
    }
}
