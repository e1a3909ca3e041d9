using System;
using System.Collections.Generic;
using System.Management.Automation;
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
            if (!job.IsFinished)
            {
                var error = new InvalidOperationException($"Textract job {job.JobId} is {job.Status}: its output is not complete yet.");
                WriteError(ErrorRecords.Make(error, "TextractJobNotFinished", ErrorCategory.ResourceBusy, job,
                    "Pipe the job through Wait-TextractJob first: Start-TextractAnalysis ... | Wait-TextractJob | " + MyInvocation.MyCommand.Name + "."));
                return null;
            }
            if (job.Status == "FAILED")
            {
                var error = new InvalidOperationException($"Textract job {job.JobId} FAILED: {job.StatusMessage}. It has no output.");
                WriteError(ErrorRecords.Make(error, "TextractJobFailed", ErrorCategory.InvalidResult, job, "Read the service's message, fix the cause and start the job again."));
                return null;
            }
            if (SourceChoice == OutputSourceChoice.S3 && job.OutputLocation == null)
            {
                var error = new ArgumentException($"Job {job.JobId} has no OutputConfig, so its output is not in a bucket; use -Source Api.");
                WriteError(ErrorRecords.Make(error, "NoOutputLocation", ErrorCategory.InvalidArgument, job, "Use -Source Api or -Source Auto."));
                return null;
            }
            var kind = TextractOutputKinds.Of(job.Kind);
            if (!Accepts(kind, job)) return null;
            try
            {
                var session = GetSession(job.Region, job.EndpointUrl);
                var settings = ReadSettings(session);
                var reader = session.CreateJobOutputReader();
                var source = SourceChoice;
                // A job known only by its id (looked up in Textract) has no document: its objects name their job only.
                var origin = new TextractDocumentOrigin(string.IsNullOrEmpty(job.Document) ? null : job.Document, job.JobId);
                var output = RunAsync(ct => System.Threading.Tasks.Task.FromResult(summary
                    ? Read(reader.ReadSummary(job, source, settings, ct), TextractOutputKind.LendingSummary, origin, lending: true)
                    : Read(reader.ReadPages(job, source, settings, ct), kind, origin, lending: kind == TextractOutputKind.Lending)));
                if (!summary) OutputCompleteness.Check(output, job, job.OutputLocation ?? "the Get API");
                return output;
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ReportError(e, job);
                return null;
            }
        }

        /// <summary>The output under an s3:// output location (a job started elsewhere), or null after an error record.</summary>
        private protected TextractOutput? ReadS3Output(string uri, bool summary)
        {
            try
            {
                var location = S3Location.Parse(uri, "S3Uri");
                var session = GetSession();
                var settings = ReadSettings(session);
                var reader = session.CreateJobOutputReader();
                var origin = new TextractDocumentOrigin(location.ToString(), JobIdOf(location));
                var output = RunAsync(ct => System.Threading.Tasks.Task.FromResult(summary
                    ? Read(reader.ReadSummary(location, settings, ct), TextractOutputKind.LendingSummary, origin, lending: true)
                    : Read(reader.ReadPages(location, settings, ct), null, origin, lending: false)));
                return Accepts(output.Kind, uri) ? output : null;
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ReportError(e, uri);
                return null;
            }
        }

        /// <summary>Saved output (a file, or a folder of numbered objects), or null after an error record.</summary>
        private protected TextractOutput? ReadSavedOutput(string path, bool summary)
        {
            try
            {
                var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                var output = TextractOutputReader.ReadPath(full, summary, ReadOptions);
                return Accepts(output.Kind, path) ? output : null;
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ReportError(e, path);
                return null;
            }
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

        /// <summary>Reads the pages (and keeps them in the save folder: a lending job's as its output folder in the bucket holds them).</summary>
        private TextractOutput Read(IEnumerable<RawOutputPage> pages, TextractOutputKind? kind, TextractDocumentOrigin origin, bool lending)
        {
            string? folder = SaveToFolder;
            if (folder != null)
            {
                pages = RawPageArchive.SaveAlong(pages, lending ? TextractOutputReader.SavedLendingFolder(folder, kind == TextractOutputKind.LendingSummary) : folder);
            }
            return TextractOutputReader.Read(pages, kind, origin, ReadOptions);
        }
    }
}
