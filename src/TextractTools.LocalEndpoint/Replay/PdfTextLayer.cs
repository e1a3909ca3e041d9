using System;
using System.Collections.Generic;
using System.Linq;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace TextractTools.LocalEndpoint.Replay
{
    /// <summary>
    /// The honest answer for a PDF with no recording: the words of its text layer, read with PdfPig, as PAGE, LINE
    /// and WORD blocks (Confidence 99.0, WORD TextType PRINTED, PAGE CHILD -> LINEs, LINE CHILD -> WORDs). Nothing
    /// is guessed beyond that: no tables, forms, signatures or layout, and no warning. Limits: geometry is in the
    /// page's unrotated frame (a /Rotate page is not turned), and text drawn as images is not seen.
    /// </summary>
    internal static class PdfTextLayer
    {
        private const double Confidence = 99.0;

        /// <summary>The recording made from the text layer, or null when the PDF cannot be read or has no text at all.</summary>
        public static Recording? TryRead(byte[] pdf, string sha256)
        {
            try
            {
                using var document = PdfDocument.Open(pdf);
                var blocks = new List<RecordedBlock>();
                var anyWord = false;
                for (var number = 1; number <= document.NumberOfPages; number++)
                {
                    var page = document.GetPage(number);
                    var lines = PdfLineGrouping.GroupIntoLines(ReadWords(page));
                    anyWord |= lines.Count > 0;
                    blocks.AddRange(PageBlocks(sha256, number, lines));
                }
                return anyWord ? new Recording(document.NumberOfPages, blocks, "the PDF's text layer") : null;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // PdfPig throws many types for damaged or encrypted files; to the caller any of them means "no text".
                return null;
            }
        }

        private static List<PdfWord> ReadWords(Page page)
        {
            var crop = page.CropBox.Bounds;
            var width = crop.Width > 0 ? crop.Width : page.Width;
            var height = crop.Height > 0 ? crop.Height : page.Height;
            var words = new List<PdfWord>();
            foreach (var word in page.GetWords())
            {
                if (string.IsNullOrWhiteSpace(word.Text)) continue;
                var box = word.BoundingBox;
                // PDF space has its origin bottom-left and counts points; Textract's is top-left and counts page fractions.
                var normalised = new NormalisedBox(
                    Clamp((box.Left - crop.Left) / width),
                    Clamp((crop.Top - box.Top) / height),
                    Clamp(box.Width / width),
                    Clamp(box.Height / height));
                var baseline = word.Letters.Count > 0 ? word.Letters[0].StartBaseLine.Y : box.Bottom;
                var size = Math.Max(box.Height, word.Letters.Count > 0 ? word.Letters.Max(l => l.PointSize) : 0);
                words.Add(new PdfWord(word.Text, normalised, crop.Top - baseline, box.Left, box.Right, Math.Max(size, 1)));
            }
            return words;
        }

        private static double Clamp(double value) => Math.Clamp(value, 0.0, 1.0);

        private static IEnumerable<RecordedBlock> PageBlocks(string sha256, int pageNumber, IReadOnlyList<IReadOnlyList<PdfWord>> lines)
        {
            var lineBlocks = new List<RecordedBlock>();
            var wordBlocks = new List<RecordedBlock>();
            for (var lineIndex = 0; lineIndex < lines.Count; lineIndex++)
            {
                var words = lines[lineIndex];
                var wordIds = new List<string>();
                for (var wordIndex = 0; wordIndex < words.Count; wordIndex++)
                {
                    var word = words[wordIndex];
                    var wordId = GeneratedBlock.StableId($"{sha256}/{pageNumber}/{lineIndex}/{wordIndex}");
                    wordIds.Add(wordId);
                    wordBlocks.Add(GeneratedBlock.Create(wordId, "WORD", pageNumber, Array.Empty<BlockRelationship>(), w =>
                    {
                        w.WriteNumber("Confidence", Confidence);
                        w.WriteString("Text", word.Text);
                        w.WriteString("TextType", "PRINTED");
                        GeneratedBlock.WriteGeometry(w, word.Box);
                    }));
                }
                var lineId = GeneratedBlock.StableId($"{sha256}/{pageNumber}/{lineIndex}");
                var text = string.Join(" ", words.Select(w => w.Text));
                var lineBox = NormalisedBox.Union(words.Select(w => w.Box));
                lineBlocks.Add(GeneratedBlock.Create(lineId, "LINE", pageNumber, new[] { new BlockRelationship("CHILD", wordIds) }, w =>
                {
                    w.WriteNumber("Confidence", Confidence);
                    w.WriteString("Text", text);
                    GeneratedBlock.WriteGeometry(w, lineBox);
                }));
            }

            var pageId = GeneratedBlock.StableId($"{sha256}/{pageNumber}");
            var pageRelationships = lineBlocks.Count > 0
                ? new[] { new BlockRelationship("CHILD", lineBlocks.Select(l => l.Id).ToList()) }
                : Array.Empty<BlockRelationship>();
            // Textract's order within a page: the PAGE, then its LINEs, then the WORDs.
            yield return GeneratedBlock.Create(pageId, "PAGE", pageNumber, pageRelationships,
                w => GeneratedBlock.WriteGeometry(w, NormalisedBox.WholePage));
            foreach (var line in lineBlocks) yield return line;
            foreach (var word in wordBlocks) yield return word;
        }
    }

    /// <summary>
    /// A word of a PDF page: its box in Textract coordinates, and for grouping its baseline (down from the top),
    /// horizontal extent and font size in PDF points, so that distances compare in one unit.
    /// </summary>
    internal sealed record PdfWord(string Text, NormalisedBox Box, double Baseline, double Left, double Right, double Size);

    /// <summary>
    /// Groups words into lines the way a reader would: words whose baselines are within a third of the font size
    /// share a row; a row is split where the horizontal gap exceeds twice the font size (separate columns become
    /// separate lines, as Textract answers them). Lines come top to bottom, then left to right.
    /// </summary>
    internal static class PdfLineGrouping
    {
        public static IReadOnlyList<IReadOnlyList<PdfWord>> GroupIntoLines(IReadOnlyList<PdfWord> words)
        {
            var rows = new List<List<PdfWord>>();
            foreach (var word in words.OrderBy(w => w.Baseline).ThenBy(w => w.Left))
            {
                var row = rows.Count > 0 ? rows[^1] : null;
                if (row is not null && Math.Abs(row[0].Baseline - word.Baseline) <= Math.Max(row[0].Size, word.Size) / 3) row.Add(word);
                else rows.Add(new List<PdfWord> { word });
            }

            var lines = new List<IReadOnlyList<PdfWord>>();
            foreach (var row in rows)
            {
                var ordered = row.OrderBy(w => w.Left).ToList();
                var line = new List<PdfWord> { ordered[0] };
                for (var i = 1; i < ordered.Count; i++)
                {
                    var previous = line[^1];
                    var gap = ordered[i].Left - previous.Right;
                    if (gap > 2 * Math.Max(previous.Size, ordered[i].Size))
                    {
                        lines.Add(line);
                        line = new List<PdfWord>();
                    }
                    line.Add(ordered[i]);
                }
                lines.Add(line);
            }
            return lines;
        }
    }
}
