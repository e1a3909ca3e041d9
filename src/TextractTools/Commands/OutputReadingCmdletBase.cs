using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using System.Threading;
using TextractTools.Engine;
using TextractTools.Engine.Document;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Output;
using TextractTools.Engine.Session;

namespace TextractTools.Commands
{
    /// <summary>
    /// What the cmdlets that read a job's output share (Get-TextractOutput, Export-TextractTable): reading a finished
    /// job (API or bucket), an output location in S3, or saved output on disk into a <see cref="TextractOutput"/>
    /// whose objects all name their document and job. Failures become error records for the one input; the read
    /// returns null and the pipeline goes on.
    /// </summary>
    public abstract class OutputReadingCmdletBase : TextractCmdletBase
    {
        /// <summary>Where a job's output is read from (Auto unless the cmdlet lets the user choose).</summary>
        private protected virtual OutputSourceChoice SourceChoice => OutputSourceChoice.Auto;

        /// <summary>Refuse output objects not SSE-KMS encrypted under this key (S3 sources); null: no check.</summary>
        private protected virtual string? ExpectedKmsKey => null;

        /// <summary>A folder to keep the raw output pages in as they are read; null: none.</summary>
        private protected virtual string? SaveToFolder => null;

        private protected abstract DocumentReadOptions ReadOptions { get; }

        /// <summary>
        /// False, after an error record saying why, when output of <paramref name="kind"/> is not what the cmdlet can
        /// return (asked before a job's output is read, so that nothing is read in vain).
        /// </summary>
        private protected abstract bool Accepts(TextractOutputKind kind, object target);

        /// <summary>The job this session started with that id, else Textract's answer about it; null after an error record.</summary>
        private protected TextractJob? JobOf(string jobId)
        {
            try
            {
                Engine.Validation.TextractIdentifiers.ValidateJobId(jobId); // no call for an id Textract cannot have given
                return JobInput.Known(jobId) ?? ResolveJob(jobId);
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ReportError(e, jobId);
                return null;
            }
        }

        /// <summary>A finished job's output (its summary for a lending job when <paramref name="summary"/>), or null after an error record.</summary>
        private protected TextractOutput? ReadJobOutput(TextractJob job, bool summary)
        {
            TextractOutput? whole = null;
            return ReadJobOutput(job, summary, byPage: false, output => whole = output) ? whole : null;
        }

        /// <summary>
        /// Reads a finished job's output and hands it to <paramref name="consume"/> on the pipeline thread: whole, or
        /// with <paramref name="byPage"/> block output one Textract page at a time as the pages arrive (other kinds
        /// whole). False after an error record (the parts handed out before it stay handed out: a job whose output
        /// turns out incomplete at its end is reported, never passed as whole).
        /// </summary>
        private protected bool ReadJobOutput(TextractJob job, bool summary, bool byPage, Action<TextractOutput> consume)
        {
            if (!job.IsFinished)
            {
                var error = new InvalidOperationException($"Textract job {job.JobId} is {job.Status}: its output is not complete yet.");
                WriteError(ErrorRecords.Make(error, "TextractJobNotFinished", ErrorCategory.ResourceBusy, job,
                    "Pipe the job through Wait-TextractJob first: Start-TextractAnalysis ... | Wait-TextractJob | " + MyInvocation.MyCommand.Name + "."));
                return false;
            }
            if (job.Status == "FAILED")
            {
                var error = new InvalidOperationException($"Textract job {job.JobId} FAILED: {job.StatusMessage}. It has no output.");
                WriteError(ErrorRecords.Make(error, "TextractJobFailed", ErrorCategory.InvalidResult, job, "Read the service's message, fix the cause and start the job again."));
                return false;
            }
            if (SourceChoice == OutputSourceChoice.S3 && job.OutputLocation == null)
            {
                var error = new ArgumentException($"Job {job.JobId} has no OutputConfig, so its output is not in a bucket; use -Source Api.");
                WriteError(ErrorRecords.Make(error, "NoOutputLocation", ErrorCategory.InvalidArgument, job, "Use -Source Api or -Source Auto."));
                return false;
            }
            var kind = TextractOutputKinds.Of(job.Kind);
            if (!Accepts(kind, job)) return false;
            var read = new PartsRead();
            var consumer = new PartConsumer(consume);
            try
            {
                var session = GetSession(job.Region, job.EndpointUrl);
                var settings = ReadSettings(session);
                var reader = session.CreateJobOutputReader();
                var source = SourceChoice;
                // A job known only by its id (looked up in Textract) has no document: its objects name their job only.
                var origin = new TextractDocumentOrigin(string.IsNullOrEmpty(job.Document) ? null : job.Document, job.JobId);
                ReadOnWorker(ct => summary
                        ? Parts(reader.ReadSummary(job, source, settings, ct), TextractOutputKind.LendingSummary, origin, lending: true, byPage: false)
                        : Parts(reader.ReadPages(job, source, settings, ct), kind, origin, lending: kind == TextractOutputKind.Lending, byPage),
                    read, consumer, byPage,
                    whenRead: all => { if (!summary) OutputCompleteness.Check(all.Warnings, all.PageCount, job, job.OutputLocation ?? "the Get API"); });
                return true;
            }
            catch (Exception e) when (!(e is PipelineStoppedException) && !consumer.Faulted)
            {
                ReportError(e, job);
                return false;
            }
        }

