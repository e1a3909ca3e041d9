using System;
using TextractTools.Engine;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TextractTools.Engine.Api;
using TextractTools.Engine.Jobs;
using TextractTools.Engine.Session;
using TextractTools.Engine.Validation;

namespace TextractTools.Commands
{
    /// <summary>
    /// Starts Textract text detection (no -Feature) or document analysis (-Feature ...) on documents in S3. Accepts
    /// s3:// strings and AWS.Tools S3 objects (BucketName, Key) from the pipeline and returns one TextractJob each.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "TextractAnalysis", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = S3UriSet)]
    [OutputType(typeof(TextractJob))]
    public sealed partial class StartTextractAnalysisCommand : JobOptionsCmdletBase
    {
        private const string S3UriSet = "S3Uri";
        private const string BucketKeySet = "BucketKey";
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        /// <summary>s3://bucket/key of the document.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = S3UriSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Uri")]
        [ArgumentCompleter(typeof(Completers.S3UriCompleter))]
        public string[] S3Uri { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true, ParameterSetName = BucketKeySet, ValueFromPipelineByPropertyName = true)]
        [Alias("BucketName")]
        [ArgumentCompleter(typeof(Completers.BucketNameCompleter))]
        public string Bucket { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = BucketKeySet, ValueFromPipelineByPropertyName = true)]
        public string Key { get; set; } = "";

        [Parameter(ParameterSetName = BucketKeySet, ValueFromPipelineByPropertyName = true)]
        [Alias("VersionId")]
        public string? Version { get; set; }

        /// <summary>Local documents (wildcards allowed), uploaded to -UploadUri before the job starts.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Local documents, taken literally; FileInfo objects from Get-ChildItem bind here.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>s3://bucket/prefix/ where local documents are uploaded (under a name derived from their content).</summary>
        /// <remarks>
        /// Not Mandatory in the binder's sense, though local files need it: a mandatory parameter that cannot come from
        /// the pipeline makes PowerShell drop the BucketName/Key set and bind AWS.Tools S3 objects to -S3Uri as text.
        /// Its absence is reported by the cmdlet instead.
        /// </remarks>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        [ArgumentCompleter(typeof(Completers.S3UriCompleter))]
        public string UploadUri { get; set; } = "";

        /// <summary>The ETag AWS.Tools' S3Object carries; folded into the derived ClientRequestToken.</summary>
        [Parameter(ParameterSetName = BucketKeySet, ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? ETag { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(Completers.BucketNameCompleter))]
        public string? OutputBucket { get; set; }

        [Parameter]
        public string? OutputPrefix { get; set; }

        [Parameter]
        public string? ClientRequestToken { get; set; }

        // Checked once, before the first document: the options every job of this command shares, and where local files go.
        private JobOptions _options = new JobOptions();
        private S3Location? _uploadLocation;

        /// <summary>
        /// Validates the whole request once, before any upload or AWS call (and with -WhatIf too): every option, the key
        /// by its shape and region, the upload location. A wrong value stops the command here: it would fail every document.
        /// </summary>
        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            try
            {
                _options = BuildOptions();
                StartRequestValidator.ValidateOptions(_options, RegionForValidation());
                if (ParameterSetName == PathSet || ParameterSetName == LiteralPathSet)
                {
                    if (string.IsNullOrEmpty(UploadUri))
                        throw new ParameterValueException("MissingUploadUri", ParameterProblem.InvalidValue, nameof(UploadUri),
                            "-UploadUri: local documents are uploaded to S3 first; give the location, for example -UploadUri s3://my-bucket/inbox/.");
                    _uploadLocation = S3Location.Parse(UploadUri, nameof(UploadUri));
                }
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, e.ParamName));
            }
        }

        protected override void ProcessRecord()
        {
            foreach (var (document, localPath) in DocumentsOfThisRecord())
            {
                if (StopToken.IsCancellationRequested) return;
                StartOne(document, localPath);
            }
        }

        /// <summary>The documents to start, each with the local file it was uploaded from (null for S3 input).</summary>
        private IEnumerable<(S3Location Document, string? LocalPath)> DocumentsOfThisRecord()
        {
            if (ParameterSetName == PathSet || ParameterSetName == LiteralPathSet)
            {
                foreach (var uploaded in UploadLocalDocuments()) yield return uploaded;
                yield break;
            }
            if (ParameterSetName == BucketKeySet)
            {
                yield return (S3Location.Of(Bucket, Key, string.IsNullOrEmpty(Version) ? null : Version), null);
                yield break;
            }
            foreach (var uri in S3Uri)
            {
                S3Location? location = null;
                try
                {
                    var parsed = S3Location.Parse(uri, nameof(S3Uri));
                    if (parsed.IsFolder)
                        throw ParameterValueException.Invalid(nameof(S3Uri), $"-S3Uri '{uri}' names a bucket or folder, not a document: add the object key.");
                    location = parsed;
                }
                catch (ArgumentException e)
                {
                    ReportError(e, uri);
                }
                if (location != null) yield return (location, null);
            }
        }

        /// <summary>
        /// Resolves -Path/-LiteralPath to files, refuses each Textract could not read (by content and size), and uploads
        /// the others (once per content) to -UploadUri; each with the file it came from.
        /// </summary>
        private IEnumerable<(S3Location Document, string? LocalPath)> UploadLocalDocuments()
        {
            var uploadLocation = _uploadLocation!;
            var parameter = ParameterSetName == PathSet ? nameof(Path) : nameof(LiteralPath);
            foreach (var file in LocalFiles.Resolve(this, ParameterSetName == PathSet ? Path : LiteralPath, ParameterSetName == LiteralPathSet))
            {
                if (StopToken.IsCancellationRequested) yield break;
                try
                {
                    LocalDocument.Check(file, parameter);
                }
                catch (Exception e) when (e is ArgumentException || e is System.IO.IOException || e is UnauthorizedAccessException)
                {
                    ReportError(e, file);
                    continue;
                }
                if (!ShouldProcess(file, $"Upload to {uploadLocation} and start Textract")) continue;
                // The preflight checks the upload too: it runs before the first upload, not after it.
                if (Preflight && !PassesPreflight(null)) yield break;
                S3Location? uploaded = null;
                try
                {
                    var session = GetSession();
                    var uploader = session.CreateDocumentUploader();
                    var result = RunAsync(ct => uploader.UploadAsync(file, uploadLocation, _options.KmsKeyId, ct));
                    WriteVerbose(result.Uploaded ? $"Uploaded {file} to {result.Location}" : $"{file} is already at {result.Location}; not uploaded again");
                    uploaded = result.Location;
                }
                catch (Exception e) when (!(e is PipelineStoppedException))
                {
                    if (!ReportError(e, file)) yield break;
                }
                if (uploaded != null) yield return (uploaded, file);
            }
        }

        private void StartOne(S3Location document, string? localPath)
        {
            StartJobRequest request;
            try
            {
                request = JobStarter.BuildRequest(document, _options, ParameterSetName == BucketKeySet ? ETag : null, ClientRequestToken);
            }
            catch (ArgumentException e)
            {
                ReportError(e, document.Describe());
                return;
            }

            var what = request.Options.Summary();
            if (!ShouldProcess(document.Describe(), "Start Textract " + what)) return;
            if (Preflight && !PassesPreflight(document)) return;

            try
            {
                var session = GetSession();
                var job = RunAsync(ct => new JobStarter(session.Textract).StartAsync(request, session.Region, session.EndpointUrl, ct));
                job.LocalPath = localPath;
                WriteVerbose($"Started job {job.JobId} for {document.Describe()}");
                ReadStatusOfRerun(session, job);
                SessionJobHistory.Remember(job);
                WriteObject(job);
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                if (!ReportError(e, document.Describe())) return;
            }
        }

        /// <summary>
        /// A rerun's Start (same document, same options: the same derived ClientRequestToken) gets back the job the
        /// first run started, which may have finished since. Textract's Start answer says nothing of that, so the job's
        /// status is read with one Get* (MaxResults 1) unless this session already saw the job finish; the job then
        /// says SUCCEEDED (or FAILED) instead of IN_PROGRESS. A failed read keeps IN_PROGRESS (Wait-TextractJob finds out).
        /// </summary>
        private void ReadStatusOfRerun(Engine.Session.AwsSession session, TextractJob job)
        {
            var known = SessionJobHistory.Find(job.JobId);
            if (known != null && known.IsFinished)
            {
                job.Status = known.Status;
                job.StatusMessage = known.StatusMessage;
                job.Pages = known.Pages;
                job.Warnings = known.Warnings;
                job.CompletedAt = known.CompletedAt;
                return;
            }
            try
            {
                RunAsync(ct => JobWaiter.ReadStatusAsync(session.Textract, job, null, ct));
                if (job.IsFinished) WriteVerbose($"Job {job.JobId} was started before with the same ClientRequestToken and is {job.Status}.");
            }
            catch (Exception e) when (!(e is PipelineStoppedException) && !StopToken.IsCancellationRequested)
            {
                WriteVerbose($"Could not read the status of job {job.JobId} ({e.Message}); it stays IN_PROGRESS until Wait-TextractJob asks.");
            }
        }

        private JobOptions BuildOptions()
        {
            if (OutputUri != null && (OutputBucket != null || OutputPrefix != null))
                throw new ParameterValueException("ConflictingOutputParameters", ParameterProblem.InvalidValue, nameof(OutputUri),
                    "-OutputUri and -OutputBucket/-OutputPrefix say the same thing: give one or the other.");
            if (OutputPrefix != null && OutputBucket == null)
                throw new ParameterValueException("OutputPrefixWithoutBucket", ParameterProblem.InvalidValue, nameof(OutputPrefix),
                    "-OutputPrefix: an output prefix needs -OutputBucket (or -OutputUri).");
            var options = NewJobOptions();
            if (OutputBucket != null) options.Output = S3Location.Of(OutputBucket, OutputPrefix);
            return options;
        }
    }
}
