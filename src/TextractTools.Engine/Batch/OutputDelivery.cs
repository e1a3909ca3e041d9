using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3;
using TextractTools.Engine.Api;
using TextractTools.Engine.Document;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Output;

namespace TextractTools.Engine.Batch
{
    /// <summary>
    /// Puts a finished job's raw output pages (1..n JSON, as Get-TextractOutput -SaveTo keeps them) into
    /// {folder}/{document name}.{JobId}. The pages are written to a hidden temporary folder, checked to be complete,
    /// flushed to disk and only then renamed into place: the final folder exists whole or not at all, so a rerun
    /// after a crash either finds it (and only records it) or writes it again from scratch.
    /// </summary>
    internal sealed class OutputDelivery
    {
        private readonly ITextractApi _textract;
        private readonly IAmazonS3 _s3;
        private readonly string _folder;
        private readonly TimeSpan _settleTime;

        public OutputDelivery(ITextractApi textract, IAmazonS3 s3, string folder, TimeSpan settleTime)
        {
            _textract = textract;
            _s3 = s3;
            _folder = folder;
            _settleTime = settleTime;
        }

        public string FolderFor(BatchDocument document, string jobId) =>
            Path.Combine(_folder, SafeName(Path.GetFileName(document.Location.Key)) + "." + jobId);

        /// <summary>Returns the delivered folder (which may exist already from a run that died before recording it).</summary>
        public async Task<string> DeliverAsync(BatchDocument document, TextractJob job, CancellationToken cancellationToken)
        {
            var final = FolderFor(document, job.JobId);
            if (Directory.Exists(final)) return final;

            Directory.CreateDirectory(_folder);
            var partial = Path.Combine(_folder, "." + Path.GetFileName(final) + ".partial");
            if (Directory.Exists(partial)) Directory.Delete(partial, true);
            Directory.CreateDirectory(partial);

            var pages = await PagesAsync(job, cancellationToken).ConfigureAwait(false);
            // Read on this worker thread: the page sources block on their calls one page at a time.
            var written = WriteAlong(pages, partial, cancellationToken);
            var read = TextractDocumentReader.Read(written);
            OutputCompleteness.Check(read, job, job.OutputLocation ?? "the Get API");
            Directory.Move(partial, final);
            return final;
        }

        private async Task<IEnumerable<RawOutputPage>> PagesAsync(TextractJob job, CancellationToken cancellationToken)
        {
            if (job.OutputLocation is null) return ApiOutputSource.ReadPages(_textract, job, cancellationToken);
            // The bucket keeps the output past Get*'s 7 days and costs no Get quota.
            var source = new S3OutputSource(_s3);
            var objects = await source.ListAsync(S3Uri.Parse(job.OutputLocation, "OutputUri"), _settleTime, cancellationToken).ConfigureAwait(false);
            if (objects.Count == 0)
                throw new InvalidDataException($"No output objects appeared under {job.OutputLocation} within {_settleTime.TotalSeconds:0} s of job {job.JobId} finishing.");
            return source.ReadPages(objects, null, cancellationToken);
        }

        private static IEnumerable<RawOutputPage> WriteAlong(IEnumerable<RawOutputPage> pages, string folder, CancellationToken cancellationToken)
        {
            var number = 0;
            foreach (var page in pages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                number++;
                var path = Path.Combine(folder, number.ToString(CultureInfo.InvariantCulture));
                using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    var bytes = page.Json.ToArray();
                    file.Write(bytes, 0, bytes.Length);
                    // On disk before the rename makes the folder final.
                    file.Flush(true);
                }
                yield return page;
            }
        }

        private static string SafeName(string name)
        {
            var invalid = Path.GetInvalidFileNameChars();
            var safe = new string(name.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
            return safe.Length == 0 || safe.StartsWith(".", StringComparison.Ordinal) ? "document" + safe : safe;
        }
    }
}