        /// <summary>The output under an s3:// output location (a job started elsewhere), or null after an error record.</summary>
        private protected TextractOutput? ReadS3Output(string uri, bool summary)
        {
            TextractOutput? whole = null;
            return ReadS3Output(uri, summary, byPage: false, output => whole = output) ? whole : null;
        }

        /// <summary>The output under an s3:// output location, handed to <paramref name="consume"/> as <see cref="ReadJobOutput(TextractJob, bool, bool, Action{TextractOutput})"/> does.</summary>
        private protected bool ReadS3Output(string uri, bool summary, bool byPage, Action<TextractOutput> consume)
        {
            var read = new PartsRead();
            var consumer = new PartConsumer(AcceptedOnly(uri, read, consume));
            try
            {
                var location = S3Location.Parse(uri, "S3Uri");
                var session = GetSession();
                var settings = ReadSettings(session);
                var reader = session.CreateJobOutputReader();
                var origin = new TextractDocumentOrigin(location.ToString(), JobIdOf(location));
                ReadOnWorker(ct => summary
                        ? Parts(reader.ReadSummary(location, settings, ct), TextractOutputKind.LendingSummary, origin, lending: true, byPage: false)
                        : Parts(reader.ReadPages(location, settings, ct), null, origin, lending: false, byPage),
                    read, consumer, byPage, whenRead: _ => { });
                return !read.Rejected;
            }
            catch (Exception e) when (!(e is PipelineStoppedException) && !consumer.Faulted)
            {
                ReportError(e, uri);
                return false;
            }
        }

        /// <summary>Saved output (a file, or a folder of numbered objects), or null after an error record.</summary>
        private protected TextractOutput? ReadSavedOutput(string path, bool summary)
        {
            TextractOutput? whole = null;
            return ReadSavedOutput(path, summary, byPage: false, output => whole = output) ? whole : null;
        }

        /// <summary>Saved output handed to <paramref name="consume"/> as <see cref="ReadJobOutput(TextractJob, bool, bool, Action{TextractOutput})"/> does (read on the pipeline thread).</summary>
        private protected bool ReadSavedOutput(string path, bool summary, bool byPage, Action<TextractOutput> consume)
        {
            var read = new PartsRead();
            var consumer = new PartConsumer(AcceptedOnly(path, read, consume));
            try
            {
                var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                var parts = byPage ? TextractOutputReader.ReadPathParts(full, summary, ReadOptions) : new[] { TextractOutputReader.ReadPath(full, summary, ReadOptions) };
                foreach (var part in parts)
                {
                    if (StopToken.IsCancellationRequested) break;
                    read.Add(part);
                    consumer.Consume(part);
                    if (read.Rejected) break;
                }
                return !read.Rejected;
            }
            catch (Exception e) when (!(e is PipelineStoppedException) && !consumer.Faulted)
            {
                ReportError(e, path);
                return false;
            }
        }

        /// <summary>What the parts of one read said about the whole (for the completeness check), and whether its kind was refused.</summary>
        private sealed class PartsRead
        {
            public readonly List<TextractDocumentWarning> Warnings = new List<TextractDocumentWarning>();
            public int PageCount;
            public volatile bool Rejected;
            public bool First = true;

            public void Add(TextractOutput part)
            {
                Warnings.AddRange(part.Warnings);
                PageCount = Math.Max(PageCount, part.PageCount);
            }
        }

        /// <summary><paramref name="consume"/>, once the first part has shown that the output's kind is one the cmdlet returns.</summary>
        private Action<TextractOutput> AcceptedOnly(object target, PartsRead read, Action<TextractOutput> consume) => part =>
        {
            if (read.Rejected) return;
            if (read.First)
            {
                read.First = false;
                if (!Accepts(part.Kind, target))
                {
                    read.Rejected = true;
                    return;
                }
            }
            consume(part);
        };

        /// <summary>
        /// What the cmdlet does with each part of a read, on the pipeline thread. What it throws (Select-Object stopping
        /// the pipeline, -WarningAction Stop, an error further down the pipeline) belongs to the pipeline: it is kept and
        /// thrown again once the read has stopped, never reported as a failure to read the output.
        /// </summary>
        private sealed class PartConsumer
        {
            private readonly Action<TextractOutput> _consume;
            private ExceptionDispatchInfo? _fault;

            public PartConsumer(Action<TextractOutput> consume) => _consume = consume;

            public bool Faulted => _fault != null;

            public void Consume(TextractOutput part)
            {
                try
                {
                    _consume(part);
                }
                catch (Exception e)
                {
                    _fault ??= ExceptionDispatchInfo.Capture(e);
                    throw;
                }
            }

            public void ThrowIfFaulted() => _fault?.Throw();
        }

        /// <summary>Parts read and not yet taken by the pipeline thread, at most: a slow pipeline holds the read back instead of parts piling up.</summary>
        private const int MaxPartsWaiting = 2;

        /// <summary>
        /// Reads the parts on a worker thread (the AWS calls are asynchronous) and hands each to the pipeline thread as
        /// it is read; read whole (not <paramref name="byPage"/>), the one part is handed out only once
        /// <paramref name="whenRead"/> (the completeness check) has passed. When the pipeline stops taking parts (it
        /// threw, or Ctrl+C), the read stops too: no part is handed out after that, none is left queued for a later read.
        /// </summary>
        private void ReadOnWorker(Func<CancellationToken, IEnumerable<TextractOutput>> read, PartsRead state, PartConsumer consumer, bool byPage,
            Action<PartsRead> whenRead)
        {
            using var abandoned = CancellationTokenSource.CreateLinkedTokenSource(StopToken);
            // Not disposed: a part handed out releases it when the pipeline is done with it, which may be after the read.
            var waiting = new SemaphoreSlim(MaxPartsWaiting);
            void HandOut(TextractOutput part, CancellationToken ct)
            {
                waiting.Wait(ct);
                Bridge.Post(() =>
                {
                    try
                    {
                        if (!abandoned.IsCancellationRequested && !state.Rejected) consumer.Consume(part);
                    }
                    catch (Exception)
                    {
                        abandoned.Cancel(); // the consumer keeps what it threw
                    }
                    finally
                    {
                        waiting.Release();
                    }
                });
            }
            try
            {
                RunAsync(_ => System.Threading.Tasks.Task.Run(() =>
                {
                    var ct = abandoned.Token;
                    TextractOutput? whole = null;
                    foreach (var part in read(ct))
                    {
                        ct.ThrowIfCancellationRequested();
                        if (state.Rejected) break;
                        state.Add(part);
                        if (byPage) HandOut(part, ct);
                        else whole = part;
                    }
                    whenRead(state);
                    if (whole != null) HandOut(whole, ct);
                    // Done when the pipeline has taken every part.
                    for (int i = 0; i < MaxPartsWaiting; i++) waiting.Wait(ct);
                }));
            }
            catch (Exception) when (consumer.Faulted)
            {
                // The read stopped because the pipeline did: what the pipeline threw follows.
            }
            finally
            {
                abandoned.Cancel();
            }
            consumer.ThrowIfFaulted();
        }

        /// <summary>Warnings and verbose messages of the read (through the bridge: the pages are read on a worker thread), and the expected key.</summary>
        private OutputReadSettings ReadSettings(AwsSession session)
        {
            // Validated against the session's region too (a key ARN of another region cannot encrypt this output).
            string? expected = GivenKmsKeyId("ExpectedKmsKeyId", ExpectedKmsKey, session.Region);
            return new OutputReadSettings
            {
                ExpectedKmsKeyArn = expected is null ? null : RunAsync(ct => session.ResolveKmsKeyArnAsync(expected, ct)),
                Warning = message => Bridge.Post(() => WriteWarning(message)),
                Verbose = PostVerbose,
            };
        }

        private static string? JobIdOf(S3Location location)
        {
            var parts = location.Key.TrimEnd('/').Split('/');
            return parts.Length == 0 ? null : parts[parts.Length - 1];
        }

        /// <summary>Reads the pages, whole or by page (and keeps them in the save folder: a lending job's as its output folder in the bucket holds them).</summary>
        private IEnumerable<TextractOutput> Parts(IEnumerable<RawOutputPage> pages, TextractOutputKind? kind, TextractDocumentOrigin origin, bool lending, bool byPage)
        {
            string? folder = SaveToFolder;
            if (folder != null)
            {
                pages = RawPageArchive.SaveAlong(pages, lending ? TextractOutputReader.SavedLendingFolder(folder, kind == TextractOutputKind.LendingSummary) : folder);
            }
            return byPage
                ? TextractOutputReader.ReadParts(pages, kind, origin, ReadOptions)
                : new[] { TextractOutputReader.Read(pages, kind, origin, ReadOptions) };
        }
    }
}
